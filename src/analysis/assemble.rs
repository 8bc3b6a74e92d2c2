//! The four independent parts of `analyze` (entity tables, co-mentions, balance, the chart
//! tables of the frames), each from the shared `Base`, then the tables and the `summary` row
//! that tie them together.

use super::base::Base;
use super::comention::{self, Units};
use super::labels::{self, Frame, LABELS};
use super::origin::with_origin;
use super::query::{collect, lazy, polars, strs, u64s};
use super::{balance, charts, frequency, overview, period, picks, sources, trends};
use super::{Analysis, AnalysisError, AnalysisOptions};
use crate::config::Period;
use crate::frames::{encode, Frames};
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

/// What the label rules measure against: the periods, the window's issues and every
/// entity's first article issue.
fn label_frame(
    base: &Base,
    kind: Period,
    periods: &DataFrame,
    opts: &AnalysisOptions,
) -> Result<Frame, AnalysisError> {
    let err = polars("labels table");
    let ordinal: Vec<i64> = periods
        .column("ordinal")
        .and_then(|c| c.i64())
        .map_err(&err)?
        .into_no_null_iter()
        .collect();
    let n = u64s(periods, "article_items").map_err(&err)?;
    let keys: Vec<String> = strs(periods, "period")
        .map_err(&err)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    let numbers = u64s(&base.issues, "issue").map_err(&err)?;
    let articles = u64s(&base.issues, "article").map_err(&err)?;
    let issues: Vec<(u32, u64)> = numbers
        .iter()
        .zip(&articles)
        .map(|(&i, &a)| (i as u32, a))
        .collect();
    let entity = base.cells.column("entity").map_err(&err)?;
    let mut first: Vec<Option<u32>> = vec![None; encode::names(entity).map_err(&err)?.len()];
    let f = &base.first_article;
    let codes = encode::CodeArray::of(f.column("entity").map_err(&err)?).map_err(&err)?;
    let issue = f
        .column("first_issue")
        .and_then(|c| c.u32())
        .map_err(&err)?;
    for (code, number) in codes.iter().zip(issue.iter()) {
        if let Some(slot) = code.and_then(|c| first.get_mut(c as usize)) {
            *slot = number;
        }
    }
    Ok(Frame::new(
        kind,
        &ordinal,
        keys,
        &n,
        &issues,
        first,
        &opts.rules,
    ))
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
        let frame = label_frame(base, period, &periods, opts)?;
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

/// The `summary` table: one row of headline figures (labels as `<label>_entities`).
fn summary(
    base: &Base,
    e: &EntityPart,
    opts: &AnalysisOptions,
    units: u64,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("summary table");
    let issues = &base.issues;
    let dates = strs(issues, "date").map_err(&err)?;
    let dated = dates.iter().flatten();
    let gaps = u64s(&e.periods, "gap_before").map_err(&err)?;
    let partial = e.periods.column("partial").and_then(|c| c.bool());
    let partial: Vec<Option<bool>> = partial.map_err(&err)?.iter().collect();
    let mut cols = vec![
        Column::new("period".into(), [e.period.as_str()]),
        Column::new("issues".into(), [issues.height() as u32]),
        Column::new(
            "undated_issues".into(),
            [dates.iter().filter(|d| d.is_none()).count() as u32],
        ),
        Column::new("article_items".into(), [base.article_items()]),
        Column::new("first_date".into(), [dated.clone().min().cloned()]),
        Column::new("last_date".into(), [dated.max().cloned()]),
        Column::new("periods".into(), [e.periods.height() as u64]),
        Column::new("skipped_periods".into(), [gaps.iter().sum::<u64>() as u32]),
        Column::new(
            "partial_first".into(),
            [partial.first() == Some(&Some(true))],
        ),
        Column::new("partial_last".into(), [partial.last() == Some(&Some(true))]),
        Column::new(
            "comention_unit".into(),
            [if opts.per_issue { "issue" } else { "item" }],
        ),
        Column::new("comention_units".into(), [units]),
    ];
    let labels = strs(&e.labels, "label").map_err(&err)?;
    for l in LABELS {
        let n = labels
            .iter()
            .filter(|x| x.as_deref() == Some(l.as_str()))
            .count();
        cols.push(Column::new(
            format!("{}_entities", l.as_str()).into(),
            [n as u64],
        ));
    }
    DataFrame::new(1, cols).map_err(err)
}

/// `labels_seen`: the labels table with each entity's first_seen and last_seen from
/// `frequency`, in the labels' order.
fn seen(labels: &DataFrame, frequency: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let dates = lazy(frequency).select([col("entity"), col("first_seen"), col("last_seen")]);
    collect(
        "labels with dates",
        super::query::left_join_ordered(lazy(labels), dates, &["entity"]),
    )
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
    let line_frame = df!("entity" => &lines).map_err(polars("trend lines"))?;
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
    Ok(Analysis {
        period: e.period,
        chart_period: ch.period,
        lines: line_frame,
        summary,
        topic_mix,
        trend_lines: with_origin(&trend_lines?, base, "entity", "origin")?,
        chart_periods: ch.periods,
        topic_trends: ch.topic_trends,
        movers_chart,
        heatmap,
        sources_by_year: sources::by_year(&ch.sources)?,
        sources: ch.sources,
        overview,
        widest_gap: balance::widest_gap(&b.0)?,
        labels_seen: seen(&e.labels, &e.frequency)?,
        found: overview::found(&e.frequency)?,
        sponsors: frequency::sponsors(&e.frequency)?,
        places: ch.places,
        continents: ch.continents,
        // Filled by `analyze`, which has the lexicon.
        entity_notes: DataFrame::empty(),
        lexicon_size: DataFrame::empty(),
        top_bars: DataFrame::empty(),
        source_bars: DataFrame::empty(),
        balance_topics: DataFrame::empty(),
        top_listing: DataFrame::empty(),
        listed: DataFrame::empty(),
        leaders: DataFrame::empty(),
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
