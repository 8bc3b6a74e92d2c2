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

use super::base::{values, Base};
use super::query::polars;
use super::stats::{competition_ranks, ratio};
use super::AnalysisError;
use crate::frames::encode;
use polars::prelude::*;
use std::collections::HashMap;

/// The entity's article items and mentions per period with any (`series`): entity cat,
/// period u32 (index into the periods), items u32, mentions u64; by entity code, period.
///
/// A hand-written pass over the article cells (in issue order) instead of the query
/// `cells.join(of_issue, issue).group_by([entity, period]).agg([len, sum])`: an entity's
/// cells of one period mostly follow each other, so they are summed as they come and each
/// entity's few runs sorted at the end. Measured on the 100 MiB synthetic archive (700,000
/// article cells, 405,000 (entity, period) groups): the query took 120-320 ms (hash
/// group-by) or 95-125 ms (sort on a packed key, then a sorted group-by), this pass a few ms:
/// +4-5% of the whole run, where the 10% budget has about 1.5% left (docs/PERFORMANCE.md,
/// "Which kernels remain").
pub fn series(base: &Base, of_issue: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("trend series");
    let cells = &base.cells;
    let article = super::base::article_code(cells).map_err(&err)?;
    let section = encode::CodeArray::of(cells.column("section").map_err(&err)?).map_err(&err)?;
    let of = |name: &str| of_issue.column(name).and_then(|c| c.u32()).map_err(&err);
    let numbers = of("issue")?.into_no_null_iter();
    let period_of: HashMap<u32, u32> = numbers.zip(of("period")?.into_no_null_iter()).collect();
    let entity = cells.column("entity").map_err(&err)?;
    let codes = encode::CodeArray::of(entity).map_err(&err)?;
    let u32s = |name: &str| cells.column(name).and_then(|c| c.u32()).map_err(&err);
    let (issue, mentions) = (values(u32s("issue")?), values(u32s("mentions")?));
    let mut by_entity: Vec<Vec<Cell>> =
        vec![Vec::new(); encode::names(entity).map_err(&err)?.len()];
    let mut last: Option<(u32, Option<u32>)> = None;
    for (i, (&issue, &m)) in issue.iter().zip(mentions.iter()).enumerate() {
        let Some(code) = codes
            .get(i)
            .filter(|_| article.is_some() && section.get(i) == article)
        else {
            continue;
        };
        let period = match last {
            Some((n, p)) if n == issue => p,
            _ => {
                let p = period_of.get(&issue).copied();
                last = Some((issue, p));
                p
            }
        };
        if let (Some(p), Some(c)) = (period, by_entity.get_mut(code as usize)) {
            add_item(c, p, m);
        }
    }
    let total: usize = by_entity
        .iter_mut()
        .map(|c| {
            merge_periods(c);
            c.len()
        })
        .sum();
    let mut columns = (
        Vec::with_capacity(total),
        Vec::with_capacity(total),
        Vec::with_capacity(total),
        Vec::with_capacity(total),
    );
    for (e, runs) in by_entity.iter().enumerate() {
        for &(p, items, m) in runs {
            columns.0.push(e as u32);
            columns.1.push(p);
            columns.2.push(items);
            columns.3.push(m);
        }
    }
    let entity = encode::cat_column_from_vec("entity", columns.0, entity.dtype()).map_err(&err)?;
    DataFrame::new(
        total,
        vec![
            entity,
            Column::new("period".into(), columns.1),
            Column::new("items".into(), columns.2),
            Column::new("mentions".into(), columns.3),
        ],
    )
    .map_err(err)
}

/// One period of an entity's series: (period index, article items, article mentions).
type Cell = (u32, u32, u64);

/// Counts one item with `mentions` mentions in period `p`: summed into the last run when it
/// is of the same period (items come in issue order), else a new run.
fn add_item(cells: &mut Vec<Cell>, p: u32, mentions: u32) {
    match cells.last_mut() {
        Some(last) if last.0 == p => {
            last.1 = last.1.saturating_add(1);
            last.2 += u64::from(mentions);
        }
        _ => cells.push((p, 1, u64::from(mentions))),
    }
}

/// Sorts runs by period and sums the runs of each period into one.
fn merge_periods(cells: &mut Vec<Cell>) {
    cells.sort_unstable_by_key(|c| c.0);
    cells.dedup_by(|next, acc| {
        let same = next.0 == acc.0;
        if same {
            acc.1 = acc.1.saturating_add(next.1);
            acc.2 += next.2;
        }
        same
    });
}

/// One row of `trends` while it is built (24 bytes: the 1 GiB archive has 4 million rows);
/// the share, the period's items and the change are computed as the columns are written.
#[derive(Clone, Default)]
struct Row {
    period: u32,
    entity: u32,
    /// Rank of the entity's name, the last tie-break of the order.
    name: u32,
    items: u32,
    mentions: u32,
    /// The entity's items in the previous period (0 when it had none there).
    prev_items: u32,
}

/// The `trends` table (see the module doc) from the series and the periods table (article
/// items by period index).
///
/// A hand-written pass rather than a query: the query (shifts for the previous and next
/// period, the zero rows concatenated, the period sizes gathered, a sort on four keys, the
/// rank over each period) materialises a dozen columns as long as the table. Measured on the
/// 1 GiB synthetic archive (4 million rows) it lifted the analysis' peak to 2.35 GB, over
/// the 2 GB target; see docs/PERFORMANCE.md.
pub fn table(
    base: &Base,
    series: &DataFrame,
    periods: &DataFrame,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("trends table");
    let n = super::query::u64s(periods, "article_items").map_err(&err)?;
    let entity = series.column("entity").map_err(&err)?;
    let codes = encode::CodeArray::of(entity).map_err(&err)?;
    let u32s = |name: &str| series.column(name).and_then(|c| c.u32()).map_err(&err);
    let (period, items) = (values(u32s("period")?), values(u32s("items")?));
    let mentions = super::query::u64s(series, "mentions").map_err(&err)?;
    let rank = values(base.name_rank.u32().map_err(&err)?);
    let cells: Vec<(u32, u32, u32, u32)> = (0..series.height())
        .filter_map(|i| {
            let e = codes.get(i)?;
            let m = u32::try_from(mentions[i]).unwrap_or(u32::MAX);
            Some((e, period[i], items[i], m))
        })
        .collect();
    // Each row goes straight into its period's slice (counted first: the table is the
    // largest thing the analysis holds), then each period is sorted on its own.
    let mut start = vec![0usize; n.len() + 1];
    each_row(&cells, n.len(), &rank, |r| {
        start[r.period as usize + 1] += 1
    });
    for p in 1..start.len() {
        start[p] += start[p - 1];
    }
    let mut rows = vec![Row::default(); start[n.len()]];
    let mut free = start.clone();
    each_row(&cells, n.len(), &rank, |r| {
        let slot = &mut free[r.period as usize];
        rows[*slot] = r;
        *slot += 1;
    });
    drop(cells);
    for bounds in start.windows(2) {
        // Items desc, mentions desc, name: one integer compare per pair.
        rows[bounds[0]..bounds[1]].sort_unstable_by_key(|r| {
            u128::from(!r.items) << 64 | u128::from(!r.mentions) << 32 | u128::from(r.name)
        });
    }
    columns(rows, &n, entity.dtype(), periods)
}

/// Calls `f` with every row of the table: one per cell of `cells` (entity code, period, items,
/// mentions; by entity, period; periods past `periods` left out), and a zero row after each
/// period whose next period has no cell, unless it is the last.
fn each_row(cells: &[(u32, u32, u32, u32)], periods: usize, rank: &[u32], mut f: impl FnMut(Row)) {
    for (i, &(e, p, x, m)) in cells.iter().enumerate() {
        if p as usize >= periods {
            continue;
        }
        let same = |j: usize| cells.get(j).filter(|c| c.0 == e);
        let prev = match i.checked_sub(1).and_then(same) {
            Some(c) if c.1 + 1 == p => c.2,
            _ => 0,
        };
        let name = rank.get(e as usize).copied().unwrap_or(0);
        let row = |period, items, mentions, prev_items| Row {
            period,
            entity: e,
            name,
            items,
            mentions,
            prev_items,
        };
        f(row(p, x, m, prev));
        let next_present = same(i + 1).is_some_and(|c| c.1 == p + 1);
        if (p as usize) + 1 < periods && !next_present {
            f(row(p + 1, 0, 0, x));
        }
    }
}

/// The table's columns from its sorted rows.
fn columns(
    rows: Vec<Row>,
    n: &[u64],
    entity: &DataType,
    periods: &DataFrame,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("trends table");
    let share = |items: u32, p: u32| ratio(u64::from(items), n[p as usize]);
    let ranks = ranks(&rows);
    let keys = super::query::strs(periods, "period").map_err(&err)?;
    let period_dtype =
        encode::cat_dtype(keys.iter().map(|k| k.as_deref().unwrap_or_default())).map_err(&err)?;
    let u = |name: &str, f: &dyn Fn(&Row) -> u64| {
        UInt64Chunked::from_vec(name.into(), rows.iter().map(f).collect()).into_column()
    };
    let shares = rows.iter().map(|r| share(r.items, r.period)).collect();
    let change = rows.iter().map(|r| {
        (r.period > 0).then(|| share(r.items, r.period) - share(r.prev_items, r.period - 1))
    });
    let cat = |name: &str, f: fn(&Row) -> u32, dtype: &DataType| {
        encode::cat_column_from_vec(name, rows.iter().map(f).collect(), dtype).map_err(&err)
    };
    let cols = vec![
        cat("period", |r| r.period, &period_dtype)?,
        cat("entity", |r| r.entity, entity)?,
        u("mentions", &|r| u64::from(r.mentions)),
        u("items", &|r| u64::from(r.items)),
        u("period_items", &|r| n[r.period as usize]),
        Float64Chunked::from_vec("share".into(), shares).into_column(),
        UInt32Chunked::from_iter_options("rank".into(), ranks.into_iter()).into_column(),
        Float64Chunked::from_iter_options("change".into(), change).into_column(),
    ];
    DataFrame::new(rows.len(), cols).map_err(err)
}

/// The competition rank ("1224") of each row's items within its period, rows sorted by
/// period and items desc; `None` for rows without items.
fn ranks(rows: &[Row]) -> Vec<Option<u32>> {
    let mut out = Vec::with_capacity(rows.len());
    for period in rows.chunk_by(|a, b| a.period == b.period) {
        let with_items: Vec<u32> = period
            .iter()
            .map(|r| r.items)
            .take_while(|&x| x > 0)
            .collect();
        out.extend(competition_ranks(&with_items).into_iter().map(Some));
        out.resize(out.len() + period.len() - with_items.len(), None);
    }
    out
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
            per_item.push((p, 1, u64::from(mentions)));
        }
        assert!(running.len() < per_item.len());
        merge_periods(&mut running);
        merge_periods(&mut per_item);
        assert_eq!(running, per_item);
        assert_eq!(running[..2], [(0, 1, 3), (1, 3, 8)]);
    }
}
