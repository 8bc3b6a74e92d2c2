//! Shares per chart period (render stage), for the time charts and their CSVs:
//! `csv/topic_trends.csv` (technology topics, the stacked area) and `csv/trend_lines.csv`
//! (the entities of the trend lines), both over the chart periods of [`Periodic`].
//!
//! `items` = article items of the period naming the entity, or any technology of the topic
//! (an item counts once per key, and for every key it names); `period_items` = the period's
//! article items; `share = items / period_items` (docs/METHODS.md, sections 2, 3 and 8).
//! An item can name several topics, so topic shares need not sum to 1; `norm_share = items /
//! sum of items of all keys in the period` does, and is what the stacked area draws.

use super::periodic::{article_items, Periodic};
use crate::render::RenderError;
use polars::prelude::*;
use std::collections::BTreeMap;

/// One row of a share table.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub period: String,
    pub key: String,
    pub items: u64,
    pub period_items: u64,
    pub share: f64,
    pub norm_share: f64,
}

/// Shares of some keys (topics or entities) per period, rows by period then items desc.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShareTable {
    /// Export name and the name of the key column.
    pub name: &'static str,
    pub key_column: &'static str,
    pub periods: Vec<String>,
    /// Keys in chart order.
    pub keys: Vec<String>,
    pub rows: Vec<Cell>,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl ShareTable {
    /// Technology topics, ordered by article items over the archive desc, then name.
    pub fn topics(frames: &crate::frames::Frames, p: &Periodic) -> Result<ShareTable, RenderError> {
        let counts = article_items(frames, p, |_, category, topic| {
            (category == "technology").then(|| topic.to_string())
        })?;
        let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, topic), n) in &counts {
            *totals.entry(topic).or_insert(0) += n;
        }
        let mut order: Vec<(&str, u64)> = totals.into_iter().collect();
        order.sort_by(|a, b| (b.1, a.0).cmp(&(a.1, b.0)));
        let keys = order.into_iter().map(|t| t.0.to_string()).collect();
        Ok(ShareTable::build("topic_trends", "topic", keys, &counts, p))
    }

    /// The given entities, in the order given.
    pub fn entities(
        frames: &crate::frames::Frames,
        p: &Periodic,
        entities: &[String],
    ) -> Result<ShareTable, RenderError> {
        let counts = article_items(frames, p, |entity, _, _| {
            entities
                .iter()
                .any(|e| e == entity)
                .then(|| entity.to_string())
        })?;
        Ok(ShareTable::build(
            "trend_lines",
            "entity",
            entities.to_vec(),
            &counts,
            p,
        ))
    }

    fn build(
        name: &'static str,
        key_column: &'static str,
        keys: Vec<String>,
        counts: &BTreeMap<(String, String), u64>,
        p: &Periodic,
    ) -> ShareTable {
        let mut rows = Vec::new();
        for period in &p.rows {
            let get = |k: &String| {
                let key = (period.period.clone(), k.clone());
                counts.get(&key).copied().unwrap_or(0)
            };
            let sum: u64 = keys.iter().map(get).sum();
            let mut cells: Vec<Cell> = keys
                .iter()
                .map(|k| Cell {
                    period: period.period.clone(),
                    key: k.clone(),
                    items: get(k),
                    period_items: period.article_items,
                    share: ratio(get(k), period.article_items),
                    norm_share: ratio(get(k), sum),
                })
                .collect();
            cells.sort_by(|a, b| (b.items, &a.key).cmp(&(a.items, &b.key)));
            rows.extend(cells);
        }
        ShareTable {
            name,
            key_column,
            periods: p.keys(),
            keys,
            rows,
        }
    }

    /// Percent per period of `key`: `norm_share` when `norm`, else `share`.
    pub fn series(&self, key: &str, norm: bool) -> Vec<f64> {
        let of: BTreeMap<&str, f64> = self
            .rows
            .iter()
            .filter(|r| r.key == key)
            .map(|r| (r.period.as_str(), if norm { r.norm_share } else { r.share }))
            .collect();
        self.periods
            .iter()
            .map(|p| of.get(p.as_str()).map_or(0.0, |v| v * 100.0))
            .collect()
    }

    /// The rows as a frame: period, <key>, items, period_items, share, norm_share.
    pub fn frame(&self) -> Result<DataFrame, RenderError> {
        let r = &self.rows;
        let s = |f: fn(&Cell) -> &str| r.iter().map(f).collect::<Vec<&str>>();
        let u = |f: fn(&Cell) -> u64| r.iter().map(f).collect::<Vec<u64>>();
        let x = |f: fn(&Cell) -> f64| r.iter().map(f).collect::<Vec<f64>>();
        let cols = vec![
            Column::new("period".into(), s(|c| &c.period)),
            Column::new(self.key_column.into(), s(|c| &c.key)),
            Column::new("items".into(), u(|c| c.items)),
            Column::new("period_items".into(), u(|c| c.period_items)),
            Column::new("share".into(), x(|c| c.share)),
            Column::new("norm_share".into(), x(|c| c.norm_share)),
        ];
        DataFrame::new(r.len(), cols).map_err(|source| RenderError::Polars {
            table: self.name.to_string(),
            step: "build frame",
            source,
        })
    }
}
