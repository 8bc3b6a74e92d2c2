//! Sources featured: which publishers (engineering blogs, project sites, publications) the
//! article items link to, per year and over the whole window.
//!
//! An article item's publisher is that of its first link (`items.publisher`). Per year `y`
//! (and for `all`): `items` = article items of `y` linking to the publisher; `share` =
//! `items / linked`, where `linked` = article items of `y` with any publisher. Undated issues
//! count under `all` only. Order: `all` first, then years ascending; within a year items
//! descending, then publisher ascending. Plain-text archives keep few links, so this table is
//! mostly filled from HTML, feed and Substack inputs.

use super::base::Base;
use super::query::{collect, inner_join, lazy, named, polars, share, sort_by, text};
use super::AnalysisError;
use crate::frames::Frames;
use crate::frames::Section;
use polars::prelude::*;

/// The key of the whole-window rows.
pub const ALL: &str = "all";

/// The `sources` table: year, publisher, items, linked, share.
pub fn sources(frames: &Frames, base: &Base) -> Result<DataFrame, AnalysisError> {
    let linked = lazy(&frames.items)
        .filter(
            col("section")
                .eq(lit(Section::Article.as_str()))
                .and(col("publisher").is_not_null()),
        )
        .select([col("issue"), text("publisher")]);
    let years = lazy(&base.issues).select([col("issue"), col("year").cast(DataType::String)]);
    let linked = inner_join(linked, years, &["issue"]);
    let per_year = col("items")
        .sum()
        .over([col("year")])
        .map_err(polars("sources"))?;
    let per = |year: Expr| {
        let rows = linked
            .clone()
            .with_column(year.alias("year"))
            .filter(col("year").is_not_null());
        rows.group_by([col("year"), col("publisher")])
            .agg([len().cast(DataType::UInt64).alias("items")])
            .with_column(per_year.clone().alias("linked"))
    };
    let rows = concat([per(lit(ALL)), per(col("year"))], UnionArgs::default())
        .map_err(polars("sources"))?
        .with_columns([
            share(col("items"), col("linked")).alias("share"),
            col("year").neq(lit(ALL)).alias("dated"),
        ]);
    let by = [
        ("dated", false),
        ("year", false),
        ("items", true),
        ("publisher", false),
    ];
    let rows = sort_by(rows, &by).select(named("year publisher items linked share"));
    collect("sources", rows)
}

/// `sources_by_year`: one row per dated year of `sources`, years ascending: year, linked,
/// and its three most linked publishers in the table's order (items desc, publisher asc) as
/// lists, `publishers` and `publisher_items` (not exported).
pub fn by_year(sources: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let top = |c: &str| col(c).head(Some(3));
    let q = lazy(sources)
        .filter(col("year").neq(lit(ALL)))
        .group_by_stable([col("year")])
        .agg([
            col("linked").first(),
            top("publisher").alias("publishers"),
            top("items").alias("publisher_items"),
        ]);
    collect("sources by year", q)
}
