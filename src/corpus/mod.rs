//! Stage 1: read archives (files, folders, several paths) into issues and sectioned items.
//!
//! ```text
//! --profile -> profile::Profile (the newsletter's grammar: headings, dates, sections, chrome)
//! paths -> source::collect (files, folders walked in sorted order)
//!       -> source::reader_for(format) (text, markdown, html page, RSS/Atom feed, Substack)
//!          (html, feed entries and Substack posts become the text reader's lines)
//!          or single (one post per file: front matter, --one-per-file, no heading)
//!       -> issues (heading, written or metadata date) -> items (paragraphs, listings, or the
//!          blocks of the markup) -> sections
//!       -> numbering (issues without a number, by date) -> sort by number, reject
//!          duplicates -> dates::assign_dates -> Corpus
//! ```

mod blocks;
mod classify;
mod dates;
mod feed;
mod frontmatter;
mod heading;
mod html;
mod items;
mod limits;
mod listing;
mod markdown;
mod numbering;
mod page;
mod post;
mod posts_csv;
pub mod profile;
mod publisher;
mod release;
mod single;
mod source;
mod spill;
mod store;
mod substack;
mod table;
mod text;
mod title;
mod types;

pub use dates::{
    assign_dates, expected_date, interpolate, solve_listings, sunday_before, Anchor,
    BUILT_IN_ANCHOR, PLAUSIBLE_YEARS,
};
pub use feed::parse_feed;
pub use limits::{ENTITY_EXPANSION, HTML_DEPTH};
pub use listing::parse_listing;
pub use markdown::parse_markdown;
pub use page::parse_html;
pub use profile::{Profile, ProfileChoice, ProfileError};
pub use publisher::{is_shared_host, publisher};
pub use release::Releasing;
pub use source::{decode, detect_format, format_from_extension, reader_for, ReadFn};
#[cfg(test)]
pub(crate) use store::keeping;
pub use substack::parse_substack;
pub use table::issue_rows;
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
    /// The newsletter's profile (`--profile`); the default is the built-in `dew`.
    pub profile: ProfileChoice,
    /// Read every text, Markdown and HTML file as one post (`--one-per-file`).
    pub one_per_file: bool,
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
    #[error("{path}:{line}: issue heading not read: {why}; the file has no other issue")]
    UnreadHeading {
        path: PathBuf,
        line: u32,
        why: String,
    },
    #[error("issue #{number} appears {}", places(first, second))]
    Duplicate {
        number: u32,
        first: SourceRef,
        second: SourceRef,
    },
    #[error("{path}: folder holds no readable .txt, .md, .html or feed files")]
    NothingReadable { path: PathBuf },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("profile {0}")]
    Profile(ProfileError),
    #[error("issue #{issue}, item {item}: the corpus has no such item")]
    NoItem { issue: u32, item: u32 },
    #[error("issue #{issue}, item {item}: its text is in the corpus' text store, not held by the item (read it with `Corpus::items`)")]
    TextStored { issue: u32, item: u32 },
}

/// `twice: a and b`, or `twice in a` when both are one place (a page has no lines).
fn places(first: &SourceRef, second: &SourceRef) -> String {
    if first == second {
        format!("twice in {first}")
    } else {
        format!("twice: {first} and {second}")
    }
}

/// Reads every path (files or folders) into one corpus: issues ordered by number, every
/// issue dated as well as the corpus allows (see `assign_dates`).
///
/// Errors stop the load: a missing path, an unreadable file or folder, a folder with no
/// readable file, the same issue number twice, and a file named on the command line that is
/// empty, has no issue heading (or only headings that cannot be read) or is not readable in
/// its format (a broken feed, a ZIP that is no Substack export, input over a limit). The
/// same problems in a file found by walking a folder skip that file with a warning and
/// count it, so the rest of the archive is still read; so are posts that are no issues or
/// whose body is missing, and the lines under a heading that cannot be read. Undecodable
/// bytes and lines not read as written (docs/INPUTS.md) only warn.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, CorpusError> {
    load_with(paths, opts, None, &mut Keep)
}

/// Receives the issues of the archive in batches as they are parsed, before the whole archive
/// is read (dates are assigned only at the end): the subcommands extract each batch (then the
/// corpus may move its texts to its scratch folder) while the next one is read. A plain-text
/// file comes in batches of a few tens of megabytes, any other file whole.
pub(crate) trait Sink {
    /// The issues just parsed from the current file.
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError>;
    /// A file starts.
    fn start_file(&mut self) {}
    /// The batches of the current file are void: the file is read again another way (a
    /// stream that meets bytes it cannot decode), or skipped. Called before the file's
    /// issues come again, if they do.
    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        Ok(())
    }
}

/// The sink of [`load`]: keeps every issue as it is.
pub(crate) struct Keep;

impl Sink for Keep {
    fn batch(&mut self, _: &mut [Issue]) -> Result<(), CorpusError> {
        Ok(())
    }
}

/// Bytes of every file `load` would read from `paths` (errors as `load` reports them).
fn input_bytes(paths: &[PathBuf]) -> Result<u64, CorpusError> {
    let mut total = 0;
    for input in source::collect(paths)?.files {
        total += match input.builtin {
            Some(bytes) => bytes.len() as u64,
            None => {
                let meta = std::fs::metadata(&input.path).map_err(|source| CorpusError::Io {
                    path: input.path.clone(),
                    source,
                })?;
                meta.len()
            }
        };
    }
    Ok(total)
}

/// [`load`], handing each batch of parsed issues to `sink` first (see [`Sink`]), and free to
/// keep item texts in a file in the folder `scratch` (see `store`). An error from the sink
/// stops the load. Under a profile that numbers issues by date, the numbers are
/// known only once the whole archive is read: the sink then gets every issue in one batch at
/// the end.
pub(crate) fn load_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    scratch: Option<&Path>,
    sink: &mut dyn Sink,
) -> Result<Corpus, CorpusError> {
    let profile = opts.profile.load().map_err(CorpusError::Profile)?;
    let opts = &LoadOptions {
        profile: ProfileChoice::Ready(profile.clone()),
        ..opts.clone()
    };
    let size = match scratch {
        Some(_) => input_bytes(paths)?,
        None => 0,
    };
    // The caller's sink sees each batch, then its texts may move to the store; while issues
    // wait for their numbers (`hold`), both wait.
    let mut storing = store::Storing::new(sink, scratch, size);
    let hold = profile.unnumbered == profile::Unnumbered::Date;
    let mut gate = Gate {
        sink: &mut storing,
        hold,
    };
    let mut corpus = Corpus::default();
    let mut issues = Vec::new();
    let inputs = source::collect(paths)?;
    for folder in &inputs.report_folders {
        corpus.warnings.push(Warning::new(
            folder,
            0,
            format!(
                "not read: a topictrend report folder (it holds {}); the tool never reads its \
                 own output",
                crate::output::MARKER
            ),
        ));
    }
    // Placeholder numbers handed out so far (see `numbering`).
    let mut placeholders = 0;
    for input in inputs.files {
        let path = &input.path;
        gate.start_file();
        let warned = corpus.warnings.len();
        let Read {
            issues: read,
            format,
            streamed,
        } = read_input(&input, opts, &profile, &mut corpus, &mut gate)?;
        match read {
            Ok(mut found) => {
                let by_name = profile.dates_in_file_names && is_post_format(format);
                let warnings = &mut corpus.warnings[warned..];
                numbering::settle_file(path, &mut found, warnings, by_name, &mut placeholders);
                if !streamed {
                    gate.batch(&mut found)?;
                }
                issues.extend(found)
            }
            Err(e) if input.from_folder && e.is_per_file() => {
                gate.abandon_file()?;
                skip_file(&mut corpus, path, &e)
            }
            Err(e) => return Err(e),
        }
    }
    numbering::number_by_date(&mut issues, &mut corpus.warnings);
    issues.sort_by_key(|i| i.number);
    check_duplicates(&issues)?;
    assign_dates(&mut issues);
    if hold {
        gate.sink.start_file();
        gate.sink.batch(&mut issues)?;
    }
    corpus.store = storing.finish()?;
    corpus.issues = issues;
    Ok(corpus)
}

/// Formats whose files may hold one post each (`single`).
fn is_post_format(format: Format) -> bool {
    matches!(format, Format::Text | Format::Markdown | Format::Html)
}

/// What reading one input gave.
struct Read {
    /// Its issues, or the error that stops the load or skips the file.
    issues: Result<Vec<Issue>, CorpusError>,
    format: Format,
    /// Its batches went to the sink as they were parsed (a streamed text file).
    streamed: bool,
}

impl Read {
    fn new(issues: Result<Vec<Issue>, CorpusError>, format: Format, streamed: bool) -> Read {
        Read {
            issues,
            format,
            streamed,
        }
    }
}

/// Reads one input; an error here (the file cannot be read) stops the load.
fn read_input(
    input: &source::Input,
    opts: &LoadOptions,
    profile: &Profile,
    corpus: &mut Corpus,
    sink: &mut dyn Sink,
) -> Result<Read, CorpusError> {
    let path = &input.path;
    let streaming = match input.builtin {
        Some(_) => None,
        None => read_streamed(path, opts, profile, corpus, sink)?,
    };
    let bytes = match (streaming, input.builtin) {
        (Some(Err(CorpusError::NoIssues { path })), None) if can_fall_back(profile) => {
            // A text file holding no heading may still be one post: read it whole.
            let bytes = std::fs::read(&path).map_err(|source| CorpusError::Io {
                path: path.clone(),
                source,
            })?;
            let read = single::fallback(&path, &bytes, Format::Text, profile, corpus)
                .ok_or(CorpusError::NoIssues { path });
            return Ok(Read::new(read, Format::Text, false));
        }
        (Some(read), _) => return Ok(Read::new(read, Format::Text, true)),
        (None, Some(bytes)) => std::borrow::Cow::Borrowed(bytes),
        (None, None) => {
            std::borrow::Cow::Owned(std::fs::read(path).map_err(|e| CorpusError::Io {
                path: path.clone(),
                source: e,
            })?)
        }
    };
    sink.abandon_file()?;
    corpus.bytes += bytes.len() as u64;
    if bytes.is_empty() {
        let empty = Err(CorpusError::Empty { path: path.clone() });
        return Ok(Read::new(empty, Format::Text, false));
    }
    let format = opts.format.unwrap_or_else(|| detect_format(path, &bytes));
    let one_post =
        is_post_format(format) && (opts.one_per_file || frontmatter::opens_with_fence(&bytes));
    let read = if one_post {
        single::read_post_file(path, &bytes, format, profile, corpus)
    } else {
        match reader_for(format)(path, &bytes, opts, corpus) {
            Err(CorpusError::NoIssues { path })
                if is_post_format(format) && can_fall_back(profile) =>
            {
                single::fallback(&path, &bytes, format, profile, corpus)
                    .ok_or(CorpusError::NoIssues { path })
            }
            read => read,
        }
    };
    Ok(Read::new(read, format, false))
}

/// A file without an issue heading is read as one post only under a profile that numbers
/// issues by date (under `dew` it stays "no issue heading found", as a post needs a number).
fn can_fall_back(profile: &Profile) -> bool {
    profile.unnumbered == profile::Unnumbered::Date
}

/// The sink, or nothing while issues still wait for their numbers (`hold`).
struct Gate<'s> {
    sink: &'s mut dyn Sink,
    hold: bool,
}

impl Sink for Gate<'_> {
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError> {
        if self.hold {
            return Ok(());
        }
        self.sink.batch(issues)
    }

    fn start_file(&mut self) {
        if !self.hold {
            self.sink.start_file()
        }
    }

    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        if self.hold {
            return Ok(());
        }
        self.sink.abandon_file()
    }
}

/// Plain text is streamed (`text::parse_text_stream`), so a large archive is not held as
/// bytes and as issues at once: the format is detected from the file's first 4 KiB, as
/// `detect_format` needs no more. `None` when the file is in another format, may be one post
/// (`--one-per-file`, front matter) or the stream cannot take it (UTF-16, invalid UTF-8):
/// the caller reads it whole.
fn read_streamed(
    path: &Path,
    opts: &LoadOptions,
    profile: &Profile,
    corpus: &mut Corpus,
    sink: &mut dyn Sink,
) -> Result<Option<Result<Vec<Issue>, CorpusError>>, CorpusError> {
    use std::io::Read;
    let io = |source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut head = Vec::with_capacity(4096);
    (&mut file).take(4096).read_to_end(&mut head).map_err(io)?;
    if head.is_empty()
        || opts.format.unwrap_or_else(|| detect_format(path, &head)) != Format::Text
        || opts.one_per_file
        || frontmatter::opens_with_fence(&head)
    {
        return Ok(None);
    }
    let input = head.as_slice().chain(file);
    let mut warnings = Vec::new();
    let block = (text::STREAM_BLOCK, &**profile);
    match text::parse_text_stream(path, input, block, &mut warnings, sink) {
        Ok(Some((issues, bytes))) => {
            corpus.bytes += bytes;
            corpus.add_warnings(warnings);
            Ok(Some(Ok(issues)))
        }
        Ok(None) => Ok(None),
        Err(CorpusError::Io { path, source }) => Err(CorpusError::Io { path, source }),
        Err(e) => {
            // The file was read to its end, as the whole-file path counts it.
            corpus.bytes += std::fs::metadata(path).map_or(0, |m| m.len());
            Ok(Some(Err(e)))
        }
    }
}

impl CorpusError {
    /// A problem with one file's content, not with the run: skippable inside a folder.
    fn is_per_file(&self) -> bool {
        matches!(
            self,
            CorpusError::Empty { .. }
                | CorpusError::NoIssues { .. }
                | CorpusError::UnreadHeading { .. }
                | CorpusError::Format { .. }
        )
    }
}

/// Reports a file found in a folder that could not be read as an archive, and counts it.
fn skip_file(corpus: &mut Corpus, path: &Path, error: &CorpusError) {
    let text = error.to_string();
    let prefix = format!("{}: ", path.display());
    let reason = text.strip_prefix(&prefix).unwrap_or(&text);
    corpus.skip(Warning::new(path, 0, format!("skipped: {reason}")));
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
