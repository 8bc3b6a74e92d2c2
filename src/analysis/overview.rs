//! The archive in figures for the report's overview and meetup sections, from the frames:
//!
//! * `overview` (one row): first_issue, last_issue (numbers), dated (issues with a date),
//!   items per section (intro, article, sponsor, event, other) and in all (items) over every
//!   issue; listings, resolved and unresolved listings; entities found (rows of `frequency`)
//!   and covered (with article items); mention rows (mentions) and of them the lexicon names
//!   the text writes (named: via `text`, origin `lexicon`), makers (via `maker`), names only
//!   in links (via `link`) and discovered names (origin `discovered`); little_data: fewer
//!   than [`FEW_PERIODS`] periods, or more than half the labelled entities `sparse` (the
//!   report then says the archive is too small for trends); moving_entities: those labelled
//!   new, rising, falling, peaked or quiet; all_named: mentions = named; the analysis adds balance's evenness
//!   and HHI columns, `movers_sparse` (`picks::movers_sparse`), `lexicon_entities` (all of
//!   `lexicon_size`), and ([`row_counts`]) publishers (rows of `sources` with year `all`),
//!   pairs (rows of `comentions`) and places_unresolved (rows of `unresolved_places`); and
//!   ([`with_reading`]) what the corpus reported while reading: warnings, the first
//!   warnings_listed of them the report lists (`frames::WARNINGS_LISTED` at most),
//!   warnings_more (warnings - warnings_listed) and skipped (inputs skipped whole); and the
//!   rows of the data files, the frames' heights: issues_rows, items_rows, mentions_rows,
//!   events_rows;
//! * `warnings`: the texts of the listed warnings (warning), as read (not exported);
//! * `found`: entities found per category (category, entities), by category;
//! * `lexicon_size`: the lexicon's curated entities per category (category, entities), in
//!   `Category::ALL` order, without the names discovery counted (not exported);
//! * `places`: resolved listings per (country, continent), most listings first (ties by
//!   country, then continent): the bars of the meetups-by-country chart;
//! * `continents`: resolved listings per continent (the sum of its `places` rows), most
//!   listings first (ties by continent): the bars of the meetups-by-continent chart;
//! * `unresolved_places`: listings per place no city resolves, by listings desc, place asc.

use super::query::{collect, count_u64, lazy, sort_by, text};
use super::AnalysisError;
use crate::frames::encode::{names, CodeArray};
use crate::frames::Section;
use crate::frames::{Frames, Reading};
use crate::lexicon::{Category, Lexicon};
use polars::prelude::*;

/// Periods below which no trend label is expected to pass its tests (`little_data`): a
/// trend compares the first and last thirds of the archive, and with fewer than six periods
/// a third is less than two periods.
pub const FEW_PERIODS: u64 = 6;

/// `overview`; see the module doc. `periods`: the periods trends are measured over.
pub fn overview(
    frames: &Frames,
    frequency: &DataFrame,
    labels: &DataFrame,
    periods: u64,
) -> Result<DataFrame, AnalysisError> {
    let sum = |c: &str| col(c).cast(DataType::UInt64).sum();
    let mut figures = vec![
        col("issue").min().alias("first_issue"),
        col("issue").max().alias("last_issue"),
        count_u64(col("date").is_not_null().sum()).alias("dated"),
    ];
    figures.extend(Section::ALL.iter().map(|s| sum(s.as_str())));
    let issues = lazy(&frames.issues).select(figures).with_column(
        Section::ALL
            .iter()
            .map(|s| col(s.as_str()))
            .reduce(|a, b| a + b)
            .unwrap_or(lit(0u64))
            .alias("items"),
    );
    let events = lazy(&frames.events)
        .select([
            len().cast(DataType::UInt64).alias("listings"),
            count_u64(col("resolved").sum()).alias("resolved"),
        ])
        .with_column((col("listings") - col("resolved")).alias("unresolved"));
    let found = lazy(frequency).select([
        len().cast(DataType::UInt64).alias("entities"),
        count_u64(col("items").gt(lit(0)).sum()).alias("covered"),
    ]);
    let n_if = |e: Expr| count_u64(col("n").filter(e).sum());
    let mentions = via_origin(&frames.mentions)
        .map_err(super::query::polars("mention figures"))?
        .lazy()
        .select([
            count_u64(col("n").sum()).alias("mentions"),
            n_if(
                col("via")
                    .eq(lit("text"))
                    .and(col("origin").eq(lit("lexicon"))),
            )
            .alias("named"),
            n_if(col("via").eq(lit("maker"))).alias("makers"),
            n_if(col("via").eq(lit("link"))).alias("links"),
            n_if(col("origin").eq(lit("discovered"))).alias("discovered"),
        ])
        .with_column(col("mentions").eq(col("named")).alias("all_named"));
    let sparse = count_u64(col("label").eq(lit("sparse")).sum()) * lit(2u64);
    let little = sparse.gt(count_u64(len())).or(lit(periods < FEW_PERIODS));
    let moving = text("label").is_in(lit(super::picks::moving()).implode(false), false);
    let sparse = lazy(labels).select([
        little.alias("little_data"),
        count_u64(moving.sum()).alias("moving_entities"),
    ]);
    let rows = |name: &str, df: &DataFrame| lit(df.height() as u64).alias(format!("{name}_rows"));
    let files = [
        rows("issues", &frames.issues),
        rows("items", &frames.items),
        rows("mentions", &frames.mentions),
        rows("events", &frames.events),
    ];
    collect(
        "overview",
        issues
            .cross_join(events, None)
            .cross_join(found, None)
            .cross_join(mentions, None)
            .cross_join(sparse, None)
            .with_columns(files),
    )
}

/// `overview`'s publishers, pairs and places_unresolved (one row); see the module doc.
pub fn row_counts(
    sources: &DataFrame,
    comentions: &DataFrame,
    unresolved: &DataFrame,
) -> Result<DataFrame, AnalysisError> {
    let publishers = count_u64(col("year").eq(lit("all")).sum());
    let rows = |df: &DataFrame| lit(df.height() as u64);
    let q = lazy(sources).select([
        publishers.alias("publishers"),
        rows(comentions).alias("pairs"),
        rows(unresolved).alias("places_unresolved"),
    ]);
    collect("overview row counts", q)
}

/// `overview` with the corpus' reading figures (`Frames::reading`); see the module doc.
pub fn with_reading(overview: &DataFrame, reading: &Reading) -> Result<DataFrame, AnalysisError> {
    let (warnings, skipped) = (reading.warnings, reading.skipped);
    let listed = reading.listed.len() as u64;
    let q = lazy(overview).with_columns([
        lit(warnings).alias("warnings"),
        lit(listed).alias("warnings_listed"),
        lit(warnings - listed).alias("warnings_more"),
        lit(skipped).alias("skipped"),
    ]);
    collect("overview reading figures", q)
}

/// `warnings`; see the module doc.
pub fn warnings(reading: &Reading) -> Result<DataFrame, AnalysisError> {
    df!("warning" => &reading.listed).map_err(super::query::polars("warnings"))
}

/// `found`; see the module doc.
pub fn found(frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let q = lazy(frequency)
        .group_by([col("category")])
        .agg([len().cast(DataType::UInt64).alias("entities")]);
    collect("entities found", sort_by(q, &[("category", false)]))
}

/// `lexicon_size`; see the module doc.
pub fn lexicon_size(lexicon: &Lexicon) -> Result<DataFrame, AnalysisError> {
    let count = |c: Category| lexicon.curated().filter(|e| e.category == c).count() as u64;
    df!(
        "category" => Category::ALL.map(|c| c.as_str()),
        "entities" => Category::ALL.map(count),
    )
    .map_err(super::query::polars("lexicon size"))
}

/// `lexicon_entities` (one row): the sum of `lexicon_size`'s entities, for `overview`.
pub fn lexicon_entities(size: &DataFrame) -> Result<Column, AnalysisError> {
    let total = col("entities").sum().alias("lexicon_entities");
    let df = lazy(size).select([total]).collect();
    let df = df.map_err(super::query::polars("lexicon size"))?;
    Ok(df.columns()[0].clone())
}

/// `places`; see the module doc.
pub fn places(frames: &Frames) -> Result<DataFrame, AnalysisError> {
    let resolved = lazy(&frames.events)
        .filter(
            col("resolved")
                .and(col("country").is_not_null())
                .and(col("continent").is_not_null()),
        )
        .group_by([col("country"), col("continent")])
        .agg([len().cast(DataType::UInt64).alias("listings")])
        .with_columns([text("country"), text("continent")]);
    let by = [("listings", true), ("country", false), ("continent", false)];
    collect("meetup places", sort_by(resolved, &by))
}

/// `continents`, from `places`; see the module doc.
pub fn continents(places: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let totals = lazy(places)
        .group_by([col("continent")])
        .agg([col("listings").sum().cast(DataType::UInt64)]);
    let by = [("listings", true), ("continent", false)];
    collect("meetup continents", sort_by(totals, &by))
}

/// `unresolved_places`; see the module doc.
pub fn unresolved_places(frames: &Frames) -> Result<DataFrame, AnalysisError> {
    let places = lazy(&frames.events)
        .filter(col("resolved").not())
        .group_by([text("place").fill_null(lit(""))])
        .agg([len().cast(DataType::UInt64).alias("listings")]);
    let by = [("listings", true), ("place", false)];
    collect("unresolved places", sort_by(places, &by))
}

/// Mention rows per (via, origin): a count over the two columns' codes instead of a Polars
/// group-by, which at 1 GiB (16.6 million mentions) raised the analysis stage's peak by about
/// 150 MB (group indices of every row) where this holds a handful of counters: the 1 GiB
/// peak is 1.97 GB, so the group-by would cross the 2 GB limit.
fn via_origin(mentions: &DataFrame) -> PolarsResult<DataFrame> {
    let (via, origin) = (mentions.column("via")?, mentions.column("origin")?);
    let (via_names, origin_names) = (names(via)?, names(origin)?);
    // A counter per (via, origin) code pair, null as code 0 and code c as c + 1.
    let slot = |code: Option<u32>| code.map_or(0, |c| c as usize + 1);
    let width = origin_names.len() + 1;
    let mut counts = vec![0u64; (via_names.len() + 1) * width];
    let (v, o) = (CodeArray::of(via)?, CodeArray::of(origin)?);
    for i in 0..v.len() {
        if let Some(n) = counts.get_mut(slot(v.get(i)) * width + slot(o.get(i))) {
            *n += 1;
        }
    }
    let name =
        |names: &[String], slot: usize| slot.checked_sub(1).and_then(|c| names.get(c).cloned());
    let kept: Vec<(usize, u64)> = (0..).zip(counts).filter(|&(_, n)| n > 0).collect();
    df!(
        "via" => kept.iter().map(|k| name(&via_names, k.0 / width)).collect::<Vec<_>>(),
        "origin" => kept.iter().map(|k| name(&origin_names, k.0 % width)).collect::<Vec<_>>(),
        "n" => kept.iter().map(|k| k.1).collect::<Vec<u64>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continents_sum_their_countries_most_listings_first() {
        let places = df!(
            "country" => ["Germany", "Brazil", "Spain", "Chile"],
            "continent" => ["Europe", "South America", "Europe", "South America"],
            "listings" => [5u64, 4, 3, 4],
        )
        .unwrap();
        let c = continents(&places).unwrap();
        let names = super::super::query::strs(&c, "continent").unwrap();
        let names: Vec<_> = names.iter().flatten().collect();
        assert_eq!(names, ["Europe", "South America"]);
        let listings = super::super::query::u64s(&c, "listings").unwrap();
        assert_eq!(listings, [8, 8], "a tie keeps the names in order");
    }
}
