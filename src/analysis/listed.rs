//! How much of each long list the report prints (`listed`, not exported): a row per list,
//! list (the table), key (the part of a table the list is, null for a whole table), rows (the
//! list's rows), shown = min(rows, top) (the first rows the report prints, `--top`) and
//! more = rows - shown (the rows it says are in the CSV). Lists: `comentions`, `sponsors`,
//! `discovered`, `sources` with key `all` (its rows of year `all`), `balance` per dimension
//! and `labels` per label (keys absent from the table have no row: nothing to list).
//! Ordered by list, then key.

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
}
