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

use super::base::{values, Base};
use super::distinct::per_key;
use super::query::{
    code_names, collect, count_u64, lazy, left_join, named, polars, share, sort_by, text,
};
use super::AnalysisError;
use crate::corpus::Section;
use crate::frames::encode;
use polars::prelude::*;

/// Per entity code named in the window: article mentions, items, issues, first and last
/// article issue, and items of the other sections (no names yet), a row per entity in code
/// order: entity, mentions, items, first_issue, last_issue, intro_items, sponsor_items,
/// event_items, other_items, issues.
///
/// A hand-written pass over the cells (frame in, frame out) instead of the query (a group-by
/// over (entity, section) on every cell, a second per entity with a filtered `first()` per
/// section, and the distinct issues joined). Measured on the 100 MiB synthetic archive (1.3
/// million cells, five alternating runs under load) the analysis took a median 0.62 CPU-s
/// with the query, 0.55 with this pass; see docs/PERFORMANCE.md "#15 redesign".
pub fn counts(base: &Base) -> Result<LazyFrame, AnalysisError> {
    let err = polars("frequency table");
    let cells = &base.cells;
    let entity = cells.column("entity").map_err(&err)?;
    let codes = encode::CodeArray::of(entity).map_err(&err)?;
    let section = cells.column("section").map_err(&err)?;
    let kinds: Vec<Option<usize>> = encode::names(section)
        .map_err(&err)?
        .iter()
        .map(|n| Section::ALL.iter().position(|s| s.as_str() == n))
        .collect();
    let section = encode::CodeArray::of(section).map_err(&err)?;
    let u32s = |name: &str| cells.column(name).and_then(|c| c.u32()).map_err(&err);
    let (issue, mentions) = (values(u32s("issue")?), values(u32s("mentions")?));
    let mut tally = vec![Tally::default(); encode::names(entity).map_err(&err)?.len()];
    // Distinct issues are counted as the issue changes: cells in issue order (as built;
    // others are sorted first).
    let order: Option<Vec<u32>> = (!issue.windows(2).all(|w| w[0] <= w[1])).then(|| {
        let mut order: Vec<u32> = (0..issue.len() as u32).collect();
        order.sort_by_key(|&i| issue[i as usize]);
        order
    });
    let at = |k: usize| order.as_ref().map_or(k, |o| o[k] as usize);
    let article = Section::ALL.iter().position(|s| *s == Section::Article);
    for i in (0..issue.len()).map(at) {
        let (Some(e), Some(t)) = (codes.get(i), section.get(i)) else {
            continue;
        };
        let Some(row) = tally.get_mut(e as usize) else {
            continue;
        };
        row.named = true;
        let kind = kinds.get(t as usize).copied().flatten();
        if let Some(k) = kind {
            row.items[k] += 1;
        }
        if kind.is_some() && kind == article {
            row.article(issue[i], mentions[i]);
        }
    }
    tally_frame(&tally, entity.dtype())
        .map(IntoLazy::lazy)
        .map_err(err)
}

/// One entity's counts while the cells are read.
#[derive(Clone, Default)]
struct Tally {
    named: bool,
    /// Items per section, in `Section::ALL` order.
    items: [u64; 5],
    mentions: u64,
    first: Option<u32>,
    last: Option<u32>,
    issues: u64,
}

impl Tally {
    /// Counts an article cell (cells come in issue order).
    fn article(&mut self, issue: u32, mentions: u32) {
        self.mentions += u64::from(mentions);
        if self.last != Some(issue) {
            self.issues += 1;
        }
        self.first = Some(self.first.map_or(issue, |f| f.min(issue)));
        self.last = Some(self.last.map_or(issue, |l| l.max(issue)));
    }
}

/// The frame of [`counts`] from the tallies of the entities named.
fn tally_frame(tally: &[Tally], dtype: &DataType) -> PolarsResult<DataFrame> {
    let named: Vec<(u32, &Tally)> = (0u32..).zip(tally).filter(|(_, t)| t.named).collect();
    let u = |name: &str, f: &dyn Fn(&Tally) -> u64| {
        let values: Vec<u64> = named.iter().map(|(_, t)| f(t)).collect();
        Column::new(name.into(), values)
    };
    let at = |s: Section| Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let items = |name: &str, s: Section| u(name, &|t| t.items[at(s)]);
    let issue = |name: &str, f: &dyn Fn(&Tally) -> Option<u32>| {
        let values: Vec<Option<u32>> = named.iter().map(|(_, t)| f(t)).collect();
        Column::new(name.into(), values)
    };
    let codes = named.iter().map(|(c, _)| *c).collect();
    DataFrame::new(
        named.len(),
        vec![
            encode::cat_column_from_vec("entity", codes, dtype)?,
            u("mentions", &|t| t.mentions),
            items("items", Section::Article),
            issue("first_issue", &|t| t.first),
            issue("last_issue", &|t| t.last),
            items("intro_items", Section::Intro),
            items("sponsor_items", Section::Sponsor),
            items("event_items", Section::Event),
            items("other_items", Section::Other),
            u("issues", &|t| t.issues),
        ],
    )
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
    let trend = lazy(labels).select([
        col("entity"),
        col("label").alias("trend"),
        col("peak_period"),
        col("since"),
        col("q_value"),
    ]);
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
    let q = lazy(frequency)
        .filter(
            col("category")
                .eq(lit("organisation"))
                .and(col("sponsor_items").gt(lit(0))),
        )
        .select(named("entity sponsor_items items origin"));
    collect(
        "sponsors",
        sort_by(q, &[("sponsor_items", true), ("entity", false)]),
    )
}
