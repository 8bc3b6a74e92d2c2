//! Charts (render stage): data structs that draw themselves to SVG text or PNG bytes.
//!
//! Each chart kind has one drawing function generic over the plotters backend, so its SVG
//! and PNG are the same picture. Canvases have a fixed size per kind; text is measured with
//! the same font on both backends, so layout (label columns, tick thinning) is identical.
//! Output depends only on the input: no clock, no randomness, no hash-map order.

mod area;
mod axis;
mod bars;
mod bitmap;
pub(crate) mod canvas;
mod heatmap;
mod legend;
mod momentum;
mod movers;
mod periods;
mod rows;
mod text;
mod theme;
mod trend;

pub use area::StackedArea;
pub use axis::ValueFormat;
pub use bars::{BarRow, HorizontalBars};
pub use heatmap::Heatmap;
pub use momentum::{MomentumMap, MomentumPoint};
pub use movers::{MoverRow, Movers};
pub use periods::Series;
pub use trend::TrendLines;
