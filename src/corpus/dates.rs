//! Date every issue: keep written dates, solve the year of undated issues from their meetup
//! listings, then interpolate the rest at a weekly cadence by issue number.

use super::types::{DateSource, Issue, Listing};
use crate::date::Date;
use std::ops::RangeInclusive;

/// A dated issue number: the fixed point from which issue numbers are placed in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub issue: u32,
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Anchor {
    /// (issue, date), or `None` if the day does not exist.
    pub fn dated(self) -> Option<(u32, Date)> {
        Some((self.issue, Date::from_ymd(self.year, self.month, self.day)?))
    }
}

/// Hadoop Weekly issue #36 went out on Sunday 22 September 2013 (its written date line).
/// Used only to choose among the years a set of listings fits when the corpus itself has
/// no written date; the choice is robust because those years are 5 or more years apart.
pub const BUILT_IN_ANCHOR: Anchor = Anchor {
    issue: 36,
    year: 2013,
    month: 9,
    day: 22,
};

/// Years an event-dated issue may fall in (the newsletter ran 2013-2020).
pub const PLAUSIBLE_YEARS: RangeInclusive<i32> = 2010..=2030;

/// Days between consecutive issues: the newsletter was weekly.
const CADENCE_DAYS: i64 = 7;

/// Dates every issue that has no date yet, in three passes:
/// 1. `Written` (and `Metadata`) dates are kept as they are.
/// 2. `Events`: the year is the one in `PLAUSIBLE_YEARS` where the most listings' weekday,
///    month and day hold (more than half of them must); ties go to the year nearest the date
///    expected from the issue number (see `expected_date`; anchors are the written dates,
///    else `BUILT_IN_ANCHOR`). The newsletter went out on Sundays, shortly before the week's
///    meetups, so the issue date is the last Sunday strictly before its earliest listed event.
/// 3. `Interpolated`: see `interpolate`, anchored on every issue dated so far.
///
/// Issues left undated (nothing in the corpus is dated) get `DateSource::None`.
pub fn assign_dates(issues: &mut [Issue]) {
    let written = anchors(issues);
    let reference = if written.is_empty() {
        BUILT_IN_ANCHOR.dated().into_iter().collect()
    } else {
        written
    };
    for issue in issues.iter_mut().filter(|i| i.date.is_none()) {
        let listings: Vec<&Listing> = issue
            .items
            .iter()
            .filter_map(|i| i.listing.as_deref())
            .collect();
        let expected = expected_date(issue.number, &reference);
        if let Some(date) = expected.and_then(|e| solve_listings(&listings, e)) {
            issue.date = Some(date);
            issue.date_source = DateSource::Events;
        }
    }
    let dated = anchors(issues);
    for issue in issues.iter_mut().filter(|i| i.date.is_none()) {
        issue.date = interpolate(issue.number, &dated);
        issue.date_source = if issue.date.is_some() {
            DateSource::Interpolated
        } else {
            DateSource::None
        };
    }
}

/// (issue number, date) of every dated issue, by number.
fn anchors(issues: &[Issue]) -> Vec<(u32, Date)> {
    let mut v: Vec<(u32, Date)> = issues
        .iter()
        .filter_map(|i| Some((i.number, i.date?)))
        .collect();
    v.sort();
    v
}

/// The date issue `number` would have at 7 days per issue from the nearest anchor by number
/// (ties: the lower number). `None` without anchors.
pub fn expected_date(number: u32, anchors: &[(u32, Date)]) -> Option<Date> {
    let &(n, d) = anchors
        .iter()
        .min_by_key(|(n, _)| (n.abs_diff(number), *n))?;
    Some(shift_weeks(d, i64::from(number) - i64::from(n)))
}

/// `issues` weeks after `date`, clamped to about ±180,000 years so that absurd issue numbers
/// (any `u32` from other readers) cannot overflow the calendar arithmetic.
fn shift_weeks(date: Date, issues: i64) -> Date {
    const LIMIT: i64 = 1 << 26;
    let days = i64::from(date.days()) + issues * CADENCE_DAYS;
    Date::from_days(days.clamp(-LIMIT, LIMIT) as i32)
}

/// The issue date the listings fix, near `expected` (see `assign_dates`); `None` when there
/// are no listings or no year fits more than half of them.
pub fn solve_listings(listings: &[&Listing], expected: Date) -> Option<Date> {
    let wrap = spans_new_year(listings);
    let mut best: Option<(usize, i32, Date)> = None;
    for year in PLAUSIBLE_YEARS {
        let dates: Vec<Date> = listings
            .iter()
            .filter_map(|l| listing_date(l, year, wrap))
            .collect();
        let Some(first) = dates.iter().min() else {
            continue;
        };
        let date = sunday_before(*first);
        let distance = (date.days() - expected.days()).abs();
        let better = best
            .is_none_or(|(n, dist, _)| dates.len() > n || (dates.len() == n && distance < dist));
        if better {
            best = Some((dates.len(), distance, date));
        }
    }
    let (matched, _, date) = best?;
    (matched * 2 > listings.len()).then_some(date)
}

/// Listings spanning December and January: the early-year months belong to the next year.
fn spans_new_year(listings: &[&Listing]) -> bool {
    let months = listings.iter().map(|l| l.month);
    matches!((months.clone().min(), months.max()), (Some(lo), Some(hi)) if hi - lo > 6)
}

/// The listing's date in `year` (the next year for early months when `wrap`), if its
/// weekday holds there.
fn listing_date(l: &Listing, year: i32, wrap: bool) -> Option<Date> {
    let year = if wrap && l.month <= 6 { year + 1 } else { year };
    Date::from_ymd(year, l.month, l.day).filter(|d| d.weekday() == l.weekday)
}

/// The last Sunday strictly before `date` (a Sunday gives the Sunday a week earlier).
pub fn sunday_before(date: Date) -> Date {
    // weekday(): 0 = Monday ... 6 = Sunday, so Monday goes back 1 day and Sunday 7.
    date.add_days(-(date.weekday() as i32 + 1))
}

/// The date of undated issue `number` from the dated `anchors` (sorted by number).
///
/// Weekly cadence from the nearest anchor by number (ties: the lower one). Gaps in the
/// numbering are counted as published weeks: issue numbers run on without holes, so a
/// number missing from the corpus is a missing file, not a skipped week. Between two
/// anchors, a cadence date that would not fall strictly between them (the newsletter took
/// weeks off, or numbers were skipped) is replaced by linear interpolation of the two dates,
/// so dates never run backwards. `None` without anchors.
pub fn interpolate(number: u32, anchors: &[(u32, Date)]) -> Option<Date> {
    let cadence = expected_date(number, anchors)?;
    let lo = anchors.iter().rev().find(|(n, _)| *n < number);
    let hi = anchors.iter().find(|(n, _)| *n > number);
    let (Some(&(ln, ld)), Some(&(hn, hd))) = (lo, hi) else {
        return Some(cadence);
    };
    if ld < cadence && cadence < hd {
        return Some(cadence);
    }
    let span = i64::from(hd.days() - ld.days());
    let offset = span * i64::from(number - ln) / i64::from(hn - ln);
    Some(ld.add_days(offset as i32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::types::{Item, Section, SourceRef};

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    fn listing(weekday: u32, month: u32, day: u32) -> Listing {
        Listing::new("T", "C", weekday, month, day)
    }

    fn issue(number: u32, date: Option<Date>, listings: &[Listing]) -> Issue {
        let items = listings
            .iter()
            .enumerate()
            .map(|(i, l)| Item {
                index: i as u32,
                section: Section::Event,
                text: Default::default(),
                links: Vec::new(),
                line: 1,
                listing: Some(Box::new(l.clone())),
            })
            .collect();
        let date_source = if date.is_some() {
            DateSource::Written
        } else {
            DateSource::None
        };
        Issue {
            number,
            heading: String::new(),
            date,
            date_source,
            source: SourceRef {
                file: "f".into(),
                line: 1,
            },
            items,
        }
    }

    #[test]
    fn sunday_before_is_strict() {
        assert_eq!(sunday_before(d(2019, 11, 18)), d(2019, 11, 17)); // Monday
        assert_eq!(sunday_before(d(2019, 11, 17)), d(2019, 11, 10)); // Sunday
        assert_eq!(sunday_before(d(2019, 11, 23)), d(2019, 11, 17)); // Saturday
    }

    #[test]
    fn ambiguous_year_goes_to_the_nearest_expected() {
        // Tuesday November 19 is a Tuesday in 2013, 2019, 2024 and 2030.
        let tue = [listing(1, 11, 19)];
        let refs: Vec<&Listing> = tue.iter().collect();
        assert_eq!(solve_listings(&refs, d(2013, 10, 1)), Some(d(2013, 11, 17)));
        assert_eq!(solve_listings(&refs, d(2019, 5, 1)), Some(d(2019, 11, 17)));
        assert_eq!(solve_listings(&refs, d(2025, 1, 1)), Some(d(2024, 11, 17)));
    }

    #[test]
    fn new_year_wrap_and_majority() {
        // Monday 30 December 2019 and Thursday 2 January 2020.
        let wrap = [listing(0, 12, 30), listing(3, 1, 2)];
        let refs: Vec<&Listing> = wrap.iter().collect();
        assert_eq!(solve_listings(&refs, d(2019, 6, 1)), Some(d(2019, 12, 29)));
        // One typo among three listings still dates the issue; one of two does not.
        let typo = [listing(1, 10, 22), listing(1, 10, 22), listing(4, 10, 23)];
        let refs: Vec<&Listing> = typo.iter().collect();
        assert_eq!(solve_listings(&refs, d(2019, 6, 1)), Some(d(2019, 10, 20)));
        assert_eq!(solve_listings(&refs[1..], d(2019, 6, 1)), None);
        assert_eq!(solve_listings(&[], d(2019, 6, 1)), None);
    }

    #[test]
    fn interpolation() {
        let anchors = [(10, d(2014, 1, 5)), (20, d(2014, 3, 30))];
        assert_eq!(interpolate(12, &anchors), Some(d(2014, 1, 19)));
        assert_eq!(interpolate(19, &anchors), Some(d(2014, 3, 23)));
        assert_eq!(interpolate(25, &anchors), Some(d(2014, 5, 4)));
        assert_eq!(interpolate(8, &anchors), Some(d(2013, 12, 22)));
        // Only 2 weeks between #10 and #20 (numbers skipped): linear, never backwards.
        let tight = [(10, d(2014, 1, 5)), (20, d(2014, 1, 19))];
        let mid = interpolate(15, &tight).unwrap();
        assert!(d(2014, 1, 5) < mid && mid < d(2014, 1, 19));
        assert_eq!(interpolate(15, &[]), None);
        let far = interpolate(u32::MAX, &anchors).unwrap();
        assert!(far.year() > 100_000, "{far}");
    }

    #[test]
    fn assign_dates_passes() {
        let mut issues = vec![
            issue(36, Some(d(2013, 9, 22)), &[]),
            issue(37, None, &[listing(1, 10, 1)]), // Tuesday 1 October 2013
            issue(40, None, &[]),
        ];
        assign_dates(&mut issues);
        let got: Vec<_> = issues.iter().map(|i| (i.date, i.date_source)).collect();
        assert_eq!(got[0], (Some(d(2013, 9, 22)), DateSource::Written));
        assert_eq!(got[1], (Some(d(2013, 9, 29)), DateSource::Events));
        assert_eq!(got[2], (Some(d(2013, 10, 20)), DateSource::Interpolated));
        let mut alone = vec![issue(5, None, &[])];
        assign_dates(&mut alone);
        assert_eq!(
            (alone[0].date, alone[0].date_source),
            (None, DateSource::None)
        );
    }
}
