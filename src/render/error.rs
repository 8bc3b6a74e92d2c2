//! The render stage's error (a leaf: imports nothing of the render stage, which every render
//! module imports it from by path).

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("chart {chart}: {message}")]
    Chart { chart: String, message: String },
    #[error("table {table}: {message}")]
    Table { table: String, message: String },
    /// A Polars operation failed; `step` says which.
    #[error("table {table}: {step}: {source}")]
    Polars {
        table: String,
        step: &'static str,
        source: polars::error::PolarsError,
    },
    #[error("table {table}: writing CSV: {source}")]
    Csv { table: String, source: ::csv::Error },
    #[error(
        "table {table}: this binary was built without Parquet support; \
         rebuild with `cargo build --features parquet` or write CSV"
    )]
    ParquetUnavailable { table: String },
    #[error("writing {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
}
