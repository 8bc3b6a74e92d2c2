//! Frequency per entity and roll-ups by family, topic and category, over the window.
//!
//! Counts are kept apart by section. Editorial coverage is article items only: `mentions`,
//! `items`, `issues`, `share`, `first_seen` and `last_seen` count article items, so a sponsor
//! line repeated every week or a meetup listing never reads as coverage; intro, sponsor, event
//! and other items are counted in their own columns. `share = items / A`, A = article items in
//! the window (0 when A = 0). Rows: every entity with a mention in any section of the window,
//! ordered by items desc, mentions desc, entity asc.

use super::base::Base;
use super::distinct::per_key;
use super::query::{code_names, collect, count_u64, left_join, pair_key, share, sort_by, text};
use super::AnalysisError;
use crate::corpus::Section;
use polars::prelude::*;

fn in_section(s: Section) -> Expr {
    col("section").eq(lit(s.as_str()))
}

/// Per entity code named in the window: article mentions, items, issues, first and last
/// article issue, and items of the other sections (no names yet).
///
/// Counted per (entity, section) first, over one integer key (see `query::pair_key`), then
/// spread into a row per entity over those few rows.
pub fn counts(base: &Base) -> Result<LazyFrame, AnalysisError> {
    let key = pair_key(
        col("entity").to_physical(),
        col("section").to_physical(),
        256,
    );
    let by_section = base.cells.clone().lazy().group_by([key.alias("key")]).agg([
        col("entity").first(),
        col("section").first(),
        count_u64(len()).alias("items"),
        col("mentions").cast(DataType::UInt64).sum(),
        col("issue").min().alias("first_issue"),
        col("issue").max().alias("last_issue"),
    ]);
    // Issues with an article item naming the entity: distinct issues per entity code.
    let article = base
        .cells
        .clone()
        .lazy()
        .filter(in_section(Section::Article))
        .select([
            col("issue"),
            col("entity")
                .to_physical()
                .cast(DataType::UInt64)
                .alias("code"),
        ]);
    let article = collect("frequency table", article)?;
    let issues = per_key(&article, "issue", "code", "issues")
        .map_err(super::query::polars("frequency table"))?;
    let of = |s: Section, c: &str| col(c).filter(in_section(s)).first();
    let items = |s: Section, name: &str| of(s, "items").fill_null(lit(0u64)).alias(name);
    let per_entity = by_section.group_by([col("entity")]).agg([
        of(Section::Article, "mentions")
            .fill_null(lit(0u64))
            .alias("mentions"),
        items(Section::Article, "items"),
        of(Section::Article, "first_issue").alias("first_issue"),
        of(Section::Article, "last_issue").alias("last_issue"),
        items(Section::Intro, "intro_items"),
        items(Section::Sponsor, "sponsor_items"),
        items(Section::Event, "event_items"),
        items(Section::Other, "other_items"),
    ]);
    let per_entity = per_entity.with_column(
        col("entity")
            .to_physical()
            .cast(DataType::UInt64)
            .alias("code"),
    );
    Ok(left_join(per_entity, issues.lazy(), &["code"])
        .with_column(col("issues").fill_null(lit(0u64)))
        .drop(by_name(["code"], true, false)))
}

/// The `frequency` table: entity, category, topic, family, origin, mentions, items, issues, share,
/// first_seen, last_seen, first_issue, last_issue, intro_items, sponsor_items, event_items,
/// other_items, trend (the entity's label in `labels`).
pub fn frequency(base: &Base, labels: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let date = |issue: &str, name: &str| {
        base.issues
            .clone()
            .lazy()
            .select([col("issue").alias(issue), col("date").alias(name)])
    };
    let lf = left_join(counts(base)?, base.entities.clone().lazy(), &["entity"]);
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
            text("category").fill_null(lit("")),
            text("topic").fill_null(lit("")),
            text("family").fill_null(col("entity")),
            text("origin").fill_null(lit("lexicon")),
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
/// Keys come from the entity's metadata (not the cells' own category and topic).
pub fn rollups(base: &Base) -> Result<DataFrame, AnalysisError> {
    let err = super::query::polars("rollups table");
    let article = collect(
        "rollups table",
        base.cells
            .clone()
            .lazy()
            .filter(in_section(Section::Article))
            .select([col("unit"), col("issue"), col("entity"), col("mentions")]),
    )?;
    let a = base.article_items();
    let mut parts = Vec::new();
    for level in LEVELS {
        let column = base.by_code.column(level).map_err(&err)?;
        let names = code_names(column).map_err(&err)?;
        let rows = article.clone().lazy().with_column(
            base.key(level)
                .to_physical()
                .cast(DataType::UInt32)
                .alias("code"),
        );
        let rows = collect("rollups table", rows)?;
        let sums = rows
            .clone()
            .lazy()
            .group_by([col("code")])
            .agg([col("mentions").cast(DataType::UInt64).sum()])
            .with_column(col("code").cast(DataType::UInt64));
        let mut q = left_join(sums, names.lazy(), &["code"]);
        for (unit, name) in [("unit", "items"), ("issue", "issues")] {
            let counted = per_key(&rows, unit, "code", name).map_err(&err)?;
            q = left_join(q, counted.lazy(), &["code"]);
        }
        // Members with article items: few rows per key once the cells are per entity.
        let members = rows
            .lazy()
            .group_by([col("entity")])
            .agg([col("code").first()])
            .group_by([col("code").cast(DataType::UInt64)])
            .agg([len().cast(DataType::UInt64).alias("entities")]);
        q = left_join(q, members, &["code"]);
        let q = q.with_columns([
            col("key").fill_null(lit("")),
            lit(level).alias("level"),
            share(col("items"), lit(a)).alias("share"),
        ]);
        parts.push(sort_by(
            q,
            &[("items", true), ("mentions", true), ("key", false)],
        ));
    }
    let all = concat(parts, UnionArgs::default()).map_err(&err)?;
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
/// `sponsors`: organisations named in sponsor items (entity, sponsor_items, items, origin), by
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
        .select([
            col("entity"),
            col("sponsor_items"),
            col("items"),
            col("origin"),
        ]);
    collect(
        "sponsors",
        sort_by(q, &[("sponsor_items", true), ("entity", false)]),
    )
}
