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
use super::query::{collect, inner_join, pair_key, polars, share, sort_by};
use super::AnalysisError;
use crate::frames::encode;
use polars::prelude::*;

/// The entity's article items and mentions per period with any (`series`): entity cat,
/// period u32 (index into the periods), items u32, mentions u64; by entity code, period.
///
/// Grouped by one integer key sorted first: a group-by over a sorted column takes the runs
/// as groups, where hashing made a group for every 1.7 rows (405,000 of 700,000 article
/// cells at 100 MiB).
pub fn series(base: &Base, of_issue: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("trend series");
    let article = base
        .cells
        .clone()
        .lazy()
        .filter(col("section").eq(lit("article")))
        .select([col("issue"), col("entity"), col("mentions")]);
    let span = of_issue.height() as u64 + 1;
    let key = pair_key(col("entity").to_physical(), col("period"), span);
    let q = inner_join(article, of_issue.clone().lazy(), &["issue"])
        .select([key.alias("key"), col("mentions")])
        .sort(["key"], SortMultipleOptions::default())
        .group_by_stable([col("key")])
        .agg([
            len().alias("items"),
            col("mentions").cast(DataType::UInt64).sum(),
        ])
        .select([
            (col("key") / lit(span))
                .cast(DataType::UInt32)
                .alias("entity"),
            (col("key") % lit(span))
                .cast(DataType::UInt32)
                .alias("period"),
            col("items"),
            col("mentions"),
        ]);
    let mut df = collect("trend series", q)?;
    // The entity codes back into the cells' category.
    let dtype = base.cells.column("entity").map_err(&err)?.dtype().clone();
    let codes: Vec<u32> = df
        .column("entity")
        .and_then(|c| c.u32())
        .map_err(&err)?
        .into_no_null_iter()
        .collect();
    let entity = encode::cat_column_from_vec("entity", codes, &dtype).map_err(&err)?;
    df.replace("entity", entity).map_err(&err)?;
    Ok(df)
}

/// The `trends` table from the series and the periods table (period keys and article items).
pub fn table(
    base: &Base,
    series: &DataFrame,
    periods: &DataFrame,
) -> Result<DataFrame, AnalysisError> {
    let n = periods.height() as u32;
    let same_entity = |k: i64| col("entity").eq(col("entity").shift(lit(k)));
    // Series rows are by entity, period: the previous row is the previous period when it is
    // the same entity one period earlier; a period without a next row gets a zero row.
    let has_prev = same_entity(1).and(col("period").eq(col("period").shift(lit(1)) + lit(1)));
    let has_next = same_entity(-1).and((col("period") + lit(1)).eq(col("period").shift(lit(-1))));
    let rows = series.clone().lazy().with_columns([
        when(has_prev)
            .then(col("items").shift(lit(1)))
            .otherwise(lit(0u32))
            .alias("prev_items"),
        has_next.fill_null(lit(false)).alias("has_next"),
    ]);
    let zeros = rows
        .clone()
        .filter(
            col("has_next")
                .not()
                .and((col("period") + lit(1)).lt(lit(n))),
        )
        .select([
            col("entity"),
            (col("period") + lit(1)).alias("period"),
            lit(0u32).cast(DataType::UInt32).alias("items"),
            lit(0u64).cast(DataType::UInt64).alias("mentions"),
            col("items").alias("prev_items"),
        ]);
    let rows = concat([rows.drop(cols(["has_next"])), zeros], UnionArgs::default())
        .map_err(polars("trends table"))?;
    // Period sizes by index (the periods are 0..n in order).
    let sizes = periods
        .column("article_items")
        .map_err(polars("trends table"))?
        .as_materialized_series()
        .clone();
    let size = |period: Expr| lit(sizes.clone()).gather(period.cast(IDX_DTYPE), true);
    let q = rows.with_columns([
        size(col("period")).alias("period_items"),
        size(col("period") - lit(1)).alias("prev_period_items"),
        base.by_name().alias("name"),
    ]);
    let q = q.with_columns([
        share(col("items"), col("period_items")).alias("share"),
        when(col("period").gt(lit(0)))
            .then(
                share(col("items"), col("period_items"))
                    - share(col("prev_items"), col("prev_period_items")),
            )
            .otherwise(lit(NULL))
            .alias("change"),
    ]);
    let order = [
        ("period", false),
        ("items", true),
        ("mentions", true),
        ("name", false),
    ];
    let q = match order_key(series, n, base.name_rank.len())? {
        Some(key) => q.with_column(key.alias("order")).sort(
            ["order"],
            SortMultipleOptions::default().with_maintain_order(true),
        ),
        None => sort_by(q, &order),
    };
    let df = collect(
        "trends table",
        ranked(q).select([
            col("period"),
            col("entity"),
            col("mentions"),
            col("items").cast(DataType::UInt64),
            col("period_items"),
            col("share"),
            col("rank").cast(DataType::UInt32),
            col("change"),
        ]),
    )?;
    period_names(df, periods)
}

/// The rows' order (period, items desc, mentions desc, name) packed in one `u64` when the four
/// fit in 64 bits (they do by far: at 100 MiB 13 + 13 + 14 + 8 bits): a sort on one integer
/// column instead of four compared row by row. `None` when they do not fit.
fn order_key(
    series: &DataFrame,
    periods: u32,
    names: usize,
) -> Result<Option<Expr>, AnalysisError> {
    let err = polars("trends table");
    let max = |c: &str| -> Result<u64, AnalysisError> {
        Ok(super::query::u64s(series, c)
            .map_err(&err)?
            .into_iter()
            .max()
            .unwrap_or(0))
    };
    let bits = |x: u64| 64 - x.leading_zeros();
    let (items, mentions) = (max("items")?, max("mentions")?);
    let widths = [
        bits(u64::from(periods)),
        bits(items),
        bits(mentions),
        bits(names as u64),
    ];
    if widths.iter().sum::<u32>() > 64 || widths.iter().any(|&w| w >= 64) {
        return Ok(None);
    }
    let field = |e: Expr| e.cast(DataType::UInt64);
    let parts = [
        field(col("period")),
        lit(items) - field(col("items")),
        lit(mentions) - field(col("mentions")),
        field(col("name")),
    ];
    let key = parts
        .into_iter()
        .zip(widths)
        .reduce(|(acc, _), (part, width)| (acc * lit(1u64 << width) + part, 0))
        .map(|(k, _)| k);
    Ok(key)
}

/// Adds `rank`, the competition rank ("1224") of `items` within the period, to rows sorted
/// by period and items desc (null for rows with no items): a row's rank is its position in
/// the period at the first row of its tie. Runs over the sorted rows, without a group per
/// period.
fn ranked(sorted: LazyFrame) -> LazyFrame {
    let new_period = col("period")
        .neq(col("period").shift(lit(1)))
        .fill_null(lit(true));
    let new_tie = new_period.clone().or(col("items")
        .neq(col("items").shift(lit(1)))
        .fill_null(lit(true)));
    let start = |at: Expr| {
        when(at)
            .then(col("row"))
            .otherwise(lit(NULL))
            .fill_null_with_strategy(FillNullStrategy::Forward(None))
    };
    sorted
        .with_row_index("row", None)
        .with_columns([
            start(new_period).alias("period_start"),
            start(new_tie).alias("tie_start"),
        ])
        .with_column(
            when(col("items").gt(lit(0)))
                .then(col("tie_start") - col("period_start") + lit(1))
                .otherwise(lit(NULL))
                .alias("rank"),
        )
}

/// Replaces the period indices with a category over the period keys: two bytes a row
/// instead of a string (an archive of centuries has millions of rows).
fn period_names(mut df: DataFrame, periods: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("trends table");
    let keys = super::query::strs(periods, "period").map_err(&err)?;
    let dtype =
        encode::cat_dtype(keys.iter().map(|k| k.as_deref().unwrap_or_default())).map_err(&err)?;
    let idx = df.column("period").and_then(|c| c.u32()).map_err(&err)?;
    let codes: Vec<u32> = idx.into_no_null_iter().collect();
    let column = encode::cat_column_from_vec("period", codes, &dtype).map_err(&err)?;
    df.replace("period", column).map_err(&err)?;
    Ok(df)
}
