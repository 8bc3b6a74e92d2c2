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

/// One row of `trends`, compact (an archive of centuries has millions): the share, the
/// period's article items and the change are computed from it as the table is built.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendRow {
    pub period: u32,
    pub entity: u32,
    pub mentions: u32,
    pub items: u32,
    /// The entity's items in the previous period (0 when it had none there).
    pub prev_items: u32,
    pub rank: Option<std::num::NonZeroU32>,
}

/// A count of one entity in one period, far below 4 billion.
fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn entity_rows(e: u32, cells: &[Cell], periods: &PeriodSet, rows: &mut Vec<TrendRow>) {
    let row = |p: usize, items: u64, mentions: u64, prev: u64| TrendRow {
        period: p as u32,
        entity: e,
        mentions: count(mentions),
        items: count(items),
        prev_items: count(prev),
        rank: None,
    };
    for (i, &(p, items, mentions)) in cells.iter().enumerate() {
        let prev = if i > 0 && cells[i - 1].0 + 1 == p {
            cells[i - 1].1
        } else {
            0
        };
        rows.push(row(p, items, mentions, prev));
        let next_present = cells.get(i + 1).is_some_and(|c| c.0 == p + 1);
        if p + 1 < periods.len() && !next_present {
            rows.push(row(p + 1, 0, 0, items));
        }
    }
}

/// All trend rows, sorted and ranked.
pub fn rows(base: &Base, periods: &PeriodSet, series: &[Vec<Cell>]) -> Vec<TrendRow> {
    // Counted first: each cell, and a zero row after a cell whose next period has none.
    let zeros = |cells: &[Cell]| {
        (0..cells.len())
            .filter(|&i| {
                let p = cells[i].0;
                p + 1 < periods.len() && cells.get(i + 1).is_none_or(|c| c.0 != p + 1)
            })
            .count()
    };
    let mut rows: Vec<TrendRow> =
        Vec::with_capacity(series.iter().map(|c| c.len() + zeros(c)).sum());
    for (e, cells) in series.iter().enumerate() {
        entity_rows(e as u32, cells, periods, &mut rows);
    }
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
        let items: Vec<u32> = rows[start..end].iter().map(|r| r.items).collect();
        for (r, rank) in rows[start..end].iter_mut().zip(competition_ranks(&items)) {
            r.rank = std::num::NonZeroU32::new(rank);
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
    let n = |p: u32| periods.periods[p as usize].article_items;
    let share = |r: &TrendRow| ratio(u64::from(r.items), n(r.period));
    let u = |f: fn(&TrendRow) -> u32| rows.iter().map(|r| u64::from(f(r))).collect::<Vec<u64>>();
    let cols = vec![
        str_col("period", rows, |r| &periods.periods[r.period as usize].key),
        str_col("entity", rows, |r| &base.names[r.entity as usize]),
        col("mentions", u(|r| r.mentions)),
        col("items", u(|r| r.items)),
        col(
            "period_items",
            rows.iter().map(|r| n(r.period)).collect::<Vec<u64>>(),
        ),
        col("share", rows.iter().map(share).collect::<Vec<f64>>()),
        col(
            "rank",
            rows.iter()
                .map(|r| r.rank.map(std::num::NonZeroU32::get))
                .collect::<Vec<_>>(),
        ),
        col(
            "change",
            rows.iter()
                .map(|r| {
                    (r.period > 0)
                        .then(|| share(r) - ratio(u64::from(r.prev_items), n(r.period - 1)))
                })
                .collect::<Vec<_>>(),
        ),
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
