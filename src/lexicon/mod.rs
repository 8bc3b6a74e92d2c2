//! Stage 2: load and check the curated dictionaries in `data/lexicon/` (see docs/LEXICON.md).

mod types;

pub use types::*;

use std::path::PathBuf;

/// Errors met while loading a lexicon; every variant names the file (and line) involved.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: cannot read lexicon: {source}")]
    Io { file: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Row { file: PathBuf, line: u32, message: String },
}

/// All entities of the three tables, technologies then organisations then cities,
/// each in file order. `EntityId` indexes `entities`.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub entities: Vec<Entity>,
}
