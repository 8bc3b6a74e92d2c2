//! Meetup listing lines (`Title (City) - Weekday, Month Day`): the parser shared by ingest,
//! the event-date solver and extraction. The part after the place is the profile's
//! `[listings] tail` (`dew`: ` - Weekday, Month Day`, the dash `-`, `–` or `—`, spacing free,
//! `\s` Unicode-aware so no-break spaces count, the comma after the weekday optional, names
//! abbreviated or not: `Wed, Nov 13`).

use super::profile::{Profile, Tail};
use super::types::Listing;
use crate::date::{days_in_month, month_from_name, weekday_from_name};

thread_local! {
    /// Capture slots of the last tail used on this thread, by the tail's id.
    static SLOTS: std::cell::RefCell<Option<(u64, regex::CaptureLocations)>> =
        const { std::cell::RefCell::new(None) };
}

/// Parses one listing line, `Title (City) - Weekday, Month Day`; `None` when the line is not
/// a listing or names no real weekday, month or day (`day` must exist in that month in a
/// leap year, so Feb 29 passes).
///
/// The date cannot hold a parenthesis and the place cannot hold one either, so the place is
/// between the line's last `)` and the last `(` before it, and the title is everything
/// before that (`Intro (Part 2) (Berlin)` gives the title `Intro (Part 2)`). Finding the
/// parentheses by hand and matching only the short date with a regex is the same as one
/// regex over the line (a test checks both agree), and several times faster: this runs on
/// every line of the archive.
/// Read with the `dew` profile's tail.
pub fn parse_listing(line: &str) -> Option<Listing> {
    let tail = Profile::dew().listing.as_ref()?;
    scan_listing(line, tail)?.ok()
}

/// [`parse_listing`], saying why a line shaped like a listing is none: `Err` when the line
/// has the shape (title, place, dash, two names and a day number) and one name is a real
/// weekday or month, but the other is not or the day does not exist (`February 30`).
pub(crate) fn scan_listing(line: &str, tail_re: &Tail) -> Option<Result<Listing, String>> {
    if !may_be_listing(line) {
        return None;
    }
    let close = line.rfind(')')?;
    let open = line[..close].rfind('(')?;
    let (title, city) = (line[..open].trim(), &line[open + 1..close]);
    if title.is_empty() || city.is_empty() || city.contains(['(', ')']) {
        return None;
    }
    let tail = &line[close + 1..];
    // Capture slots reused per thread: this runs on every listing line of the archive.
    let (weekday, month, day) = SLOTS.with_borrow_mut(|cached| {
        let slots = match cached {
            Some((id, slots)) if *id == tail_re.id => slots,
            _ => {
                &mut cached
                    .insert((tail_re.id, tail_re.regex.capture_locations()))
                    .1
            }
        };
        tail_re.regex.captures_read(slots, tail)?;
        let group = |i: usize| slots.get(i).map(|(s, e)| &tail[s..e]);
        Some((
            group(tail_re.weekday)?,
            group(tail_re.month)?,
            group(tail_re.day)?,
        ))
    })?;
    let day: u32 = day.parse().ok()?;
    let (weekday, month) = match (weekday_from_name(weekday), month_from_name(month)) {
        (Some(w), Some(m)) => (w, m),
        (None, None) => return None,
        (None, Some(_)) => return Some(Err(format!("`{weekday}` is no weekday"))),
        (Some(_), None) => return Some(Err(format!("`{month}` is no month"))),
    };
    if day == 0 || day > days_in_month(2020, month) {
        let name = crate::date::MONTHS.get(month as usize - 1).unwrap_or(&"");
        return Some(Err(format!("{name} has no day {day}")));
    }
    // The title and the place are pieces of the line, the item's text; only a place with
    // runs of spaces, collapsed, needs text of its own.
    if let Some(collapsed) = collapse_spaces(city) {
        return Some(Ok(Listing::new(title, &collapsed, weekday, month, day)));
    }
    let start = title.as_ptr() as usize - line.as_ptr() as usize;
    Some(Ok(Listing::in_text(
        start..start + title.len(),
        open + 1..close,
        weekday,
        month,
        day,
    )))
}

/// A cheap test that every listing passes: a `)` somewhere and a day number at the end
/// (`13`, `13th`, `13.`). Most lines of an issue are prose and fail it.
fn may_be_listing(line: &str) -> bool {
    let end = line.trim_end().trim_end_matches(['.', ';']).trim_end();
    let end = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| end.strip_suffix(s))
        .unwrap_or(end);
    end.ends_with(|c: char| c.is_ascii_digit()) && line.contains(')')
}

/// `s` with runs of whitespace collapsed to one space and none at the ends (places are keys
/// for extraction); `None` when that is `s` already, as almost every place is (no copy).
fn collapse_spaces(s: &str) -> Option<String> {
    let mut words = s.split(' ');
    let spaced_once =
        s.is_empty() || words.all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    (!spaced_once).then(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn parts(line: &str) -> Option<(String, String, u32, u32, u32)> {
        parse_listing(line).map(|l| {
            let (t, c) = (l.title(line).to_string(), l.city(line).to_string());
            (t, c, l.weekday, l.month, l.day)
        })
    }

    #[test]
    fn basic_and_spacing() {
        let l = parts("Kafka Connect (Torun) - Wednesday, October 30").unwrap();
        assert_eq!(l, ("Kafka Connect".into(), "Torun".into(), 2, 10, 30));
        let l = parts(
            "Kafka at Sky Deutschland + Kafka on Kubernetes  (Unterfohring) - Tuesday, October 29",
        );
        assert_eq!(
            l.unwrap().0,
            "Kafka at Sky Deutschland + Kafka on Kubernetes"
        );
        assert!(parse_listing("Kafka (Berlin)-Tuesday,October 29").is_some());
        assert!(parse_listing("Kafka (Berlin) \u{2013} Wed, Nov 13").is_some());
        assert!(parse_listing("Kafka (Berlin) \u{2014} Wed. Nov. 13th").is_some());
        assert!(
            parse_listing("Kafka\u{a0}(Tel Aviv-Yafo)\u{a0}-\u{a0}Sunday, November 17").is_some()
        );
    }

    #[test]
    fn odd_titles() {
        let line = "Apache Beam @ + Portable Schema + BeamSQL (Zurich) - Tuesday, November 19";
        let l = parse_listing(line).unwrap();
        assert_eq!(
            (l.title(line), l.city(line)),
            ("Apache Beam @ + Portable Schema + BeamSQL", "Zurich")
        );
        let line = "Intro (Part 2) (Berlin) - Monday, May 4";
        let l = parse_listing(line).unwrap();
        assert_eq!((l.title(line), l.city(line)), ("Intro (Part 2)", "Berlin"));
        let line = "Rg-Dev #32 (Rzeszow) - Thursday, October 24";
        let l = parse_listing(line).unwrap();
        assert_eq!(l.title(line), "Rg-Dev #32");
        // A place written with runs of spaces is collapsed, into text of its own.
        let line = "Meetup  (Tel   Aviv) - Monday, May 4";
        let l = parse_listing(line).unwrap();
        assert_eq!((l.title(line), l.city(line)), ("Meetup", "Tel Aviv"));
    }

    /// The whole-line regex the parser replaced, kept as the oracle.
    fn oracle(line: &str) -> Option<(String, String, u32, u32, u32)> {
        let re = Regex::new(
            r"(?x)^\s*(?P<title>.+?)\s*\(\s*(?P<city>[^()]+?)\s*\)\s*[-–—]+\s*
            (?P<weekday>[A-Za-z]{3,9})\.?\s*,?\s*(?P<month>[A-Za-z]{3,9})\.?\s*
            (?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[.;]?\s*$",
        )
        .unwrap();
        let caps = re.captures(line)?;
        let title = caps["title"].trim();
        let (weekday, month) = (
            weekday_from_name(&caps["weekday"])?,
            month_from_name(&caps["month"])?,
        );
        let day: u32 = caps["day"].parse().ok()?;
        if title.is_empty() || day == 0 || day > days_in_month(2020, month) {
            return None;
        }
        Some((
            title.into(),
            collapse_spaces(&caps["city"]).unwrap_or_else(|| caps["city"].to_string()),
            weekday,
            month,
            day,
        ))
    }

    /// Collapsing copies only a place that changes.
    #[test]
    fn collapsing_copies_only_what_changes() {
        for place in [
            "",
            "Tel Aviv",
            "Berlin",
            "Tel  Aviv",
            " Berlin",
            "Tel\u{a0}Aviv",
            "a ",
        ] {
            let collapsed = place.split_whitespace().collect::<Vec<_>>().join(" ");
            let want = (collapsed != place).then_some(collapsed);
            assert_eq!(collapse_spaces(place), want, "{place:?}");
        }
    }

    #[test]
    fn agrees_with_the_whole_line_regex() {
        let corpus = include_str!("../../data/corpus/data-eng-weekly-326-330.txt");
        let mut lines: Vec<&str> = corpus.lines().collect();
        lines.extend([
            "Intro (Part 2) (Berlin) - Monday, May 4",
            "A (b) c (Berlin) - Monday, May 4",
            "Title ( ) - Monday, May 4",
            "Title () - Monday, May 4",
            "  (Berlin) - Monday, May 4",
            "T (Ber)lin) - Monday, May 4",
            "T (Ber(lin) - Monday, May 4",
            "T (Berlin) (Paris) - Mon, May 4th.",
            "T (Berlin) -- Mon. , May. 4 ;",
            "T (Berlin) - Mon, May 4 (again)",
            "T\u{a0}(Tel  Aviv\u{a0}Yafo)\u{a0}\u{2014}Sunday,November 17",
            "T (Berlin) - Monday May 123",
            "Some prose (with a remark) that ends in 2019",
        ]);
        let mut listings = 0;
        for line in lines {
            assert_eq!(parts(line), oracle(line), "{line:?}");
            listings += usize::from(oracle(line).is_some());
        }
        assert!(
            listings > 50,
            "the corpus has listings to compare: {listings}"
        );
    }

    /// Lines shaped like listings whose date cannot be read say why (issue 16, case D).
    #[test]
    fn listings_that_are_none_say_why() {
        let tail = Profile::dew().listing.as_ref().unwrap();
        let why = |line| scan_listing(line, tail).and_then(Result::err);
        let line = "Spark Meetup (Atlantis) - Monday, February 30";
        assert_eq!(why(line).as_deref(), Some("February has no day 30"));
        let line = "Kafka (Berlin) - Tuesday, Octember 29";
        assert_eq!(why(line).as_deref(), Some("`Octember` is no month"));
        let line = "Kafka (Berlin) - Blursday, October 29";
        assert_eq!(why(line).as_deref(), Some("`Blursday` is no weekday"));
        // Neither name real: not shaped like a listing at all.
        assert_eq!(scan_listing("A (remark) - Hello, World 3", tail), None);
        assert_eq!(parse_listing(line), None);
    }

    #[test]
    fn rejects() {
        for line in [
            "",
            "(Berlin) - Tuesday, October 29",
            "Kafka (Berlin) - Blursday, October 29",
            "Kafka (Berlin) - Tuesday, Octember 29",
            "Kafka (Berlin) - Tuesday, November 31",
            "Kafka (Berlin) - Tuesday, November 0",
            "Kafka (Berlin) - Tuesday, October 29, and more text",
            "A sentence (with a remark) - and a dash.",
        ] {
            assert_eq!(parse_listing(line), None, "{line:?}");
        }
    }
}
