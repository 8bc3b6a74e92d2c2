//! The three independent parts of `analyze` (entity figures, co-mentions, balance), each
//! from the shared `Base`, and the summary that ties them together.

use super::balance::{self, Concentration};
use super::base::Base;
use super::comention::{self, Units};
use super::frequency;
use super::labels::{self, Label, TrendStat};
use super::period::PeriodSet;
use super::table::{col, frame, iso};
use super::trends;
use super::{Analysis, AnalysisError, AnalysisOptions, EntityTrend, Summary};
use crate::lexicon::{Category, Lexicon};
use polars::prelude::*;
use std::collections::BTreeSet;

pub(crate) struct EntityPart {
    frequency: DataFrame,
    rollups: DataFrame,
    periods: DataFrame,
    trends: DataFrame,
    labels: DataFrame,
    stats: Vec<EntityTrend>,
}

pub(crate) struct ComentionPart {
    frame: DataFrame,
    units: u64,
}

pub(crate) struct BalancePart {
    balance: DataFrame,
    summary: DataFrame,
    concentration: Vec<Concentration>,
}

fn named(base: &Base, s: &TrendStat) -> EntityTrend {
    EntityTrend {
        entity: base.names[s.entity as usize].clone(),
        label: s.label,
        items: s.items,
        periods: s.periods,
        z: s.test.z,
        dispersion: s.test.dispersion,
        z_adj: s.test.z_adj,
        p_value: s.test.p_value,
        first_share: s.first_share,
        last_share: s.last_share,
        ratio: s.ratio,
    }
}

/// Frequency, roll-ups, periods, trends and labels.
pub(crate) fn entity_part(
    base: &Base,
    periods: &PeriodSet,
    opts: &AnalysisOptions,
) -> Result<EntityPart, AnalysisError> {
    let counts = frequency::entity_counts(base);
    let mut freq = frequency::rows(base, &counts);
    let series = trends::series(base, periods);
    let codes: Vec<u32> = freq.iter().map(|r| r.code).collect();
    let stats = labels::label_all(base, periods, &series, &codes, &opts.rules, opts.parallel);
    let mut label_of = vec![None; base.names.len()];
    for s in &stats {
        label_of[s.entity as usize] = Some(s.label);
    }
    for row in &mut freq {
        row.trend = label_of[row.code as usize]
            .map(Label::as_str)
            .unwrap_or_default()
            .to_string();
    }
    let stats: Vec<EntityTrend> = stats.iter().map(|s| named(base, s)).collect();
    // The per-period table is the larger half of what is left: it runs beside the rest.
    let trend_table = || trends::frame_of(base, periods, &trends::rows(base, periods, &series));
    let tables = || -> Result<_, AnalysisError> {
        Ok((
            frequency::frame_of(&freq)?,
            frequency::rollup_frame(&frequency::rollups(base, &counts))?,
            trends::periods_frame(periods)?,
            labels_frame(&stats)?,
        ))
    };
    let (trends, rest) = if opts.parallel {
        rayon::join(trend_table, tables)
    } else {
        (trend_table(), tables())
    };
    let (frequency, rollups, periods, labels) = rest?;
    Ok(EntityPart {
        frequency,
        rollups,
        periods,
        trends: trends?,
        labels,
        stats,
    })
}

/// The `labels` table: entity, label, items, periods, z, dispersion, z_adj, p_value,
/// first_share, last_share, ratio.
fn labels_frame(rows: &[EntityTrend]) -> Result<DataFrame, AnalysisError> {
    let f = |g: fn(&EntityTrend) -> f64| rows.iter().map(g).collect::<Vec<f64>>();
    let cols = vec![
        col(
            "entity",
            rows.iter().map(|r| r.entity.as_str()).collect::<Vec<_>>(),
        ),
        col(
            "label",
            rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
        ),
        col("items", rows.iter().map(|r| r.items).collect::<Vec<u64>>()),
        col(
            "periods",
            rows.iter().map(|r| r.periods).collect::<Vec<u32>>(),
        ),
        col("z", f(|r| r.z)),
        col("dispersion", f(|r| r.dispersion)),
        col("z_adj", f(|r| r.z_adj)),
        col("p_value", f(|r| r.p_value)),
        col("first_share", f(|r| r.first_share)),
        col("last_share", f(|r| r.last_share)),
        col("ratio", f(|r| r.ratio)),
    ];
    frame("labels table", rows.len(), cols)
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
    let (rows, units) = comention::pairs(base, units(opts), opts.parallel);
    Ok(ComentionPart {
        frame: comention::frame_of(base, &rows)?,
        units,
    })
}

/// Technology topics of the lexicon, so topics with no coverage still get a balance row.
pub(crate) fn lexicon_topics(lexicon: &Lexicon) -> BTreeSet<String> {
    lexicon
        .entities
        .iter()
        .filter(|e| e.category == Category::Technology)
        .map(|e| e.topic.clone())
        .collect()
}

pub(crate) fn balance_part(
    base: &Base,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
) -> Result<BalancePart, AnalysisError> {
    let (rows, concentration) =
        balance::balance(base, &lexicon_topics(lexicon), opts.targets.as_ref());
    Ok(BalancePart {
        balance: balance::frame_of(&rows)?,
        summary: balance::summary_frame(&concentration)?,
        concentration,
    })
}

fn summary(
    base: &Base,
    periods: &PeriodSet,
    opts: &AnalysisOptions,
    stats: &[EntityTrend],
    units: u64,
) -> Summary {
    let dates = base.issues.iter().filter_map(|i| i.date);
    let labels = [
        Label::New,
        Label::Rising,
        Label::Falling,
        Label::Quiet,
        Label::Steady,
        Label::Sparse,
    ]
    .into_iter()
    .map(|l| (l, stats.iter().filter(|s| s.label == l).count()))
    .collect();
    Summary {
        period: periods.period,
        issues: base.issues.len() as u32,
        undated_issues: base.issues.iter().filter(|i| i.date.is_none()).count() as u32,
        article_items: base.article_items(),
        first_date: dates.clone().min(),
        last_date: dates.max(),
        periods: periods.len(),
        skipped_periods: periods.periods.iter().map(|p| p.gap_before).sum(),
        partial_first: periods.periods.first().is_some_and(|p| p.partial),
        partial_last: periods.periods.last().is_some_and(|p| p.partial),
        comention_unit: if opts.per_issue { "issue" } else { "item" },
        comention_units: units,
        labels,
    }
}

/// The `summary` table: one row with the fields of `Summary` (labels as `<label>_entities`).
fn summary_frame(s: &Summary) -> Result<DataFrame, AnalysisError> {
    let mut cols = vec![
        col("period", [s.period.as_str()]),
        col("issues", [s.issues]),
        col("undated_issues", [s.undated_issues]),
        col("article_items", [s.article_items]),
        col("first_date", [iso(s.first_date)]),
        col("last_date", [iso(s.last_date)]),
        col("periods", [s.periods as u64]),
        col("skipped_periods", [s.skipped_periods]),
        col("partial_first", [s.partial_first]),
        col("partial_last", [s.partial_last]),
        col("comention_unit", [s.comention_unit]),
        col("comention_units", [s.comention_units]),
    ];
    for (label, n) in &s.labels {
        cols.push(col(&format!("{}_entities", label.as_str()), [*n as u64]));
    }
    frame("summary table", 1, cols)
}

pub(crate) fn finish(
    base: &Base,
    periods: &PeriodSet,
    opts: &AnalysisOptions,
    e: EntityPart,
    c: ComentionPart,
    b: BalancePart,
    sources: Vec<super::sources::SourceRow>,
) -> Result<Analysis, AnalysisError> {
    let summary = summary(base, periods, opts, &e.stats, c.units);
    Ok(Analysis {
        sources: super::sources::frame_of(&sources)?,
        source_rows: sources,
        summary_frame: summary_frame(&summary)?,
        summary,
        trends_by_entity: e.stats,
        concentration: b.concentration,
        frequency: e.frequency,
        rollups: e.rollups,
        periods: e.periods,
        trends: e.trends,
        labels: e.labels,
        comentions: c.frame,
        balance: b.balance,
        balance_summary: b.summary,
    })
}
