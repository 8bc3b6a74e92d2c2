//! What every entity's trend label is measured against (`labels`): the window's periods with
//! each one's third of the article items, the last stretch checked for `quiet`, the warm-up
//! before which nothing is `new`, the entities first named inside the window, and the
//! rolling window of `peaked`. Queries over the periods, issues and first-mention frames.

use super::options::TrendRules;
use super::query::{collect, count_u64, inner_join, lazy, polars, share};
use super::AnalysisError;
use crate::config::Period;
use polars::prelude::*;

/// What every entity's label is measured against, from the periods table and the window.
pub struct Frame {
    /// Per period, by index: period u32 (its index), t f64 (calendar ordinal, the test's
    /// score), n u64 (article items), key str (`2016-05`, `2016-Q2`), third u8 (0 first third,
    /// 1 middle, 2 last third).
    pub(super) periods: DataFrame,
    /// Rolling-share window of the peak, in periods.
    pub(super) peak_window: usize,
    /// First period of the last stretch (`None` when the window is too short).
    pub(super) tail: Option<u32>,
    /// The last issue number of the warm-up (issues of the window by number).
    pub(super) warmup_end: Option<u32>,
    /// entity cat, first_issue u32: the archive-wide first article issue of the entities
    /// whose first one is inside the window.
    pub(super) first: DataFrame,
}

impl Frame {
    /// From the `periods` table (index, ordinal, period, article_items; by ordinal) of period
    /// kind `kind`, the window's `issues` (issue, article; by number) and `first_article`
    /// (entity, first_issue; archive-wide).
    pub fn new(
        kind: Period,
        periods: &DataFrame,
        issues: &DataFrame,
        first_article: &DataFrame,
        rules: &TrendRules,
    ) -> Result<Frame, AnalysisError> {
        let numbers = lazy(issues).select([col("issue").alias("first_issue")]);
        let first = lazy(first_article).select([col("entity"), col("first_issue")]);
        Ok(Frame {
            periods: collect("labels table", thirds(periods))?,
            peak_window: rules.peak_window(kind),
            tail: scalar(tail_start(periods, rules))?,
            warmup_end: scalar(warmup_end(issues, rules))?,
            first: collect("labels table", inner_join(first, numbers, &["first_issue"]))?,
        })
    }
}

/// The value of a query giving one row with a number (or null) `v`.
fn scalar(q: LazyFrame) -> Result<Option<u32>, AnalysisError> {
    let df = collect("labels table", q.select([col("v").cast(DataType::UInt32)]))?;
    let v = df.column("v").and_then(|c| c.u32().map(|c| c.get(0)));
    v.map_err(polars("labels table"))
}

/// The periods with their third: a period belongs to the third holding the midpoint of its
/// article items, mid = (items before + items / 2) / max(1, total), first below 1/3, last
/// from 2/3.
fn thirds(periods: &DataFrame) -> LazyFrame {
    let n = count_u64(col("article_items"));
    let total = n.clone().sum();
    let before = (n.clone().cum_sum(false) - n.clone()).cast(DataType::Float64);
    let den = when(total.clone().gt(lit(0u64)))
        .then(total)
        .otherwise(lit(1u64));
    let mid = share(before + n.clone().cast(DataType::Float64) / lit(2.0), den);
    let third = when(mid.clone().lt(lit(1.0 / 3.0)))
        .then(lit(0u8))
        .when(mid.gt_eq(lit(2.0 / 3.0)))
        .then(lit(2u8))
        .otherwise(lit(1u8));
    lazy(periods).select([
        col("index").cast(DataType::UInt32).alias("period"),
        col("ordinal").cast(DataType::Float64).alias("t"),
        n.alias("n"),
        col("period").cast(DataType::String).alias("key"),
        third.alias("third"),
    ])
}

/// The first period of the trailing periods holding `quiet_tail` of the article items (and
/// at least `quiet_min_periods` of them): the last period from which the suffix reaches
/// both; nothing when that is the first period or none does.
fn tail_start(periods: &DataFrame, rules: &TrendRules) -> LazyFrame {
    let n = count_u64(col("article_items"));
    let from_end = len().cast(DataType::Int64) - col("index").cast(DataType::Int64);
    let suffix = n.clone().cum_sum(true).cast(DataType::Float64);
    let enough = lit(rules.quiet_tail) * n.sum().cast(DataType::Float64);
    let long = from_end.gt_eq(lit(rules.quiet_min_periods as i64));
    let start = col("index").filter(long.and(suffix.gt_eq(enough))).max();
    lazy(periods).select([when(start.clone().gt(lit(0)))
        .then(start)
        .otherwise(lit(NULL))
        .alias("v")])
}

/// The issue closing the warm-up: the first whose cumulative article items reach `warmup`
/// of the window's (none when the window has no article items).
fn warmup_end(issues: &DataFrame, rules: &TrendRules) -> LazyFrame {
    let a = count_u64(col("article"));
    let total = a.clone().sum().cast(DataType::Float64);
    let reached = a
        .cum_sum(false)
        .cast(DataType::Float64)
        .gt_eq(lit(rules.warmup) * total.clone());
    let end = col("issue").filter(total.gt(lit(0.0)).and(reached)).first();
    lazy(issues).select([end.alias("v")])
}
