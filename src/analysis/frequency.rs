//! Frequency per entity and roll-ups by family, topic and category, over the window.
//!
//! Counts are kept apart by section. Editorial coverage is article items only: `mentions`,
//! `items`, `issues`, `share`, `first_seen` and `last_seen` count article items, so a sponsor
//! line repeated every week or a meetup listing never reads as coverage; intro, sponsor, event
//! and other items are counted in their own columns. `share = items / A`, A = article items in
//! the window (0 when A = 0). Rows: every entity with a mention in any section of the window,
//! ordered by items desc, mentions desc, entity asc.

use super::base::Base;
use super::query::{collect, count_u64, left_join, share, sort_by, text};
use super::AnalysisError;
use crate::corpus::Section;
use polars::prelude::*;

fn in_section(s: Section) -> Expr {
    col("section").eq(lit(s.as_str()))
}

/// Cells (items naming the entity) of section `s`.
fn items_in(s: Section, name: &str) -> Expr {
    count_u64(col("mentions").filter(in_section(s)).count()).alias(name)
}

/// Per entity code named in the window: article mentions, items, issues, first and last
/// article issue, and items of the other sections (no names yet).
pub fn counts(base: &Base) -> LazyFrame {
    let article = || in_section(Section::Article);
    base.cells.clone().lazy().group_by([col("entity")]).agg([
        col("mentions")
            .cast(DataType::UInt64)
            .filter(article())
            .sum()
            .alias("mentions"),
        items_in(Section::Article, "items"),
        count_u64(col("issue").filter(article()).n_unique()).alias("issues"),
        col("issue").filter(article()).min().alias("first_issue"),
        col("issue").filter(article()).max().alias("last_issue"),
        items_in(Section::Intro, "intro_items"),
        items_in(Section::Sponsor, "sponsor_items"),
        items_in(Section::Event, "event_items"),
        items_in(Section::Other, "other_items"),
    ])
}

/// The `frequency` table: entity, category, topic, family, mentions, items, issues, share,
/// first_seen, last_seen, first_issue, last_issue, intro_items, sponsor_items, event_items,
/// other_items, trend (the entity's label in `labels`).
pub fn frequency(base: &Base, labels: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let date = |issue: &str, name: &str| {
        base.issues
            .clone()
            .lazy()
            .select([col("issue").alias(issue), col("date").alias(name)])
    };
    let lf = left_join(counts(base), base.entities.clone().lazy(), &["entity"]);
    let lf = left_join(lf, date("first_issue", "first_seen"), &["first_issue"]);
    let lf = left_join(lf, date("last_issue", "last_seen"), &["last_issue"]).with_columns([
        share(col("items"), lit(base.article_items())).alias("share"),
        text("entity"),
    ]);
    let trend = labels
        .clone()
        .lazy()
        .select([col("entity"), col("label").alias("trend")]);
    let lf = left_join(lf, trend, &["entity"]);
    let lf = sort_by(
        lf,
        &[("items", true), ("mentions", true), ("entity", false)],
    );
    collect(
        "frequency table",
        lf.select([
            col("entity"),
            col("category").fill_null(lit("")),
            col("topic").fill_null(lit("")),
            col("family").fill_null(col("entity")),
            col("mentions"),
            col("items"),
            col("issues"),
            col("share"),
            col("first_seen"),
            col("last_seen"),
            col("first_issue"),
            col("last_issue"),
            col("intro_items"),
            col("sponsor_items"),
            col("event_items"),
            col("other_items"),
            col("trend").fill_null(lit("")),
        ]),
    )
}

/// Roll-up levels, in output order.
pub const LEVELS: [&str; 3] = ["family", "topic", "category"];

/// The `rollups` table: level, key, entities (members with article items), mentions, items
/// (article items naming any member: an item counts once however many members it names),
/// issues, share; by level (family, topic, category), items desc, mentions desc, key asc.
pub fn rollups(base: &Base) -> Result<DataFrame, AnalysisError> {
    let article = base
        .cells
        .clone()
        .lazy()
        .filter(in_section(Section::Article))
        .select([col("issue"), col("unit"), col("entity"), col("mentions")]);
    // Keys from the entity's metadata (not the cells' own category and topic).
    let members = left_join(article, base.entities.clone().lazy(), &["entity"]);
    let a = base.article_items();
    let level = |level: &'static str| {
        let rows = members
            .clone()
            .with_column(col(level).fill_null(lit("")).alias("key"))
            .group_by([col("key")])
            .agg([
                count_u64(col("entity").n_unique()).alias("entities"),
                col("mentions")
                    .cast(DataType::UInt64)
                    .sum()
                    .alias("mentions"),
                count_u64(col("unit").n_unique()).alias("items"),
                count_u64(col("issue").n_unique()).alias("issues"),
            ])
            .with_columns([
                lit(level).alias("level"),
                share(col("items"), lit(a)).alias("share"),
            ]);
        sort_by(rows, &[("items", true), ("mentions", true), ("key", false)])
    };
    let all = concat(LEVELS.map(level), UnionArgs::default())
        .map_err(super::query::polars("rollups table"))?;
    collect(
        "rollups table",
        all.select([
            col("level"),
            col("key"),
            col("entities"),
            col("mentions"),
            col("items"),
            col("issues"),
            col("share"),
        ]),
    )
}

/// `sponsors`: organisations named in sponsor items (entity, sponsor_items, items), by
/// sponsor items desc, entity asc: shown apart in the report, never counted as coverage.
pub fn sponsors(frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let q = frequency
        .clone()
        .lazy()
        .filter(
            col("category")
                .eq(lit("organisation"))
                .and(col("sponsor_items").gt(lit(0))),
        )
        .select([col("entity"), col("sponsor_items"), col("items")]);
    collect(
        "sponsors",
        sort_by(q, &[("sponsor_items", true), ("entity", false)]),
    )
}
