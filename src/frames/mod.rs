//! Stage 4: Polars frames `issues`, `items`, `mentions`, `events` (in progress).

#[derive(Debug, thiserror::Error)]
pub enum FramesError {
    #[error("building the {frame} frame: {source}")]
    Polars { frame: &'static str, source: polars::prelude::PolarsError },
}
