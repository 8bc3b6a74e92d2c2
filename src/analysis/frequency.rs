//! Frequency per entity and roll-ups by family, topic and category, over the window.
//!
//! Counts are kept apart by section. Editorial coverage is article items only: `mentions`,
//! `items`, `issues`, `share`, `first_seen` and `last_seen` count article items, so a sponsor
//! line repeated every week or a meetup listing never reads as coverage; intro, sponsor, event
//! and other items are counted in their own columns. `share = items / A`, A = article items in
//! the window (0 when A = 0). Rows: every entity with a mention in any section of the window,
//! ordered by items desc, mentions desc, entity asc.

use super::base::Base;
use super::table::{col, frame, iso, ratio, str_col};
use super::AnalysisError;
use crate::corpus::Section;
use crate::date::Date;
use polars::prelude::*;
use std::collections::BTreeMap;

/// Per-entity counts over the window (indexed by entity code).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    /// Mentions and items by section, indexed like `Section::ALL`.
    pub mentions: [u64; 5],
    pub items: [u64; 5],
    /// Issues with an article mention.
    pub issues: u64,
    /// Window issue indices of the first and last article mention.
    pub first: Option<usize>,
    pub last: Option<usize>,
}

impl Counts {
    pub fn article_items(&self) -> u64 {
        self.items[Section::Article as usize]
    }

    fn any(&self) -> bool {
        self.items.iter().any(|n| *n > 0)
    }
}

/// Counts for every entity code.
pub fn entity_counts(base: &Base) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); base.names.len()];
    for item in &base.items {
        let s = item.section as usize;
        for &(e, m) in base.entities(item) {
            let c = &mut counts[e as usize];
            c.mentions[s] += m as u64;
            c.items[s] += 1;
            if item.section == Section::Article {
                if c.last != Some(item.issue) {
                    c.issues += 1;
                }
                c.first = c.first.or(Some(item.issue));
                c.last = Some(item.issue);
            }
        }
    }
    counts
}

/// One row of `frequency`.
#[derive(Clone, Debug, PartialEq)]
pub struct FreqRow {
    /// Entity code (index into `Base::names`).
    pub code: u32,
    pub entity: String,
    pub category: String,
    pub topic: String,
    pub family: String,
    pub mentions: u64,
    pub items: u64,
    pub issues: u64,
    pub share: f64,
    pub first_seen: Option<Date>,
    pub last_seen: Option<Date>,
    pub first_issue: Option<u32>,
    pub last_issue: Option<u32>,
    pub intro_items: u64,
    pub sponsor_items: u64,
    pub event_items: u64,
    pub other_items: u64,
    /// Trend label (see `labels`).
    pub trend: String,
}

/// Frequency rows, sorted; `trend` is filled in by the caller.
pub fn rows(base: &Base, counts: &[Counts]) -> Vec<FreqRow> {
    let total = base.article_items();
    let issue = |i: Option<usize>| i.map(|i| &base.issues[i]);
    let mut rows: Vec<FreqRow> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.any())
        .map(|(e, c)| FreqRow {
            code: e as u32,
            entity: base.names[e].clone(),
            category: base.category(e as u32).to_string(),
            topic: base.topic(e as u32).to_string(),
            family: base.names[base.family(e as u32) as usize].clone(),
            mentions: c.mentions[Section::Article as usize],
            items: c.article_items(),
            issues: c.issues,
            share: ratio(c.article_items(), total),
            first_seen: issue(c.first).and_then(|i| i.date),
            last_seen: issue(c.last).and_then(|i| i.date),
            first_issue: issue(c.first).map(|i| i.number),
            last_issue: issue(c.last).map(|i| i.number),
            intro_items: c.items[Section::Intro as usize],
            sponsor_items: c.items[Section::Sponsor as usize],
            event_items: c.items[Section::Event as usize],
            other_items: c.items[Section::Other as usize],
            trend: String::new(),
        })
        .collect();
    rows.sort_by(|a, b| (b.items, b.mentions, &a.entity).cmp(&(a.items, a.mentions, &b.entity)));
    rows
}

pub fn frame_of(rows: &[FreqRow]) -> Result<DataFrame, AnalysisError> {
    let u = |f: fn(&FreqRow) -> u64| rows.iter().map(f).collect::<Vec<u64>>();
    let cols = vec![
        str_col("entity", rows, |r| &r.entity),
        str_col("category", rows, |r| &r.category),
        str_col("topic", rows, |r| &r.topic),
        str_col("family", rows, |r| &r.family),
        col("mentions", u(|r| r.mentions)),
        col("items", u(|r| r.items)),
        col("issues", u(|r| r.issues)),
        col("share", rows.iter().map(|r| r.share).collect::<Vec<f64>>()),
        col(
            "first_seen",
            rows.iter().map(|r| iso(r.first_seen)).collect::<Vec<_>>(),
        ),
        col(
            "last_seen",
            rows.iter().map(|r| iso(r.last_seen)).collect::<Vec<_>>(),
        ),
        col(
            "first_issue",
            rows.iter().map(|r| r.first_issue).collect::<Vec<_>>(),
        ),
        col(
            "last_issue",
            rows.iter().map(|r| r.last_issue).collect::<Vec<_>>(),
        ),
        col("intro_items", u(|r| r.intro_items)),
        col("sponsor_items", u(|r| r.sponsor_items)),
        col("event_items", u(|r| r.event_items)),
        col("other_items", u(|r| r.other_items)),
        str_col("trend", rows, |r| &r.trend),
    ];
    frame("frequency table", rows.len(), cols)
}

/// Roll-up levels, in output order.
pub const LEVELS: [&str; 3] = ["family", "topic", "category"];

/// One row of `rollups`: article coverage of a family, topic or category.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollupRow {
    pub level: &'static str,
    pub key: String,
    /// Member entities with article mentions.
    pub entities: u64,
    pub mentions: u64,
    /// Article items mentioning any member (an item counts once however many members it names).
    pub items: u64,
    pub issues: u64,
    pub share: f64,
}

/// Key ids per entity code for one level, and the key names.
fn level_keys(base: &Base, level: usize) -> (Vec<u32>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, u32> = BTreeMap::new();
    let ids = (0..base.names.len() as u32)
        .map(|e| {
            let k = match level {
                0 => base.names[base.family(e) as usize].clone(),
                1 => base.topic(e).to_string(),
                _ => base.category(e).to_string(),
            };
            *index.entry(k.clone()).or_insert_with(|| {
                names.push(k);
                names.len() as u32 - 1
            })
        })
        .collect();
    (ids, names)
}

/// Roll-ups ordered by level (family, topic, category), items desc, mentions desc, key asc.
pub fn rollups(base: &Base, counts: &[Counts]) -> Vec<RollupRow> {
    let total = base.article_items();
    let mut out = Vec::new();
    for (level, name) in LEVELS.iter().enumerate() {
        let (key_of, keys) = level_keys(base, level);
        let mut acc: Vec<(RollupRow, Option<usize>)> = vec![Default::default(); keys.len()];
        for item in base.items.iter().filter(|i| i.section == Section::Article) {
            let mut seen: Vec<u32> = Vec::with_capacity(base.entities(item).len());
            for &(e, m) in base.entities(item) {
                let k = key_of[e as usize];
                let (row, last) = &mut acc[k as usize];
                row.mentions += m as u64;
                if !seen.contains(&k) {
                    seen.push(k);
                    row.items += 1;
                    row.issues += u64::from(*last != Some(item.issue));
                    *last = Some(item.issue);
                }
            }
        }
        for (e, c) in counts.iter().enumerate() {
            acc[key_of[e] as usize].0.entities += u64::from(c.article_items() > 0);
        }
        let mut rows: Vec<RollupRow> = acc
            .into_iter()
            .zip(keys)
            .filter(|((row, _), _)| row.items > 0)
            .map(|((row, _), key)| RollupRow {
                level: name,
                key,
                share: ratio(row.items, total),
                ..row
            })
            .collect();
        rows.sort_by(|a, b| (b.items, b.mentions, &a.key).cmp(&(a.items, a.mentions, &b.key)));
        out.extend(rows);
    }
    out
}

pub fn rollup_frame(rows: &[RollupRow]) -> Result<DataFrame, AnalysisError> {
    let u = |f: fn(&RollupRow) -> u64| rows.iter().map(f).collect::<Vec<u64>>();
    let cols = vec![
        col("level", rows.iter().map(|r| r.level).collect::<Vec<&str>>()),
        str_col("key", rows, |r| &r.key),
        col("entities", u(|r| r.entities)),
        col("mentions", u(|r| r.mentions)),
        col("items", u(|r| r.items)),
        col("issues", u(|r| r.issues)),
        col("share", rows.iter().map(|r| r.share).collect::<Vec<f64>>()),
    ];
    frame("rollups table", rows.len(), cols)
}
