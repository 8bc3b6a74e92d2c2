//! Coverage balance: how article coverage spreads over topics, categories and organisations,
//! how meetups spread over continents, countries and cities, and how evenly.
//!
//! Coverage dimensions (`topic` = technology topics, `category`, `organisation`) count article
//! items naming at least one entity of the key; `share = count / A` (A = article items; an item
//! naming two topics counts for both, so shares need not sum to 1). Meetup dimensions
//! (`continent`, `country`, `city`) count listings, `share = count / listings`; places that did
//! not resolve are the key `(unresolved)`, shown but left out of the concentration figures.
//! `norm_share = count / sum of counts` in the dimension (sums to 1). Curator targets apply to
//! topics: `deviation = norm_share - target`; a targeted topic with no coverage gets a row of 0, as does every technology topic of the lexicon.
//! Concentration per dimension over the non-zero keys: entropy, evenness = H / ln K, HHI and
//! top-5 share (see `stats`). Order: dimension as listed, count desc, key asc.

use super::base::{Base, EventRec};
use super::stats;
use super::table::{col, frame, ratio, str_col};
use super::targets::Targets;
use super::AnalysisError;
use crate::corpus::Section;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Dimensions in output order.
pub const DIMENSIONS: [&str; 6] = [
    "topic",
    "category",
    "organisation",
    "continent",
    "country",
    "city",
];

/// Key for meetup listings whose place is not in the lexicon.
pub const UNRESOLVED: &str = "(unresolved)";

/// One row of `balance`.
#[derive(Clone, Debug, PartialEq)]
pub struct BalanceRow {
    pub dimension: &'static str,
    pub key: String,
    pub count: u64,
    pub share: f64,
    pub norm_share: f64,
    pub target: Option<f64>,
    pub deviation: Option<f64>,
}

/// Concentration of one dimension (one row of `balance_summary`); `None` when it is empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Concentration {
    pub dimension: &'static str,
    pub keys: u64,
    pub total: u64,
    pub entropy: Option<f64>,
    pub evenness: Option<f64>,
    pub hhi: Option<f64>,
    pub top5_share: Option<f64>,
}

/// Article items per key of a coverage dimension (`key_of` maps an entity to its key, if any).
fn coverage<'a>(base: &'a Base, key_of: impl Fn(u32) -> Option<&'a str>) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    for item in base.items.iter().filter(|i| i.section == Section::Article) {
        let mut keys: Vec<&str> = base
            .entities(item)
            .iter()
            .filter_map(|&(e, _)| key_of(e))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            match out.get_mut(k) {
                Some(n) => *n += 1,
                None => {
                    out.insert(k.to_string(), 1);
                }
            }
        }
    }
    out
}

fn meetups(base: &Base, dim: usize) -> BTreeMap<String, u64> {
    let (field, names): (fn(&EventRec) -> Option<u32>, _) = match dim {
        3 => (EventRec::continent, &base.places[2]),
        4 => (EventRec::country, &base.places[1]),
        _ => (EventRec::city, &base.places[0]),
    };
    let mut by_code: HashMap<Option<u32>, u64> = HashMap::new();
    for e in &base.events {
        *by_code.entry(field(e)).or_insert(0) += 1;
    }
    let mut out = BTreeMap::new();
    for (code, n) in by_code {
        let name = code.and_then(|c| names.get(c as usize));
        *out.entry(name.map_or_else(|| UNRESOLVED.to_string(), String::clone))
            .or_insert(0) += n;
    }
    out
}

/// Counts per key for every dimension, in `DIMENSIONS` order.
pub fn counts(base: &Base) -> Vec<BTreeMap<String, u64>> {
    let tech = |e: u32| (base.category(e) == "technology").then(|| base.topic(e));
    let category = |e: u32| Some(base.category(e)).filter(|c| !c.is_empty());
    let org =
        |e: u32| (base.category(e) == "organisation").then(|| base.names[e as usize].as_str());
    vec![
        coverage(base, tech),
        coverage(base, category),
        coverage(base, org),
        meetups(base, 3),
        meetups(base, 4),
        meetups(base, 5),
    ]
}

fn dimension_rows(
    dim: usize,
    counts: &BTreeMap<String, u64>,
    denom: u64,
    extra: &BTreeSet<String>,
    targets: Option<&Targets>,
) -> Vec<BalanceRow> {
    let mut counts = counts.clone();
    let targets = targets.filter(|_| dim == 0).map(|t| &t.shares);
    let extra = extra.iter().filter(|_| dim == 0);
    for topic in targets.into_iter().flat_map(|t| t.keys()).chain(extra) {
        counts.entry(topic.clone()).or_insert(0);
    }
    let sum: u64 = counts
        .iter()
        .filter(|(k, _)| *k != UNRESOLVED)
        .map(|(_, c)| c)
        .sum();
    let mut rows: Vec<BalanceRow> = counts
        .into_iter()
        .map(|(key, count)| {
            let target = targets.and_then(|t| t.get(&key).copied());
            let norm_share = if key == UNRESOLVED {
                0.0
            } else {
                ratio(count, sum)
            };
            BalanceRow {
                dimension: DIMENSIONS[dim],
                deviation: target.map(|t| norm_share - t),
                key,
                count,
                share: ratio(count, denom),
                norm_share,
                target,
            }
        })
        .collect();
    rows.sort_by(|a, b| (b.count, &a.key).cmp(&(a.count, &b.key)));
    rows
}

/// Balance rows of every dimension and their concentration. `topics` (the lexicon's
/// technology topics) get a topic row even without coverage.
pub fn balance(
    base: &Base,
    topics: &BTreeSet<String>,
    targets: Option<&Targets>,
) -> (Vec<BalanceRow>, Vec<Concentration>) {
    let all = counts(base);
    let (items, listings) = (base.article_items(), base.events.len() as u64);
    let mut rows = Vec::new();
    let mut summary = Vec::new();
    for (dim, c) in all.iter().enumerate() {
        rows.extend(dimension_rows(
            dim,
            c,
            if dim < 3 { items } else { listings },
            topics,
            targets,
        ));
        summary.push(concentration(DIMENSIONS[dim], c));
    }
    (rows, summary)
}

/// Concentration of one dimension's counts (the `(unresolved)` key left out).
pub fn concentration(dimension: &'static str, counts: &BTreeMap<String, u64>) -> Concentration {
    let c: Vec<u64> = counts
        .iter()
        .filter(|(k, n)| *k != UNRESOLVED && **n > 0)
        .map(|(_, n)| *n)
        .collect();
    Concentration {
        dimension,
        keys: c.len() as u64,
        total: c.iter().sum(),
        entropy: stats::entropy(&c),
        evenness: stats::evenness(&c),
        hhi: stats::hhi(&c),
        top5_share: stats::top_share(&c, 5),
    }
}

pub fn frame_of(rows: &[BalanceRow]) -> Result<DataFrame, AnalysisError> {
    let cols = vec![
        col(
            "dimension",
            rows.iter().map(|r| r.dimension).collect::<Vec<&str>>(),
        ),
        str_col("key", rows, |r| &r.key),
        col("count", rows.iter().map(|r| r.count).collect::<Vec<u64>>()),
        col("share", rows.iter().map(|r| r.share).collect::<Vec<f64>>()),
        col(
            "norm_share",
            rows.iter().map(|r| r.norm_share).collect::<Vec<f64>>(),
        ),
        col("target", rows.iter().map(|r| r.target).collect::<Vec<_>>()),
        col(
            "deviation",
            rows.iter().map(|r| r.deviation).collect::<Vec<_>>(),
        ),
    ];
    frame("balance table", rows.len(), cols)
}

pub fn summary_frame(rows: &[Concentration]) -> Result<DataFrame, AnalysisError> {
    let opt = |f: fn(&Concentration) -> Option<f64>| rows.iter().map(f).collect::<Vec<_>>();
    let cols = vec![
        col(
            "dimension",
            rows.iter().map(|r| r.dimension).collect::<Vec<&str>>(),
        ),
        col("keys", rows.iter().map(|r| r.keys).collect::<Vec<u64>>()),
        col("total", rows.iter().map(|r| r.total).collect::<Vec<u64>>()),
        col("entropy", opt(|r| r.entropy)),
        col("evenness", opt(|r| r.evenness)),
        col("hhi", opt(|r| r.hhi)),
        col("top5_share", opt(|r| r.top5_share)),
    ];
    frame("balance summary table", rows.len(), cols)
}
