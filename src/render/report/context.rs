//! What the report is rendered from (render stage): the config and the analysis' frames
//! (and the year review's), read by table and column name. A leaf: it imports nothing from
//! the sections, which import it.

use super::frame::View;
use crate::analysis::{Analysis, Label, YearReview};
use crate::config::Config;
use crate::render::error::RenderError;

/// Everything the report is rendered from (see `cmd::report`).
pub struct ReportInput<'a> {
    pub config: &'a Config,
    pub analysis: &'a Analysis,
    pub review: Option<&'a YearReview>,
}

/// The labels that say something moved, in the order of the report's trend sections.
pub const MOVING: [Label; 5] = [
    Label::Rising,
    Label::Falling,
    Label::Peaked,
    Label::New,
    Label::Quiet,
];

/// `match name { "x" => &source.x, ... }` over the listed fields, `other` for any other
/// name: a result struct's frames by their field names, which are their table names.
macro_rules! field_named {
    ($source:expr, $name:expr, $other:expr; $($field:ident),*) => {
        match $name {
            $(stringify!($field) => &$source.$field,)*
            _ => $other,
        }
    };
}
pub(crate) use field_named;

/// The input as the sections read it.
impl<'a> ReportInput<'a> {
    /// An analysis table by its name (`frequency`, `labels`, ...).
    pub(crate) fn table(&self, name: &'static str) -> Result<View<'a>, RenderError> {
        let a = self.analysis;
        let unknown = || RenderError::Table {
            table: name.to_string(),
            message: "the analysis has no such table".to_string(),
        };
        let df = field_named! { a, name, return Err(unknown());
            summary, frequency, rollups, periods, trends, labels, comentions, balance,
            balance_summary, sources, sources_by_year, chart_periods, lines, topic_trends,
            trend_lines, topic_mix, movers_chart, heatmap, places, continents, unresolved_places,
            overview, warnings, found, sponsors, labels_seen, label_counts, widest_gap, discovered, lexicon_size,
            top_bars, source_bars, balance_topics, top_listing, listed, leaders, comentions_shown, discovered_shown, sources_shown, balance_shown
        };
        Ok(View::new(name, df))
    }

    /// A figure of the one-row `summary` table.
    pub(crate) fn summary(&self, column: &str) -> Result<u64, RenderError> {
        self.table("summary")?.one_u64(column)
    }

    /// A figure of the one-row `overview` table.
    pub(crate) fn overview(&self, column: &str) -> Result<u64, RenderError> {
        self.table("overview")?.one_u64(column)
    }

    /// How many rows of a long list the report prints and how many more it says the CSV
    /// holds (`listed`; `key` names a part of the table); (0, 0) for a list without rows.
    pub(crate) fn listed(
        &self,
        list: &str,
        key: Option<&str>,
    ) -> Result<(usize, u64), RenderError> {
        let v = self.table("listed")?;
        let (lists, keys) = (v.str("list")?, v.opt_str("key")?);
        let (shown, more) = (v.u64("shown")?, v.u64("more")?);
        let row = (0..v.height()).find(|&i| lists[i] == list && keys[i].as_deref() == key);
        Ok(row.map_or((0, 0), |i| (shown[i] as usize, more[i])))
    }

    /// The trend period in words (`month`).
    pub(crate) fn period(&self) -> &'static str {
        self.analysis.period.as_str()
    }

    /// The chart period in words.
    pub(crate) fn chart_period(&self) -> &'static str {
        self.analysis.chart_period.as_str()
    }

    /// How many entities got `label`.
    pub(crate) fn label_count(&self, label: Label) -> Result<u64, RenderError> {
        self.summary(&format!("{}_entities", label.as_str()))
    }

    /// `issues #326 to #330` (or the one issue).
    pub(crate) fn numbers(&self) -> Result<String, RenderError> {
        let o = self.table("overview")?;
        let first_row = |c| o.opt_u64(c).map(|v| v.first().copied().flatten());
        let (first, last) = (first_row("first_issue")?, first_row("last_issue")?);
        Ok(match (first, last) {
            (Some(a), Some(b)) if a != b => format!("issues #{a} to #{b}"),
            (Some(a), _) => format!("issue #{a}"),
            _ => "no issues".to_string(),
        })
    }

    /// `2019-10-06 to 2019-11-03`, when any issue is dated.
    pub(crate) fn dates(&self) -> Result<Option<String>, RenderError> {
        let s = self.table("summary")?;
        Ok(match (s.one_str("first_date")?, s.one_str("last_date")?) {
            (Some(a), Some(b)) if a != b => Some(format!("{a} to {b}")),
            (Some(a), _) => Some(a),
            _ => None,
        })
    }
}
