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
use super::options::TrendRules;
use super::query::{polars, sort_by};
use super::AnalysisError;
use crate::frames::encode::{self, CodeArray};
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;

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

/// Every label in table order.
pub const LABELS: [Label; 6] = [
    Label::New,
    Label::Rising,
    Label::Falling,
    Label::Quiet,
    Label::Steady,
    Label::Sparse,
];

/// One entity's periods with article items: (period index, items), by period.
type Cell = (u32, u32);

/// The label of one entity and the figures behind it (one row of `labels`).
struct TrendStat {
    entity: u32,
    label: Label,
    items: u64,
    /// Periods in which the entity has article items.
    periods: u32,
    test: TrendTest,
    /// Raw shares x / n of the first and last thirds (0 when a third is empty).
    first_share: f64,
    last_share: f64,
    /// Smoothed share ratio last / first third (1 when a third is empty or there are no items).
    ratio: f64,
}

/// What every entity's label is measured against, from the periods table and the window.
pub struct Frame {
    points: Vec<Point>,
    /// Per period: 0 first third, 1 middle, 2 last third.
    third: Vec<u8>,
    /// First period of the last stretch (`None` when the window is too short).
    tail: Option<usize>,
    /// The last issue number of the warm-up (issues of the window by number).
    warmup_end: Option<u32>,
    /// Per entity code: the first issue number with an article mention, when inside the window.
    first_in_window: Vec<Option<u32>>,
}

impl Frame {
    /// `ordinal` and `article_items` per period (in period order); `issues` (issue number,
    /// article items) of the window by number; `first` the archive-wide first article issue
    /// per entity code.
    pub fn new(
        ordinal: &[i64],
        n: &[u64],
        issues: &[(u32, u64)],
        first: Vec<Option<u32>>,
        rules: &TrendRules,
    ) -> Frame {
        let total: u64 = n.iter().sum();
        let mut cum = 0u64;
        let mut third = Vec::with_capacity(n.len());
        for &items in n {
            let mid = (cum as f64 + items as f64 / 2.0) / total.max(1) as f64;
            third.push(if mid < 1.0 / 3.0 {
                0
            } else if mid >= 2.0 / 3.0 {
                2
            } else {
                1
            });
            cum += items;
        }
        let points = ordinal
            .iter()
            .zip(n)
            .map(|(&t, &n)| Point {
                t: t as f64,
                n,
                x: 0,
            })
            .collect();
        let in_window: std::collections::HashSet<u32> = issues.iter().map(|i| i.0).collect();
        Frame {
            points,
            third,
            tail: tail_start(n, total, rules),
            warmup_end: warmup_end(issues, rules),
            first_in_window: first
                .into_iter()
                .map(|f| f.filter(|f| in_window.contains(f)))
                .collect(),
        }
    }
}

/// The first period of the trailing periods holding `quiet_tail` of the article items (and
/// at least `quiet_min_periods` of them); `None` when that is the whole window.
fn tail_start(n: &[u64], total: u64, rules: &TrendRules) -> Option<usize> {
    let mut cum = 0u64;
    for (i, items) in n.iter().enumerate().rev() {
        cum += items;
        let long = n.len() - i >= rules.quiet_min_periods;
        if long && cum as f64 >= rules.quiet_tail * total as f64 {
            return (i > 0).then_some(i);
        }
    }
    None
}

/// The issue closing the warm-up: the first whose cumulative article items reach `warmup`
/// of the window's.
fn warmup_end(issues: &[(u32, u64)], rules: &TrendRules) -> Option<u32> {
    let total = issues.iter().map(|i| i.1).sum::<u64>() as f64;
    let mut cum = 0u64;
    issues
        .iter()
        .find(|i| {
            cum += i.1;
            total > 0.0 && cum as f64 >= rules.warmup * total
        })
        .map(|i| i.0)
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

fn is_new(e: u32, cells: &[Cell], f: &Frame, rules: &TrendRules, k: usize) -> bool {
    let first = f.first_in_window.get(e as usize).copied().flatten();
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

fn stat(e: u32, cells: &[Cell], f: &Frame, rules: &TrendRules) -> TrendStat {
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
    } else if is_new(e, cells, f, rules, pts.len()) {
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

/// Each entity's cells, by entity code, from the trend series (entity, period, items; by
/// entity code and period).
fn cells_by_entity(series: &DataFrame) -> PolarsResult<HashMap<u32, Vec<Cell>>> {
    let entity = CodeArray::of(series.column("entity")?)?;
    let period = series.column("period")?.u32()?;
    let items = series.column("items")?.u32()?;
    let mut out: HashMap<u32, Vec<Cell>> = HashMap::new();
    for ((e, p), x) in entity.iter().zip(period.iter()).zip(items.iter()) {
        if let (Some(e), Some(p), Some(x)) = (e, p, x) {
            out.entry(e).or_default().push((p, x));
        }
    }
    Ok(out)
}

/// The `labels` table: entity, label, items, periods, z, dispersion, z_adj, p_value,
/// first_share, last_share, ratio; one row per entity code of `entities` (those named in
/// the window), ordered by label (new, rising, falling, quiet, steady, sparse), items desc,
/// entity asc. The test and the rules are small functions over each entity's cells.
pub fn labels(
    frame: &Frame,
    series: &DataFrame,
    entities: &Column,
    rules: &TrendRules,
    parallel: bool,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("labels table");
    let cells = cells_by_entity(series).map_err(&err)?;
    let names = encode::names(entities).map_err(&err)?;
    let codes: Vec<u32> = CodeArray::of(entities)
        .map_err(&err)?
        .iter()
        .flatten()
        .collect();
    let none: Vec<Cell> = Vec::new();
    let one = |&e: &u32| stat(e, cells.get(&e).unwrap_or(&none), frame, rules);
    let rows: Vec<TrendStat> = if parallel {
        codes.par_iter().map(one).collect()
    } else {
        codes.iter().map(one).collect()
    };
    let f =
        |g: fn(&TrendStat) -> f64| Column::new("".into(), rows.iter().map(g).collect::<Vec<f64>>());
    let named = |c: Column, name: &str| c.with_name(name.into());
    let cols = vec![
        Column::new(
            "entity".into(),
            rows.iter()
                .map(|r| names[r.entity as usize].as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "label".into(),
            rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "items".into(),
            rows.iter().map(|r| r.items).collect::<Vec<u64>>(),
        ),
        Column::new(
            "periods".into(),
            rows.iter().map(|r| r.periods).collect::<Vec<u32>>(),
        ),
        named(f(|r| r.test.z), "z"),
        named(f(|r| r.test.dispersion), "dispersion"),
        named(f(|r| r.test.z_adj), "z_adj"),
        named(f(|r| r.test.p_value), "p_value"),
        named(f(|r| r.first_share), "first_share"),
        named(f(|r| r.last_share), "last_share"),
        named(f(|r| r.ratio), "ratio"),
        Column::new(
            "order".into(),
            rows.iter().map(|r| r.label as u32).collect::<Vec<u32>>(),
        ),
    ];
    let df = DataFrame::new(rows.len(), cols).map_err(&err)?;
    let q = sort_by(
        df.lazy(),
        &[("order", false), ("items", true), ("entity", false)],
    );
    super::query::collect("labels table", q.drop(by_name(["order"], true, false)))
}
