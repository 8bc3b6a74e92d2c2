//! Stage 6: pure renderers returning bytes: SVG and PNG charts, CSV and Parquet tables,
//! Markdown tables and number formatting. The writer (`crate::output`) puts them on disk.
//!
//! ```text
//! chart data struct --.svg()--> String   (SVGBackend::with_string)
//!                   --.png()--> Vec<u8>  (RGB bitmap, PNG-encoded in memory)
//! DataFrame + CsvSpec --csv::write_csv--> any Write   parquet::to_parquet (feature `parquet`)
//! markdown::Table --render--> String                 number::{thousands, percent, ...}
//! text rows --aligned::aligned--> String (a terminal table: `topictrend issues`)
//! ```
//!
//! Charts: [`HorizontalBars`] (top entities, meetups by country and by continent),
//! [`TrendLines`], [`StackedArea`],
//! [`Heatmap`] (NPMI) and [`Movers`] (dumbbells). Every renderer is deterministic: the same
//! input gives the same bytes, so outputs can be compared and committed as goldens.
//! Callers sort and cut their rows first (the analysis does: at most 40 bars, points or
//! dumbbells, finite values); renderers draw every row in the order given. Bars, momentum
//! points and dumbbells reject a value that is not finite, as an error; lines and heatmap
//! cells draw it as a gap and a stacked area as 0 (as it does a negative value). Modules import `RenderError` from the leaf [`error`] and
//! never from this module, which only declares and re-exports.

pub mod aligned;
pub mod chart;
pub mod csv;
pub mod error;
pub mod markdown;
pub mod number;
pub mod parquet;
pub mod report;

pub use chart::{
    BarRow, Heatmap, HorizontalBars, MomentumMap, MomentumPoint, MoverRow, Movers, Series,
    StackedArea, TrendLines, ValueFormat,
};
pub use error::RenderError;
