//! Stage 5: frequency, trends, co-mentions and coverage balance (in progress).

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("{step}: {source}")]
    Polars { step: &'static str, source: polars::prelude::PolarsError },
    #[error("{path}:{line}: {message}")]
    Targets { path: std::path::PathBuf, line: u32, message: String },
}
