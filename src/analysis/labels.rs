//! Trend labels per entity over the window: new, quiet, rising, falling, steady, sparse.
//!
//! In order, the first that holds (thresholds in `TrendRules`, defaults in brackets):
//! 1. `sparse`: fewer than `min_items` [8] article items in the window: too little to judge.
//! 2. `new`: first article mention in the whole archive falls inside the window after the
//!    warm-up (the issues holding the window's first `warmup` [25%] of article items), and
//!    the entity appears in at least `new_min_periods` [3] periods from then on (or in every
//!    period left, when fewer remain).
//! 3. `quiet`: absent from the last stretch (the trailing periods holding `quiet_tail` [20%]
//!    of the article items, at least `quiet_min_periods` [2] periods) after appearing in at
//!    least `quiet_regular` [30%] of the periods from its first appearance to the stretch, and
//!    in at least `new_min_periods` of them.
//! 4. `rising` / `falling`: Cochran-Armitage |z_adj| >= `z` [2.576, p < 0.01] (see
//!    `armitage`) and the share ratio last third / first third >= `min_ratio` [1.5] (<= 1/1.5).
//!    Thirds are of article items: a period belongs to the third holding the midpoint of its
//!    items. Shares there are smoothed, (x + 0.5) / (n + 1), so a zero third stays finite;
//!    the ratio is 1 when a third is empty (fewer than 3 periods) or the entity has no items.
//! 5. `steady`: everything else.
//!
//! Stretches are measured in article items, not periods, so uneven issue lengths, skipped
//! weeks and a partial last period move them only as much as the items they hold.

use super::armitage::{cochran_armitage, Point, TrendTest};
use super::base::Base;
use super::options::TrendRules;
use super::period::PeriodSet;
use super::trends::Cell;
use crate::corpus::Section;
use rayon::prelude::*;

/// A trend label; `as_str` is what the tables show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    New,
    Rising,
    Falling,
    Quiet,
    Steady,
    Sparse,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::New => "new",
            Label::Rising => "rising",
            Label::Falling => "falling",
            Label::Quiet => "quiet",
            Label::Steady => "steady",
            Label::Sparse => "sparse",
        }
    }
}

/// The label of one entity and the figures behind it (one row of `labels`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrendStat {
    pub entity: u32,
    pub label: Label,
    pub items: u64,
    /// Periods in which the entity has article items.
    pub periods: u32,
    pub test: TrendTest,
    /// Raw shares x / n of the first and last thirds (0 when a third is empty).
    pub first_share: f64,
    pub last_share: f64,
    /// Smoothed share ratio last / first third (1 when a third is empty or there are no items).
    pub ratio: f64,
}

/// What every entity's label is measured against.
struct Frame {
    points: Vec<Point>,
    /// Per period: 0 first third, 1 middle, 2 last third.
    third: Vec<u8>,
    /// First period of the last stretch (`None` when the window is too short).
    tail: Option<usize>,
    /// Last window issue index of the warm-up.
    warmup_end: Option<usize>,
}

impl Frame {
    fn new(base: &Base, periods: &PeriodSet, rules: &TrendRules) -> Frame {
        let total: u64 = periods.periods.iter().map(|p| p.article_items).sum();
        let mut cum = 0u64;
        let mut third = Vec::with_capacity(periods.len());
        for p in &periods.periods {
            let mid = (cum as f64 + p.article_items as f64 / 2.0) / total.max(1) as f64;
            third.push(if mid < 1.0 / 3.0 {
                0
            } else if mid >= 2.0 / 3.0 {
                2
            } else {
                1
            });
            cum += p.article_items;
        }
        let points = periods
            .periods
            .iter()
            .map(|p| Point {
                t: p.ordinal as f64,
                n: p.article_items,
                x: 0,
            })
            .collect();
        Frame {
            points,
            third,
            tail: tail_start(periods, total, rules),
            warmup_end: warmup_end(base, rules),
        }
    }
}

fn tail_start(periods: &PeriodSet, total: u64, rules: &TrendRules) -> Option<usize> {
    let mut cum = 0u64;
    for (i, p) in periods.periods.iter().enumerate().rev() {
        cum += p.article_items;
        let long = periods.len() - i >= rules.quiet_min_periods;
        if long && cum as f64 >= rules.quiet_tail * total as f64 {
            return (i > 0).then_some(i);
        }
    }
    None
}

fn warmup_end(base: &Base, rules: &TrendRules) -> Option<usize> {
    let total = base.article_items() as f64;
    let mut cum = 0u64;
    base.issues.iter().position(|i| {
        cum += i.count(Section::Article) as u64;
        total > 0.0 && cum as f64 >= rules.warmup * total
    })
}

/// Smoothed and raw shares of one third.
fn third_share(f: &Frame, pts: &[Point], which: u8) -> (f64, f64, bool) {
    let (x, n) = pts
        .iter()
        .zip(&f.third)
        .filter(|(_, t)| **t == which)
        .fold((0, 0), |a, (p, _)| (a.0 + p.x, a.1 + p.n));
    let raw = if n == 0 { 0.0 } else { x as f64 / n as f64 };
    ((x as f64 + 0.5) / (n as f64 + 1.0), raw, n > 0)
}

fn is_new(e: u32, cells: &[Cell], base: &Base, f: &Frame, rules: &TrendRules, k: usize) -> bool {
    let first = base.first_article[e as usize].and_then(|(number, _)| base.issue_index(number));
    let (Some(first), Some(warm), Some(c0)) = (first, f.warmup_end, cells.first()) else {
        return false;
    };
    let need = (rules.new_min_periods as usize).min(k - c0.0 as usize);
    first > warm && cells.len() >= need
}

fn is_quiet(cells: &[Cell], f: &Frame, rules: &TrendRules) -> bool {
    let (Some(tail), Some(c0)) = (f.tail, cells.first()) else {
        return false;
    };
    if cells.iter().any(|c| c.0 as usize >= tail) {
        return false;
    }
    let before = cells.len();
    before >= rules.new_min_periods as usize
        && before as f64 >= rules.quiet_regular * (tail - c0.0 as usize) as f64
}

fn stat(e: u32, cells: &[Cell], base: &Base, f: &Frame, rules: &TrendRules) -> TrendStat {
    let mut pts = f.points.clone();
    for c in cells {
        pts[c.0 as usize].x = u64::from(c.1);
    }
    let items: u64 = cells.iter().map(|c| u64::from(c.1)).sum();
    let test = cochran_armitage(&pts);
    let (s0, first_share, has0) = third_share(f, &pts, 0);
    let (s2, last_share, has2) = third_share(f, &pts, 2);
    let ratio = if has0 && has2 && items > 0 {
        s2 / s0
    } else {
        1.0
    };
    let label = if items < rules.min_items as u64 {
        Label::Sparse
    } else if is_new(e, cells, base, f, rules, pts.len()) {
        Label::New
    } else if is_quiet(cells, f, rules) {
        Label::Quiet
    } else if test.z_adj >= rules.z && ratio >= rules.min_ratio {
        Label::Rising
    } else if test.z_adj <= -rules.z && ratio <= 1.0 / rules.min_ratio {
        Label::Falling
    } else {
        Label::Steady
    };
    TrendStat {
        entity: e,
        label,
        items,
        periods: cells.len() as u32,
        test,
        first_share,
        last_share,
        ratio,
    }
}

/// Labels for the given entity codes (those with any mention in the window), ordered by
/// label (new, rising, falling, quiet, steady, sparse), items desc, entity asc.
pub fn label_all(
    base: &Base,
    periods: &PeriodSet,
    series: &[Vec<Cell>],
    entities: &[u32],
    rules: &TrendRules,
    parallel: bool,
) -> Vec<TrendStat> {
    let f = Frame::new(base, periods, rules);
    let one = |&e: &u32| stat(e, &series[e as usize], base, &f, rules);
    let mut out: Vec<TrendStat> = if parallel {
        entities.par_iter().map(one).collect()
    } else {
        entities.iter().map(one).collect()
    };
    let name = |e: u32| base.names[e as usize].as_str();
    out.sort_by(|a, b| (a.label, b.items, name(a.entity)).cmp(&(b.label, a.items, name(b.entity))));
    out
}
