//! What every entity's trend label is measured against (`labels`): the window's periods as
//! empty test points, each period's third of the article items, the last stretch checked for
//! `quiet`, the warm-up before which nothing is `new`, and the rolling window of `peaked`.

use super::armitage::Point;
use super::options::TrendRules;
use crate::config::Period;

/// What every entity's label is measured against, from the periods table and the window.
pub struct Frame {
    pub(super) points: Vec<Point>,
    /// Per period: its key as the periods table writes it (`2016-05`, `2016-Q2`).
    pub(super) keys: Vec<String>,
    /// Rolling-share window of the peak, in periods.
    pub(super) peak_window: usize,
    /// Per period: 0 first third, 1 middle, 2 last third.
    pub(super) third: Vec<u8>,
    /// First period of the last stretch (`None` when the window is too short).
    pub(super) tail: Option<usize>,
    /// The last issue number of the warm-up (issues of the window by number).
    pub(super) warmup_end: Option<u32>,
    /// Per entity code: the first issue number with an article mention, when inside the window.
    pub(super) first_in_window: Vec<Option<u32>>,
}

impl Frame {
    /// `ordinal`, `period` keys and `article_items` per period (in period order) of period
    /// kind `kind`; `issues` (issue number, article items) of the window by number; `first`
    /// the archive-wide first article issue per entity code.
    pub fn new(
        kind: Period,
        ordinal: &[i64],
        keys: Vec<String>,
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
            keys,
            peak_window: rules.peak_window(kind),
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
