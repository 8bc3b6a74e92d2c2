//! The four independent parts of `analyze` (entity tables, co-mentions, balance, the chart
//! tables of the frames), each from the shared `Base`, then the tables and the `summary` row
//! that tie them together.

use super::base::Base;
use super::comention::{self, Units};
use super::labels::{self, Frame, LABELS};
use super::origin::with_origin;
use super::query::{collect, count_u64, lazy, left_join, left_join_ordered, named, polars};
use super::query::{sort_by, text};
use super::{balance, charts, frequency, overview, period, picks, sources, trends};
use super::{Analysis, AnalysisError, AnalysisOptions};
use crate::config::Period;
use crate::frames::Frames;
use polars::prelude::*;

pub(crate) struct EntityPart {
    period: Period,
    frequency: DataFrame,
    rollups: DataFrame,
    periods: DataFrame,
    trends: DataFrame,
    labels: DataFrame,
}

pub(crate) struct ComentionPart {
    frame: DataFrame,
    units: u64,
}

/// Frequency, roll-ups, periods, trends and labels.
pub(crate) fn entity_part(
    base: &Base,
    period: Period,
    opts: &AnalysisOptions,
) -> Result<EntityPart, AnalysisError> {
    let (periods, of_issue) = period::periods(&base.issues, period)?;
    // This part is the longest of the four, so its own pieces run side by side where they
    // can: the series beside the counts, the trend table beside the labels and frequency,
    // the roll-ups (which need only the counts) beside both.
    let series = || trends::series(base, &of_issue);
    // A row per entity named in the window: its entity column is the list the labels need.
    let counts = || collect("frequency table", frequency::counts(base)?);
    let (series, counts) = join(opts.parallel, series, counts);
    let (series, counts) = (series?, counts?);
    let labelled = || -> Result<_, AnalysisError> {
        let entities = counts.column("entity").map_err(polars("labels table"))?;
        let first = &base.first_article;
        let frame = Frame::new(period, &periods, &base.issues, first, &opts.rules)?;
        let labels = labels::labels(&frame, &series, entities, &opts.rules, opts.parallel)?;
        let labels = with_origin(&labels, base, "entity", "origin")?;
        let frequency = frequency::frequency(base, &counts, &labels)?;
        Ok((labels, frequency))
    };
    let trend_table = || trends::table(base, &series, &periods);
    let rollups = || frequency::rollups(base, &counts);
    let (trends, (labelled, rollups)) = join(opts.parallel, trend_table, || {
        join(opts.parallel, labelled, rollups)
    });
    let (labels, frequency) = labelled?;
    Ok(EntityPart {
        period,
        frequency,
        rollups: rollups?,
        periods: period::export(&periods)?,
        trends: with_origin(&trends?, base, "entity", "origin")?,
        labels,
    })
}

/// `rayon::join(a, b)` when `parallel`, else `a` then `b`.
fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

pub(crate) fn units(opts: &AnalysisOptions) -> Units {
    Units {
        per_issue: opts.per_issue,
        all_sections: opts.all_sections,
        min_support: opts.min_support.max(1),
    }
}

pub(crate) fn comention_part(
    base: &Base,
    opts: &AnalysisOptions,
) -> Result<ComentionPart, AnalysisError> {
    let (frame, units) = comention::comentions(base, units(opts), opts.parallel)?;
    let frame = with_origins(&frame, base)?;
    Ok(ComentionPart { frame, units })
}

/// A pair table with the origin of each side, `origin_a` and `origin_b`.
pub(crate) fn with_origins(pairs: &DataFrame, base: &Base) -> Result<DataFrame, AnalysisError> {
    let a = with_origin(pairs, base, "entity_a", "origin_a")?;
    with_origin(&a, base, "entity_b", "origin_b")
}

/// The `summary` table: one row of headline figures (labels as `<label>_entities`), from
/// the window's issues, the periods and the labels.
fn summary(
    base: &Base,
    e: &EntityPart,
    opts: &AnalysisOptions,
    units: u64,
) -> Result<DataFrame, AnalysisError> {
    let date = text("date");
    let issues = lazy(&base.issues).select([
        lit(e.period.as_str()).alias("period"),
        len().cast(DataType::UInt32).alias("issues"),
        date.clone()
            .null_count()
            .cast(DataType::UInt32)
            .alias("undated_issues"),
        col("article")
            .cast(DataType::UInt64)
            .sum()
            .alias("article_items"),
        date.clone().min().alias("first_date"),
        date.max().alias("last_date"),
    ]);
    let partial = |at: Expr| at.eq(lit(true)).fill_null(lit(false));
    let gaps = col("gap_before").cast(DataType::UInt64).sum();
    let periods = lazy(&e.periods).select([
        count_u64(len()).alias("periods"),
        gaps.cast(DataType::UInt32).alias("skipped_periods"),
        partial(col("partial").first()).alias("partial_first"),
        partial(col("partial").last()).alias("partial_last"),
        lit(if opts.per_issue { "issue" } else { "item" }).alias("comention_unit"),
        count_u64(lit(units)).alias("comention_units"),
    ]);
    let labels = lazy(&e.labels).select(LABELS.map(|l| {
        let n = text("label").eq(lit(l.as_str())).sum();
        count_u64(n).alias(format!("{}_entities", l.as_str()))
    }));
    let row = concat_lf_horizontal([issues, periods, labels], HConcatOptions::default());
    collect("summary table", row.map_err(polars("summary table"))?)
}

/// `label_counts`: a row per label (label, entities, seen), those some entity got (seen
/// `some`) before those none got (`none`), each in [`LABELS`] order: the trends sentence.
fn label_counts(labels: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let rank = (0..LABELS.len() as u32).collect::<Vec<_>>();
    let order = df!("label" => LABELS.map(|l| l.as_str()), "rank" => rank);
    let order = order.map_err(polars("label counts"))?.lazy();
    let n = count_u64(len()).alias("entities");
    let counts = lazy(labels).group_by([text("label")]).agg([n]);
    let n = col("entities").fill_null(lit(0u64));
    let seen = when(n.clone().gt(lit(0u64))).then(lit("some"));
    let rows = left_join(order, counts, &["label"]).with_columns([
        n.alias("entities"),
        seen.otherwise(lit("none")).alias("seen"),
    ]);
    let rows = sort_by(rows, &[("seen", true), ("rank", false)]);
    collect("label counts", rows.select(named("label entities seen")))
}

/// `labels_seen`: the labels table with each entity's first_seen and last_seen from
/// `frequency`, in the labels' order.
fn seen(labels: &DataFrame, frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let dates = lazy(frequency).select([col("entity"), col("first_seen"), col("last_seen")]);
    let seen = left_join_ordered(lazy(labels), dates, &["entity"]);
    collect("labels with dates", seen)
}

/// The tables that need only the frames and the trend period: the chart periods, the topic
/// shares, the publishers and the meetup places (a part of its own, beside the others).
pub(crate) struct ChartPart {
    period: Period,
    periods: DataFrame,
    of_issue: DataFrame,
    topic_trends: DataFrame,
    topics: Vec<String>,
    sources: DataFrame,
    places: DataFrame,
    continents: DataFrame,
    unresolved_places: DataFrame,
}

pub(crate) fn chart_part(
    frames: &Frames,
    base: &Base,
    period: Period,
) -> Result<ChartPart, AnalysisError> {
    let (period, periods, of_issue) = charts::chart_periods(&frames.issues, period)?;
    let (topic_trends, topics) = charts::topic_trends(base, &periods, &of_issue)?;
    let places = overview::places(frames)?;
    Ok(ChartPart {
        period,
        topic_trends,
        topics,
        sources: sources::sources(frames, base)?,
        continents: overview::continents(&places)?,
        places,
        unresolved_places: overview::unresolved_places(frames)?,
        periods,
        of_issue,
    })
}

/// The parts' results, each part's own.
pub(crate) struct Parts {
    pub entity: EntityPart,
    pub comentions: ComentionPart,
    pub balance: (DataFrame, DataFrame),
    pub charts: ChartPart,
}

/// The tables that tie the parts together, and the [`Analysis`].
pub(crate) fn finish(
    frames: &Frames,
    base: &Base,
    opts: &AnalysisOptions,
    parts: Parts,
) -> Result<Analysis, AnalysisError> {
    let Parts {
        entity: e,
        comentions: c,
        balance: b,
        charts: ch,
    } = parts;
    let lines = match &opts.lines {
        Some(names) => names.clone(),
        None => picks::trend_entities(&e.labels, &e.frequency)?,
    };
    // The trend lines are the largest piece left: they run beside the small tables.
    let (trend_lines, small) = join(
        opts.parallel,
        || charts::trend_lines(base, &ch.periods, &ch.of_issue, &lines, opts.smooth),
        || -> Result<_, AnalysisError> {
            let movers = picks::movers_chart(&e.labels)?;
            let (even, sparse) = (balance::even_hhi(&b.1)?, picks::movers_sparse(&movers)?);
            let rows = overview::row_counts(&ch.sources, &c.frame, &ch.unresolved_places)?;
            Ok((
                summary(base, &e, opts, c.units)?,
                charts::topic_mix(&ch.topic_trends, &ch.topics)?,
                movers,
                picks::heatmap(&e.frequency, &c.frame)?,
                overview::overview(frames, &e.frequency, &e.labels, e.periods.height() as u64)?
                    .hstack(even.columns())
                    .and_then(|o| o.hstack(sparse.columns()))
                    .and_then(|o| o.hstack(rows.columns()))
                    .map_err(polars("overview"))?,
                super::discovered::discovered(&frames.discovered, &e.frequency, base)?,
            ))
        },
    );
    let (summary, topic_mix, movers_chart, heatmap, overview, discovered) = small?;
    let trend_lines = trend_lines?;
    Ok(Analysis {
        period: e.period,
        chart_period: ch.period,
        rules: opts.rules,
        smooth: opts.smooth | 1,
        peak_window: opts.rules.peak_window(e.period),
        discovery_threshold: crate::discover::THRESHOLD,
        lines: charts::lines(&lines, &trend_lines)?,
        summary,
        topic_mix,
        trend_lines: with_origin(&trend_lines, base, "entity", "origin")?,
        chart_periods: ch.periods,
        topic_trends: ch.topic_trends,
        movers_chart,
        heatmap,
        sources_by_year: sources::by_year(&ch.sources)?,
        sources: ch.sources,
        overview,
        widest_gap: balance::widest_gap(&b.0)?,
        labels_seen: seen(&e.labels, &e.frequency)?,
        warnings: overview::warnings(&frames.reading)?,
        label_counts: label_counts(&e.labels)?,
        found: overview::found(&e.frequency)?,
        sponsors: frequency::sponsors(&e.frequency)?,
        places: ch.places,
        continents: ch.continents,
        // Filled by `analyze`, which has the lexicon.
        lexicon_size: DataFrame::empty(),
        top_bars: DataFrame::empty(),
        source_bars: DataFrame::empty(),
        balance_topics: DataFrame::empty(),
        top_listing: DataFrame::empty(),
        listed: DataFrame::empty(),
        comentions_shown: DataFrame::empty(),
        discovered_shown: DataFrame::empty(),
        sources_shown: DataFrame::empty(),
        balance_shown: DataFrame::empty(),
        leaders: DataFrame::empty(),
        data_files: DataFrame::empty(),
        unresolved_places: ch.unresolved_places,
        discovered,
        frequency: e.frequency,
        rollups: e.rollups,
        periods: e.periods,
        trends: e.trends,
        labels: e.labels,
        comentions: c.frame,
        balance: b.0,
        balance_summary: b.1,
    })
}
