//! Stage 1: read archives (files, folders, several paths) into issues and sectioned items.
//!
//! ```text
//! paths -> source::collect (files, folders walked in sorted order)
//!       -> source::reader_for(format) (text, markdown; html/feeds/substack later)
//!       -> issues (heading, written date) -> items (paragraphs, listings) -> sections
//!       -> sort by number, reject duplicates -> dates::assign_dates -> Corpus
//! ```

mod classify;
mod dates;
mod heading;
mod items;
mod listing;
mod markdown;
mod source;
mod table;
mod text;
mod types;

pub use dates::{
    assign_dates, expected_date, interpolate, solve_listings, sunday_before, Anchor,
    BUILT_IN_ANCHOR, PLAUSIBLE_YEARS,
};
pub use listing::parse_listing;
pub use markdown::parse_markdown;
pub use source::{decode, detect_format, format_from_extension, reader_for, ReadFn};
pub use table::{issues_csv, issues_table};
pub use text::parse_text;
pub use types::*;

use std::path::{Path, PathBuf};

/// Input formats; `None` in `LoadOptions::format` means detect by content and extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
    Substack,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Substack => "substack",
        }
    }
}

/// How to read the inputs.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Force one format for every input instead of detecting it.
    pub format: Option<Format>,
    /// Read unpublished Substack drafts too.
    pub include_drafts: bool,
}

/// Errors that stop ingest; every variant names the file (and line) involved.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: no issue heading found (expected e.g. `Data Eng Weekly #330` or `Hadoop Weekly Issue #36`)")]
    NoIssues { path: PathBuf },
    #[error("issue #{number} appears twice: {first} and {second}")]
    Duplicate {
        number: u32,
        first: SourceRef,
        second: SourceRef,
    },
    #[error("{path}: folder holds no readable .txt, .md, .html or feed files")]
    NothingReadable { path: PathBuf },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// Reads every path (files or folders) into one corpus: issues ordered by number, every
/// issue dated as well as the corpus allows (see `assign_dates`).
///
/// Errors stop the load: a missing path, an unreadable file, an empty file, a file with no
/// issue heading, a folder with no readable file, a forced or named file in a format not
/// supported yet, and the same issue number twice. Undecodable bytes only warn; files found
/// in folders whose format is not supported yet are skipped with a warning and counted.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus::default();
    let mut issues = Vec::new();
    for input in source::collect(paths)? {
        let path = &input.path;
        let bytes = std::fs::read(path).map_err(|e| CorpusError::Io {
            path: path.clone(),
            source: e,
        })?;
        corpus.bytes += bytes.len() as u64;
        if bytes.is_empty() {
            return Err(CorpusError::Empty { path: path.clone() });
        }
        let format = opts.format.unwrap_or_else(|| detect_format(path, &bytes));
        match reader_for(format) {
            Some(read) => issues.extend(read(path, &bytes, opts, &mut corpus.warnings)?),
            None if input.from_folder => skip_unsupported(&mut corpus, path, format),
            None => return Err(unsupported(path, format)),
        }
    }
    issues.sort_by_key(|i| i.number);
    check_duplicates(&issues)?;
    assign_dates(&mut issues);
    corpus.issues = issues;
    Ok(corpus)
}

fn unsupported(path: &Path, format: Format) -> CorpusError {
    let message = format!("reading {} input is not supported yet", format.as_str());
    CorpusError::Format {
        path: path.to_path_buf(),
        message,
    }
}

fn skip_unsupported(corpus: &mut Corpus, path: &Path, format: Format) {
    let message = format!(
        "skipped: reading {} input is not supported yet",
        format.as_str()
    );
    corpus.warnings.push(Warning {
        file: path.to_path_buf(),
        line: 0,
        message,
    });
    corpus.skipped += 1;
}

/// `issues` sorted (stably) by number: equal numbers are adjacent, first-read first.
fn check_duplicates(issues: &[Issue]) -> Result<(), CorpusError> {
    match issues.windows(2).find(|w| w[0].number == w[1].number) {
        Some(w) => Err(CorpusError::Duplicate {
            number: w[0].number,
            first: w[0].source.clone(),
            second: w[1].source.clone(),
        }),
        None => Ok(()),
    }
}
