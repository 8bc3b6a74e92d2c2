//! The year review's row types, and the review as frames, one per list, so every number the
//! review prints traces to a CSV row (`csv/<name>.csv`). Row order is the typed lists' order.

use super::balance::Concentration;
use super::review::YearReview;
use super::table::{col, frame, iso, Table};
use super::AnalysisError;
use crate::date::Date;
use polars::prelude::*;

/// Figures of one year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigures {
    pub year: i32,
    pub issues: u32,
    pub article_items: u64,
    pub listings: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TopEntry {
    pub entity: String,
    pub category: String,
    pub items: u64,
    pub share: f64,
    pub rank: u32,
    pub prev_items: u64,
    pub prev_share: f64,
    pub prev_rank: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mover {
    pub entity: String,
    pub prev_items: u64,
    pub prev_share: f64,
    pub items: u64,
    pub share: f64,
    /// share - prev_share.
    pub change: f64,
    pub z: f64,
    pub p_value: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Newcomer {
    pub entity: String,
    pub category: String,
    pub topic: String,
    pub first_seen: Option<Date>,
    pub first_issue: u32,
    pub items: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssociatedPair {
    pub entity_a: String,
    pub entity_b: String,
    pub items: u64,
    pub expected: f64,
    pub npmi: f64,
    pub lift: f64,
    pub g2: f64,
    pub p_value: f64,
}

/// A key counted in both years (meetups by continent, topic shares).
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub key: String,
    pub prev: u64,
    pub current: u64,
    pub prev_share: f64,
    pub share: f64,
}

fn f64s<R>(rows: &[R], f: impl Fn(&R) -> f64) -> Vec<f64> {
    rows.iter().map(f).collect()
}

fn u64s<R>(rows: &[R], f: impl Fn(&R) -> u64) -> Vec<u64> {
    rows.iter().map(f).collect()
}

fn strs<'a, R>(rows: &'a [R], f: impl Fn(&'a R) -> &'a str) -> Vec<&'a str> {
    rows.iter().map(f).collect()
}

impl YearReview {
    /// `year_summary`, `year_top`, `year_movers`, `year_newcomers`, `year_pairs`,
    /// `year_meetups`, `year_topics`, `year_concentration`.
    pub fn tables(&self) -> Result<Vec<Table>, AnalysisError> {
        Ok(vec![
            Table {
                name: "year_summary",
                frame: self.summary_frame()?,
            },
            Table {
                name: "year_top",
                frame: self.top_frame()?,
            },
            Table {
                name: "year_movers",
                frame: self.movers_frame()?,
            },
            Table {
                name: "year_newcomers",
                frame: self.newcomers_frame()?,
            },
            Table {
                name: "year_pairs",
                frame: self.pairs_frame()?,
            },
            Table {
                name: "year_meetups",
                frame: compared_frame("year meetups table", "continent", &self.meetups)?,
            },
            Table {
                name: "year_topics",
                frame: compared_frame("year topics table", "topic", &self.topics)?,
            },
            Table {
                name: "year_concentration",
                frame: self.concentration_frame()?,
            },
        ])
    }

    /// year, issues, article_items, listings (previous year first).
    fn summary_frame(&self) -> Result<DataFrame, AnalysisError> {
        let y = [&self.previous, &self.current];
        let cols = vec![
            col("year", y.iter().map(|f| f.year).collect::<Vec<i32>>()),
            col("issues", y.iter().map(|f| f.issues).collect::<Vec<u32>>()),
            col(
                "article_items",
                y.iter().map(|f| f.article_items).collect::<Vec<u64>>(),
            ),
            col(
                "listings",
                y.iter().map(|f| f.listings).collect::<Vec<u64>>(),
            ),
        ];
        frame("year summary table", 2, cols)
    }

    /// entity, category, items, share, rank, prev_items, prev_share, prev_rank.
    fn top_frame(&self) -> Result<DataFrame, AnalysisError> {
        let r = &self.top;
        let cols = vec![
            col("entity", strs(r, |t| &t.entity)),
            col("category", strs(r, |t| &t.category)),
            col("items", u64s(r, |t| t.items)),
            col("share", f64s(r, |t| t.share)),
            col("rank", r.iter().map(|t| t.rank).collect::<Vec<u32>>()),
            col("prev_items", u64s(r, |t| t.prev_items)),
            col("prev_share", f64s(r, |t| t.prev_share)),
            col(
                "prev_rank",
                r.iter().map(|t| t.prev_rank).collect::<Vec<_>>(),
            ),
        ];
        frame("year top table", r.len(), cols)
    }

    /// direction (up, down), entity, prev_items, prev_share, items, share, change, z, p_value;
    /// risers first.
    fn movers_frame(&self) -> Result<DataFrame, AnalysisError> {
        let rows: Vec<(&str, &Mover)> = self
            .risers
            .iter()
            .map(|m| ("up", m))
            .chain(self.fallers.iter().map(|m| ("down", m)))
            .collect();
        let cols = vec![
            col("direction", rows.iter().map(|r| r.0).collect::<Vec<&str>>()),
            col("entity", strs(&rows, |r| &r.1.entity)),
            col("prev_items", u64s(&rows, |r| r.1.prev_items)),
            col("prev_share", f64s(&rows, |r| r.1.prev_share)),
            col("items", u64s(&rows, |r| r.1.items)),
            col("share", f64s(&rows, |r| r.1.share)),
            col("change", f64s(&rows, |r| r.1.change)),
            col("z", f64s(&rows, |r| r.1.z)),
            col("p_value", f64s(&rows, |r| r.1.p_value)),
        ];
        frame("year movers table", rows.len(), cols)
    }

    /// entity, category, topic, first_seen, first_issue, items.
    fn newcomers_frame(&self) -> Result<DataFrame, AnalysisError> {
        let r = &self.newcomers;
        let cols = vec![
            col("entity", strs(r, |n| &n.entity)),
            col("category", strs(r, |n| &n.category)),
            col("topic", strs(r, |n| &n.topic)),
            col(
                "first_seen",
                r.iter().map(|n| iso(n.first_seen)).collect::<Vec<_>>(),
            ),
            col(
                "first_issue",
                r.iter().map(|n| n.first_issue).collect::<Vec<u32>>(),
            ),
            col("items", u64s(r, |n| n.items)),
        ];
        frame("year newcomers table", r.len(), cols)
    }

    /// entity_a, entity_b, items, expected, npmi, lift, g2, p_value.
    fn pairs_frame(&self) -> Result<DataFrame, AnalysisError> {
        let r = &self.pairs;
        let cols = vec![
            col("entity_a", strs(r, |p| &p.entity_a)),
            col("entity_b", strs(r, |p| &p.entity_b)),
            col("items", u64s(r, |p| p.items)),
            col("expected", f64s(r, |p| p.expected)),
            col("npmi", f64s(r, |p| p.npmi)),
            col("lift", f64s(r, |p| p.lift)),
            col("g2", f64s(r, |p| p.g2)),
            col("p_value", f64s(r, |p| p.p_value)),
        ];
        frame("year pairs table", r.len(), cols)
    }

    /// dimension, year, keys, total, entropy, evenness, hhi, top5_share (previous year first).
    fn concentration_frame(&self) -> Result<DataFrame, AnalysisError> {
        let (p, c) = (self.previous.year, self.current.year);
        let rows: Vec<(i32, &Concentration)> = self
            .concentration
            .iter()
            .flat_map(|(a, b)| [(p, a), (c, b)])
            .collect();
        let opt =
            |f: fn(&Concentration) -> Option<f64>| rows.iter().map(|r| f(r.1)).collect::<Vec<_>>();
        let cols = vec![
            col(
                "dimension",
                rows.iter().map(|r| r.1.dimension).collect::<Vec<&str>>(),
            ),
            col("year", rows.iter().map(|r| r.0).collect::<Vec<i32>>()),
            col("keys", u64s(&rows, |r| r.1.keys)),
            col("total", u64s(&rows, |r| r.1.total)),
            col("entropy", opt(|c| c.entropy)),
            col("evenness", opt(|c| c.evenness)),
            col("hhi", opt(|c| c.hhi)),
            col("top5_share", opt(|c| c.top5_share)),
        ];
        frame("year concentration table", rows.len(), cols)
    }
}

/// <key>, prev, current, prev_share, share.
fn compared_frame(
    step: &'static str,
    key: &str,
    r: &[Compared],
) -> Result<DataFrame, AnalysisError> {
    let cols = vec![
        col(key, strs(r, |c| &c.key)),
        col("prev", u64s(r, |c| c.prev)),
        col("current", u64s(r, |c| c.current)),
        col("prev_share", f64s(r, |c| c.prev_share)),
        col("share", f64s(r, |c| c.share)),
    ];
    frame(step, r.len(), cols)
}
