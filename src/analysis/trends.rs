//! Trends by period: per entity and period, article mentions, items, share of the period's
//! article items, rank within the period and change of share since the previous period.
//!
//! `share = items / n_p`, n_p = article items of period p (0 when n_p = 0), so a short issue,
//! a period with fewer issues or a partial last month is measured against its own size and
//! never reads as a collapse. Rows: an entity appears in period p when it has items there or in
//! the previous period (so a drop to zero shows, with rank null); absent rows mean zero.
//! `rank` is the competition rank ("1224") on items within the period; `change` is
//! share - previous period's share (null in the first period). Order: period, items desc,
//! mentions desc, entity asc.

use super::base::Base;
use super::period::PeriodSet;
use super::stats::competition_ranks;
use super::table::{col, frame, iso, ratio, str_col};
use super::AnalysisError;
use crate::corpus::Section;
use polars::prelude::*;

/// One period of an entity's series: (period index, article items, article mentions).
pub type Cell = (usize, u64, u64);

/// Per entity code, its non-zero periods in period order.
pub fn series(base: &Base, periods: &PeriodSet) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = vec![Vec::new(); base.names.len()];
    for item in base.items.iter().filter(|i| i.section == Section::Article) {
        let Some(p) = periods.of_issue[item.issue] else {
            continue;
        };
        for &(e, m) in base.entities(item) {
            add_item(&mut out[e as usize], p, m as u64);
        }
    }
    for cells in &mut out {
        merge_periods(cells);
    }
    out
}

/// Counts one item with `mentions` mentions in period `p`. Items come in issue order, so an
/// entity's items of one period mostly follow each other: they are summed into the last
/// cell instead of stored one cell per item (at archive scale the cells of every item took
/// more memory than the frames). [`merge_periods`] sums what is left.
fn add_item(cells: &mut Vec<Cell>, p: usize, mentions: u64) {
    match cells.last_mut() {
        Some(last) if last.0 == p => {
            last.1 += 1;
            last.2 += mentions;
        }
        _ => cells.push((p, 1, mentions)),
    }
}

/// Sorts cells by period and sums the cells of each period into one.
fn merge_periods(cells: &mut Vec<Cell>) {
    cells.sort_unstable_by_key(|c| c.0);
    cells.dedup_by(|next, acc| {
        let same = next.0 == acc.0;
        if same {
            acc.1 += next.1;
            acc.2 += next.2;
        }
        same
    });
}

/// One row of `trends`.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendRow {
    pub period: usize,
    pub entity: u32,
    pub mentions: u64,
    pub items: u64,
    pub period_items: u64,
    pub share: f64,
    pub rank: Option<u32>,
    pub change: Option<f64>,
}

fn entity_rows(e: u32, cells: &[Cell], periods: &PeriodSet) -> Vec<TrendRow> {
    let n = |p: usize| periods.periods[p].article_items;
    let row = |p: usize, items: u64, mentions: u64, prev: Option<u64>| TrendRow {
        period: p,
        entity: e,
        mentions,
        items,
        period_items: n(p),
        share: ratio(items, n(p)),
        rank: None,
        change: (p > 0).then(|| ratio(items, n(p)) - ratio(prev.unwrap_or(0), n(p - 1))),
    };
    let mut rows = Vec::with_capacity(cells.len() + 1);
    for (i, &(p, items, mentions)) in cells.iter().enumerate() {
        let prev = (i > 0 && cells[i - 1].0 + 1 == p).then(|| cells[i - 1].1);
        rows.push(row(p, items, mentions, prev));
        let next_present = cells.get(i + 1).is_some_and(|c| c.0 == p + 1);
        if p + 1 < periods.len() && !next_present {
            rows.push(row(p + 1, 0, 0, Some(items)));
        }
    }
    rows
}

/// All trend rows, sorted and ranked.
pub fn rows(base: &Base, periods: &PeriodSet, series: &[Vec<Cell>]) -> Vec<TrendRow> {
    // At most two rows per cell (the cell and the zero after it): no growth on the way.
    let mut rows: Vec<TrendRow> = Vec::with_capacity(series.iter().map(|c| 2 * c.len()).sum());
    for (e, cells) in series.iter().enumerate() {
        rows.extend(entity_rows(e as u32, cells, periods));
    }
    rows.shrink_to_fit();
    let name = |e: u32| base.names[e as usize].as_str();
    rows.sort_by(|a, b| {
        (a.period, b.items, b.mentions, name(a.entity)).cmp(&(
            b.period,
            a.items,
            a.mentions,
            name(b.entity),
        ))
    });
    let mut start = 0;
    while start < rows.len() {
        let p = rows[start].period;
        let end = start
            + rows[start..]
                .iter()
                .take_while(|r| r.period == p && r.items > 0)
                .count();
        let items: Vec<u64> = rows[start..end].iter().map(|r| r.items).collect();
        for (r, rank) in rows[start..end].iter_mut().zip(competition_ranks(&items)) {
            r.rank = Some(rank);
        }
        start = end + rows[end..].iter().take_while(|r| r.period == p).count();
    }
    rows
}

pub fn frame_of(
    base: &Base,
    periods: &PeriodSet,
    rows: &[TrendRow],
) -> Result<DataFrame, AnalysisError> {
    let u = |f: fn(&TrendRow) -> u64| rows.iter().map(f).collect::<Vec<u64>>();
    let cols = vec![
        str_col("period", rows, |r| &periods.periods[r.period].key),
        str_col("entity", rows, |r| &base.names[r.entity as usize]),
        col("mentions", u(|r| r.mentions)),
        col("items", u(|r| r.items)),
        col("period_items", u(|r| r.period_items)),
        col("share", rows.iter().map(|r| r.share).collect::<Vec<f64>>()),
        col("rank", rows.iter().map(|r| r.rank).collect::<Vec<_>>()),
        col("change", rows.iter().map(|r| r.change).collect::<Vec<_>>()),
    ];
    frame("trends table", rows.len(), cols)
}

/// The `periods` table: period, start, end, issues, article_items, gap_before, partial.
pub fn periods_frame(periods: &PeriodSet) -> Result<DataFrame, AnalysisError> {
    let p = &periods.periods;
    let cols = vec![
        str_col("period", p, |r| &r.key),
        col("start", p.iter().map(|r| iso(r.start)).collect::<Vec<_>>()),
        col("end", p.iter().map(|r| iso(r.end)).collect::<Vec<_>>()),
        col("issues", p.iter().map(|r| r.issues).collect::<Vec<u32>>()),
        col(
            "article_items",
            p.iter().map(|r| r.article_items).collect::<Vec<u64>>(),
        ),
        col(
            "gap_before",
            p.iter().map(|r| r.gap_before).collect::<Vec<u32>>(),
        ),
        col(
            "partial",
            p.iter().map(|r| r.partial).collect::<Vec<bool>>(),
        ),
    ];
    frame("periods table", p.len(), cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Summing runs of one period as items arrive gives the cells of one cell per item,
    /// also when periods come back (issues whose dates do not follow their numbers).
    #[test]
    fn running_sums_match_one_cell_per_item() {
        let periods = [3, 3, 1, 3, 2, 2, 1, 1, 5, 3, 0];
        let mut running = Vec::new();
        let mut per_item = Vec::new();
        for (i, &p) in periods.iter().enumerate() {
            let mentions = 1 + (i as u64 * 7) % 4;
            add_item(&mut running, p, mentions);
            per_item.push((p, 1, mentions));
        }
        assert!(running.len() < per_item.len());
        merge_periods(&mut running);
        merge_periods(&mut per_item);
        assert_eq!(running, per_item);
        assert_eq!(running[..2], [(0, 1, 3), (1, 3, 8)]);
    }
}
