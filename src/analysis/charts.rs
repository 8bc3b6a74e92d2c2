//! The report's chart tables, computed here so the renderer only draws: the chart periods,
//! topic shares per chart period (`topic_trends`, and the stacked area's `topic_mix`), the
//! trend-line entities and their shares (`trend_lines`, `lines`), the movers chart's rows, and the
//! archive's totals (`overview`, `places`, `continents`, `unresolved_places`).
//!
//! Chart periods are the trend period made coarser (issue -> month -> quarter -> year) until
//! at most [`MAX_POINTS`] periods remain, over every issue of the archive; undated issues have
//! no calendar period and are left out of month, quarter and year charts. In a share table,
//! `items` = article items of the period naming the entity, or any technology of the topic
//! (an item counts once per key, and for every key it names); `period_items` = the period's
//! article items; `share = items / period_items`; `norm_share = items / sum of items of all
//! keys in the period`. Rows: every period (time order) times every key, by items desc, key
//! asc within a period (docs/METHODS.md, sections 2, 3 and 8). `trend_lines` and `topic_mix`
//! are complete grids, 0 where a key has no item, drawn from lists ([`series`]: `lines` and
//! `topic_mix`, a row per key, a value per period): the renderer draws them as they are. Each has something to draw: a
//! share is finite (0 in a period without article items), and a `topic_mix` topic has items
//! in some period (topics come from the counted cells; "other topics" only past
//! [`AREA_TOPICS`]).

use super::base::Base;
use super::distinct::per_key;
use super::query::{
    code_names, collect, inner_join, lazy, left_join, left_join_ordered, pair_key, polars, share,
    sort_by, strs, text,
};
use super::AnalysisError;
use crate::config::Period;
use polars::prelude::*;

/// Most periods a time chart draws before its period is made coarser.
pub const MAX_POINTS: usize = 40;
/// Topics drawn in the stacked area; the rest are summed as "other topics".
pub const AREA_TOPICS: usize = 7;

fn coarser(p: Period) -> Option<Period> {
    match p {
        Period::Issue => Some(Period::Month),
        Period::Month => Some(Period::Quarter),
        Period::Quarter => Some(Period::Year),
        Period::Year => None,
    }
}

/// The chart periods: the period used, the periods (period str, index u32, article_items
/// u64; time order) and each issue's period (issue, period index).
pub fn chart_periods(
    issues: &DataFrame,
    start: Period,
) -> Result<(Period, DataFrame, DataFrame), AnalysisError> {
    let mut period = start;
    loop {
        let (rows, of_issue) = super::period::periods(issues, period)?;
        match coarser(period) {
            Some(next) if rows.height() > MAX_POINTS => period = next,
            _ => {
                let rows = rows
                    .select(["period", "index", "article_items"])
                    .map_err(polars("chart periods"))?;
                return Ok((period, rows, of_issue));
            }
        }
    }
}

/// A share table over the chart periods for `keys` (in chart order): `counts` holds
/// period (index), key, items for the non-zero cells.
fn share_table(
    step: &'static str,
    key: &str,
    periods: &DataFrame,
    keys: &[String],
    counts: LazyFrame,
) -> Result<DataFrame, AnalysisError> {
    let keys = df!("key" => keys, "order" => (0..keys.len() as u32).collect::<Vec<u32>>())
        .map_err(polars(step))?;
    let grid = lazy(periods)
        .select([
            col("period").alias("name"),
            col("index").alias("period"),
            col("article_items").alias("period_items"),
        ])
        .cross_join(keys.lazy(), None);
    let period_sum = col("items")
        .sum()
        .over([col("period")])
        .map_err(polars(step))?;
    let rows = left_join(grid, counts, &["period", "key"])
        .with_column(col("items").fill_null(lit(0u64)))
        .with_columns([
            share(col("items"), col("period_items")).alias("share"),
            share(col("items"), period_sum).alias("norm_share"),
        ]);
    let rows = sort_by(rows, &[("period", false), ("items", true), ("key", false)]);
    collect(
        step,
        rows.select([
            col("name").alias("period"),
            col("key").alias(key),
            col("items"),
            col("period_items"),
            col("share"),
            col("norm_share"),
        ]),
    )
}

/// Article cells (of `cells`) with their chart period (`period`), in their order; cells of
/// issues without one are left out. A left join on the issue: the right side is a row per
/// issue (hundreds), so it probes each cell's u32 issue in a small hash table and, every
/// cell matching at most once, keeps the cells' columns as they are (in unit order, which
/// `per_key` then need not sort) and gathers only `period`: one lookup per cell, as the
/// gather by issue number it replaces did (700,000 article cells at 100 MiB).
fn article_cells(cells: LazyFrame, of_issue: &DataFrame) -> LazyFrame {
    let cells = cells.filter(col("section").eq(lit("article")));
    left_join(cells, lazy(of_issue), &["issue"]).filter(col("period").is_not_null())
}

/// `topic_trends` and its topics in chart order: technology topics (each item's topics as its
/// mentions give them), ordered by article items over the archive desc, then name.
pub fn topic_trends(
    base: &Base,
    periods: &DataFrame,
    of_issue: &DataFrame,
) -> Result<(DataFrame, Vec<String>), AnalysisError> {
    let err = polars("topic trends");
    // Items per (period, topic): one code for the pair, distinct units per code.
    let topics = code_names(base.cells.column("topic").map_err(&err)?).map_err(&err)?;
    let span = topics.height().max(1) as u64;
    let code = pair_key(col("period"), col("topic").to_physical(), span);
    let rows = article_cells(lazy(&base.cells), of_issue)
        .filter(col("category").eq(lit("technology")))
        .select([col("unit"), code.alias("code")]);
    let rows = collect("topic trends", rows)?;
    let counted = per_key(&rows, "unit", "code", "items")
        .map_err(&err)?
        .lazy();
    let counts = counted.select([
        (col("code") / lit(span))
            .cast(DataType::UInt32)
            .alias("period"),
        (col("code") % lit(span)).alias("topic"),
        col("items"),
    ]);
    let counts = inner_join(
        counts,
        topics.lazy().rename(["code"], ["topic"], true),
        &["topic"],
    )
    .select([col("period"), col("key"), col("items")]);
    let counts = collect("topic trends", counts)?;
    let order = lazy(&counts)
        .group_by([col("key")])
        .agg([col("items").sum()]);
    let order = collect(
        "topic trends",
        sort_by(order, &[("items", true), ("key", false)]),
    )?;
    let keys: Vec<String> = strs(&order, "key")
        .map_err(polars("topic trends"))?
        .into_iter()
        .flatten()
        .collect();
    let table = share_table("topic trends", "topic", periods, &keys, counts.lazy())?;
    Ok((table, keys))
}

/// `trend_lines`: the given entities, in the order given, with `smoothed` (see [`smoothed`])
/// over `smooth` chart periods.
pub fn trend_lines(
    base: &Base,
    periods: &DataFrame,
    of_issue: &DataFrame,
    entities: &[String],
    smooth: usize,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("trend lines");
    let dtype = base.cells.column("entity").map_err(&err)?.dtype().clone();
    let chosen = Series::new("chosen".into(), entities)
        .cast(&dtype)
        .map_err(&err)?;
    let cells = lazy(&base.cells).filter(col("entity").is_in(lit(chosen).implode(false), false));
    let counts = article_cells(cells, of_issue)
        .group_by([col("period"), col("entity")])
        .agg([len().cast(DataType::UInt64).alias("items")])
        .select([col("period"), text("entity").alias("key"), col("items")]);
    let table = share_table("trend lines", "entity", periods, entities, counts)?;
    let smoothed = smoothed(smooth).map_err(&err)?;
    collect("trend lines", lazy(&table).with_column(smoothed))
}

/// The `smoothed` column of a share table: per key, the centred rolling share over `window`
/// periods (even windows round up to odd), `sum items / sum period_items` over the periods
/// of the window that exist (as `shape::rolling_share`), so a thin period weighs little and
/// the ends use a shorter window. `window` 1 gives `share` itself. Relies on the table's
/// order (period ascending): each key's rows come in time order. A window sum is exact
/// integer arithmetic, a difference of running sums per key: through row i + half (the
/// key's total past its end) less through row i - half - 1 (0 before its start).
fn smoothed(window: usize) -> PolarsResult<Expr> {
    let half = (window | 1) as i64 / 2;
    let sum = |c: &str| {
        let running = col(c).cum_sum(false);
        let to = running.clone().shift(lit(-half)).fill_null(col(c).sum());
        let before = running.shift(lit(half + 1)).fill_null(lit(0u64));
        (to - before).over([col("entity")])
    };
    Ok(share(sum("items")?, sum("period_items")?).alias("smoothed"))
}

/// `topic_mix`, the stacked area: topic, percent (`norm_share` x 100, a list with a value per
/// chart period in time order) of the [`AREA_TOPICS`] largest topics, then "other topics"
/// summing the rest in topic order. That
/// sum is a running sum (`cum_sum`, a left-to-right fold) whose last value is taken: a group
/// `sum` of floats adds pairwise, which can change the last bits.
pub fn topic_mix(trends: &DataFrame, keys: &[String]) -> Result<DataFrame, AnalysisError> {
    let err = polars("topic mix");
    let order = df!("topic" => keys, "order" => (0..keys.len() as u32).collect::<Vec<u32>>());
    let rows = lazy(trends).with_row_index("row", None).select([
        col("row"),
        col("period"),
        text("topic"),
        (col("norm_share") * lit(100.0)).alias("percent"),
    ]);
    let rows = inner_join(rows, order.map_err(&err)?.lazy(), &["topic"]);
    let area = col("order").lt(lit(AREA_TOPICS as u32));
    let top = sort_by(
        rows.clone().filter(area.clone()),
        &[("order", false), ("row", false)],
    )
    .select([col("period"), col("topic"), col("percent")]);
    // Periods in time order (the table's), each period's other topics in topic order.
    let in_order = SortMultipleOptions::default().with_maintain_order(true);
    let other = sort_by(rows.filter(area.not()), &[("row", false)])
        .group_by_stable([col("period")])
        .agg([col("percent")
            .sort_by([col("order")], in_order)
            .cum_sum(false)
            .last()])
        .select([
            col("period"),
            lit("other topics").alias("topic"),
            col("percent"),
        ]);
    let rows = concat([top, other], UnionArgs::default()).map_err(&err)?;
    collect("topic mix", series(rows, "topic", &["percent"]))
}

/// Each key's `values` as lists, a row per key in the order of its first row, each list in
/// row order: the series a chart draws, from a long table that comes in time order.
pub fn series(long: LazyFrame, key: &str, values: &[&str]) -> LazyFrame {
    long.group_by_stable([col(key)])
        .agg(values.iter().map(|v| col(*v)).collect::<Vec<_>>())
}

/// `lines`: the trend-line entities in chart order, each with its `share` and `smoothed`
/// series from `trend_lines` (a list per entity, a value per chart period in time order).
pub fn lines(entities: &[String], trend_lines: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let keys = df!("entity" => entities).map_err(polars("trend line series"))?;
    let series = series(lazy(trend_lines), "entity", &["share", "smoothed"]);
    collect(
        "trend line series",
        left_join_ordered(keys.lazy(), series, &["entity"]),
    )
}
