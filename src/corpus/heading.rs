//! Issue headings (`Data Eng Weekly #330`, `Hadoop Weekly Issue #36`, `Issue #4`), the
//! optional banner line above them and the optional written date line below. A line shaped
//! like one of them that cannot be read as one says why (`Scan`, `Written`), so the readers
//! warn instead of reading it as text.

use crate::date::{days_in_month, month_from_name, Date, MONTHS};
use regex::Regex;
use std::sync::LazyLock;

/// The newsletter's names over the years; the banner line is one of these alone.
const NAME: &str = r"(?:(?:data\s+eng(?:ineering)?|hadoop)\s+weekly)";

/// A line shaped like an issue heading: the name and/or the word `Issue`, then the number
/// (`#` optional, any length), then the rest of the line (`Scan` reads it: nothing, or a
/// separator and a written date).
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?ix)^\s*
        (?: {NAME} \s*[-–—:|,]?\s* (?:issue\s*)? | issue\s* )
        (?:\#|no\.?)?\s*(?P<number>\d+)(?P<rest>.*)$"
    );
    Regex::new(&re).expect("heading regex is valid")
});

/// Most digits an issue number may have (the newsletter reached a few hundred).
const MAX_DIGITS: usize = 6;

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
    /// Why a date written on the heading line was not read (`31 February 2019`), if one was.
    pub bad_date: Option<String>,
}

/// What a line shaped like a heading is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scan {
    /// An issue heading.
    Heading(Heading),
    /// An issue heading whose number cannot be read (the reason): the lines under it up to
    /// the next heading belong to no known issue.
    Unread(String),
    /// Not a heading after all, though it starts like one (the reason): read as text.
    Text(String),
}

impl Scan {
    /// Why the line is not read as a heading (empty for a heading).
    pub fn why(&self) -> &str {
        match self {
            Scan::Text(why) | Scan::Unread(why) => why,
            Scan::Heading(_) => "",
        }
    }
}

/// Recognises an issue heading; `None` for any other line.
pub(crate) fn parse_heading(line: &str) -> Option<Heading> {
    match scan_heading(line)? {
        Scan::Heading(h) => Some(h),
        Scan::Unread(_) | Scan::Text(_) => None,
    }
}

/// Reads a line that may be a heading; `None` for lines not shaped like one (prose, a
/// number followed by words: `Issue #4 covered Kafka`).
pub(crate) fn scan_heading(line: &str) -> Option<Scan> {
    if !may_be_heading(line) {
        return None;
    }
    let caps = HEADING.captures(line)?;
    let rest = caps["rest"].trim();
    let date = match rest.chars().next() {
        None => None,
        Some(c @ ('-' | '–' | '—' | ':' | '|' | ',' | '(')) => {
            Some((heading_date(rest), rest[c.len_utf8()..].trim()))
        }
        Some(_) => return None,
    };
    let digits = caps["number"].trim_start_matches('0');
    if digits.len() > MAX_DIGITS {
        let why = format!(
            "the issue number has {} digits, more than the limit of {MAX_DIGITS}",
            digits.len()
        );
        return Some(Scan::Unread(why));
    }
    let number = digits.parse().unwrap_or(0);
    let (date, bad_date) = match date {
        None => (None, None),
        Some((Written::Date(d), _)) => (Some(d), None),
        Some((Written::Bad(why), _)) => (None, Some(why)),
        Some((Written::No, after)) => {
            let why = format!("`{}` after the number is not a date", clip(after, 40));
            return Some(Scan::Text(why));
        }
    };
    Some(Scan::Heading(Heading {
        number,
        date,
        bad_date,
    }))
}

/// The date after a heading's number: a separator, the date, and a `)` closing a `(`.
fn heading_date(rest: &str) -> Written {
    let mut chars = rest.chars();
    let open = chars.next() == Some('(');
    let date = chars.as_str().trim();
    let date = if open {
        date.strip_suffix(')').unwrap_or(date).trim_end()
    } else {
        date
    };
    if date.is_empty() || date.contains(['(', ')']) {
        return Written::No;
    }
    scan_written_date(date)
}

/// `text` cut to `max` characters (an ellipsis marks the cut), for quoting input in
/// messages: a line can be megabytes long.
pub(crate) fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
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
#[cfg(test)]
fn parse_written_date(line: &str) -> Option<Date> {
    match scan_written_date(line) {
        Written::Date(d) => Some(d),
        Written::Bad(_) | Written::No => None,
    }
}

/// What a line that may be a written date is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    Date(Date),
    /// Shaped like a date, with a real month, but no such day or no year (the reason).
    Bad(String),
    /// Not a date.
    No,
}

/// `2013-09-22`, `1st Sept. 2013` ... with the day number and an optional weekday before.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\s*$")
        .expect("date regex is valid")
});

/// A day and a month without a year: `22 September`, `Sunday, Sep 22nd`.
static NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:[a-z]{3,9}\.?,?\s+)?
        (?: \d{1,2}(?:st|nd|rd|th)?\s+(?P<m1>[a-z]{3,9}) | (?P<m2>[a-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)? )
        \.?\s*$",
    )
    .expect("date regex is valid")
});

/// Reads a whole line as a written date (day-month-year, month-day-year or ISO), saying why
/// a line shaped like one with a real month is none.
pub(crate) fn scan_written_date(line: &str) -> Written {
    let (month, caps) = if let Some(caps) = ISO.captures(line) {
        (
            caps["month"].parse().ok().filter(|m| (1..=12).contains(m)),
            caps,
        )
    } else if let Some(caps) = DAY_MONTH_YEAR
        .captures(line)
        .or_else(|| MONTH_DAY_YEAR.captures(line))
    {
        match month_from_name(&caps["month"]) {
            Some(month) => (Some(month), caps),
            None => return Written::No,
        }
    } else {
        return without_year(line);
    };
    let line = line.trim();
    let (Some(month), Ok(year), Ok(day)) = (month, caps["year"].parse(), caps["day"].parse())
    else {
        return Written::Bad(format!(
            "`{line}` is no date: there is no month {}",
            &caps["month"]
        ));
    };
    match Date::from_ymd(year, month, day) {
        Some(d) => Written::Date(d),
        None => {
            let name = MONTHS.get(month as usize - 1).unwrap_or(&"");
            let days = days_in_month(year, month);
            Written::Bad(format!(
                "`{line}` is no date: {name} {year} has {days} days"
            ))
        }
    }
}

/// `Bad` for a day of a real month without a year, else `No`.
fn without_year(line: &str) -> Written {
    let month = NO_YEAR
        .captures(line)
        .and_then(|c| c.name("m1").or(c.name("m2")))
        .and_then(|m| month_from_name(m.as_str()));
    match month {
        Some(_) => Written::Bad(format!("`{}` is no date: it has no year", line.trim())),
        None => Written::No,
    }
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

    /// Lines shaped like headings that are none say why (issue 16, case B).
    #[test]
    fn scans_say_why() {
        let why = |line: &str| scan_heading(line).map(|s| s.why().to_string());
        assert_eq!(
            why("Data Eng Weekly #99999999999999999999").as_deref(),
            Some("the issue number has 20 digits, more than the limit of 6")
        );
        assert!(matches!(
            scan_heading("Issue #1234567"),
            Some(Scan::Unread(_))
        ));
        // Leading zeros are no digits of the number.
        assert_eq!(number("Issue #0000330"), Some(330));
        let h = parse_heading("Data Eng Weekly #330 - 31 February 2019").unwrap();
        assert_eq!((h.number, h.date), (330, None));
        assert_eq!(
            h.bad_date.as_deref(),
            Some("`31 February 2019` is no date: February 2019 has 28 days")
        );
        assert!(
            matches!(scan_heading("Issue #5 (2019-13-01)"), Some(Scan::Heading(h)) if h.bad_date.is_some())
        );
        assert!(matches!(
            scan_heading("Issue #36 - next week"),
            Some(Scan::Text(_))
        ));
        // A number followed by words is prose, not a heading shape.
        assert_eq!(scan_heading("Issue #4 covered Kafka"), None);
        assert_eq!(scan_heading("Data Eng Weekly"), None);
    }

    #[test]
    fn written_dates_that_are_none() {
        let bad = |line| matches!(scan_written_date(line), Written::Bad(_));
        assert!(bad("31 February 2019"));
        assert!(bad("Sunday, February 30, 2020"));
        assert!(bad("2019-02-29"));
        assert!(bad("22 September"));
        assert!(bad("Sunday, Sep 22nd"));
        for line in [
            "New York",
            "Bay Area 12",
            "A look at Kafka 2019",
            "12 Monkeys",
        ] {
            assert_eq!(scan_written_date(line), Written::No, "{line}");
        }
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
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
