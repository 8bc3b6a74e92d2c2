//! The `discovered` table: the names the lexicon does not know that discovery counts as
//! entities, ranked by article items in the window, with discovery's own figures.
//!
//! Columns: entity, category, confidence, items and issues (article items and issues in the
//! window naming it, as in `frequency`; 0 when none), mentions (discovery's, every
//! proposing section of the archive), first_seen (date of its first issue, any section),
//! first_issue, last_issue, evidence, example_issue, example. Order: items desc, confidence
//! desc, entity asc.

use super::base::Base;
use super::query::{collect, lazy, left_join, named, sort_by};
use super::AnalysisError;
use polars::prelude::*;

/// The table from the frames' `discovered` rows, the window's `frequency` table and `base`.
pub fn discovered(
    found: &DataFrame,
    frequency: &DataFrame,
    base: &Base,
) -> Result<DataFrame, AnalysisError> {
    let counts = lazy(frequency).select([
        col("entity"),
        col("items").alias("article_items"),
        col("issues").alias("article_issues"),
    ]);
    let dates = lazy(&base.issues).select([
        col("issue").alias("first_issue"),
        col("date").alias("first_seen"),
    ]);
    let rows = left_join(lazy(found), counts, &["entity"]);
    let rows = left_join(rows, dates, &["first_issue"]).with_columns([
        col("article_items").fill_null(lit(0u64)).alias("items"),
        col("article_issues").fill_null(lit(0u64)).alias("issues"),
    ]);
    let by = [("items", true), ("confidence", true), ("entity", false)];
    let columns = "entity category confidence items issues mentions first_seen first_issue \
                   last_issue evidence example_issue example";
    collect(
        "discovered table",
        sort_by(rows, &by).select(named(columns)),
    )
}
