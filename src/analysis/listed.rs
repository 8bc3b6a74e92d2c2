//! How much of each long list the report prints (`listed`, not exported): a row per list,
//! list (the table), key (the part of a table the list is, null for a whole table), rows (the
//! list's rows), shown = min(rows, top) (the first rows the report prints, `--top`) and
//! more = rows - shown (the rows it says are in the CSV). Lists: `comentions`, `sponsors`,
//! `discovered`, `sources` with key `all` (its rows of year `all`), `balance` per dimension
//! and `labels` per label (keys absent from the table have no row: nothing to list).
//! Ordered by list, then key. [`cut`] gives the rows themselves: the report prints every
//! row of the frames it cuts (`*_shown` beside an exported table, which stays whole).

use super::query::{collect, count_u64, lazy, polars, sort_by, text};
use super::{Analysis, AnalysisError};
use polars::prelude::*;

/// A whole table as one list.
fn whole(list: &str, df: &DataFrame) -> LazyFrame {
    lazy(df).select([
        lit(list.to_string()).alias("list"),
        lit(NULL).cast(DataType::String).alias("key"),
        count_u64(len()).alias("rows"),
    ])
}

/// A list per value of the column `key` of a table.
fn parts(list: &str, df: &DataFrame, key: &str) -> LazyFrame {
    lazy(df)
        .group_by([text(key).alias("key")])
        .agg([count_u64(len()).alias("rows")])
        .select([lit(list.to_string()).alias("list"), col("key"), col("rows")])
}

/// `listed`; see the module doc.
pub fn listed(a: &Analysis, top: usize) -> Result<DataFrame, AnalysisError> {
    let all = col("key").eq(lit(super::sources::ALL));
    let lists = vec![
        whole("comentions", &a.comentions),
        whole("sponsors", &a.sponsors),
        whole("discovered", &a.discovered),
        parts("sources", &a.sources, "year").filter(all),
        parts("balance", &a.balance, "dimension"),
        parts("labels", &a.labels, "label"),
    ];
    shown(lists, top)
}

/// The lists (list, key, rows) with shown and more; see the module doc.
fn shown(lists: Vec<LazyFrame>, top: usize) -> Result<DataFrame, AnalysisError> {
    let q = concat(lists, UnionArgs::default()).map_err(polars("listed"))?;
    let q = with_shown(q, "rows", top);
    collect("listed", sort_by(q, &[("list", false), ("key", false)]))
}

/// The first `top` rows of `df` in its order, of each value of its column `key` when given:
/// the `shown` rows of a list.
pub(super) fn cut(
    df: &DataFrame,
    key: Option<&str>,
    top: usize,
) -> Result<DataFrame, AnalysisError> {
    let q = match key {
        None => lazy(df).limit(top as IdxSize),
        // The row's place in its part, from 1 (the key is never null).
        Some(k) => lazy(df).filter(
            col(k)
                .cum_count(false)
                .over([col(k)])
                .map_err(polars("listed rows"))?
                .lt_eq(lit(top as IdxSize)),
        ),
    };
    collect("listed rows", q)
}

/// Cuts the long lists the report prints to their `shown` rows (after [`listed`] counted
/// them): the exported ones into a copy, `sponsors` and `labels_seen` in place.
pub fn cut_lists(a: &mut Analysis, top: usize) -> Result<(), AnalysisError> {
    a.comentions_shown = cut(&a.comentions, None, top)?;
    a.discovered_shown = cut(&a.discovered, None, top)?;
    a.sources_shown = cut(&a.sources, Some("year"), top)?;
    a.balance_shown = cut(&a.balance, Some("dimension"), top)?;
    a.sponsors = cut(&a.sponsors, None, top)?;
    a.labels_seen = cut(&a.labels_seen, Some("label"), top)?;
    Ok(())
}

/// `q` with `shown` = min(rows, top) and `more` = rows - shown of its u64 column `rows`
/// (also the year review's newcomers).
pub(super) fn with_shown(q: LazyFrame, rows: &str, top: usize) -> LazyFrame {
    let top = lit(top as u64);
    let shown = when(col(rows).gt(top.clone()))
        .then(top)
        .otherwise(col(rows));
    q.with_column(shown.alias("shown"))
        .with_column((col(rows) - col("shown")).alias("more"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With top 2: a part of 3 rows shows 2 and has 1 more; parts of 1 and a whole table
    /// of 0 rows show all; ordered by list, then key (null first).
    #[test]
    fn each_list_shows_at_most_top_rows_and_counts_the_rest() {
        let labels = df!("label" => ["rising", "steady", "rising", "rising"]).unwrap();
        let empty = df!("x" => Vec::<u64>::new()).unwrap();
        let lists = vec![parts("labels", &labels, "label"), whole("pairs", &empty)];
        let df = shown(lists, 2).unwrap();
        let u = |c: &str| -> Vec<u64> {
            df.column(c)
                .unwrap()
                .u64()
                .unwrap()
                .into_no_null_iter()
                .collect()
        };
        let keys: Vec<Option<&str>> = df.column("key").unwrap().str().unwrap().iter().collect();
        assert_eq!(keys, [Some("rising"), Some("steady"), None]);
        assert_eq!(u("rows"), [3, 1, 0]);
        assert_eq!(u("shown"), [2, 1, 0]);
        assert_eq!(u("more"), [1, 0, 0]);
    }

    /// A cut keeps the first rows of each part in the table's order, and of a whole table.
    #[test]
    fn a_cut_keeps_the_first_top_rows_of_each_part() {
        let df = df!("label" => ["a", "a", "a", "b"], "n" => [1u32, 2, 3, 4]).unwrap();
        let n = |d: DataFrame| -> Vec<u32> {
            d.column("n")
                .unwrap()
                .u32()
                .unwrap()
                .into_no_null_iter()
                .collect()
        };
        assert_eq!(n(cut(&df, Some("label"), 2).unwrap()), [1, 2, 4]);
        assert_eq!(n(cut(&df, None, 2).unwrap()), [1, 2]);
    }
}
