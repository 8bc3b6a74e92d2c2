//! The year in review (`--year Y`): year Y against Y - 1, each over its own calendar window.
//!
//! * `year_top`: top entities of Y by article items (ties: mentions desc, name asc) with
//!   their competition rank in both years (null when absent), and after `with_trends` their
//!   trend label over the report window with its peak or start period;
//! * `year_movers`: change of share (items / article items of the year) tested with the
//!   two-proportion z test; kept when |z| >= `rules.mover_z` and items in both years together >=
//!   `rules.min_items`; risers (`up`) then fallers (`down`), each by |change| desc (ties: |z|
//!   desc, name asc);
//! * `year_newcomers`: entities whose first article mention in the whole archive is in Y (by
//!   items desc, first seen asc, name asc);
//! * `year_pairs`: co-mentions of Y with support >= `min_support`, by NPMI desc;
//! * `year_meetups`, `year_topics`: listings per continent and article items per technology
//!   topic in both years; `year_concentration`: the balance figures of both years;
//!   `concentration_change` (not exported): the same side by side, one row per dimension
//!   (dimension, prev_keys, keys, prev_evenness, evenness, prev_hhi, hhi, prev_top5_share,
//!   top5_share) with `evenness_change`: `more` (evenness > prev_evenness), `less` (<), `as`
//!   (equal), null when either is null;
//! * `year_summary`: issues, article items and listings of both years;
//! * `year_momentum`: the momentum map's rows (see `momentum`).
//!
//! `top`, `movers` and `newcomers` carry each entity's `origin` (`lexicon` or `discovered`),
//! `pairs` `origin_a` and `origin_b`; `top`, `movers` and `newcomers_shown` (the rows of
//! `newcomers` the review prints, not exported) the entity's rename or merger `note`
//! (`changes::with_notes`, not exported). `topics_covered` (not exported) holds the rows of
//! `topics` with items in either year; `movers_chart` and `topics_chart` (not exported) the
//! rows of `movers` and `topics_covered` the review's movers charts draw, in their order
//! (`picks::drawn`).
//!
//! Top, movers and pairs are cut to `review_top` rows. Every number the review prints is a
//! row of one of these frames (`csv/review_<Y>_<name>.csv`). `top`, `meetups` and `topics`
//! carry one more column than they export, `change` (share - prev_share), which the review
//! prints in points; `top` one more, `direction`: `up` (change >= 0), `down` (< 0), null when
//! prev_items is 0; `meetups` and `topics` one more, `leading`: true on the first row with
//! listings (items) in Y, of a placed continent (not `(unresolved)`) for `meetups`, the one
//! the review names (for `topics`, its first row when that has items in Y: rows are by
//! current desc).

use super::balance::{self, DIMENSIONS};
use super::base::Base;
use super::comention;
use super::frequency;
use super::options::Window;
use super::origin::with_origin;
use super::query::{
    collect, count_u64, lazy, left_join, left_join_ordered, named, polars, share, sort_by, text,
};
use super::stats::{normal_p, over, p_bound, two_proportion_z};
use super::table::Table;
use super::{AnalysisError, AnalysisOptions};
use crate::frames::Frames;
use crate::lexicon::{Lexicon, Origin};
use polars::prelude::*;

/// The review's frames; see the module doc for what each holds.
#[derive(Clone, Debug)]
pub struct YearReview {
    /// Y.
    pub year: i32,
    pub summary: DataFrame,
    pub top: DataFrame,
    pub movers: DataFrame,
    pub newcomers: DataFrame,
    /// One row: `newcomers` (rows of `newcomers`), `discovered` (those whose origin is
    /// `discovered`), `shown` (the first min(newcomers, `--top`) the table prints) and `more`
    /// (newcomers - shown); not exported (it is a count of the CSV's rows).
    pub newcomer_origins: DataFrame,
    /// The `shown` rows of `newcomers` the table prints, not exported.
    pub newcomers_shown: DataFrame,
    pub pairs: DataFrame,
    pub meetups: DataFrame,
    pub topics: DataFrame,
    /// The rows of `topics` with items in either year, which the review's table prints (and,
    /// with no year before, its bar chart); not exported.
    pub topics_covered: DataFrame,
    /// The rows of `movers` and `topics_covered` its charts draw, in order; not exported.
    pub movers_chart: DataFrame,
    pub topics_chart: DataFrame,
    pub concentration: DataFrame,
    /// `concentration` with the two years side by side per dimension, not exported.
    pub concentration_change: DataFrame,
    /// The momentum map's rows (`momentum`).
    pub momentum: DataFrame,
    /// Per quadrant of the momentum map, its count and first names (`momentum`), not exported.
    pub momentum_quadrants: DataFrame,
    /// The |z| a mover needs (`rules.mover_z`) and the p it implies ([`p_bound`]), the
    /// rows asked of `top` (`review_top`) and the entities asked of the momentum map (twice
    /// that), which the review states.
    pub mover_z: f64,
    pub mover_p: f64,
    pub top_rows: usize,
    pub momentum_rows: usize,
    /// The rows of [`YearReview::tables`] ([`super::table::data_files`]), not exported.
    pub data_files: DataFrame,
}

impl YearReview {
    /// `year_summary`, `year_top`, `year_movers`, `year_newcomers`, `year_pairs`,
    /// `year_meetups`, `year_topics`, `year_concentration`, `year_momentum`.
    pub fn tables(&self) -> Vec<Table> {
        let t = Table::new;
        // `change`, `direction`, `leading` and `note` are the review's own (see the module doc).
        let own = ["change", "direction", "leading", "note"];
        let shares = |name, frame: &DataFrame| t(name, &frame.drop_many(own));
        vec![
            t("year_summary", &self.summary),
            shares("year_top", &self.top),
            t("year_movers", &self.movers.drop_many(["note"])),
            t("year_newcomers", &self.newcomers),
            t("year_pairs", &self.pairs),
            shares("year_meetups", &self.meetups),
            shares("year_topics", &self.topics),
            t("year_concentration", &self.concentration),
            t("year_momentum", &self.momentum),
        ]
    }
}

/// One year's window, its article items and its per-entity counts.
struct Year {
    year: i32,
    base: Base,
    articles: u64,
}

impl Year {
    fn new(all: &Base, year: i32) -> Result<Year, AnalysisError> {
        let base = all.within(&Window::year(year))?;
        let articles = base.article_items();
        Ok(Year {
            year,
            base,
            articles,
        })
    }

    /// entity, items, mentions (article), competition rank by items (entities with items).
    fn ranked(&self) -> Result<LazyFrame, AnalysisError> {
        let counts = frequency::counts(&self.base)?
            .filter(col("items").gt(lit(0)))
            .select([col("entity"), col("items"), col("mentions")]);
        let rank = RankOptions {
            method: RankMethod::Min,
            descending: true,
        };
        Ok(counts.with_column(
            col("items")
                .rank(rank, None)
                .cast(DataType::UInt32)
                .alias("rank"),
        ))
    }
}

/// Compares `year` with the year before; fails when no issue is dated in `year`. Runs on
/// Polars' thread pool, as [`super::analyze`] does (its doc says why).
pub fn year_review(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
    year: i32,
) -> Result<YearReview, AnalysisError> {
    polars_core::runtime::THREAD_POOL.install(|| review_here(frames, lexicon, opts, year))
}

fn review_here(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
    year: i32,
) -> Result<YearReview, AnalysisError> {
    let all = Base::read(frames)?;
    let cur = Year::new(&all, year)?;
    if cur.base.issues.height() == 0 {
        return Err(AnalysisError::EmptyYear { year });
    }
    let prev = Year::new(&all, year - 1)?;
    let topics = super::lexicon_topics(lexicon);
    let (pc, cc) = (balance::counts(&prev.base)?, balance::counts(&cur.base)?);
    // The shares of the year's topics are of the lexicon's topics: `unclassified` (discovered
    // technologies) is a line of its own, as in balance.
    let topic_sum = |d: &DataFrame| balance::classified_sum(d).map_err(polars("year topics"));
    let topic_sums = (topic_sum(&pc[0])?, topic_sum(&cc[0])?);
    let events = |y: &Year| y.base.events.height() as u64;
    let listings = (events(&prev), events(&cur));
    let extra: Vec<&str> = topics.iter().map(String::as_str).collect();
    let newcomers = newcomers(&all, &cur)?;
    let concentration = concentration(&prev, &cur, &pc, &cc)?;
    let momentum_rows = 2 * opts.review_top;
    let momentum = super::momentum::momentum(&top(&prev, &cur, momentum_rows)?)?;
    let origin = |df: &DataFrame| with_origin(df, &all, "entity", "origin");
    // The tables that print an entity's rename or merger note after its name.
    let notes = super::changes::entity_notes(lexicon)?;
    let noted = |df: &DataFrame| super::changes::with_notes(&origin(df)?, &notes);
    let momentum = origin(&momentum)?;
    let by_origin = lazy(&newcomers).select([
        count_u64(len()).alias("newcomers"),
        count_u64(col("origin").eq(lit(Origin::Discovered.as_str())).sum()).alias("discovered"),
    ]);
    let by_origin = super::listed::with_shown(by_origin, "newcomers", opts.top);
    let newcomer_origins = collect("year newcomers by origin", by_origin)?;
    let movers = noted(&movers(&prev, &cur, opts)?)?;
    let topics = leading(
        compared("topic", &pc[0], &cc[0], &extra, topic_sums)?,
        lit(true),
    )?;
    let placed = col("continent").neq(lit(balance::UNRESOLVED));
    let shares = ["prev_share", "share", "change"];
    let covered = col("prev").gt(lit(0)).or(col("current").gt(lit(0)));
    let topics_covered = collect("year topics covered", lazy(&topics).filter(covered))?;
    let mut review = YearReview {
        year,
        summary: summary(&prev, &cur)?,
        top: noted(&top(&prev, &cur, opts.review_top)?)?,
        movers_chart: super::picks::drawn(&movers, "entity", shares)?,
        topics_chart: super::picks::drawn(&topics_covered, "topic", shares)?,
        topics_covered,
        movers,
        newcomers_shown: super::changes::with_notes(
            &super::listed::cut(&newcomers, None, opts.top)?,
            &notes,
        )?,
        newcomers,
        newcomer_origins,
        pairs: super::assemble::with_origins(&pairs(&cur, opts)?, &all)?,
        meetups: leading(
            compared("continent", &pc[3], &cc[3], &[], listings)?,
            placed,
        )?,
        topics,
        concentration_change: side_by_side(&concentration, (prev.year, year))?,
        concentration,
        momentum_quadrants: super::momentum::quadrants(&momentum)?,
        momentum,
        mover_z: opts.rules.mover_z,
        mover_p: p_bound(opts.rules.mover_z),
        top_rows: opts.review_top,
        momentum_rows,
        data_files: DataFrame::empty(),
    };
    review.data_files = super::table::data_files(&review.tables())?;
    Ok(review)
}

/// `year_top` with each entity's trend over the report window from the labels table:
/// `trend` (the label, empty when the entity has none), `peak_period` and `since` (null
/// unless peaked, resp. rising or falling), so the review can say "peaked in 2016-05".
pub fn with_trends(mut r: YearReview, labels: &DataFrame) -> Result<YearReview, AnalysisError> {
    let trends = lazy(labels)
        .select(named("entity label peak_period since"))
        .rename(["label"], ["trend"], true);
    let top = left_join_ordered(lazy(&r.top), trends, &["entity"])
        .with_column(col("trend").fill_null(lit("")));
    r.top = collect("year top table", top)?;
    Ok(r)
}

/// `year_summary`: year, issues, article_items, listings (previous year first).
fn summary(prev: &Year, cur: &Year) -> Result<DataFrame, AnalysisError> {
    let y = [prev, cur];
    df!(
        "year" => y.map(|y| y.year),
        "issues" => y.map(|y| y.base.issues.height() as u32),
        "article_items" => y.map(|y| y.articles),
        "listings" => y.map(|y| y.base.events.height() as u64),
    )
    .map_err(polars("year summary table"))
}

/// `year_top`: entity, category, items, share, rank, prev_items, prev_share, prev_rank.
fn top(prev: &Year, cur: &Year, n: usize) -> Result<DataFrame, AnalysisError> {
    let before = prev.ranked()?.select([
        col("entity"),
        col("items").alias("prev_items"),
        col("rank").alias("prev_rank"),
    ]);
    let rows = sort_by(
        cur.ranked()?.with_column(text("entity").alias("name")),
        &[("items", true), ("mentions", true), ("name", false)],
    )
    .limit(n as IdxSize);
    let rows = left_join_ordered(rows, before, &["entity"]);
    let rows = left_join_ordered(rows, lazy(&cur.base.entities), &["entity"]);
    let prev_items = col("prev_items").fill_null(lit(0u64));
    collect(
        "year top table",
        rows.select([
            col("name").alias("entity"),
            text("category").fill_null(lit("")),
            col("items"),
            share(col("items"), lit(cur.articles)).alias("share"),
            col("rank"),
            prev_items.clone().alias("prev_items"),
            share(prev_items, lit(prev.articles)).alias("prev_share"),
            col("prev_rank"),
        ])
        .with_column((col("share") - col("prev_share")).alias("change"))
        .with_column(
            when(col("prev_items").eq(lit(0u64)))
                .then(lit(NULL).cast(DataType::String))
                .when(col("change").gt_eq(lit(0.0)))
                .then(lit("up"))
                .otherwise(lit("down"))
                .alias("direction"),
        ),
    )
}

/// `year_movers`: direction (up, down), entity, prev_items, prev_share, items, share, change,
/// z, p_value; risers first.
fn movers(prev: &Year, cur: &Year, opts: &AnalysisOptions) -> Result<DataFrame, AnalysisError> {
    let items = |y: &Year, name: &str| -> Result<LazyFrame, AnalysisError> {
        Ok(frequency::counts(&y.base)?.select([text("entity"), col("items").alias(name)]))
    };
    let both = items(prev, "prev_items")?
        .join(
            items(cur, "items")?,
            [col("entity")],
            [col("entity")],
            JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
        )
        .with_columns([
            col("prev_items").fill_null(lit(0u64)),
            col("items").fill_null(lit(0u64)),
        ])
        .filter((col("prev_items") + col("items")).gt_eq(lit(u64::from(opts.rules.min_items))));
    let z = two_proportion_z("prev_items", prev.articles, "items", cur.articles);
    let rows = both
        .with_column(z.alias("z"))
        .with_column(over(col("z"), normal_p).alias("p_value"))
        // A null z (no article items in a year) is no row: filters keep only true.
        .filter(col("z").abs().gt_eq(lit(opts.rules.mover_z)))
        .with_columns([
            share(col("prev_items"), lit(prev.articles)).alias("prev_share"),
            share(col("items"), lit(cur.articles)).alias("share"),
        ])
        .with_column((col("share") - col("prev_share")).alias("change"))
        .with_columns([
            col("change").abs().alias("size"),
            col("z").abs().alias("strength"),
            when(col("change").gt(lit(0.0)))
                .then(lit("up"))
                .otherwise(lit("down"))
                .alias("direction"),
        ]);
    let rows = sort_by(
        rows,
        &[("size", true), ("strength", true), ("entity", false)],
    );
    let side = |d: &str| {
        rows.clone()
            .filter(col("direction").eq(lit(d.to_string())))
            .limit(opts.review_top as IdxSize)
    };
    let rows = concat([side("up"), side("down")], UnionArgs::default())
        .map_err(polars("year movers table"))?;
    let cols = "direction entity prev_items prev_share items share change z p_value";
    collect("year movers table", rows.select(named(cols)))
}

/// `year_newcomers`: entity, category, topic, first_seen, first_issue, items, origin.
fn newcomers(all: &Base, cur: &Year) -> Result<DataFrame, AnalysisError> {
    let window = Window::year(cur.year);
    let (from, to) = (
        window.from.map(|d| d.to_string()).unwrap_or_default(),
        window.to.map(|d| d.to_string()).unwrap_or_default(),
    );
    let first = lazy(&all.first_article).filter(
        col("first_date")
            .gt_eq(lit(from))
            .and(col("first_date").lt_eq(lit(to))),
    );
    let items = frequency::counts(&cur.base)?.select([col("entity"), col("items")]);
    let rows = left_join(first, items, &["entity"]);
    let rows = left_join(rows, lazy(&all.entities), &["entity"])
        .with_columns([col("items").fill_null(lit(0u64)), text("entity")]);
    let rows = sort_by(
        rows,
        &[("items", true), ("first_date", false), ("entity", false)],
    );
    collect(
        "year newcomers table",
        rows.select([
            col("entity"),
            text("category").fill_null(lit("")),
            text("topic").fill_null(lit("")),
            col("first_date").alias("first_seen"),
            col("first_issue"),
            col("items"),
            text("origin").fill_null(lit(Origin::Lexicon.as_str())),
        ]),
    )
}

/// `year_pairs`: entity_a, entity_b, items, expected, npmi, lift, g2, p_value.
fn pairs(cur: &Year, opts: &AnalysisOptions) -> Result<DataFrame, AnalysisError> {
    let units = super::assemble::units(opts);
    let (table, _) = comention::comentions(&cur.base, units, opts.parallel)?;
    let zero = |c: &str| col(c).fill_null(lit(0.0));
    let columns = "entity_a entity_b items expected npmi lift g2 p_value";
    let q = table.lazy().limit(opts.review_top as IdxSize);
    let q = q
        .select(named(columns))
        .with_columns([zero("npmi"), zero("lift")]);
    collect("year pairs table", q)
}

/// `year_meetups` or `year_topics` with `leading` (among the rows where `placed`); see the
/// module doc.
fn leading(frame: DataFrame, placed: Expr) -> Result<DataFrame, AnalysisError> {
    let placed = placed.and(col("current").gt(lit(0u64)));
    let first = placed
        .clone()
        .cast(DataType::UInt32)
        .cum_sum(false)
        .eq(lit(1u32));
    let rows = frame.lazy().with_column(placed.and(first).alias("leading"));
    collect("year leading row", rows)
}

/// `<key>`, prev, current, prev_share, share: a dimension's counts in both years (with
/// `extra` keys at 0), shares of `(t0, t1)`, by current desc, prev desc, key asc.
fn compared(
    key: &str,
    prev: &DataFrame,
    cur: &DataFrame,
    extra: &[&str],
    (t0, t1): (u64, u64),
) -> Result<DataFrame, AnalysisError> {
    let side = |d: &DataFrame, p: u64, c: u64| {
        lazy(d).select([
            col("key"),
            (col("count") * lit(p)).alias("prev"),
            (col("count") * lit(c)).alias("current"),
        ])
    };
    let extra = df!("key" => extra, "count" => vec![0u64; extra.len()])
        .map_err(polars("year comparison"))?;
    let rows = concat(
        [side(prev, 1, 0), side(cur, 0, 1), side(&extra, 0, 0)],
        UnionArgs::default(),
    )
    .map_err(polars("year comparison"))?
    .group_by([col("key")])
    .agg([col("prev").sum(), col("current").sum()])
    .with_columns([
        share(col("prev"), lit(t0)).alias("prev_share"),
        share(col("current"), lit(t1)).alias("share"),
    ]);
    let rows = sort_by(rows, &[("current", true), ("prev", true), ("key", false)]);
    let rows = rows
        .select(named("key prev current prev_share share"))
        .with_column((col("share") - col("prev_share")).alias("change"))
        .rename(["key"], [key], true);
    collect("year comparison", rows)
}

/// `year_concentration`: dimension, year, keys, total, entropy, evenness, hhi, top5_share
/// (per dimension, the previous year first).
fn concentration(
    prev: &Year,
    cur: &Year,
    pc: &[DataFrame],
    cc: &[DataFrame],
) -> Result<DataFrame, AnalysisError> {
    let err = polars("year concentration table");
    let mut rows = Vec::new();
    for (d, dim) in DIMENSIONS.iter().enumerate() {
        for (y, counts) in [(prev.year, &pc[d]), (cur.year, &cc[d])] {
            let row = balance::concentration(dim, counts).map_err(&err)?;
            rows.push(row.lazy().with_column(lit(y).alias("year")));
        }
    }
    let cols = "dimension year keys total entropy evenness hhi top5_share";
    let all = concat(rows, UnionArgs::default()).map_err(&err)?;
    collect("year concentration table", all.select(named(cols)))
}

/// `concentration_change` from `year_concentration`; see the module doc.
fn side_by_side(long: &DataFrame, (y0, y1): (i32, i32)) -> Result<DataFrame, AnalysisError> {
    let year = |y: i32, prefix: &str| {
        let measures = ["keys", "evenness", "hhi", "top5_share"];
        let mut cols = vec![col("dimension")];
        cols.extend(measures.map(|m| col(m).alias(format!("{prefix}{m}"))));
        long.clone()
            .lazy()
            .filter(col("year").eq(lit(y)))
            .select(cols)
    };
    let (e0, e1) = (col("prev_evenness"), col("evenness"));
    let change = when(e1.clone().gt(e0.clone()))
        .then(lit("more"))
        .when(e1.clone().lt(e0.clone()))
        .then(lit("less"))
        .when(e1.is_not_null().and(e0.is_not_null()))
        .then(lit("as"))
        .otherwise(lit(NULL).cast(DataType::String));
    let rows = left_join_ordered(year(y1, ""), year(y0, "prev_"), &["dimension"]);
    collect(
        "year concentration change",
        rows.with_column(change.alias("evenness_change")),
    )
}
