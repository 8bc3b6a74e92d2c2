//! Co-mentions: for each pair of entities named in the same unit (an item, or an issue with
//! `per_issue`), how much more often they meet than chance would have them.
//!
//! A maker counted only from a product's alias (`via` maker) is left out: `Confluent Cloud`
//! would otherwise pair Confluent with its own product in every item. Link-only names join.
//! Units are article items by default (sponsor, event, intro and other items left out;
//! `all_sections` takes every item), or issues (an entity is in an issue when one of its
//! included items names it). N counts every unit of the window, mentions or not. For a pair
//! with `ab` shared units, `a` and `b` units each, the measures are (see [`measures`]):
//! expected = a b / N, PMI = log2(ab N / (a b)), NPMI = PMI / -log2(ab / N) (1 when ab = N),
//! lift = 2^PMI, Jaccard = ab / (a + b - ab), G2 over the 2x2 table and its chi-square (1 df)
//! p-value. Only pairs with ab >= `min_support` are kept. `entity_a` sorts before `entity_b`
//! by name; rows are ordered by NPMI desc, ab desc, entity_a asc, entity_b asc.
//!
//! The pair counts are a hand-written pass over the units' entities (see [`pair_counts`]);
//! the rest (singles, names, families, the measures, the order) are queries, with functions
//! over columns for the logarithms and the chi-square tail.

use super::base::Base;
use super::query::{collect, lazy, left_join, named, polars, share, sort_by, text};
use super::stats::{chi2_1_sf, over};
use super::AnalysisError;
use crate::frames::encode;
use crate::frames::Section;
use crate::frames::Via;
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;

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
    let q = lazy(&base.issues).select([n.alias("n")]);
    let df = collect("co-mention units", q)?;
    let n = super::query::u64s(&df, "n").map_err(polars("co-mention units"))?;
    Ok(n.first().copied().unwrap_or(0))
}

/// One row per (unit, entity) of the included sections, in unit order.
fn unit_entities(base: &Base, u: Units) -> LazyFrame {
    // A maker counted only from its product's alias would pair with every product it makes.
    let cells = lazy(&base.cells).filter(col("via").neq(lit(Via::Maker.as_str())));
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
            .sort(["unit"], SortMultipleOptions::default())
    } else {
        cells.select([col("unit"), col("entity")])
    }
}

/// Shared units per pair of entity codes, the lower code in the high half of the key.
type Counts = HashMap<u64, u64, crate::corpus::FastHash>;

/// Pairs of entity codes (lower first) and their shared units, from (unit, entity code)
/// rows in unit order: each unit's codes sorted and deduplicated, every pair counted. Chunks
/// of units are counted apart on rayon and merged; the sums do not depend on the chunking.
fn count_pairs(unit: &[u32], entity: &[u32], parallel: bool) -> Counts {
    let mut starts: Vec<usize> = (0..unit.len())
        .filter(|&i| i == 0 || unit[i] != unit[i - 1])
        .collect();
    starts.push(unit.len());
    let count = |bounds: &[usize]| {
        let mut map = Counts::default();
        let mut set: Vec<u32> = Vec::new();
        for w in bounds.windows(2) {
            set.clear();
            set.extend_from_slice(&entity[w[0]..w[1]]);
            set.sort_unstable();
            set.dedup();
            for (i, &a) in set.iter().enumerate() {
                for &b in &set[i + 1..] {
                    *map.entry(u64::from(a) << 32 | u64::from(b)).or_insert(0) += 1;
                }
            }
        }
        map
    };
    let merge = |mut a: Counts, b: Counts| {
        for (k, v) in b {
            *a.entry(k).or_insert(0) += v;
        }
        a
    };
    const CHUNK: usize = 4096;
    if parallel {
        let chunks: Vec<&[usize]> = (0..starts.len().saturating_sub(1))
            .step_by(CHUNK)
            .map(|i| &starts[i..(i + CHUNK + 1).min(starts.len())])
            .collect();
        chunks
            .into_par_iter()
            .map(count)
            .reduce(Counts::default, merge)
    } else {
        count(&starts)
    }
}

/// Pairs (entity, entity_b; the lower code first) with their shared units `items`, kept
/// when at least `min_support`.
///
/// A hand-written count rather than the self-join of the units' entities on the unit
/// (`units.join(units, unit).filter(a < b).group_by([a, b]).len()`), which materialises
/// every pair of every unit before counting. Measured on the 100 MiB synthetic archive
/// (2 cores, analysis run sequentially): the self-join took 364 ms; this pass takes 16 ms
/// over the same 586,392 (unit, entity) rows (release, idle, inside the report run): about
/// +15% of the whole run alone, where #15 allows 10% in all and the run is at +8.5%
/// (docs/PERFORMANCE.md, "Which kernels remain").
fn pair_counts(
    units: &DataFrame,
    dtype: &DataType,
    min_support: u32,
    parallel: bool,
) -> PolarsResult<DataFrame> {
    let unit: Vec<u32> = units.column("unit")?.u32()?.into_no_null_iter().collect();
    let entity = encode::CodeArray::of(units.column("entity")?)?;
    let entity: Vec<u32> = entity.iter().map(|c| c.unwrap_or(0)).collect();
    let mut kept: Vec<((u32, u32), u64)> = count_pairs(&unit, &entity, parallel)
        .into_iter()
        .filter(|(_, n)| *n >= u64::from(min_support))
        .map(|(k, n)| (((k >> 32) as u32, k as u32), n))
        .collect();
    kept.sort_unstable();
    let (a, b): (Vec<u32>, Vec<u32>) = kept.iter().map(|p| p.0).unzip();
    let items: Vec<u64> = kept.iter().map(|p| p.1).collect();
    DataFrame::new(
        kept.len(),
        vec![
            encode::cat_column_from_vec("entity", a, dtype)?,
            encode::cat_column_from_vec("entity_b", b, dtype)?,
            Column::new("items".into(), items),
        ],
    )
}

/// `entity`, `a_items`: the units of each entity, a group-by over the (unit, entity) rows
/// (Polars groups a categorical by its u32 codes), collected once as the pairs join it
/// twice. Cost: one hash of a u32 per row, 700,000 rows into 3,500 groups at 100 MiB; the
/// same group-by measured about 20 ms of the analysis' CPU (load 4-5) at 7adf5c9.
fn singles(units: &DataFrame) -> Result<LazyFrame, AnalysisError> {
    let q = lazy(units)
        .group_by([col("entity")])
        .agg([len().cast(DataType::UInt64).alias("a_items")]);
    Ok(collect("co-mention singles", q)?.lazy())
}

/// The `comentions` table and N.
pub fn comentions(
    base: &Base,
    u: Units,
    parallel: bool,
) -> Result<(DataFrame, u64), AnalysisError> {
    let n = unit_count(base, u)?;
    let err = polars("co-mentions");
    let dtype = base.cells.column("entity").map_err(&err)?.dtype().clone();
    let units = collect("co-mention units", unit_entities(base, u))?;
    let pairs = pair_counts(&units, &dtype, u.min_support, parallel).map_err(&err)?;
    let singles = singles(&units)?;
    drop(units);
    let pairs = left_join(pairs.lazy(), singles.clone(), &["entity"]);
    let singles_b = singles.select([
        col("entity").alias("entity_b"),
        col("a_items").alias("b_items"),
    ]);
    let family = |e: &str, f: &str| {
        lazy(&base.entities).select([col("entity").alias(e), col("family").alias(f)])
    };
    let pairs = left_join(pairs, singles_b, &["entity_b"]);
    let pairs = left_join(pairs, family("entity", "family_a"), &["entity"]);
    let pairs = left_join(pairs, family("entity_b", "family_b"), &["entity_b"]);
    // entity_a is the one whose name sorts first.
    let pairs = pairs.with_columns([text("entity"), text("entity_b")]);
    let swap = col("entity").gt(col("entity_b"));
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
    let by = [
        ("npmi", true),
        ("items", true),
        ("entity_a", false),
        ("entity_b", false),
    ];
    let columns = "entity_a entity_b items a_items b_items units expected pmi npmi lift \
                   jaccard g2 p_value same_family";
    let q = sort_by(measures(q), &by).select(named(columns));
    Ok((collect("comentions table", q)?, n))
}

/// The measures over the count columns items (ab), a_items (a), b_items (b) and units (n),
/// each the formula of the module doc with the same float operations in the same order:
/// expected = a b / n (0 when n = 0); lift = ab n / (a b), null when a, b or n is 0; PMI =
/// log2 lift, null also when ab = 0; NPMI = PMI / -log2(ab / n), 1 when ab = n; Jaccard =
/// ab / (a + b - ab) (0 when the union is 0); G2 and its p-value ([`g2`]). Every quotient is
/// `share` (the exact one), the logarithms and the tail are functions over the column
/// (`stats::over`): the Polars build has no `log` feature.
pub fn measures(q: LazyFrame) -> LazyFrame {
    let f = |c: &str| col(c).cast(DataType::Float64);
    let (ab, a, b, n) = (f("items"), f("a_items"), f("b_items"), f("units"));
    let null = || lit(NULL).cast(DataType::Float64);
    let defined = col("a_items").gt(lit(0)).and(col("b_items").gt(lit(0)));
    let defined = defined.and(col("units").gt(lit(0)));
    let union = col("a_items") + col("b_items") - col("items");
    let q = q.with_columns([
        share(a.clone() * b.clone(), n.clone()).alias("expected"),
        when(defined)
            .then(share(ab.clone() * n.clone(), a * b))
            .otherwise(null())
            .alias("lift"),
        share(col("items"), union).alias("jaccard"),
        g2().alias("g2"),
    ]);
    let q = q.with_columns([
        when(col("items").gt(lit(0)))
            .then(over(col("lift"), f64::log2))
            .otherwise(null())
            .alias("pmi"),
        over(col("g2"), chi2_1_sf).alias("p_value"),
    ]);
    // -log2 p(a,b) is 0 when ab = n: every unit has both, NPMI 1 by definition.
    let denominator = over(share(ab, n), |p| -p.log2());
    q.with_column(
        when(col("pmi").is_null())
            .then(null())
            .when(col("items").eq(col("units")))
            .then(lit(1.0))
            .otherwise(share(col("pmi"), denominator))
            .alias("npmi"),
    )
}

/// G2 = 2 sum O ln(O / E) over the four cells of the 2x2 table (O11 = ab, O12 = a - ab,
/// O21 = b - ab, O22 = n - a - b + ab; E = row * column / n), the cells with O = 0 left out
/// (0 ln 0 = 0: such a cell adds +0.0, which changes no partial sum, none being -0.0),
/// summed in that order; never negative; 0 when n = 0.
fn g2() -> Expr {
    let f = |c: &str| col(c).cast(DataType::Float64);
    let (ab, a, b, n) = (f("items"), f("a_items"), f("b_items"), f("units"));
    let cell = |o: Expr, row: Expr, column: Expr| {
        let expected = share(row * column, n.clone());
        let term = o.clone() * over(share(o.clone(), expected), f64::ln);
        when(o.gt(lit(0.0))).then(term).otherwise(lit(0.0))
    };
    let (not_a, not_b) = (n.clone() - a.clone(), n.clone() - b.clone());
    let sum = cell(ab.clone(), a.clone(), b.clone())
        + cell(a.clone() - ab.clone(), a.clone(), not_b.clone())
        + cell(b.clone() - ab.clone(), not_a.clone(), b.clone())
        + cell(n.clone() - a - b + ab, not_a, not_b);
    let g2 = lit(2.0) * sum;
    when(col("units").eq(lit(0)))
        .then(lit(0.0))
        .when(g2.clone().lt(lit(0.0)))
        .then(lit(0.0))
        .otherwise(g2)
}
