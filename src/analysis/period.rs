//! Periods: which period each issue falls in, the period keys (`#0330`, `2019-11`, `2019-Q4`,
//! `2019`), their calendar ordinals (the trend test's scores), and which are partial.
//!
//! Keys sort in time order as text: issue keys are `#` and the number zero-padded to 4 digits.
//! A period exists only if an issue falls in it: a month without issues is not a period of
//! zeros, it is a gap (`gap_before` counts the missing periods before each period). Undated
//! issues have no calendar period and are left out of month/quarter/year trends (counted in
//! `undated`); with `--period issue` every issue is its own period.

use super::base::IssueRec;
use crate::config::Period;
use crate::corpus::Section;
use crate::date::Date;

/// One period with issues in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodInfo {
    pub key: String,
    /// Calendar ordinal: issue number, months/quarters since year 0, or the year.
    pub ordinal: i64,
    /// Dates of its first and last issue.
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub issues: u32,
    pub article_items: u64,
    /// Periods with no issue between the previous period and this one.
    pub gap_before: u32,
    /// The archive starts or ends inside the period (a weekly issue a week earlier or later
    /// would still fall in it). Never set for `issue` periods.
    pub partial: bool,
}

/// The periods of a window and each issue's period.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodSet {
    pub period: Period,
    pub periods: Vec<PeriodInfo>,
    /// Per issue of the window: index into `periods` (`None` for undated issues).
    pub of_issue: Vec<Option<usize>>,
    pub undated: u32,
}

/// `Month` when the dated issues span more than 365 days, else `Issue`.
pub fn auto(issues: &[IssueRec]) -> Period {
    let dates = issues.iter().filter_map(|i| i.date);
    match (dates.clone().min(), dates.max()) {
        (Some(a), Some(b)) if b.days() - a.days() > 365 => Period::Month,
        _ => Period::Issue,
    }
}

/// The ordinal and key of an issue's period.
pub fn key(period: Period, number: u32, date: Option<Date>) -> Option<(i64, String)> {
    if period == Period::Issue {
        return Some((number as i64, format!("#{number:04}")));
    }
    let (y, m, _) = date?.ymd();
    let q = (m - 1) / 3 + 1;
    Some(match period {
        Period::Month => (y as i64 * 12 + m as i64 - 1, format!("{y:04}-{m:02}")),
        Period::Quarter => (y as i64 * 4 + q as i64 - 1, format!("{y:04}-Q{q}")),
        _ => (y as i64, format!("{y:04}")),
    })
}

impl PeriodSet {
    pub fn new(period: Period, issues: &[IssueRec]) -> PeriodSet {
        let keyed: Vec<Option<(i64, String)>> = issues
            .iter()
            .map(|i| key(period, i.number, i.date))
            .collect();
        let mut ordinals: Vec<i64> = keyed.iter().flatten().map(|k| k.0).collect();
        ordinals.sort_unstable();
        ordinals.dedup();
        let mut periods: Vec<PeriodInfo> = ordinals
            .iter()
            .enumerate()
            .map(|(i, &o)| PeriodInfo {
                key: String::new(),
                ordinal: o,
                start: None,
                end: None,
                issues: 0,
                article_items: 0,
                gap_before: if i == 0 {
                    0
                } else {
                    (o - ordinals[i - 1] - 1) as u32
                },
                partial: false,
            })
            .collect();
        let of_issue: Vec<Option<usize>> = keyed
            .iter()
            .map(|k| k.as_ref().and_then(|(o, _)| ordinals.binary_search(o).ok()))
            .collect();
        for ((issue, k), p) in issues.iter().zip(&keyed).zip(&of_issue) {
            let (Some((_, key)), Some(p)) = (k, p) else {
                continue;
            };
            let info = &mut periods[*p];
            info.key.clone_from(key);
            info.issues += 1;
            info.article_items += issue.count(Section::Article) as u64;
            if let Some(d) = issue.date {
                info.start = Some(info.start.map_or(d, |s| s.min(d)));
                info.end = Some(info.end.map_or(d, |e| e.max(d)));
            }
        }
        mark_partial(period, &mut periods);
        let undated = of_issue.iter().filter(|p| p.is_none()).count() as u32;
        PeriodSet {
            period,
            periods,
            of_issue,
            undated,
        }
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }
}

/// First/last calendar period is partial when a weekly issue one week before the first issue
/// (after the last) would still fall in it.
fn mark_partial(period: Period, periods: &mut [PeriodInfo]) {
    if period == Period::Issue || periods.is_empty() {
        return;
    }
    let same =
        |d: Date, p: &PeriodInfo| key(period, 0, Some(d)).is_some_and(|(o, _)| o == p.ordinal);
    if let Some(start) = periods[0].start {
        periods[0].partial = same(start.add_days(-7), &periods[0]);
    }
    let last = periods.len() - 1;
    if let Some(end) = periods[last].end {
        periods[last].partial |= same(end.add_days(7), &periods[last]);
    }
}
