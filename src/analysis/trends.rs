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
use super::query::{collect, inner_join, left_join, polars, share, sort_by};
use super::AnalysisError;
use crate::frames::encode;
use polars::prelude::*;

/// The entity's article items and mentions per period with any (`series`): entity cat,
/// period u32 (index into the periods), items u32, mentions u64; by entity code, period.
pub fn series(base: &Base, of_issue: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let article = base
        .cells
        .clone()
        .lazy()
        .filter(col("section").eq(lit("article")))
        .select([col("issue"), col("entity"), col("mentions")]);
    let q = inner_join(article, of_issue.clone().lazy(), &["issue"])
        .group_by([col("entity"), col("period")])
        .agg([
            len().alias("items"),
            col("mentions").cast(DataType::UInt64).sum(),
        ])
        .sort_by_exprs(
            [col("entity").to_physical(), col("period")],
            SortMultipleOptions::default(),
        );
    collect("trend series", q)
}

/// The `trends` table from the series and the periods table (period keys and article items).
pub fn table(series: &DataFrame, periods: &DataFrame) -> Result<DataFrame, AnalysisError> {
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
    let sizes = periods.clone().lazy().select([
        col("index").alias("period"),
        col("article_items").alias("period_items"),
        col("article_items")
            .shift(lit(1))
            .alias("prev_period_items"),
    ]);
    let rank = col("items")
        .rank(
            RankOptions {
                method: RankMethod::Min,
                descending: true,
            },
            None,
        )
        .over([col("period")])
        .map_err(polars("trends table"))?;
    let q = left_join(rows, sizes, &["period"]).with_columns([
        share(col("items"), col("period_items")).alias("share"),
        when(col("period").gt(lit(0)))
            .then(
                share(col("items"), col("period_items"))
                    - share(col("prev_items"), col("prev_period_items")),
            )
            .otherwise(lit(NULL))
            .alias("change"),
        when(col("items").gt(lit(0)))
            .then(rank)
            .otherwise(lit(NULL))
            .alias("rank"),
    ]);
    let q = sort_by(
        q,
        &[
            ("period", false),
            ("items", true),
            ("mentions", true),
            ("entity", false),
        ],
    );
    let df = collect(
        "trends table",
        q.select([
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
