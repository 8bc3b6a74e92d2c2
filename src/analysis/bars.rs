//! The rows of the report's bar charts (not exported). A bar chart draws at most
//! [`MAX_BARS`] bars, so each frame holds the chart's first `MAX_BARS` rows and, on every
//! row, `total`: how many rows it was cut from (the chart's "Showing the first 40 of 48
//! bars" note says so when `total` is larger).
//!
//! * `top_bars`: the rows of `frequency` with article items (those with a `category_rank`),
//!   the first `top` (`--top`) of them, in `frequency`'s order;
//! * `source_bars`: the publishers over the whole window (`sources` rows of year `all`), the
//!   first `top` of them, in `sources`' order;
//! * `places` and `continents` ([`super::overview`]) are cut the same way once `continents`
//!   has summed every place.

use super::query::{collect, count_u64, lazy};
use super::AnalysisError;
use polars::prelude::*;

/// Bars a chart draws at most: beyond 40 the bars get too thin to label.
pub const MAX_BARS: IdxSize = 40;

/// `rows` with `total` (their count) on every row, cut to the first [`MAX_BARS`].
fn cut(step: &'static str, rows: LazyFrame) -> Result<DataFrame, AnalysisError> {
    let rows = rows.with_column(count_u64(len()).alias("total"));
    collect(step, rows.limit(MAX_BARS))
}

/// A chart frame cut to [`MAX_BARS`] rows with `total`; see the module doc.
pub fn chart(step: &'static str, rows: &DataFrame) -> Result<DataFrame, AnalysisError> {
    cut(step, lazy(rows))
}

/// `top_bars`; see the module doc.
pub fn top_entities(frequency: &DataFrame, top: usize) -> Result<DataFrame, AnalysisError> {
    let covered = lazy(frequency).filter(col("category_rank").is_not_null());
    cut("top entity bars", covered.limit(top as IdxSize))
}

/// `source_bars`; see the module doc.
pub fn sources(sources: &DataFrame, top: usize) -> Result<DataFrame, AnalysisError> {
    let all = lazy(sources).filter(col("year").eq(lit(super::sources::ALL)));
    cut("source bars", all.limit(top as IdxSize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u64s(df: &DataFrame, c: &str) -> Vec<u64> {
        let col = df.column(c).unwrap().u64().unwrap();
        col.into_no_null_iter().collect()
    }

    /// 45 rows: the chart frame keeps the first 40, each with total 45.
    #[test]
    fn a_chart_frame_is_cut_to_forty_rows_and_counts_them_all() {
        let rows = df!("listings" => (0..45u64).rev().collect::<Vec<_>>()).unwrap();
        let cut = chart("test bars", &rows).unwrap();
        assert_eq!(u64s(&cut, "listings"), (5..45u64).rev().collect::<Vec<_>>());
        assert_eq!(u64s(&cut, "total"), vec![45; 40]);
    }

    /// Rows without a category rank have no article items: not bars; then the first `top`.
    #[test]
    fn top_bars_are_the_first_covered_rows() {
        let frequency = df!(
            "entity" => ["a", "b", "c", "d"],
            "category_rank" => [Some(1u32), None, Some(2), Some(3)],
        )
        .unwrap();
        let bars = top_entities(&frequency, 2).unwrap();
        let names = bars.column("entity").unwrap().str().unwrap();
        assert_eq!(names.iter().flatten().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(u64s(&bars, "total"), [2, 2]);
    }
}
