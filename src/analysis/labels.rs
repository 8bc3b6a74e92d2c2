//! Trend labels per entity over the window: new, rising, falling, peaked, quiet, steady, sparse.
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
//! 4. `peaked`: the share changed (below) and the rolling share (`peak_months` [9] months; 3
//!    quarters, 5 issues, 1 year) peaks away from both ends at `peak_rise` [2] times the first
//!    and last tenth, with the curve bending down (z_cur < 0); `peak_period` is where
//!    (`shape::peak`).
//! 5. `rising` / `falling`: the share changed, z_lin says which way, and the share ratio last
//!    third / first third is >= `min_ratio` [1.75] (<= 1/1.75); `since` is where the change
//!    began (`shape::change_start`). Thirds are of article items: a period belongs to the
//!    third holding the midpoint of its items. Shares there are smoothed, (x + 0.5) / (n + 1),
//!    so a zero third stays finite; the ratio is 1 when a third is empty (fewer than 3
//!    periods) or the entity has no items.
//! 6. `steady`: everything else.
//!
//! "The share changed": the omnibus shape test (`shape::shape_test`, linear and curved score
//! tests, dispersion-corrected) gives p = min(1, p_lin / `linear_weight` [0.9], p_cur / 0.1);
//! the Benjamini-Hochberg q-value over every non-sparse entity of the window is <= `fdr`
//! [0.03]. Stretches are measured in article items, not periods, so uneven issue lengths,
//! skipped weeks and a partial last period move them only as much as the items they hold.

use super::armitage::Point;
pub use super::label_frame::Frame;
use super::options::TrendRules;
use super::query::{polars, sort_by};
use super::shape::{self, ShapeTest};
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
    Peaked,
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
            Label::Peaked => "peaked",
            Label::Quiet => "quiet",
            Label::Steady => "steady",
            Label::Sparse => "sparse",
        }
    }
}

/// Every label in table order.
pub const LABELS: [Label; 7] = [
    Label::New,
    Label::Rising,
    Label::Falling,
    Label::Peaked,
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
    test: ShapeTest,
    /// The omnibus p of `test` (weighted Bonferroni) and its Benjamini-Hochberg q-value
    /// (`None` for sparse entities, which are not tested).
    p_value: f64,
    q_value: Option<f64>,
    /// Raw shares x / n of the first and last thirds (0 when a third is empty).
    first_share: f64,
    last_share: f64,
    /// Smoothed share ratio last / first third (1 when a third is empty or there are no items).
    ratio: f64,
    /// Period index of the peak (`peaked`) and of the change's start (`rising`/`falling`).
    peak: Option<usize>,
    since: Option<usize>,
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

/// The entity's test points: the window's periods with its items filled in.
fn points(cells: &[Cell], f: &Frame) -> Vec<Point> {
    let mut pts = f.points.clone();
    for c in cells {
        if let Some(p) = pts.get_mut(c.0 as usize) {
            p.x = u64::from(c.1);
        }
    }
    pts
}

/// The figures and the labels that need no test (sparse, new, quiet); every other entity is
/// `steady` until `decide` has the q-values.
fn measure(e: u32, cells: &[Cell], f: &Frame, rules: &TrendRules) -> TrendStat {
    let pts = points(cells, f);
    let items: u64 = cells.iter().map(|c| u64::from(c.1)).sum();
    let test = shape::shape_test(&pts);
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
    } else {
        Label::Steady
    };
    TrendStat {
        entity: e,
        label,
        items,
        periods: cells.len() as u32,
        p_value: test.p_value(rules.linear_weight),
        q_value: None,
        test,
        first_share,
        last_share,
        ratio,
        peak: None,
        since: None,
    }
}

/// Peaked, rising or falling for a `steady` entity whose share changed (q <= fdr), with
/// the peak or the start of the change.
fn decide(r: &mut TrendStat, cells: &[Cell], f: &Frame, rules: &TrendRules) {
    if r.label != Label::Steady || r.q_value.is_none_or(|q| q > rules.fdr) {
        return;
    }
    let pts = points(cells, f);
    let peak = shape::peak(&pts, f.peak_window, rules.peak_rise);
    if let (Some(at), true) = (peak, r.test.z_curve < 0.0) {
        r.label = Label::Peaked;
        r.peak = Some(at);
        return;
    }
    let rising = r.test.z_linear > 0.0;
    let label = if rising && r.ratio >= rules.min_ratio {
        Label::Rising
    } else if !rising && r.ratio <= 1.0 / rules.min_ratio {
        Label::Falling
    } else {
        return;
    };
    r.label = label;
    r.since = Some(shape::change_start(&pts, rising, r.test.dispersion));
}

/// Every entity's label: `measure` each, the q-values over the non-sparse ones, then
/// `decide` the changed ones.
fn label_all(
    codes: &[u32],
    cells: &HashMap<u32, Vec<Cell>>,
    f: &Frame,
    rules: &TrendRules,
    parallel: bool,
) -> Vec<TrendStat> {
    let none: Vec<Cell> = Vec::new();
    let of = |e: u32| cells.get(&e).map_or(none.as_slice(), Vec::as_slice);
    let one = |&e: &u32| measure(e, of(e), f, rules);
    let mut rows: Vec<TrendStat> = if parallel {
        codes.par_iter().map(one).collect()
    } else {
        codes.iter().map(one).collect()
    };
    let tested: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].label != Label::Sparse)
        .collect();
    let p: Vec<f64> = tested.iter().map(|&i| rows[i].p_value).collect();
    for (&i, q) in tested.iter().zip(shape::benjamini_hochberg(&p)) {
        rows[i].q_value = Some(q);
    }
    let two = |r: &mut TrendStat| decide(r, of(r.entity), f, rules);
    if parallel {
        rows.par_iter_mut().for_each(two);
    } else {
        rows.iter_mut().for_each(two);
    }
    rows
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

/// The `labels` table: entity, label, items, periods, z, z_curve, dispersion, z_adj,
/// p_value, q_value, first_share, last_share, ratio, peak_period, since; one row per entity
/// code of `entities` (those named in the window), ordered by label (new, rising, falling,
/// peaked, quiet, steady, sparse), items desc, entity asc. `z` is the linear z, `z_adj` it
/// after the dispersion correction, `p_value` the omnibus p, `q_value` its Benjamini-Hochberg
/// q (null for sparse entities); `peak_period` and `since` are period keys (null unless
/// peaked, resp. rising/falling).
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
    let rows = label_all(&codes, &cells, frame, rules, parallel);
    let df = table(&rows, &names, frame).map_err(&err)?;
    let q = sort_by(
        df.lazy(),
        &[("order", false), ("items", true), ("entity", false)],
    );
    super::query::collect("labels table", q.drop(by_name(["order"], true, false)))
}

/// The rows as a frame, with the sort key `order` (the label's place).
fn table(rows: &[TrendStat], names: &[String], frame: &Frame) -> PolarsResult<DataFrame> {
    let f = |name: &str, g: fn(&TrendStat) -> f64| {
        Column::new(name.into(), rows.iter().map(g).collect::<Vec<f64>>())
    };
    let key = |name: &str, g: fn(&TrendStat) -> Option<usize>| {
        let keys = rows.iter().map(|r| g(r).and_then(|i| frame.keys.get(i)));
        Column::new(
            name.into(),
            keys.map(|k| k.map(String::as_str)).collect::<Vec<_>>(),
        )
    };
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
        f("z", |r| r.test.z_linear),
        f("z_curve", |r| r.test.z_curve),
        f("dispersion", |r| r.test.dispersion),
        f("z_adj", |r| r.test.z_linear_adjusted()),
        f("p_value", |r| r.p_value),
        Column::new(
            "q_value".into(),
            rows.iter().map(|r| r.q_value).collect::<Vec<Option<f64>>>(),
        ),
        f("first_share", |r| r.first_share),
        f("last_share", |r| r.last_share),
        f("ratio", |r| r.ratio),
        key("peak_period", |r| r.peak),
        key("since", |r| r.since),
        Column::new(
            "order".into(),
            rows.iter().map(|r| r.label as u32).collect::<Vec<u32>>(),
        ),
    ];
    DataFrame::new(rows.len(), cols)
}
