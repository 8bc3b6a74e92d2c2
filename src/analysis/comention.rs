//! Co-mentions: for each pair of entities named in the same unit (an item, or an issue with
//! `per_issue`), how much more often they meet than chance would have them.
//!
//! Units are article items by default (sponsor, event, intro and other items left out;
//! `all_sections` takes every item), or issues (an entity is in an issue when one of its
//! included items names it). N counts every unit of the window, mentions or not. For a pair
//! with `ab` shared units, `a` and `b` units each, the measures are those of `stats::Pair`:
//! expected = a b / N, PMI = log2(ab N / (a b)), NPMI = PMI / -log2(ab / N) (1 when ab = N),
//! lift = 2^PMI, Jaccard = ab / (a + b - ab), G2 over the 2x2 table and its chi-square (1 df)
//! p-value. Only pairs with ab >= `min_support` are kept. `entity_a` sorts before `entity_b`
//! by name; rows are ordered by NPMI desc, ab desc, entity_a asc, entity_b asc.
//!
//! The pairs are a self-join of the units' entities on the unit, counted per pair.

use super::base::Base;
use super::query::{collect, inner_join, left_join, polars, sort_by, text};
use super::stats::Pair;
use super::AnalysisError;
use crate::corpus::Section;
use polars::prelude::*;

/// Which units and sections co-mentions are counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Units {
    pub per_issue: bool,
    pub all_sections: bool,
    pub min_support: u32,
}

/// N: every unit of the window (items of the included sections, or issues with any).
fn unit_count(base: &Base, u: Units) -> Result<u64, AnalysisError> {
    let sections: Vec<Expr> = Section::ALL
        .iter()
        .filter(|s| u.all_sections || **s == Section::Article)
        .map(|s| col(s.as_str()).cast(DataType::UInt64))
        .collect();
    let per_issue = sections
        .into_iter()
        .reduce(|a, b| a + b)
        .unwrap_or(lit(0u64))
        .alias("units");
    let n = if u.per_issue {
        per_issue.gt(lit(0)).sum().cast(DataType::UInt64)
    } else {
        per_issue.sum()
    };
    let df = collect(
        "co-mention units",
        base.issues.clone().lazy().select([n.alias("n")]),
    )?;
    Ok(super::query::u64s(&df, "n")
        .map_err(polars("co-mention units"))?
        .first()
        .copied()
        .unwrap_or(0))
}

/// One row per (unit, entity) of the included sections.
fn unit_entities(base: &Base, u: Units) -> LazyFrame {
    let cells = base.cells.clone().lazy();
    let cells = if u.all_sections {
        cells
    } else {
        cells.filter(col("section").eq(lit(Section::Article.as_str())))
    };
    if u.per_issue {
        cells
            .group_by([col("issue"), col("entity")])
            .agg([])
            .select([col("issue").alias("unit"), col("entity")])
    } else {
        cells.select([col("unit"), col("entity")])
    }
}

/// Pairs (entity, entity_b; the lower code first) with their shared units `items`, kept
/// when at least `min_support`.
fn pair_counts(units: LazyFrame, entities: u64, min_support: u32) -> LazyFrame {
    let code = |c: &str| col(c).to_physical().cast(DataType::UInt64);
    let other = units
        .clone()
        .select([col("unit"), col("entity").alias("entity_b")]);
    inner_join(units, other, &["unit"])
        .filter(code("entity").lt(code("entity_b")))
        .with_column((code("entity") * lit(entities) + code("entity_b")).alias("pair"))
        .group_by([col("pair")])
        .agg([
            col("entity").first(),
            col("entity_b").first(),
            len().cast(DataType::UInt64).alias("items"),
        ])
        .filter(col("items").gt_eq(lit(u64::from(min_support))))
}

/// The `comentions` table and N.
pub fn comentions(base: &Base, u: Units) -> Result<(DataFrame, u64), AnalysisError> {
    let n = unit_count(base, u)?;
    let entities = base
        .entities
        .column("entity")
        .map_err(polars("co-mentions"))?;
    let span = crate::frames::encode::names(entities)
        .map_err(polars("co-mentions"))?
        .len() as u64;
    let units = unit_entities(base, u);
    let singles = units
        .clone()
        .group_by([col("entity")])
        .agg([len().cast(DataType::UInt64).alias("a_items")]);
    let pairs = pair_counts(units, span.max(1), u.min_support);
    let pairs = left_join(pairs, singles.clone(), &["entity"]);
    let singles_b = singles.select([
        col("entity").alias("entity_b"),
        col("a_items").alias("b_items"),
    ]);
    let family = |e: &str, f: &str| {
        base.entities
            .clone()
            .lazy()
            .select([col("entity").alias(e), col("family").alias(f)])
    };
    let pairs = left_join(pairs, singles_b, &["entity_b"]);
    let pairs = left_join(pairs, family("entity", "family_a"), &["entity"]);
    let pairs = left_join(pairs, family("entity_b", "family_b"), &["entity_b"]);
    // entity_a is the one whose name sorts first.
    let swap = text("entity").gt(text("entity_b"));
    let pick = |x: &str, y: &str| when(swap.clone()).then(col(y)).otherwise(col(x));
    let q = pairs.select([
        pick("entity", "entity_b")
            .cast(DataType::String)
            .alias("entity_a"),
        pick("entity_b", "entity")
            .cast(DataType::String)
            .alias("entity_b"),
        col("items"),
        pick("a_items", "b_items").alias("a_items"),
        pick("b_items", "a_items").alias("b_items"),
        lit(n).alias("units"),
        col("family_a")
            .eq(col("family_b"))
            .fill_null(lit(false))
            .alias("same_family"),
    ]);
    let mut df = collect("comentions table", q)?;
    measures(&mut df).map_err(polars("comentions table"))?;
    let q = sort_by(
        df.lazy(),
        &[
            ("npmi", true),
            ("items", true),
            ("entity_a", false),
            ("entity_b", false),
        ],
    );
    let cols = [
        "entity_a",
        "entity_b",
        "items",
        "a_items",
        "b_items",
        "units",
        "expected",
        "pmi",
        "npmi",
        "lift",
        "jaccard",
        "g2",
        "p_value",
        "same_family",
    ];
    Ok((collect("comentions table", q.select(cols.map(col)))?, n))
}

/// Adds the measures of `stats::Pair` over the count columns (items, a_items, b_items,
/// units): expected, pmi, npmi, lift, jaccard, g2, p_value. Each is the scalar formula applied
/// row by row, so the values are exactly those the formulas in `stats` give.
pub fn measures(df: &mut DataFrame) -> PolarsResult<()> {
    let get = |name: &str| -> PolarsResult<Vec<u64>> { super::query::u64s(df, name) };
    let (ab, a, b, n) = (
        get("items")?,
        get("a_items")?,
        get("b_items")?,
        get("units")?,
    );
    let pairs: Vec<Pair> = (0..ab.len())
        .map(|i| Pair {
            ab: ab[i],
            a: a[i],
            b: b[i],
            n: n[i],
        })
        .collect();
    let num = |f: fn(&Pair) -> f64| pairs.iter().map(f).collect::<Vec<f64>>();
    let opt = |f: fn(&Pair) -> Option<f64>| pairs.iter().map(f).collect::<Vec<Option<f64>>>();
    df.with_column(Column::new("expected".into(), num(Pair::expected)))?;
    df.with_column(Column::new("pmi".into(), opt(Pair::pmi)))?;
    df.with_column(Column::new("npmi".into(), opt(Pair::npmi)))?;
    df.with_column(Column::new("lift".into(), opt(Pair::lift)))?;
    df.with_column(Column::new("jaccard".into(), num(Pair::jaccard)))?;
    df.with_column(Column::new("g2".into(), num(Pair::g2)))?;
    df.with_column(Column::new("p_value".into(), num(Pair::p_value)))?;
    Ok(())
}
