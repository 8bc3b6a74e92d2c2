//! The year review's momentum map (`year_momentum`): the year's leading entities placed by
//! share (x) and change of share against the year before (y), each in a named quadrant.
//!
//! Rows: the `2 x review_top` entities with the most article items in the year (the order of
//! `year_top`: items desc, mentions desc, name asc). `change_pp = (share - prev_share) x 100`
//! in percentage points. The split: `split_share` = the median share of these rows, and zero
//! change. Quadrants: `leading` (share >= split, change >= 0), `rising` (share < split,
//! change >= 0), `fading` (share >= split, change < 0), `niche` (share < split, change < 0).
//! With no issue in the year before, prev_share is 0 and every row is leading or rising.
//!
//! `momentum_quadrants` (not exported; the review's momentum sentence): one row per quadrant
//! in `QUADRANTS` order, also when empty: quadrant, entities (its rows of `year_momentum`),
//! names (its first three entities in `year_momentum`'s order joined by ", ", null when
//! none), more (entities > 3), mapped (all rows of `year_momentum`, on every row).

use super::query::{collect, lazy, left_join_ordered, polars};
use super::AnalysisError;
use polars::prelude::*;

/// Quadrant names in the order the chart colours them: top right, top left, bottom right,
/// bottom left.
pub const QUADRANTS: [&str; 4] = ["leading", "rising", "fading", "niche"];

/// `year_momentum` from a `year_top`-shaped frame (entity, category, items, share,
/// prev_items, prev_share, ...): entity, category, items, share, prev_items, prev_share,
/// change_pp, split_share, quadrant.
pub fn momentum(top: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let high = col("share").gt_eq(col("split_share"));
    let up = col("change_pp").gt_eq(lit(0.0));
    let quadrant = when(high.clone().and(up.clone()))
        .then(lit(QUADRANTS[0]))
        .when(up)
        .then(lit(QUADRANTS[1]))
        .when(high)
        .then(lit(QUADRANTS[2]))
        .otherwise(lit(QUADRANTS[3]));
    let rows = lazy(top)
        .with_columns([
            ((col("share") - col("prev_share")) * lit(100.0)).alias("change_pp"),
            col("share").median().alias("split_share"),
        ])
        .with_column(quadrant.alias("quadrant"))
        .select([
            col("entity"),
            col("category"),
            col("items"),
            col("share"),
            col("prev_items"),
            col("prev_share"),
            col("change_pp"),
            col("split_share"),
            col("quadrant"),
        ]);
    collect("year momentum table", rows)
}

/// `momentum_quadrants` from `year_momentum`; see the module doc.
pub fn quadrants(momentum: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let order = df!("quadrant" => QUADRANTS).map_err(polars("momentum quadrants"))?;
    let counts = lazy(momentum).group_by([col("quadrant")]).agg([
        len().cast(DataType::UInt64).alias("entities"),
        col("entity").head(Some(3)).alias("names"),
    ]);
    let rows = left_join_ordered(order.lazy(), counts, &["quadrant"])
        .with_columns([
            col("entities").fill_null(lit(0u64)),
            col("names").list().join(lit(", "), true),
        ])
        .with_columns([
            col("entities").gt(lit(3u64)).alias("more"),
            col("entities").sum().alias("mapped"),
        ]);
    collect("momentum quadrants", rows)
}
