//! Frequency per entity and roll-ups by family, topic and category, over the window.
//!
//! Counts are kept apart by section. Editorial coverage is article items only: `mentions`,
//! `items`, `issues`, `share`, `first_seen` and `last_seen` count article items, so a sponsor
//! line repeated every week or a meetup listing never reads as coverage; intro, sponsor, event
//! and other items are counted in their own columns. `share = items / A`, A = article items in
//! the window (0 when A = 0). Rows: every entity with a mention in any section of the window,
//! ordered by items desc, mentions desc, entity asc. `frequency` carries one more column than
//! it exports, `category_rank`: the row's place among its category's rows with article items
//! (1 = the first in this order), null without article items: the report's top lists print
//! it as their `#`, and its lead and top chart keep the rows that have one.

use super::base::Base;
use super::distinct::per_key;
use super::query::{
    code_names, collect, count_u64, lazy, left_join, named, polars, share, sort_by, text,
};
use super::AnalysisError;
use crate::frames::Section;
use polars::prelude::*;

/// Per entity code named in the window: article mentions, items, issues, first and last
/// article issue, and items of the other sections (no names yet), a row per entity in code
/// order: entity, mentions, items, first_issue, last_issue, intro_items, sponsor_items,
/// event_items, other_items, issues. A group-by per entity over [`per_section`]'s rows, with
/// the distinct article issues (`distinct::per_key`) joined.
pub fn counts(base: &Base) -> Result<LazyFrame, AnalysisError> {
    let in_section = |s: Section| col("section").eq(lit(s.as_str()));
    let items = |s: Section, name: &str| col("n").filter(in_section(s)).sum().alias(name);
    let article = |c: &str| col(c).filter(in_section(Section::Article));
    let code = || col("entity").to_physical().cast(DataType::UInt64);
    let per_entity = per_section(base)?
        .group_by([col("entity")])
        .agg([
            article("m").sum().alias("mentions"),
            items(Section::Article, "items"),
            article("lo").min().alias("first_issue"),
            article("hi").max().alias("last_issue"),
            items(Section::Intro, "intro_items"),
            items(Section::Sponsor, "sponsor_items"),
            items(Section::Event, "event_items"),
            items(Section::Other, "other_items"),
        ])
        .with_column(code().alias("code"));
    let issues = lazy(&base.cells)
        .filter(in_section(Section::Article).and(col("entity").is_not_null()))
        .select([col("issue"), code().alias("code")]);
    let issues = collect("frequency table", issues)?;
    let issues = per_key(&issues, "issue", "code", "issues").map_err(polars("frequency table"))?;
    Ok(left_join(per_entity, issues.lazy(), &["code"])
        .with_column(col("issues").fill_null(lit(0u64)))
        .sort(["code"], SortMultipleOptions::default())
        .drop(by_name(["code"], true, false)))
}

/// A row per (entity, section) named in the window: entity, section, n (cells), m (their
/// mentions, u64), lo and hi (their lowest and highest issue), the cells grouped once with
/// plain aggregations so that [`counts`] filters by section over these few rows only.
///
/// The group key is the two codes packed in one `u32` (`entity * span + section`, span the
/// number of sections; a `u64` if that could overflow): over the 100 MiB synthetic archive (release,
/// one Polars thread, inside the report run), the group-by per entity with eight aggregations
/// filtered by section over the cells took 88-90 ms; this group-by 30-35 ms (the same key
/// packed in a `u64` by `pair_key`: 46-52 ms, computing the key alone 23-25 ms against
/// 11-12 ms in `u32`), and the group-by over its rows well under a millisecond. The sums are
/// of integers and min / max are exact, so the counts are the same.
fn per_section(base: &Base) -> Result<LazyFrame, AnalysisError> {
    let err = polars("frequency table");
    let count = |c: &str| -> Result<u64, AnalysisError> {
        let column = base.cells.column(c).map_err(&err)?;
        Ok(crate::frames::encode::names(column)
            .map_err(&err)?
            .len()
            .max(1) as u64)
    };
    let span = count("section")?;
    // `u64` only where the codes would not fit (over 16 million entity names).
    let wide = count("entity")? * span > u64::from(u32::MAX);
    let dtype = if wide {
        DataType::UInt64
    } else {
        DataType::UInt32
    };
    let code = |c: &str| col(c).to_physical().cast(dtype.clone());
    let key = code("entity") * lit(span).cast(dtype.clone()) + code("section");
    let key = key.alias("pair");
    Ok(lazy(&base.cells)
        .filter(
            col("entity")
                .is_not_null()
                .and(col("section").is_not_null()),
        )
        .group_by([key])
        .agg([
            col("entity").first(),
            col("section").first(),
            count_u64(len()).alias("n"),
            count_u64(col("mentions")).sum().alias("m"),
            col("issue").min().alias("lo"),
            col("issue").max().alias("hi"),
        ]))
}

/// The `frequency` table: entity, category, topic, family, origin, mentions, items, issues, share,
/// first_seen, last_seen, first_issue, last_issue, intro_items, sponsor_items, event_items,
/// other_items, trend (the entity's label in `labels`), peak_period, since, q_value (from
/// `labels`: null when the label has none). `counts` is [`counts`] collected (shared with
/// [`rollups`]).
pub fn frequency(
    base: &Base,
    counts: &DataFrame,
    labels: &DataFrame,
) -> Result<DataFrame, AnalysisError> {
    let date = |issue: &str, name: &str| {
        lazy(&base.issues).select([col("issue").alias(issue), col("date").alias(name)])
    };
    let lf = left_join(lazy(counts), lazy(&base.entities), &["entity"]);
    let lf = left_join(lf, date("first_issue", "first_seen"), &["first_issue"]);
    let lf = left_join(lf, date("last_issue", "last_seen"), &["last_issue"]).with_columns([
        share(col("items"), lit(base.article_items())).alias("share"),
        text("entity"),
    ]);
    let trend = lazy(labels)
        .select(named("entity label peak_period since q_value"))
        .rename(["label"], ["trend"], true);
    let lf = left_join(lf, trend, &["entity"]).with_columns([
        text("category").fill_null(lit("")),
        text("topic").fill_null(lit("")),
        text("family").fill_null(col("entity")),
        text("origin").fill_null(lit("lexicon")),
        col("trend").fill_null(lit("")),
    ]);
    let by = [("items", true), ("mentions", true), ("entity", false)];
    let lf = sort_by(lf, &by).select(named(FREQUENCY));
    collect("frequency table", lf.with_column(category_rank()?))
}

/// The exported columns of `frequency`, in order.
const FREQUENCY: &str = "entity category topic family origin mentions items issues share \
                         first_seen last_seen first_issue last_issue intro_items sponsor_items \
                         event_items other_items trend peak_period since q_value";

/// `category_rank`; see the module doc.
fn category_rank() -> Result<Expr, AnalysisError> {
    let covered = col("items").gt(lit(0u64));
    let place = covered.clone().cast(DataType::UInt32).cum_sum(false);
    let place = place
        .over([col("category")])
        .map_err(polars("frequency table"))?;
    Ok(when(covered)
        .then(place)
        .otherwise(lit(NULL).cast(DataType::UInt32))
        .alias("category_rank"))
}

/// `top_listing` (not exported): the report's top lists, per category its first `top`
/// rows with article items (`category_rank` <= top) in `frequency`'s order, a run per
/// category (categories ascending), with `more`: the category's other rows with article
/// items (covered - top when positive, else 0).
pub fn top_listing(frequency: &DataFrame, top: usize) -> Result<DataFrame, AnalysisError> {
    let top = top as u64;
    let covered = count_u64(len())
        .over([col("category")])
        .map_err(polars("top lists"))?;
    let more = when(covered.clone().gt(lit(top)))
        .then(covered - lit(top))
        .otherwise(lit(0u64));
    let rows = lazy(frequency)
        .filter(col("category_rank").is_not_null())
        .with_column(more.alias("more"))
        .filter(col("category_rank").cast(DataType::UInt64).lt_eq(lit(top)));
    collect("top lists", sort_by(rows, &[("category", false)]))
}

/// `leaders` (not exported): the first two rows of `frequency` with article items, the
/// report's lead sentence.
pub fn leaders(frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let covered = lazy(frequency).filter(col("category_rank").is_not_null());
    collect("leaders", covered.limit(2))
}

/// Roll-up levels, in output order.
pub const LEVELS: [&str; 3] = ["family", "topic", "category"];

/// The `rollups` table: level, key, entities (members with article items), mentions, items
/// (article items naming any member: an item counts once however many members it names),
/// issues, share; by level (family, topic, category), items desc, mentions desc, key asc.
/// Keys come from the entity's metadata (not the cells' own category and topic).
///
/// `counts` is [`counts`] collected: the members and their mentions are summed from its rows
/// (one per entity), so only the distinct items and issues go back to the cells.
pub fn rollups(base: &Base, counts: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let err = polars("rollups table");
    let code = |level: &str| base.key_code(level);
    let mut article = vec![col("unit"), col("issue")];
    article.extend(LEVELS.map(|level| code(level).alias(level)));
    let article = collect(
        "rollups table",
        lazy(&base.cells)
            .filter(col("section").eq(lit(Section::Article.as_str())))
            .select(article),
    )?;
    let a = base.article_items();
    let mut parts = Vec::new();
    for level in LEVELS {
        let column = base.by_code.column(level).map_err(&err)?;
        let names = code_names(column).map_err(&err)?;
        let sums = lazy(counts)
            .filter(col("items").gt(lit(0)))
            .group_by([code(level).alias("code")])
            .agg([col("mentions").sum(), count_u64(len()).alias("entities")]);
        let mut q = left_join(sums, names.lazy(), &["code"]);
        for (unit, name) in [("unit", "items"), ("issue", "issues")] {
            let counted = per_key(&article, unit, level, name).map_err(&err)?;
            let counted = counted.lazy().rename([level], ["code"], true);
            q = left_join(q, counted, &["code"]);
        }
        let q = q.with_columns([
            col("key").fill_null(lit("")),
            lit(level).alias("level"),
            share(col("items"), lit(a)).alias("share"),
        ]);
        let by = [("items", true), ("mentions", true), ("key", false)];
        parts.push(sort_by(q, &by));
    }
    let all = concat(parts, UnionArgs::default()).map_err(&err)?;
    let columns = "level key entities mentions items issues share";
    collect("rollups table", all.select(named(columns)))
}

/// `sponsors`: organisations named in sponsor items (entity, sponsor_items, items, origin), by
/// sponsor items desc, entity asc: shown apart in the report, never counted as coverage.
pub fn sponsors(frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let organisation = col("category").eq(lit("organisation"));
    let q = lazy(frequency)
        .filter(organisation.and(col("sponsor_items").gt(lit(0))))
        .select(named("entity sponsor_items items origin"));
    let by = [("sponsor_items", true), ("entity", false)];
    collect("sponsors", sort_by(q, &by))
}
