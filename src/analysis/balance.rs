//! Coverage balance: how article coverage spreads over topics, categories and organisations,
//! how meetups spread over continents, countries and cities, and how evenly.
//!
//! Coverage dimensions (`topic` = technology topics, `category`, `organisation`) count article
//! items naming at least one entity of the key; `share = count / A` (A = article items; an item
//! naming two topics counts for both, so shares need not sum to 1). Meetup dimensions
//! (`continent`, `country`, `city`) count listings, `share = count / listings`; places that did
//! not resolve are the key `(unresolved)`, shown but left out of the concentration figures.
//! Discovered names (`origin = discovered`) are left out of `category` and `organisation`;
//! discovered technologies count under the topic `unclassified`, the last topic row, shown but
//! left out of norm shares and concentration like `(unresolved)`, so turning discovery on
//! moves none of the curator's balance figures.
//! `norm_share = count / sum of counts` in the dimension (sums to 1 without those keys). Curator targets apply to
//! topics: `deviation = norm_share - target`; every technology topic of the lexicon gets a
//! row, 0 when it has no coverage. Concentration per dimension over the non-zero keys:
//! entropy, evenness = H / ln K, HHI and top-5 share (see `stats`). Order: dimension as
//! listed, count desc, key asc (`unclassified` last).

use super::base::Base;
use super::distinct::per_key;
use super::origin::of_lexicon;
use super::query::{
    code_names, collect, lazy, left_join, named, pair_key, polars, share, sort_by, text, u64s,
};
use super::stats;
use super::targets::Targets;
use super::AnalysisError;
use crate::frames::Section;
use crate::lexicon::UNCLASSIFIED;
use polars::prelude::*;
use std::collections::BTreeSet;

/// Dimensions in output order.
pub const DIMENSIONS: [&str; 6] = [
    "topic",
    "category",
    "organisation",
    "continent",
    "country",
    "city",
];

/// Key for meetup listings whose place is not in the lexicon.
pub const UNRESOLVED: &str = "(unresolved)";

/// Keys shown but left out of norm shares and concentration: unresolved places, and the
/// topic of discovered technologies (no curator placed them in a topic).
fn apart(key: Expr) -> Expr {
    key.clone()
        .eq(lit(UNRESOLVED))
        .or(key.eq(lit(UNCLASSIFIED)))
}

/// A dimension's counts without the keys kept apart (and, with `nonzero`, without zero
/// counts), in key order: a filter over the counts frame.
fn classified(counts: &DataFrame, nonzero: bool) -> PolarsResult<Vec<u64>> {
    let kept = apart(col("key")).fill_null(lit(false)).not();
    let kept = if nonzero {
        kept.and(col("count").gt(lit(0u64)))
    } else {
        kept
    };
    let counts = lazy(counts).filter(kept).select([col("count")]).collect()?;
    u64s(&counts, "count")
}

/// Sum of a dimension's counts without the keys kept apart.
pub fn classified_sum(counts: &DataFrame) -> PolarsResult<u64> {
    Ok(classified(counts, false)?.iter().sum())
}

/// Counts per key of every dimension, in `DIMENSIONS` order: frames `key` str, `count` u64,
/// by key. Coverage counts distinct article items per key; meetups count listings.
pub fn counts(base: &Base) -> Result<Vec<DataFrame>, AnalysisError> {
    let err = polars("balance counts");
    let article = lazy(&base.cells)
        .filter(col("section").eq(lit(Section::Article.as_str())))
        .select([col("unit"), col("entity").to_physical().cast(IDX_DTYPE)]);
    let article = collect("balance counts", article)?;
    let is = |c: &str| col("category").eq(lit(c.to_string()));
    // Keys from the entity's metadata (not the cells' own category and topic): each entity's
    // key code, null where the dimension leaves the entity out, worked out over `by_code` (a
    // row per entity code), then looked up for every article cell.
    let coverage = |keep: Expr, field: &str| -> Result<LazyFrame, AnalysisError> {
        let code = when(keep)
            .then(col(field).to_physical().cast(DataType::UInt64))
            .otherwise(lit(NULL));
        let keys = lazy(&base.by_code).select([code.alias("code")]);
        let keys = collect("balance counts", keys)?.select_at_idx(0).cloned();
        let keys = keys
            .map(Column::take_materialized_series)
            .unwrap_or_default();
        let rows = lazy(&article).select([
            col("unit"),
            lit(keys).gather(col("entity"), false).alias("code"),
        ]);
        let rows = collect("balance counts", rows)?;
        let column = base.by_code.column(field).map_err(&err)?;
        let names = code_names(column).map_err(&err)?;
        let counted = per_key(&rows, "unit", "code", "count").map_err(&err)?;
        Ok(left_join(counted.lazy(), names.lazy(), &["code"]).select([col("key"), col("count")]))
    };
    // Meetups: listings per (city, country, continent), one integer key (nulls as a code of
    // their own), then per field over those few rows.
    let code = |c: &str| {
        col(c)
            .to_physical()
            .cast(DataType::UInt64)
            .fill_null(lit(SPAN - 1))
    };
    const SPAN: u64 = 1 << 21;
    let place = pair_key(
        pair_key(code("city"), code("country"), SPAN),
        code("continent"),
        SPAN,
    );
    let cities = lazy(&base.events).group_by([place.alias("place")]).agg([
        col("city").first(),
        col("country").first(),
        col("continent").first(),
        len().cast(DataType::UInt64).alias("count"),
    ]);
    let cities = collect("balance counts", cities)?;
    let meetups = |field: &str| {
        lazy(&cities)
            .group_by([col(field).alias("key")])
            .agg([col("count").sum()])
            .with_column(text("key").fill_null(lit(UNRESOLVED)))
    };
    let all = [
        coverage(is("technology"), "topic")?,
        coverage(col("category").is_not_null().and(of_lexicon()), "category")?,
        coverage(is("organisation").and(of_lexicon()), "entity")?,
        meetups("continent"),
        meetups("country"),
        meetups("city"),
    ];
    all.into_iter()
        .map(|q| collect("balance counts", sort_by(q, &[("key", false)])))
        .collect()
}

/// Concentration of one dimension's counts (key order; the `(unresolved)` key and zero
/// counts left out): keys, total, entropy, evenness, HHI, top-5 share, as one row.
pub fn concentration(dimension: &str, counts: &DataFrame) -> PolarsResult<DataFrame> {
    let c = classified(counts, true)?;
    df!(
        "dimension" => [dimension],
        "keys" => [c.len() as u64],
        "total" => [c.iter().sum::<u64>()],
        "entropy" => [stats::entropy(&c)],
        "evenness" => [stats::evenness(&c)],
        "hhi" => [stats::hhi(&c)],
        "top5_share" => [stats::top_share(&c, 5)],
    )
}

/// The rows of one dimension: its counts with `extra` keys at 0 (topics), shares of `denom`
/// and of the dimension's sum, targets (topics).
fn dimension_rows(
    dim: &'static str,
    counts: &DataFrame,
    denom: u64,
    extra: &[&str],
    targets: Option<&Targets>,
) -> Result<LazyFrame, AnalysisError> {
    let extra =
        df!("key" => extra, "count" => vec![0u64; extra.len()]).map_err(polars("balance table"))?;
    let rows = concat([lazy(counts), extra.lazy()], UnionArgs::default())
        .map_err(polars("balance table"))?
        .group_by([col("key")])
        .agg([col("count").sum()]);
    let resolved = apart(col("key")).not();
    let sum = col("count").filter(resolved.clone()).sum();
    let (topics, shares): (Vec<&str>, Vec<f64>) = targets
        .map(|t| t.shares.iter().map(|(k, v)| (k.as_str(), *v)).unzip())
        .unwrap_or_default();
    let target = df!("key" => topics, "target" => shares).map_err(polars("balance table"))?;
    let rows = left_join(rows, target.lazy(), &["key"]).with_columns([
        lit(dim).alias("dimension"),
        share(col("count"), lit(denom)).alias("share"),
        when(resolved)
            .then(share(col("count"), sum))
            .otherwise(lit(0.0))
            .alias("norm_share"),
    ]);
    let rows = rows.with_columns([
        (col("norm_share") - col("target")).alias("deviation"),
        col("key").eq(lit(UNCLASSIFIED)).alias("last"),
    ]);
    // `unclassified` on the last line of the topics (a line of its own).
    let by = [("last", false), ("count", true), ("key", false)];
    Ok(sort_by(rows, &by))
}

/// The `balance` and `balance_summary` tables. `topics` (the lexicon's technology topics)
/// get a topic row even without coverage.
pub fn balance(
    base: &Base,
    topics: &BTreeSet<String>,
    targets: Option<&Targets>,
) -> Result<(DataFrame, DataFrame), AnalysisError> {
    let all = counts(base)?;
    let listings = base.events.height() as u64;
    let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    let mut summary = Vec::new();
    for (d, (dim, c)) in DIMENSIONS.iter().zip(&all).enumerate() {
        let (denom, extra, t) = if d < 3 {
            let topic = d == 0;
            let extra = if topic { topics.as_slice() } else { &[] };
            (base.article_items(), extra, targets.filter(|_| topic))
        } else {
            (listings, &[][..], None)
        };
        rows.push(dimension_rows(dim, c, denom, extra, t)?);
        let figures = concentration(dim, c).map_err(polars("balance summary table"))?;
        summary.push(figures.lazy());
    }
    let concat_all =
        |parts: Vec<LazyFrame>, step| concat(parts, UnionArgs::default()).map_err(polars(step));
    let columns = "dimension key count share norm_share target deviation";
    let rows = concat_all(rows, "balance table")?.select(named(columns));
    let summary = concat_all(summary, "balance summary table")?;
    Ok((
        collect("balance table", rows)?,
        collect("balance summary table", summary)?,
    ))
}

/// `widest_gap`: the topic row of `balance` farthest from its target (largest |deviation|,
/// ties by key), none without targets.
pub fn widest_gap(balance: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let topic = col("dimension").eq(lit("topic"));
    let q = lazy(balance)
        .filter(topic.and(col("deviation").is_not_null()))
        .with_column(col("deviation").abs().alias("gap"));
    let q = sort_by(q, &[("gap", true), ("key", false)]);
    collect("widest gap", q.limit(1))
}

/// Topic rows the report's topic table shows: those with coverage or a curator target.
fn shown() -> Expr {
    let topic = col("dimension").eq(lit("topic"));
    topic.and(col("count").gt(lit(0)).or(col("target").is_not_null()))
}

/// `balance_topics` (not exported): the topic rows of `balance` with coverage or a curator
/// target, in `balance`'s order; the others are `overview.idle_topics`.
pub fn shown_topics(balance: &DataFrame) -> Result<DataFrame, AnalysisError> {
    collect("balance topics", lazy(balance).filter(shown()))
}

/// `overview`'s balance figures (one row): idle_topics (the topics of the lexicon with
/// neither coverage nor a target, joined by ", " in `balance`'s order), targets (whether any
/// topic has a curator target), and the continent with the most listings that is not
/// `(unresolved)`: top_continent, top_continent_listings, top_continent_share (null when no
/// listing resolved).
pub fn overview_figures(balance: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let topic = col("dimension").eq(lit("topic"));
    let idle = topic.clone().and(shown().not());
    let lead = col("dimension")
        .eq(lit("continent"))
        .and(col("key").neq(lit(UNRESOLVED)));
    let first = |c: &str, name: &str| col(c).filter(lead.clone()).first().alias(name);
    let idle = col("key")
        .filter(idle)
        .implode(true)
        .list()
        .join(lit(", "), true);
    let q = lazy(balance).select([
        idle.alias("idle_topics"),
        col("target")
            .filter(topic)
            .is_not_null()
            .any(true)
            .alias("targets"),
        first("key", "top_continent"),
        first("count", "top_continent_listings"),
        first("share", "top_continent_share"),
    ]);
    collect("balance figures", q)
}

/// `even`: the HHI of an even spread over the topics covered, 1 / K (null when none is).
pub fn even_hhi(summary: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let topic = col("dimension").eq(lit("topic"));
    let q = lazy(summary)
        .filter(topic.and(col("keys").gt(lit(0))))
        .select([(lit(1.0) / col("keys").cast(DataType::Float64)).alias("topic_even_hhi")])
        .limit(1);
    let mut df = collect("even topic HHI", q)?;
    if df.height() == 0 {
        df = df!("topic_even_hhi" => [None::<f64>]).map_err(polars("even topic HHI"))?;
    }
    Ok(df)
}
