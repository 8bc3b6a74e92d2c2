//! Issue headings (`Data Eng Weekly #330`, `Hadoop Weekly Issue #36`, `Issue #4`), the
//! optional banner line above them and the optional written date line below.

use crate::date::{month_from_name, Date};
use regex::Regex;
use std::sync::LazyLock;

/// The newsletter's names over the years; the banner line is one of these alone.
const NAME: &str = r"(?:(?:data\s+eng(?:ineering)?|hadoop)\s+weekly)";

/// A whole line that is an issue heading: the name and/or the word `Issue`, then the
/// number (`#` optional), then optionally a separator and a written date on the same line.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?ix)^\s*
        (?: {NAME} \s*[-–—:|,]?\s* (?:issue\s*)? | issue\s* )
        (?:\#|no\.?)?\s*(?P<number>\d{{1,6}})
        \s*(?: [-–—:|,(]\s*(?P<date>[^)]+?)\s*\)? )?\s*$"
    );
    Regex::new(&re).expect("heading regex is valid")
});

/// A banner line: just the newsletter's name.
static BANNER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^\s*{NAME}\s*$")).expect("banner regex is valid"));

/// `22 September 2013`, `09 August 2015`, `Sunday, 22 Sept. 2013`, `1st Jan 2016`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[a-z]{3,9}\.?,?\s+)?
        (?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})\s*$",
    )
    .expect("date regex is valid")
});

/// `September 22, 2013`, `Sunday, Sep 22 2013`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[a-z]{3,9}\.?,?\s+)?
        (?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\s*$",
    )
    .expect("date regex is valid")
});

/// A recognised heading line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub number: u32,
    /// A date written on the heading line itself (`Hadoop Weekly Issue #36 - 22 September 2013`).
    pub date: Option<Date>,
}

/// Recognises an issue heading; `None` for any other line.
pub(crate) fn parse_heading(line: &str) -> Option<Heading> {
    if !may_be_heading(line) {
        return None;
    }
    let caps = HEADING.captures(line)?;
    let number = caps["number"].parse().ok()?;
    let date = match caps.name("date") {
        Some(d) => Some(parse_written_date(d.as_str())?),
        None => None,
    };
    Some(Heading { number, date })
}

/// A cheap test every heading passes (it runs on every line of the archive): it starts with
/// the first letter of a name or of `Issue` (`d`, `h`, `i` in any case), and holds a digit
/// and `issue` or `weekly` in any case.
fn may_be_heading(line: &str) -> bool {
    let first = line.trim_start().bytes().next().map(|b| b | 0x20);
    if !matches!(first, Some(b'd' | b'h' | b'i')) {
        return false;
    }
    let has = |word: &[u8]| {
        line.as_bytes()
            .windows(word.len())
            .any(|w| w[0] | 0x20 == word[0] && w.eq_ignore_ascii_case(word))
    };
    line.bytes().any(|b| b.is_ascii_digit()) && (has(b"issue") || has(b"weekly"))
}

/// True for a line holding only the newsletter's name (a banner above a heading).
pub(crate) fn is_banner(line: &str) -> bool {
    BANNER.is_match(line)
}

/// Parses a whole line that is a written date (day-month-year, month-day-year or ISO).
pub(crate) fn parse_written_date(line: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(line) {
        return Some(d);
    }
    let caps = DAY_MONTH_YEAR
        .captures(line)
        .or_else(|| MONTH_DAY_YEAR.captures(line))?;
    let month = month_from_name(&caps["month"])?;
    Date::from_ymd(caps["year"].parse().ok()?, month, caps["day"].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(line: &str) -> Option<u32> {
        parse_heading(line).map(|h| h.number)
    }

    #[test]
    fn headings() {
        assert_eq!(number("Data Eng Weekly #330"), Some(330));
        assert_eq!(number("Hadoop Weekly Issue #36"), Some(36));
        assert_eq!(number("Data Eng Weekly Issue #251"), Some(251));
        assert_eq!(number("Issue #4"), Some(4));
        assert_eq!(number("  hadoop weekly - issue 12  "), Some(12));
        assert_eq!(number("Data Engineering Weekly #331"), Some(331));
        let h = parse_heading("Hadoop Weekly Issue #36 - 22 September 2013").unwrap();
        assert_eq!(h.date, Date::from_ymd(2013, 9, 22));
        let h = parse_heading("Issue #36 (22 September 2013)").unwrap();
        assert_eq!(h.date, Date::from_ymd(2013, 9, 22));
    }

    #[test]
    fn not_headings() {
        for line in [
            "Data Eng Weekly",
            "#330",
            "Rg-Dev #32 (Rzeszow) - Thursday, October 24",
            "In issue #4 we covered Kafka.",
            "Issue #",
            "Hadoop Weekly Issue #36 - next week",
            "Issue #99999999999",
        ] {
            assert_eq!(parse_heading(line), None, "{line:?}");
        }
    }

    /// The cheap pre-check never rejects a line the heading regex accepts: checked on every
    /// line of the shipped archive and on spellings with leading spaces and odd case.
    #[test]
    fn pre_check_keeps_every_heading() {
        let corpus = include_str!("../../data/corpus/data-eng-weekly-326-330.txt");
        let extra = [
            "\u{a0} data eng weekly #1",
            "\tISSUE 7",
            "HADOOP WEEKLY ISSUE #2",
            "Data Eng Weekly #330 - 22 September 2013",
        ];
        let mut seen = 0;
        for line in corpus.lines().chain(extra) {
            if HEADING.is_match(line) {
                seen += 1;
                assert!(may_be_heading(line), "{line:?}");
            }
        }
        assert_eq!(seen, 5 + extra.len());
        assert!(!may_be_heading("A 2019 post on Hadoop Weekly issue 4"));
    }

    #[test]
    fn banners() {
        assert!(is_banner("Data Eng Weekly"));
        assert!(is_banner(" Hadoop Weekly "));
        assert!(!is_banner("Data Eng Weekly #330"));
    }

    #[test]
    fn written_dates() {
        let d = |y, m, d| Date::from_ymd(y, m, d);
        assert_eq!(parse_written_date("22 September 2013"), d(2013, 9, 22));
        assert_eq!(parse_written_date("09 August 2015"), d(2015, 8, 9));
        assert_eq!(parse_written_date("Sunday, 22 Sept. 2013"), d(2013, 9, 22));
        assert_eq!(parse_written_date("September 22, 2013"), d(2013, 9, 22));
        assert_eq!(parse_written_date("2013-09-22"), d(2013, 9, 22));
        assert_eq!(parse_written_date("31 September 2013"), None);
        assert_eq!(parse_written_date("22 September"), None);
        assert_eq!(parse_written_date("New York"), None);
    }
}
