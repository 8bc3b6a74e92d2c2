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
use crate::frames::encode;
use polars::prelude::*;

/// One period of an entity's series: (period index, article items, article mentions), in
/// 12 bytes (an archive of centuries has millions of cells; the counts of one entity in one
/// period are far below 4 billion).
pub type Cell = (u32, u32, u32);

/// Per entity code, its non-zero periods in period order.
pub fn series(base: &Base, periods: &PeriodSet) -> Vec<Vec<Cell>> {
    let mut out: Vec<Vec<Cell>> = vec![Vec::new(); base.names.len()];
    for item in base.items.iter().filter(|i| i.section == Section::Article) {
        let Some(p) = periods.of_issue[item.issue] else {
            continue;
        };
        for &(e, m) in base.entities(item) {
            add_item(&mut out[e as usize], p as u32, m);
        }
    }
    for cells in &mut out {
        merge_periods(cells);
        // Kept through the labels and the trend table: no growth slack.
        cells.shrink_to_fit();
    }
    out
}

/// Counts one item with `mentions` mentions in period `p`. Items come in issue order, so an
/// entity's items of one period mostly follow each other: they are summed into the last
/// cell instead of stored one cell per item (at archive scale the cells of every item took
/// more memory than the frames). [`merge_periods`] sums what is left.
fn add_item(cells: &mut Vec<Cell>, p: u32, mentions: u32) {
    match cells.last_mut() {
        Some(last) if last.0 == p => {
            last.1 = last.1.saturating_add(1);
            last.2 = last.2.saturating_add(mentions);
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
            acc.1 = acc.1.saturating_add(next.1);
            acc.2 = acc.2.saturating_add(next.2);
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

fn entity_rows(e: u32, cells: &[Cell], periods: &PeriodSet, rows: &mut Vec<TrendRow>) {
    let row = |p: u32, items: u32, mentions: u32, prev: u32| TrendRow {
        period: p,
        entity: e,
        mentions,
        items,
        prev_items: prev,
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
        if (p as usize) + 1 < periods.len() && !next_present {
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
                (p as usize) + 1 < periods.len() && cells.get(i + 1).is_none_or(|c| c.0 != p + 1)
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
    // Each column straight from the rows into Polars' storage: an archive of centuries has
    // millions of rows, and a vector per column copied into the frame doubled the table.
    // Period and entity as categories over the period keys and the entity names: two bytes a
    // row instead of a string each.
    let err = super::base::polars("trends table");
    let cat = |name: &str, names: &mut dyn Iterator<Item = &str>, code: fn(&TrendRow) -> u32| {
        let dtype = encode::cat_dtype(names)?;
        encode::cat_column_from_vec(name, rows.iter().map(code).collect(), &dtype)
    };
    let u = |name: &str, f: fn(&TrendRow) -> u32| {
        UInt64Chunked::from_vec(name.into(), rows.iter().map(|r| u64::from(f(r))).collect())
            .into_column()
    };
    let cols = vec![
        cat(
            "period",
            &mut periods.periods.iter().map(|p| p.key.as_str()),
            |r| r.period,
        )
        .map_err(&err)?,
        cat("entity", &mut base.names.iter().map(String::as_str), |r| {
            r.entity
        })
        .map_err(&err)?,
        u("mentions", |r| r.mentions),
        u("items", |r| r.items),
        UInt64Chunked::from_vec(
            "period_items".into(),
            rows.iter().map(|r| n(r.period)).collect(),
        )
        .into_column(),
        Float64Chunked::from_vec("share".into(), rows.iter().map(share).collect()).into_column(),
        UInt32Chunked::from_iter_options(
            "rank".into(),
            rows.iter().map(|r| r.rank.map(std::num::NonZeroU32::get)),
        )
        .into_column(),
        Float64Chunked::from_iter_options(
            "change".into(),
            rows.iter().map(|r| {
                (r.period > 0).then(|| share(r) - ratio(u64::from(r.prev_items), n(r.period - 1)))
            }),
        )
        .into_column(),
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
            let mentions = 1 + (i as u32 * 7) % 4;
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
