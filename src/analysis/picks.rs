//! Which entities the report's charts show, chosen from the result tables: the trend lines,
//! the movers chart and the co-mention heatmap.
//!
//! * Trend lines: the `--entities` names (checked against the lexicon when the config is
//!   built), else the labelled movers taken in turns (the biggest new, rising, falling,
//!   peaked and quiet entity, then the second of each, ...), topped up with entities by article items
//!   (frequency order); at most [`MAX_LINES`].
//! * Movers chart (`movers_chart`: entity, label, first_share, last_share, change = last - first): labelled new,
//!   rising, falling, peaked or quiet first (labels order), then the steady ones by |last_share -
//!   first_share| desc (ties: name), [`MOVERS`] at most; with fewer than [`MIN_MOVERS`], the
//!   most covered sparse entities too; `movers_sparse` (in `overview`) counts those. Its rows
//!   are in the drawn order of [`drawn`].
//! * Dumbbell rows ([`drawn`]): the rows a movers chart draws, in its order: finite shares and
//!   change, change desc (ties: name), at most [`DRAWN`]; `movers_chart` and the review's
//!   `movers_chart` and `topics_chart` (not exported).
//! * Heatmap (`heatmap`: entity, npmi?: a row per chosen entity, a list of its NPMI with each
//!   chosen entity in the same order, null for a pair not kept): the
//!   [`HEATMAP_ENTITIES`] most covered entities with a kept pair, less those whose partners all
//!   fall outside the chosen set.

use super::labels::{Label, LABELS};
use super::query::{collect, inner_join, lazy, left_join, polars, sort_by, strs, text};
use super::AnalysisError;
use crate::config::MAX_LINES;
use polars::prelude::*;

/// Rows in the movers chart.
pub const MOVERS: usize = 12;
/// Fewer judged movers than this and the movers chart is topped up with sparse entities.
pub const MIN_MOVERS: usize = 5;
/// Rows a movers chart draws at most.
pub const DRAWN: usize = 40;
/// Entities in the heatmap.
pub const HEATMAP_ENTITIES: usize = 15;

/// The labels that say something moved: the first five of [`LABELS`], in its order.
const MOVING: &[Label] = LABELS.split_at(5).0;

/// The names of the [`MOVING`] labels.
pub(crate) fn moving() -> Series {
    let names: Vec<&str> = MOVING.iter().map(|l| l.as_str()).collect();
    Series::new("label".into(), names)
}

/// Rows of `label` (the labels table's label as text) equal to `l`.
fn is(l: Label) -> Expr {
    col("label").eq(lit(l.as_str()))
}

/// The trend-line entities when `--entities` was not given.
pub fn trend_entities(
    labels: &DataFrame,
    frequency: &DataFrame,
) -> Result<Vec<String>, AnalysisError> {
    let err = polars("trend-line entities");
    // Turn t: each moving label's t-th entity (table order), in label order.
    let turn = col("entity")
        .cum_count(false)
        .over([col("label")])
        .map_err(&err)?;
    let turns = lazy(labels)
        .select([text("entity"), text("label")])
        .with_column(turn.alias("turn"));
    let rank = df!("label" => moving(), "rank" => (0..MOVING.len() as u32).collect::<Vec<_>>());
    let turns = inner_join(turns, rank.map_err(&err)?.lazy(), &["label"]);
    let turns = sort_by(turns, &[("turn", false), ("rank", false)]).select([col("entity")]);
    let covered = lazy(frequency)
        .filter(col("items").gt(lit(0u64)))
        .select([text("entity")])
        .filter(col("entity").is_not_null());
    let names = concat([turns, covered], UnionArgs::default())
        .map_err(&err)?
        .unique_stable(None, UniqueKeepStrategy::First)
        .limit(MAX_LINES as IdxSize);
    let names = collect("trend-line entities", names)?;
    let names = strs(&names, "entity").map_err(&err)?;
    Ok(names.into_iter().flatten().collect())
}

/// `movers_chart`; see the module doc.
pub fn movers_chart(labels: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("movers chart");
    let share = |c: &str| col(c).cast(DataType::Float64).fill_null(lit(0.0));
    let rows = lazy(labels).select([
        text("entity"),
        text("label"),
        col("items"),
        share("first_share"),
        share("last_share"),
        (share("last_share") - share("first_share")).alias("change"),
    ]);
    let moved = rows
        .clone()
        .filter(col("label").is_in(lit(moving()).implode(false), false));
    let steady = rows
        .clone()
        .filter(is(Label::Steady))
        .with_column(col("change").abs().alias("size"));
    let steady =
        sort_by(steady, &[("size", true), ("entity", false)]).drop(by_name(["size"], true, false));
    let chart = concat([moved, steady], UnionArgs::default()).map_err(&err)?;
    let mut chart = collect("movers chart", chart.limit(MOVERS as IdxSize))?;
    if chart.height() < MIN_MOVERS {
        let more = MIN_MOVERS.max(MOVERS / 2) - chart.height();
        let sparse = rows.filter(is(Label::Sparse).and(col("items").gt(lit(0u64))));
        let all = concat(
            [chart.lazy(), sparse.limit(more as IdxSize)],
            UnionArgs::default(),
        );
        chart = collect("movers chart", all.map_err(&err)?)?;
    }
    let chart = chart.drop("items").map_err(&err)?;
    drawn(&chart, "entity", ["first_share", "last_share", "change"])
}

/// The rows of `df` a movers chart draws, in its order; see the module doc. `values`: the
/// two shares and the change, all finite in a drawn row.
pub fn drawn(df: &DataFrame, key: &str, values: [&str; 3]) -> Result<DataFrame, AnalysisError> {
    let finite = values.map(|c| col(c).is_finite());
    let [a, b, c] = finite;
    let q = lazy(df).filter(a.and(b).and(c));
    let q = sort_by(q, &[("change", true), (key, false)]).limit(DRAWN as IdxSize);
    collect("drawn dumbbells", q)
}

/// `movers_sparse`: how many sparse entities `movers_chart` shows (one row, one column).
pub fn movers_sparse(movers: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let sparse = col("label").eq(lit(Label::Sparse.as_str()));
    let count = sparse.sum().cast(DataType::UInt64).alias("movers_sparse");
    collect("movers chart", lazy(movers).select([count]))
}

/// Rows of `rows` whose `key` is among `keys`' `key` values, in `rows`' order: a semi join
/// (the `semi_anti_join` feature is not compiled in) as an inner join on the distinct keys,
/// sorted back by row number.
fn among(rows: LazyFrame, keys: LazyFrame, key: &str) -> LazyFrame {
    let keys = keys
        .select([col(key)])
        .unique(None, UniqueKeepStrategy::Any);
    let rows = rows.with_row_index("row", None);
    sort_by(inner_join(rows, keys, &[key]), &[("row", false)]).drop(by_name(["row"], true, false))
}

/// `heatmap`; see the module doc.
pub fn heatmap(frequency: &DataFrame, comentions: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("heatmap");
    // Every kept pair both ways round: entity_a, entity_b, npmi.
    let pairs = lazy(comentions).select([text("entity_a"), text("entity_b"), col("npmi")]);
    let swapped = pairs.clone().select([
        col("entity_b").alias("entity_a"),
        col("entity_a").alias("entity_b"),
        col("npmi"),
    ]);
    let pairs = concat([pairs, swapped], UnionArgs::default()).map_err(&err)?;
    let entities = lazy(frequency).select([text("entity")]);
    let ends = pairs.clone().select([col("entity_a").alias("entity")]);
    let top = among(entities, ends, "entity").limit(HEATMAP_ENTITIES as IdxSize);
    let partners = top.clone().select([col("entity").alias("entity_b")]);
    let inside = among(pairs.clone(), partners, "entity_b");
    let chosen = among(
        top,
        inside.select([col("entity_a").alias("entity")]),
        "entity",
    );
    // Row-major over the chosen entities (row number `i`, column number `j`).
    let chosen = chosen.with_row_index("i", None);
    let side = |n: &str, e: &str| {
        chosen
            .clone()
            .select([col("i").alias(n), col("entity").alias(e)])
    };
    let grid = side("i", "entity_a").cross_join(side("j", "entity_b"), None);
    let cells = left_join(grid, pairs, &["entity_a", "entity_b"]);
    let cells = sort_by(cells, &[("i", false), ("j", false)]);
    let npmi = col("npmi").cast(DataType::Float64);
    let rows = cells.select([col("entity_a").alias("entity"), npmi]);
    collect("heatmap", super::charts::series(rows, "entity", &["npmi"]))
}
