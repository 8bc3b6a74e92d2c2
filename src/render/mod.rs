//! Stage 6: pure renderers returning bytes: CSV, Markdown, SVG and PNG charts (in progress).

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("chart {chart}: {message}")]
    Chart { chart: String, message: String },
    #[error("table {table}: {message}")]
    Table { table: String, message: String },
}
