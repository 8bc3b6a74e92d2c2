//! Stage 1: read archives (files, folders, several paths) into issues and sectioned items.

mod types;

pub use types::*;

use std::path::PathBuf;

/// Input formats; `None` in `LoadOptions::format` means detect by content and extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
    Substack,
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
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: no issue heading found (expected e.g. `Data Eng Weekly #330` or `Hadoop Weekly Issue #36`)")]
    NoIssues { path: PathBuf },
    #[error("issue #{number} appears twice: {first} and {second}")]
    Duplicate { number: u32, first: SourceRef, second: SourceRef },
    #[error("{path}: folder holds no readable .txt, .md, .html or feed files")]
    NothingReadable { path: PathBuf },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}
