//! The report's chart tables, computed here so the renderer only draws: the chart periods,
//! topic shares per chart period (`topic_trends`, and the stacked area's `topic_mix`), the
//! trend-line entities and their shares (`trend_lines`), the movers chart's rows, and the
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
//! (topic by topic, every period in time order) are complete grids, 0 where a key has no
//! item: the renderer draws their rows as they are.

use super::base::Base;
use super::distinct::per_key;
use super::query::{
    code_names, collect, inner_join, lazy, left_join, pair_key, polars, share, sort_by, strs, text,
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
/// issues without one are left out. The period is looked up by issue number (a gather from a
/// column indexed by it) rather than joined: the cells are long, the issues few.
fn article_cells(cells: LazyFrame, of_issue: &DataFrame) -> PolarsResult<LazyFrame> {
    let issue = super::query::u64s(of_issue, "issue")?;
    let period = super::query::u64s(of_issue, "period")?;
    let mut by_issue: Vec<Option<u32>> =
        vec![None; issue.iter().max().map_or(0, |m| m + 1) as usize];
    for (&i, &p) in issue.iter().zip(&period) {
        by_issue[i as usize] = Some(p as u32);
    }
    let by_issue = Series::new("period".into(), by_issue);
    let period = lit(by_issue).gather(col("issue").cast(IDX_DTYPE), true);
    Ok(cells
        .filter(col("section").eq(lit("article")))
        .with_column(period.alias("period"))
        .filter(col("period").is_not_null()))
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
        .map_err(&err)?
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
        .map_err(&err)?
        .group_by([col("period"), col("entity")])
        .agg([len().cast(DataType::UInt64).alias("items")])
        .select([col("period"), text("entity").alias("key"), col("items")]);
    let mut table = share_table("trend lines", "entity", periods, entities, counts)?;
    let column = smoothed(&table, smooth).map_err(&err)?;
    table.with_column(column).map_err(&err)?;
    Ok(table)
}

/// The `smoothed` column of a share table: per key, the centred rolling share over `window`
/// periods (even windows round up to odd), `sum items / sum period_items` over the periods
/// of the window that exist (`shape::rolling_share`), so a thin period weighs little and the
/// ends use a shorter window. `window` 1 gives `share` itself. Relies on the table's order
/// (period ascending): each key's rows come in time order.
fn smoothed(table: &DataFrame, window: usize) -> PolarsResult<Column> {
    let keys = strs(table, "entity")?;
    let (items, n) = (
        super::query::u64s(table, "items")?,
        super::query::u64s(table, "period_items")?,
    );
    let mut rows: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, k) in keys.iter().enumerate() {
        rows.entry(k.as_deref().unwrap_or("")).or_default().push(i);
    }
    let mut out = vec![0.0; table.height()];
    for at in rows.values() {
        let x: Vec<u64> = at.iter().map(|&i| items[i]).collect();
        let m: Vec<u64> = at.iter().map(|&i| n[i]).collect();
        for (&i, v) in at
            .iter()
            .zip(super::shape::rolling_share(&x, &m, window | 1))
        {
            out[i] = v;
        }
    }
    Ok(Column::new("smoothed".into(), out))
}

/// `topic_mix`, the stacked area: period, topic, percent (`norm_share` x 100) of the
/// [`AREA_TOPICS`] largest topics, then "other topics" summing the rest in topic order.
pub fn topic_mix(trends: &DataFrame, keys: &[String]) -> Result<DataFrame, AnalysisError> {
    let err = polars("topic mix");
    let period = strs(trends, "period").map_err(&err)?;
    let topic = strs(trends, "topic").map_err(&err)?;
    let norm = super::query::f64s(trends, "norm_share").map_err(&err)?;
    let mut periods: Vec<String> = Vec::new();
    for p in period.iter().flatten() {
        if periods.last() != Some(p) {
            periods.push(p.clone());
        }
    }
    let at: std::collections::HashMap<(&str, &str), f64> = (0..period.len())
        .filter_map(|i| Some(((period[i].as_deref()?, topic[i].as_deref()?), norm[i]?)))
        .collect();
    let value = |p: &str, k: &str| at.get(&(p, k)).map_or(0.0, |v| v * 100.0);
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    for k in keys.iter().take(AREA_TOPICS) {
        rows.extend(periods.iter().map(|p| (p.clone(), k.clone(), value(p, k))));
    }
    if keys.len() > AREA_TOPICS {
        for p in &periods {
            let mut other = 0.0;
            for k in &keys[AREA_TOPICS..] {
                other += value(p, k);
            }
            rows.push((p.clone(), "other topics".to_string(), other));
        }
    }
    df!(
        "period" => rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        "topic" => rows.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
        "percent" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
    )
    .map_err(err)
}
