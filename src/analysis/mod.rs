//! Stage 5: frequency, trends and trend labels, co-mentions and coverage balance, computed
//! from the frames over a report window; and the year-in-review comparison.
//!
//! Every result is a Polars frame with stable column names and a deterministic row order
//! (explicit tie-breaks, ending in the entity name), exported as `csv/<name>.csv` by the
//! writer (see [`Analysis::tables`]), plus render-only frames the Markdown report prints
//! (cuts, counts, chart series). Dates are
//! ISO strings; periods are strings that sort in time order (`#0330`, `2019-11`, `2019-Q4`,
//! `2019`). The formulas and edge cases are in each module's doc and in docs/METHODS.md:
//!
//! * editorial coverage = article items; shares are of article items ([`frequency`]);
//! * trends by period and the labels ([`trends`], [`labels`], [`shape`]);
//! * co-mentions with PMI, NPMI, lift, Jaccard, G2 ([`comention`], [`stats`]);
//! * balance, evenness, HHI, meetups, targets ([`balance`], [`targets`]);
//! * the discovered names counted as entities ([`discovered`]);
//! * year review ([`review`]).
//!
//! Frequency+trends, co-mentions, balance and the chart tables of the frames are independent
//! and run under `rayon::join`;
//! `AnalysisOptions::parallel = false` runs the same code sequentially (a test checks both agree).

pub mod balance;
pub mod bars;
pub mod base;
pub mod changes;
pub mod charts;
pub mod comention;
pub mod discovered;
pub mod distinct;
pub mod frequency;
pub mod label_frame;
pub mod labels;
pub mod listed;
pub mod momentum;
mod options;
mod origin;
pub mod overview;
pub mod period;
pub mod picks;
mod query;
pub mod review;
pub mod shape;
pub mod sources;
pub mod stats;
pub mod table;
pub mod targets;
pub mod trends;

mod assemble;

pub use labels::Label;
pub use options::{AnalysisOptions, TrendRules, Window};
pub use review::{year_review, YearReview};
pub use table::Table;
pub use targets::Targets;

use crate::config::Period;
use crate::frames::Frames;
/// The vocabulary of the frames' `origin` column, which render marks by.
pub use crate::lexicon::Origin;

use crate::lexicon::{Category, Lexicon};
use polars::prelude::DataFrame;
use std::collections::BTreeSet;

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error("{step}: {source}")]
    Polars {
        step: &'static str,
        source: polars::prelude::PolarsError,
    },
    #[error("{path}:{line}: {message}")]
    Targets {
        path: std::path::PathBuf,
        line: u32,
        message: String,
    },
    #[error(
        "{path}:{line}: unknown topic `{topic}`; the lexicon's technology topics are: {known}"
    )]
    UnknownTopic {
        path: std::path::PathBuf,
        line: u32,
        topic: String,
        known: String,
    },
    #[error("{path}: empty targets file (expected the header `topic,target_share`)")]
    TargetsEmpty { path: std::path::PathBuf },
    #[error("{path}: cannot read targets: {source}")]
    TargetsIo {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("--year {year}: the archive has no issue dated in {year}")]
    EmptyYear { year: i32 },
}

impl AnalysisError {
    /// Whether the error is in what the user asked for (a `--targets` topic the lexicon does
    /// not have), which the CLI reports as a usage error (exit 2).
    pub fn is_usage(&self) -> bool {
        matches!(self, AnalysisError::UnknownTopic { .. })
    }
}

/// Everything `analyze` computes: every result a frame (schemas in each module's doc and
/// docs/METHODS.md "Tables"; the exported ones in docs/CSV.md).
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The trend period used (the auto rule applied when none was asked for).
    pub period: Period,
    /// The period of the time charts (see [`charts`]).
    pub chart_period: Period,
    /// The trend-label rules the labels were decided by (the report states them).
    pub rules: TrendRules,
    /// Chart periods in the trend lines' rolling window (`--smooth`, rounded up to odd).
    pub smooth: usize,
    /// Trend periods in the rolling share of the `peaked` rule (`TrendRules::peak_window`).
    pub peak_window: usize,
    /// The confidence a discovered name needs to be counted (`discover::THRESHOLD`).
    pub discovery_threshold: f64,
    pub summary: DataFrame,
    pub frequency: DataFrame,
    pub rollups: DataFrame,
    pub periods: DataFrame,
    pub trends: DataFrame,
    pub labels: DataFrame,
    pub comentions: DataFrame,
    pub balance: DataFrame,
    pub balance_summary: DataFrame,
    /// The topic rows of `balance` the report's table shows ([`balance::shown_topics`]).
    pub balance_topics: DataFrame,
    /// Publishers linked from article items, per year and overall ([`sources`]).
    pub sources: DataFrame,
    /// Each year's three most linked publishers, a row per year ([`sources::by_year`]).
    pub sources_by_year: DataFrame,
    /// Chart tables ([`charts`], [`picks`]): the chart periods (period, index,
    /// article_items), the trend-line entities in chart order with their series (`lines`,
    /// [`charts::lines`]), `topic_trends` and `trend_lines` (exported too), and what the stacked
    /// area, the movers chart and the heatmap draw, in the drawn order ([`picks::drawn`]).
    pub chart_periods: DataFrame,
    pub lines: DataFrame,
    pub topic_trends: DataFrame,
    pub trend_lines: DataFrame,
    pub topic_mix: DataFrame,
    pub movers_chart: DataFrame,
    pub heatmap: DataFrame,
    /// The archive's totals and meetup places ([`overview`]; `overview` also has
    /// `topic_even_hhi`, [`balance::even_hhi`]).
    pub overview: DataFrame,
    /// The corpus' warnings the report lists ([`overview::warnings`]), not exported.
    pub warnings: DataFrame,
    pub found: DataFrame,
    pub sponsors: DataFrame,
    /// The topic farthest from its curator target ([`balance::widest_gap`]).
    pub widest_gap: DataFrame,
    /// `labels` with each entity's first and last seen date and rename or merger note
    /// ([`changes::with_notes`]).
    pub labels_seen: DataFrame,
    /// Entities per label, the labels some entity got first (not exported).
    pub label_counts: DataFrame,
    /// The meetup bars by country and by continent ([`overview`]), cut by [`bars`].
    pub places: DataFrame,
    pub continents: DataFrame,
    /// The bars of the top entities and of the most linked publishers ([`bars`]).
    pub top_bars: DataFrame,
    pub source_bars: DataFrame,
    /// The report's top lists per category ([`frequency::top_listing`]) and its lead's two
    /// most covered entities ([`frequency::leaders`]).
    pub top_listing: DataFrame,
    pub leaders: DataFrame,
    /// How much of each long list the report prints ([`listed`]), and the rows it prints of
    /// the exported ones ([`listed::cut_lists`]; `sponsors` and `labels_seen` are cut too).
    pub listed: DataFrame,
    pub comentions_shown: DataFrame,
    pub discovered_shown: DataFrame,
    pub sources_shown: DataFrame,
    pub balance_shown: DataFrame,
    pub unresolved_places: DataFrame,
    /// The lexicon's curated entities per category ([`overview::lexicon_size`]), not exported.
    pub lexicon_size: DataFrame,
    /// The discovered names counted as entities ([`discovered`]), empty with discovery off.
    pub discovered: DataFrame,
    /// The rows of [`Analysis::tables`] then [`Analysis::chart_tables`]
    /// ([`table::data_files`]), not exported.
    pub data_files: DataFrame,
}

impl Analysis {
    /// Every analysis table under its export name (`csv/<name>.csv`), in report order.
    pub fn tables(&self) -> Vec<Table> {
        let t = Table::new;
        vec![
            t("summary", &self.summary),
            // `category_rank` is the report's own column (see `frequency`).
            t(
                "frequency",
                &self.frequency.drop("category_rank").unwrap_or_default(),
            ),
            t("rollups", &self.rollups),
            t("periods", &self.periods),
            t("trends", &self.trends),
            t("labels", &self.labels),
            t("comentions", &self.comentions),
            t("balance", &self.balance),
            t("balance_summary", &self.balance_summary),
            t("sources", &self.sources),
        ]
        .into_iter()
        // Written when discovery counted a name: without one, the report's files are those
        // of a lexicon-only run.
        .chain((self.discovered.height() > 0).then(|| t("discovered", &self.discovered)))
        .collect()
    }

    /// The exported chart tables: `topic_trends`, `trend_lines`.
    pub fn chart_tables(&self) -> Vec<Table> {
        vec![
            Table::new("topic_trends", &self.topic_trends),
            Table::new("trend_lines", &self.trend_lines),
        ]
    }
}

/// Technology topics of the lexicon, so topics with no coverage still get a balance row
/// (not `unclassified`, the topic of discovered names).
pub(crate) fn lexicon_topics(lexicon: &Lexicon) -> BTreeSet<String> {
    lexicon
        .entities
        .iter()
        .filter(|e| e.category == Category::Technology && e.origin == Origin::Lexicon)
        .map(|e| e.topic.clone())
        .collect()
}

/// Cells (item, entity rows) above which the analysis' parts run one after the other, to
/// bound its memory: about a 300 MiB archive (the 100 MiB synthetic one has 1.3 million).
pub const PARALLEL_CELLS: usize = 4_000_000;

/// Runs every analysis over `opts.window`, on Polars' thread pool: there its queries run
/// on the thread that collects them and the pool's other threads. From rayon's global pool,
/// each query crossed over to Polars' pool, two pools of two threads shared the two cores,
/// and the collecting thread took up other work (a whole part) while it waited for its
/// query. Measured on the 100 MiB synthetic archive (release, --discover off, 9 alternating
/// runs): analysis wall median 0.39 -> 0.29 s, CPU unchanged, stage peak 273 -> 245 MB.
pub fn analyze(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
) -> Result<Analysis, AnalysisError> {
    polars_core::runtime::THREAD_POOL.install(|| analyze_here(frames, lexicon, opts))
}

fn analyze_here(
    frames: &Frames,
    lexicon: &Lexicon,
    opts: &AnalysisOptions,
) -> Result<Analysis, AnalysisError> {
    let base = base::Base::new(frames, &opts.window)?;
    let period = match opts.period {
        Some(p) => p,
        None => period::auto(&base.issues)?,
    };
    // A large archive runs the parts one after the other: run side by side, their working
    // columns (each as long as the cells) stack up. Measured on the 1 GiB synthetic archive
    // (13 million cells): the analysis peaked at 2.21 GB side by side.
    let opts = &AnalysisOptions {
        parallel: opts.parallel && base.cells.height() < PARALLEL_CELLS,
        ..opts.clone()
    };
    let entity = || assemble::entity_part(&base, period, opts);
    let pairs = || assemble::comention_part(&base, opts);
    let balance = || balance::balance(&base, &lexicon_topics(lexicon), opts.targets.as_ref());
    let charts = || assemble::chart_part(frames, &base, period);
    let (e, (c, (b, ch))) = if opts.parallel {
        rayon::join(entity, || {
            rayon::join(pairs, || rayon::join(balance, charts))
        })
    } else {
        (entity(), (pairs(), (balance(), charts())))
    };
    let parts = assemble::Parts {
        entity: e?,
        comentions: c?,
        balance: b?,
        charts: ch?,
    };
    let mut analysis = assemble::finish(frames, &base, opts, parts)?;
    let a = &mut analysis;
    a.top_bars = bars::top_entities(&a.frequency, opts.top)?;
    a.source_bars = bars::sources(&a.sources, opts.top)?;
    a.top_listing = frequency::top_listing(&a.frequency, opts.top)?;
    a.leaders = frequency::leaders(&a.frequency)?;
    // `continents` summed every place before the cut.
    a.places = bars::chart("meetup place bars", &a.places)?;
    a.continents = bars::chart("meetup continent bars", &a.continents)?;
    a.balance_topics = balance::shown_topics(&a.balance)?;
    let figures = balance::overview_figures(&a.balance)?;
    let notes = changes::entity_notes(lexicon)?;
    analysis.labels_seen = changes::with_notes(&analysis.labels_seen, &notes)?;
    analysis.lexicon_size = overview::lexicon_size(lexicon)?;
    let total = overview::lexicon_entities(&analysis.lexicon_size)?;
    let reading = overview::with_reading(&analysis.overview, &frames.reading)?;
    analysis.overview = reading;
    analysis.listed = listed::listed(&analysis, opts.top)?;
    listed::cut_lists(&mut analysis, opts.top)?;
    let overview = &mut analysis.overview;
    overview
        .with_column(total)
        .and_then(|o| o.hstack_mut(figures.columns()))
        .map_err(query::polars("overview"))?;
    let tables = [analysis.tables(), analysis.chart_tables()].concat();
    analysis.data_files = table::data_files(&tables)?;
    Ok(analysis)
}
