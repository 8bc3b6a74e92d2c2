//! Issues without a number (a profile with `unnumbered = "date"`): numbered 1, 2, ... by
//! date once the whole archive is read, after dating what the file itself can date.
//!
//! ```text
//! reader: placeholder number, unique in its file (u32::MAX - line or index)
//!   -> settle_file: the file name's date for a file's only issue (`in_file_names`),
//!      undated posts between dated ones of the same file dated in file order,
//!      placeholders made unique in the run (TEMP + k), with their warnings
//!   -> number_by_date (end of load): 1.. by date, or after the highest explicit number
//! ```
//! Real numbers have at most 9 digits (`max_digits`), so they never reach the placeholders.

use super::heading::clip;
use super::types::{DateSource, Issue, Warning};
use crate::date::Date;
use std::collections::HashMap;
use std::path::Path;

/// Placeholders made unique in the run start here; those unique in a file start at 2^31.
const TEMP: u32 = 1_000_000_000;
const LOCAL: u32 = 1 << 31;

/// A placeholder number, unique in its file given a `key` unique there (a line number, an
/// entry's position).
pub(crate) fn placeholder(key: usize) -> u32 {
    u32::MAX - u32::try_from(key).unwrap_or(u32::MAX).min(LOCAL - 1)
}

/// The issue has no number of its own yet.
pub(crate) fn is_unnumbered(number: u32) -> bool {
    number >= TEMP
}

/// `issue #330`, or for an issue still without a number, its heading: for messages.
pub(crate) fn label(number: u32, heading: &str) -> String {
    if is_unnumbered(number) {
        format!("issue `{}`", clip(heading.trim(), 60))
    } else {
        format!("issue #{number}")
    }
}

/// After a file is read: dates its only issue from the file name when nothing else dated it
/// (`by_name`), dates its undated unnumbered issues from their neighbours in file order (see
/// [`interpolate_in_order`]), and renumbers its placeholders from `next` so that they are
/// unique in the run, in `warnings` (this file's) too.
pub(crate) fn settle_file(
    path: &Path,
    issues: &mut [Issue],
    warnings: &mut [Warning],
    by_name: bool,
    next: &mut u32,
) {
    if let ([issue], true) = (&mut *issues, by_name) {
        if issue.date.is_none() {
            if let Some(date) = file_name_date(path) {
                issue.date = Some(date);
                issue.date_source = DateSource::Filename;
            }
        }
    }
    let mut order: Vec<&mut Issue> = issues.iter_mut().filter(|i| i.number >= LOCAL).collect();
    interpolate_in_order(&mut order);
    let mut renamed = HashMap::new();
    for issue in order {
        let temp = TEMP + *next;
        *next += 1;
        renamed.insert(issue.number, temp);
        issue.number = temp;
    }
    rename(warnings, &renamed);
}

fn rename(warnings: &mut [Warning], renamed: &HashMap<u32, u32>) {
    for w in warnings {
        if let Some(n) = w.issue.and_then(|n| renamed.get(&n)) {
            w.issue = Some(*n);
        }
    }
}

/// `2021-03-12` from a file name starting `2021-03-12` (`2021-03-12-data-contracts.md`).
pub(crate) fn file_name_date(path: &Path) -> Option<Date> {
    let name = path.file_name()?.to_str()?;
    let date = name.get(..10)?;
    let after = name[10..].chars().next();
    if after.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Date::parse_iso(date)
}

/// Dates undated issues from the dated ones around them in file order (a feed, a plain-text
/// archive): between two dated issues, evenly spaced (`a + (b - a) * k / (n + 1)` for the
/// `k`-th of `n`); before the first or after the last, one step per issue further on, the step
/// being the median gap between consecutive dated issues and its direction the file's (newest
/// first or oldest first). Needs two dated issues for the ends; `Interpolated`.
pub(crate) fn interpolate_in_order(issues: &mut [&mut Issue]) {
    let dated: Vec<(usize, i32)> = issues
        .iter()
        .enumerate()
        .filter_map(|(i, issue)| Some((i, issue.date?.days())))
        .collect();
    if dated.is_empty() {
        return;
    }
    let count = issues.len();
    let mut set = |i: usize, days: i64| {
        let days = days.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32;
        issues[i].date = Some(Date::from_days(days));
        issues[i].date_source = DateSource::Interpolated;
    };
    for pair in dated.windows(2) {
        let ((i, a), (j, b)) = (pair[0], pair[1]);
        let gaps = (j - i) as i64;
        for k in 1..gaps {
            set(i + k as usize, i64::from(a) + i64::from(b - a) * k / gaps);
        }
    }
    let Some(step) = step(&dated) else {
        return;
    };
    let (first, last) = (dated[0], dated[dated.len() - 1]);
    for i in 0..first.0 {
        set(i, i64::from(first.1) - step * (first.0 - i) as i64);
    }
    for i in last.0 + 1..count {
        set(i, i64::from(last.1) + step * (i - last.0) as i64);
    }
}

/// Days per issue in file order (negative for newest first): the median gap between
/// consecutive dated issues, per position; `None` with fewer than two or no direction.
fn step(dated: &[(usize, i32)]) -> Option<i64> {
    let mut gaps: Vec<i64> = dated
        .windows(2)
        .map(|w| i64::from(w[1].1 - w[0].1) / (w[1].0 - w[0].0) as i64)
        .collect();
    gaps.sort_unstable();
    let median = *gaps.get(gaps.len() / 2)?;
    (median != 0).then_some(median)
}

/// Numbers the issues that have none, once the archive is read: by date (undated last, then
/// in reading order), from 1, or from one past the highest number an issue has (a warning
/// says so, as those numbers are not the newsletter's). Their warnings follow.
pub(crate) fn number_by_date(issues: &mut [Issue], warnings: &mut Vec<Warning>) {
    let highest = issues
        .iter()
        .map(|i| i.number)
        .filter(|&n| !is_unnumbered(n))
        .max();
    let mut unnumbered: Vec<&mut Issue> = issues
        .iter_mut()
        .filter(|i| is_unnumbered(i.number))
        .collect();
    if unnumbered.is_empty() {
        return;
    }
    unnumbered.sort_by_key(|i| (i.date.is_none(), i.date, i.number));
    let first = highest.map_or(1, |h| h.saturating_add(1));
    let mut renamed = HashMap::new();
    for (k, issue) in unnumbered.iter_mut().enumerate() {
        let number = first.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
        renamed.insert(issue.number, number);
        issue.number = number;
    }
    rename(warnings, &renamed);
    if let (Some(h), Some(issue)) = (highest, unnumbered.first()) {
        let message = format!(
            "{} issue(s) without a number in their title or heading numbered from #{} by date, after the highest number (#{h})",
            unnumbered.len(),
            first
        );
        warnings.push(Warning::new(&issue.source.file, 0, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SourceRef;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::from_ymd(y, m, day)
    }

    fn issue(number: u32, date: Option<Date>) -> Issue {
        Issue {
            number,
            heading: String::new(),
            date,
            date_source: DateSource::Metadata,
            source: SourceRef {
                file: "f".into(),
                line: 0,
            },
            items: Vec::new(),
        }
    }

    #[test]
    fn file_names() {
        let name = |n: &str| file_name_date(Path::new(n));
        assert_eq!(name("posts/2021-03-12-data-contracts.md"), d(2021, 3, 12));
        assert_eq!(name("2021-03-12.md"), d(2021, 3, 12));
        assert_eq!(name("2021-03-123.md"), None);
        assert_eq!(name("notes-2021-03-12.md"), None);
        assert_eq!(name("2021-02-30-x.md"), None);
    }

    /// A feed newest first with an undated entry between two dated ones (the midpoint), and
    /// undated ends stepped at the median gap in the feed's direction.
    #[test]
    fn in_file_order() {
        let mut issues = [
            issue(0, None),
            issue(1, d(2021, 4, 9)),
            issue(2, None),
            issue(3, d(2021, 3, 26)),
            issue(4, d(2021, 3, 19)),
            issue(5, None),
        ];
        let mut refs: Vec<&mut Issue> = issues.iter_mut().collect();
        interpolate_in_order(&mut refs);
        let got: Vec<Option<Date>> = issues.iter().map(|i| i.date).collect();
        assert_eq!(
            got,
            [
                d(2021, 4, 16),
                d(2021, 4, 9),
                d(2021, 4, 2),
                d(2021, 3, 26),
                d(2021, 3, 19),
                d(2021, 3, 12)
            ]
        );
        assert_eq!(issues[2].date_source, DateSource::Interpolated);
        let mut one = [issue(0, None), issue(1, d(2021, 4, 9))];
        let mut refs: Vec<&mut Issue> = one.iter_mut().collect();
        interpolate_in_order(&mut refs);
        assert_eq!(one[0].date, None);
    }

    #[test]
    fn numbers_by_date_and_renames_warnings() {
        let mut issues = vec![
            issue(TEMP + 1, d(2021, 3, 19)),
            issue(TEMP, None),
            issue(TEMP + 2, d(2021, 3, 12)),
        ];
        let mut warnings = vec![Warning::new(Path::new("f"), 1, "w".into()).of_issue(TEMP)];
        number_by_date(&mut issues, &mut warnings);
        let got: Vec<u32> = issues.iter().map(|i| i.number).collect();
        assert_eq!(got, [2, 3, 1]);
        assert_eq!((warnings.len(), warnings[0].issue), (1, Some(3)));
        let mut mixed = vec![issue(7, d(2021, 1, 1)), issue(TEMP, d(2020, 1, 1))];
        number_by_date(&mut mixed, &mut warnings);
        assert_eq!(mixed[1].number, 8);
        assert!(
            warnings[1].message.contains("numbered from #8"),
            "{warnings:?}"
        );
        assert_eq!(label(TEMP, "The dbt issue"), "issue `The dbt issue`");
        assert_eq!(label(8, "x"), "issue #8");
        assert!(is_unnumbered(placeholder(12)) && !is_unnumbered(999_999_999));
    }
}
