//! What an analysis run is asked for: period, window, co-mention settings, curator targets and
//! the thresholds of the trend labels (defaults documented in docs/METHODS.md).

use super::targets::Targets;
use crate::config::{Config, Period};
use crate::date::Date;

/// The report window: issues dated from `from` to `to`, both inclusive. With no bound every
/// issue is in (undated ones too); with a bound, undated issues are out (they cannot be placed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Window {
    /// The calendar year `year`, 1 January to 31 December.
    pub fn year(year: i32) -> Window {
        Window {
            from: Date::from_ymd(year, 1, 1),
            to: Date::from_ymd(year, 12, 31),
        }
    }

    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    pub fn contains(&self, date: Option<Date>) -> bool {
        match date {
            None => self.is_all(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
}

/// Thresholds of the trend labels (see `labels` and docs/METHODS.md section 6).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendRules {
    /// False discovery rate of the shape test: an entity's share changed when its
    /// Benjamini-Hochberg q-value is at most this: 0.03.
    pub fdr: f64,
    /// Share of the test's error budget given to the linear component (the curved one gets
    /// the rest): 0.9, so p = min(1, p_lin / 0.9, p_cur / 0.1).
    pub linear_weight: f64,
    /// |z| a year-review mover's two-proportion test needs: 2.576, two-sided p < 0.01.
    pub mover_z: f64,
    /// Article items in the window below which an entity is `sparse`: 8.
    pub min_items: u32,
    /// Share ratio last third / first third needed for rising (its inverse for falling): 1.75.
    pub min_ratio: f64,
    /// How far the rolling share's peak must stand above the first and last tenth: 2.
    pub peak_rise: f64,
    /// Rolling-share window of the peak, in months: 9 (3 quarters, 5 issues, 1 year).
    pub peak_months: usize,
    /// Warm-up: the first fraction of the window's article items where nothing is `new`: 0.25.
    pub warmup: f64,
    /// Periods with the entity, counting from its first, needed for `new`: 3 (or all there are).
    pub new_min_periods: u32,
    /// Last stretch: the trailing fraction of the window's article items checked for `quiet`: 0.20.
    pub quiet_tail: f64,
    /// ...and at least this many periods long: 2.
    pub quiet_min_periods: usize,
    /// Fraction of the earlier periods an entity must have appeared in to be `quiet`: 0.30.
    pub quiet_regular: f64,
}

impl TrendRules {
    /// The curved component's part of the error budget: 1 - `linear_weight`.
    pub fn curved_weight(&self) -> f64 {
        1.0 - self.linear_weight
    }
}

impl Default for TrendRules {
    fn default() -> Self {
        TrendRules {
            fdr: 0.03,
            linear_weight: 0.9,
            mover_z: 2.576,
            min_items: 8,
            min_ratio: 1.75,
            peak_rise: super::shape::PEAK_RISE,
            peak_months: 9,
            warmup: 0.25,
            new_min_periods: 3,
            quiet_tail: 0.20,
            quiet_min_periods: 2,
            quiet_regular: 0.30,
        }
    }
}

impl TrendRules {
    /// The rolling-share window of the peak in periods of `period`: `peak_months` months,
    /// in quarters rounded up to odd (9 months: 3), in issues 5, in years 1.
    pub fn peak_window(&self, period: Period) -> usize {
        match period {
            Period::Month => self.peak_months,
            Period::Quarter => (self.peak_months.div_ceil(3)) | 1,
            Period::Issue => 5,
            _ => 1,
        }
    }
}

/// Everything `analyze` needs besides the frames and the lexicon.
#[derive(Clone, Debug)]
pub struct AnalysisOptions {
    /// Trend period; `None`: month when the window spans more than 365 days, else issue.
    pub period: Option<Period>,
    /// Minimum shared units for a co-mention pair.
    pub min_support: u32,
    /// Co-mentions per issue instead of per item.
    pub per_issue: bool,
    /// Co-mentions over every section instead of article items only.
    pub all_sections: bool,
    pub targets: Option<Targets>,
    /// The trend-line entities (`--entities`, checked against the lexicon); `None`: picked
    /// from the labels and frequencies (see `picks`).
    pub lines: Option<Vec<String>>,
    pub window: Window,
    /// Periods of the centred rolling share in `trend_lines.smoothed`: 3 (1 = the raw share).
    pub smooth: usize,
    pub rules: TrendRules,
    /// Run independent parts on rayon (the default); `false` runs the sequential path.
    pub parallel: bool,
    /// Year-review list lengths (top entities, movers each way, pairs): 10.
    pub review_top: usize,
    /// Rows of the report's top lists and their bar charts (`--top`): 15.
    pub top: usize,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            period: None,
            min_support: 2,
            per_issue: false,
            all_sections: false,
            targets: None,
            lines: None,
            window: Window::default(),
            smooth: 3,
            rules: TrendRules::default(),
            parallel: true,
            review_top: 10,
            top: 15,
        }
    }
}

impl AnalysisOptions {
    /// Options from the run config; `targets` are loaded separately (`Targets::load`).
    pub fn from_config(config: &Config, targets: Option<Targets>) -> AnalysisOptions {
        AnalysisOptions {
            period: config.period,
            min_support: config.min_support.max(1),
            per_issue: config.per_issue,
            all_sections: config.all_sections,
            targets,
            lines: config.entities.as_ref().map(|e| e.names.clone()),
            smooth: config.smooth.max(1),
            top: config.top,
            ..AnalysisOptions::default()
        }
    }
}
