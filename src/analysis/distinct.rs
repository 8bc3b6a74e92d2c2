//! Distinct units per key: how many items (or issues) name a key, each counted once however
//! many of its entities have the key. The one count Polars' queries do badly here, so it is a
//! hand-written pass (frame in, frame out).
//!
//! The cells come in unit order (the frames are in (issue, item) order), so one pass counts
//! a key each time its unit differs from the last unit it was counted in. Measured on the
//! 100 MiB synthetic archive (700,000 article cells, 2 cores shared): `n_unique` per group
//! in a group-by took 45-60 ms per roll-up level and `unique()` over (key, unit) packed in a
//! u64 then a count per key 25-35 ms per count (about 0.25 s for the roll-ups alone), this
//! pass a few ms each: the queries alone would add about 11% to the whole run, against a
//! 10% budget the run already uses to +8.5% (docs/PERFORMANCE.md, "Which kernels remain").
//! Rows out of unit order are sorted first.

use polars::prelude::*;

/// `code` (u64), `name` (u64): per non-null value of `code` (a `u32` or `u64` column) in
/// `rows`, the number of distinct values of `unit` (a `u32` column without nulls) among its
/// rows. The columns are read in place (at 1 GiB they have 7 million rows).
pub fn per_key(rows: &DataFrame, unit: &str, code: &str, name: &str) -> PolarsResult<DataFrame> {
    let units = rows.column(unit)?.u32()?.rechunk();
    let units = units.cont_slice()?;
    let column = rows.column(code)?.as_materialized_series().rechunk();
    let pairs = match column.dtype() {
        DataType::UInt32 => {
            let arr = column.u32()?.downcast_as_array();
            count(units, |i| arr.get(i).map(u64::from))
        }
        _ => {
            let arr = column.u64()?.downcast_as_array();
            count(units, |i| arr.get(i))
        }
    };
    df!(
        code => pairs.iter().map(|p| p.0).collect::<Vec<u64>>(),
        name => pairs.iter().map(|p| p.1).collect::<Vec<u64>>(),
    )
}

/// (code, distinct units) by code, `code_at(row)` giving each row's code.
fn count(units: &[u32], code_at: impl Fn(usize) -> Option<u64>) -> Vec<(u64, u64)> {
    let order: Option<Vec<u32>> = (!units.windows(2).all(|w| w[0] <= w[1])).then(|| {
        let mut order: Vec<u32> = (0..units.len() as u32).collect();
        order.sort_by_key(|&i| units[i as usize]);
        order
    });
    let at = |k: usize| order.as_ref().map_or(k, |o| o[k] as usize);
    // Codes are mostly dense (entity, topic or category codes): counted in a vector then,
    // in a map when they are sparse.
    let top = (0..units.len())
        .filter_map(&code_at)
        .max()
        .map_or(0, |m| m + 1);
    let dense = top <= (units.len() as u64).max(1 << 16);
    // Per code, the last unit counted and the count: units come in order, so a code is
    // counted when its unit differs from the last one it was counted in (no per-unit sort).
    // Eight bytes a code: the array stays in cache for (period, topic) codes too.
    let mut by_index = vec![(u32::MAX, 0u32); if dense { top as usize } else { 0 }];
    let mut by_map: std::collections::HashMap<u64, (u32, u32), crate::corpus::FastHash> =
        std::collections::HashMap::default();
    for k in 0..units.len() {
        let row = at(k);
        let Some(c) = code_at(row) else { continue };
        let u = units[row];
        let slot = match by_index.get_mut(c as usize) {
            Some(slot) => slot,
            None => by_map.entry(c).or_insert((u32::MAX, 0)),
        };
        if slot.1 == 0 || slot.0 != u {
            *slot = (u, slot.1 + 1);
        }
    }
    let mut pairs: Vec<(u64, u64)> = by_index
        .into_iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(c, (_, n))| (c as u64, u64::from(n)))
        .chain(by_map.into_iter().map(|(c, (_, n))| (c, u64::from(n))))
        .collect();
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each unit counts once per key however many rows name it; rows out of order count alike.
    #[test]
    fn counts_units_once_per_key() {
        let rows = df!(
            "unit" => [1u32, 1, 1, 2, 2, 3, 1],
            "code" => [Some(7u64), Some(7), Some(8), Some(8), None, Some(7), Some(8)],
        )
        .unwrap();
        let out = per_key(&rows, "unit", "code", "items").unwrap();
        let column = |name| crate::analysis::query::u64s(&out, name).unwrap();
        assert_eq!((column("code"), column("items")), (vec![7, 8], vec![2, 2]));
    }
}
