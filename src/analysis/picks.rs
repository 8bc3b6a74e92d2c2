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
//! * Heatmap (`heatmap`: entity_a, entity_b, npmi?, row-major over the chosen entities): the
//!   [`HEATMAP_ENTITIES`] most covered entities with a kept pair, less those whose partners all
//!   fall outside the chosen set.

use super::labels::{Label, LABELS};
use super::query::{collect, lazy, polars, sort_by, strs, u64s};
use super::AnalysisError;
use crate::config::MAX_LINES;
use polars::prelude::*;
use std::collections::HashMap;

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

/// The labels table's entity, label, items, first and last share, in its order.
struct LabelRows {
    entity: Vec<String>,
    label: Vec<String>,
    items: Vec<u64>,
    first: Vec<f64>,
    last: Vec<f64>,
}

impl LabelRows {
    fn read(labels: &DataFrame) -> PolarsResult<LabelRows> {
        let text = |c| -> PolarsResult<Vec<String>> {
            Ok(strs(labels, c)?
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect())
        };
        let num = |c| -> PolarsResult<Vec<f64>> {
            Ok(super::query::f64s(labels, c)?
                .into_iter()
                .map(|v| v.unwrap_or(0.0))
                .collect())
        };
        Ok(LabelRows {
            entity: text("entity")?,
            label: text("label")?,
            items: u64s(labels, "items")?,
            first: num("first_share")?,
            last: num("last_share")?,
        })
    }

    fn with(&self, l: Label) -> impl Iterator<Item = usize> + '_ {
        (0..self.entity.len()).filter(move |&i| self.label[i] == l.as_str())
    }
}

/// The trend-line entities when `--entities` was not given.
pub fn trend_entities(
    labels: &DataFrame,
    frequency: &DataFrame,
) -> Result<Vec<String>, AnalysisError> {
    let err = polars("trend-line entities");
    let l = LabelRows::read(labels).map_err(&err)?;
    let groups: Vec<Vec<&str>> = MOVING
        .iter()
        .map(|m| l.with(*m).map(|i| l.entity[i].as_str()).collect())
        .collect();
    let rounds = groups.iter().map(Vec::len).max().unwrap_or(0);
    let turns = (0..rounds).flat_map(|i| groups.iter().filter_map(move |g| g.get(i).copied()));
    let names = strs(frequency, "entity").map_err(&err)?;
    let items = u64s(frequency, "items").map_err(&err)?;
    let covered = names
        .iter()
        .zip(&items)
        .filter(|(_, n)| **n > 0)
        .filter_map(|(e, _)| e.as_deref());
    let mut out: Vec<String> = Vec::new();
    for name in turns.chain(covered) {
        if out.len() >= MAX_LINES {
            break;
        }
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// `movers_chart`; see the module doc.
pub fn movers_chart(labels: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let l = LabelRows::read(labels).map_err(polars("movers chart"))?;
    let change = |i: usize| (l.last[i] - l.first[i]).abs();
    let mut steady: Vec<usize> = l.with(Label::Steady).collect();
    steady.sort_by(|&a, &b| {
        change(b)
            .total_cmp(&change(a))
            .then_with(|| l.entity[a].cmp(&l.entity[b]))
    });
    let moving = (0..l.entity.len()).filter(|&i| MOVING.iter().any(|m| l.label[i] == m.as_str()));
    let mut rows: Vec<usize> = moving.chain(steady).take(MOVERS).collect();
    if rows.len() < MIN_MOVERS {
        let sparse = l.with(Label::Sparse).filter(|&i| l.items[i] > 0);
        rows.extend(sparse.take(MIN_MOVERS.max(MOVERS / 2) - rows.len()));
    }
    let df = df!(
        "entity" => rows.iter().map(|&i| l.entity[i].as_str()).collect::<Vec<_>>(),
        "label" => rows.iter().map(|&i| l.label[i].as_str()).collect::<Vec<_>>(),
        "first_share" => rows.iter().map(|&i| l.first[i]).collect::<Vec<_>>(),
        "last_share" => rows.iter().map(|&i| l.last[i]).collect::<Vec<_>>(),
        "change" => rows.iter().map(|&i| l.last[i] - l.first[i]).collect::<Vec<_>>(),
    )
    .map_err(polars("movers chart"))?;
    drawn(&df, "entity", ["first_share", "last_share", "change"])
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
    lazy(movers)
        .select([count])
        .collect()
        .map_err(polars("movers chart"))
}

/// `heatmap`; see the module doc.
pub fn heatmap(frequency: &DataFrame, comentions: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("heatmap");
    let text = |df: &DataFrame, c: &str| -> Result<Vec<String>, AnalysisError> {
        Ok(strs(df, c)
            .map_err(&err)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    };
    let (a, b) = (text(comentions, "entity_a")?, text(comentions, "entity_b")?);
    let npmi = super::query::f64s(comentions, "npmi").map_err(&err)?;
    let paired = |e: &str| a.iter().zip(&b).any(|(x, y)| x == e || y == e);
    let freq = text(frequency, "entity")?;
    let top: Vec<&str> = freq
        .iter()
        .map(String::as_str)
        .filter(|e| paired(e))
        .take(HEATMAP_ENTITIES)
        .collect();
    let partnered = |e: &str| {
        a.iter().zip(&b).any(|(x, y)| {
            (x == e && top.contains(&y.as_str())) || (y == e && top.contains(&x.as_str()))
        })
    };
    let chosen: Vec<&str> = top.iter().copied().filter(|e| partnered(e)).collect();
    let mut value: HashMap<(&str, &str), Option<f64>> = HashMap::new();
    for i in 0..a.len() {
        value.insert((a[i].as_str(), b[i].as_str()), npmi[i]);
        value.insert((b[i].as_str(), a[i].as_str()), npmi[i]);
    }
    let cells: Vec<(&str, &str)> = chosen
        .iter()
        .flat_map(|r| chosen.iter().map(move |c| (*r, *c)))
        .collect();
    df!(
        "entity_a" => cells.iter().map(|c| c.0).collect::<Vec<_>>(),
        "entity_b" => cells.iter().map(|c| c.1).collect::<Vec<_>>(),
        "npmi" => cells.iter().map(|c| value.get(c).copied().flatten()).collect::<Vec<_>>(),
    )
    .map_err(err)
}
