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
//! Counting is map-then-merge over chunks of units on rayon; the sums do not depend on the
//! chunking, so the parallel and sequential paths agree exactly.

use super::base::Base;
use super::stats::Pair;
use super::table::{col, frame, str_col};
use super::AnalysisError;
use crate::corpus::Section;
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

/// One kept pair: entity codes (a's name sorts first) and its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub a: u32,
    pub b: u32,
    pub counts: Pair,
    pub same_family: bool,
}

/// Entity sets of the units that name anything, and N (all units).
fn unit_sets(base: &Base, u: Units) -> (Vec<Vec<u32>>, u64) {
    let included = |s: Section| u.all_sections || s == Section::Article;
    let codes =
        |it: &super::base::ItemRec| base.entities(it).iter().map(|e| e.0).collect::<Vec<u32>>();
    let items = base.items.iter().filter(|it| included(it.section));
    let has = |i: &super::base::IssueRec| {
        Section::ALL
            .iter()
            .filter(|s| included(**s))
            .map(|s| i.count(*s) as u64)
            .sum::<u64>()
    };
    if !u.per_issue {
        return (
            items.map(codes).collect(),
            base.issues.iter().map(has).sum(),
        );
    }
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let mut last = None;
    for it in items {
        if last != Some(it.issue) {
            sets.push(Vec::new());
            last = Some(it.issue);
        }
        if let Some(set) = sets.last_mut() {
            set.extend(base.entities(it).iter().map(|e| e.0));
        }
    }
    for set in &mut sets {
        set.sort_unstable();
        set.dedup();
    }
    (
        sets,
        base.issues.iter().filter(|i| has(i) > 0).count() as u64,
    )
}

fn count_pairs(sets: &[Vec<u32>]) -> HashMap<(u32, u32), u64> {
    let mut map = HashMap::new();
    for set in sets {
        for (i, &a) in set.iter().enumerate() {
            for &b in &set[i + 1..] {
                *map.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    map
}

fn merge(mut a: HashMap<(u32, u32), u64>, b: HashMap<(u32, u32), u64>) -> HashMap<(u32, u32), u64> {
    for (k, v) in b {
        *a.entry(k).or_insert(0) += v;
    }
    a
}

/// Kept pairs, sorted, and N.
pub fn pairs(base: &Base, u: Units, parallel: bool) -> (Vec<PairRow>, u64) {
    let (sets, n) = unit_sets(base, u);
    let mut singles = vec![0u64; base.names.len()];
    for e in sets.iter().flatten() {
        singles[*e as usize] += 1;
    }
    let counts = if parallel {
        sets.par_chunks(4096)
            .map(count_pairs)
            .reduce(HashMap::new, merge)
    } else {
        count_pairs(&sets)
    };
    let name = |e: u32| base.names[e as usize].as_str();
    let mut rows: Vec<PairRow> = counts
        .into_iter()
        .filter(|(_, ab)| *ab >= u.min_support as u64)
        .map(|((x, y), ab)| {
            let (a, b) = if name(x) <= name(y) { (x, y) } else { (y, x) };
            let counts = Pair {
                ab,
                a: singles[a as usize],
                b: singles[b as usize],
                n,
            };
            PairRow {
                a,
                b,
                counts,
                same_family: base.family(a) == base.family(b),
            }
        })
        .collect();
    let npmi = |r: &PairRow| r.counts.npmi().unwrap_or(f64::NEG_INFINITY);
    rows.sort_by(|x, y| {
        npmi(y)
            .total_cmp(&npmi(x))
            .then(y.counts.ab.cmp(&x.counts.ab))
            .then_with(|| (name(x.a), name(x.b)).cmp(&(name(y.a), name(y.b))))
    });
    (rows, n)
}

pub fn frame_of(base: &Base, rows: &[PairRow]) -> Result<DataFrame, AnalysisError> {
    let u = |f: fn(&Pair) -> u64| rows.iter().map(|r| f(&r.counts)).collect::<Vec<u64>>();
    let opt = |f: fn(&Pair) -> Option<f64>| {
        rows.iter()
            .map(|r| f(&r.counts))
            .collect::<Vec<Option<f64>>>()
    };
    let num = |f: fn(&Pair) -> f64| rows.iter().map(|r| f(&r.counts)).collect::<Vec<f64>>();
    let cols = vec![
        str_col("entity_a", rows, |r| &base.names[r.a as usize]),
        str_col("entity_b", rows, |r| &base.names[r.b as usize]),
        col("items", u(|p| p.ab)),
        col("a_items", u(|p| p.a)),
        col("b_items", u(|p| p.b)),
        col("units", u(|p| p.n)),
        col("expected", num(Pair::expected)),
        col("pmi", opt(Pair::pmi)),
        col("npmi", opt(Pair::npmi)),
        col("lift", opt(Pair::lift)),
        col("jaccard", num(Pair::jaccard)),
        col("g2", num(Pair::g2)),
        col("p_value", num(Pair::p_value)),
        col(
            "same_family",
            rows.iter().map(|r| r.same_family).collect::<Vec<bool>>(),
        ),
    ];
    frame("comentions table", rows.len(), cols)
}
