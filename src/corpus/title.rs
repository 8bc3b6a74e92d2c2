//! Where a post's number and title come from, and where its body starts. With a profile that
//! has no `title_numbers` (`dew`) the title must be an issue heading, else the body's first
//! heading is; with one (`generic`) the number is searched in the title (`Issue 17: ...`,
//! `#20: Vol. 2 wrap-up`), else in the body's title line. A front-matter `issue` wins over
//! both.

use super::heading::{is_banner, parse_heading, Heading};
use super::profile::Grammar;
use super::text::{Line, Shape};
use regex::Regex;

/// The heading of a post (its number may be missing under a profile numbering by date),
/// its text as the title, and the body after it.
pub(crate) struct Found<'a, 'l> {
    pub heading: Heading,
    pub text: String,
    pub body: &'a [Line<'l>],
}

/// A post's heading; `None` when it has no number and the profile needs one.
pub(crate) fn find_heading<'a, 'l>(
    p: &Grammar,
    title: &str,
    number: Option<u32>,
    lines: &'a [Line<'l>],
) -> Option<Found<'a, 'l>> {
    match &p.title_numbers {
        None => by_heading(p, title, number, lines),
        Some((re, groups)) => Some(by_search(p, (re, groups), title, number, lines)),
    }
}

/// The title's number wins; a heading line at the top of the body (under blank or banner
/// lines) is then dropped as a repeat of the title. Without a numbered title, a front-matter
/// number (the body starting after a line repeating the title), else the body's first
/// heading is the issue's, and the lines above it are page furniture.
fn by_heading<'a, 'l>(
    p: &Grammar,
    title: &str,
    number: Option<u32>,
    lines: &'a [Line<'l>],
) -> Option<Found<'a, 'l>> {
    let top = lines
        .iter()
        .position(|l| !(l.is_blank() || is_banner(p, &l.text)))
        .unwrap_or(lines.len());
    let top_heading = lines.get(top).and_then(|l| parse_heading(p, &l.text));
    if let Some(mut heading) = parse_heading(p, title) {
        let body = if top_heading.is_some() {
            &lines[top + 1..]
        } else {
            lines
        };
        heading.number = number.or(heading.number);
        return Some(found(heading, title.to_string(), body));
    }
    if let Some(number) = number {
        let (line, body) = title_line(p, title, lines);
        let text = if title.is_empty() { line } else { None };
        let heading = Heading {
            number: Some(number),
            date: None,
            bad_date: None,
        };
        return Some(found(heading, text.unwrap_or(title).to_string(), body));
    }
    let (at, heading) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, parse_heading(p, &l.text)?)))?;
    Some(found(
        heading,
        lines[at].text.trim().to_string(),
        &lines[at + 1..],
    ))
}

fn found<'a, 'l>(heading: Heading, text: String, body: &'a [Line<'l>]) -> Found<'a, 'l> {
    Found {
        heading,
        text,
        body,
    }
}

/// The number searched in the title, else the heading the title is, else the body's title
/// line searched; the title line and what is above it are not the body.
fn by_search<'a, 'l>(
    p: &Grammar,
    (re, groups): (&Regex, &[usize]),
    title: &str,
    number: Option<u32>,
    lines: &'a [Line<'l>],
) -> Found<'a, 'l> {
    let (line, body) = title_line(p, title, lines);
    let text = match (title.is_empty(), line) {
        (true, Some(line)) => line.to_string(),
        _ => title.to_string(),
    };
    let heading = parse_heading(p, &text);
    let searched = |t: &str| search(p, (re, groups), t);
    let number = number
        .or_else(|| searched(&text))
        .or(heading.as_ref().and_then(|h| h.number))
        .or_else(|| line.and_then(searched));
    let (date, bad_date) = heading.map_or((None, None), |h| (h.date, h.bad_date));
    let heading = Heading {
        number,
        date,
        bad_date,
    };
    found(heading, text, body)
}

/// The number of the leftmost title pattern that matches; none past `max_digits`.
fn search(p: &Grammar, (re, groups): (&Regex, &[usize]), text: &str) -> Option<u32> {
    let caps = re.captures(text)?;
    let digits = groups.iter().find_map(|&g| caps.get(g))?.as_str();
    let digits = digits.trim_start_matches('0');
    if digits.len() > p.max_digits {
        return None;
    }
    Some(digits.parse().unwrap_or(0))
}

/// How far into the body a title line is looked for (a page's logo and navigation above it).
const TITLE_WITHIN: usize = 5;

/// The post's title line in its body (the text repeating the title, or a first-level
/// heading) among its first lines, and the body after it; no such line: the whole body.
fn title_line<'a, 'l>(
    p: &Grammar,
    title: &str,
    lines: &'a [Line<'l>],
) -> (Option<&'a str>, &'a [Line<'l>]) {
    let found = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !(l.is_blank() || is_banner(p, &l.text)))
        .take(TITLE_WITHIN)
        .find(|(_, l)| same_title(&l.text, title) || l.shape == Shape::Heading(1));
    match found {
        Some((at, l)) => (Some(l.text.trim()), &lines[at + 1..]),
        None => (None, lines),
    }
}

/// The same title, whatever the case and spacing.
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> { t.split_whitespace().map(str::to_lowercase).collect() };
    !b.trim().is_empty() && words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Profile;

    fn number(title: &str) -> Option<u32> {
        let found = find_heading(Profile::generic(), title, None, &[])?;
        found.heading.number
    }

    #[test]
    fn numbers_in_titles() {
        for (title, n) in [
            ("Issue 17: lakehouse notes", Some(17)),
            ("The Pipeline Post - Issue 18", Some(18)),
            ("No. 19 - streaming everywhere", Some(19)),
            ("#20: Vol. 2 wrap-up", Some(20)),
            ("Vol. 3 Issue 7", Some(7)),
            ("Data Digest - Issue 512", Some(512)),
            ("Some Name #123", Some(123)),
            ("Lakehouse Letters No. 16: streaming", Some(16)),
            ("The Analytics Digest - 12 March 2021", None),
            ("The Analytics Digest: the dbt issue", None),
            ("Data contracts, one year in", None),
        ] {
            assert_eq!(number(title), n, "{title}");
        }
    }

    #[test]
    fn title_lines() {
        let lines = crate::corpus::text::text_lines("Site logo\n\nMy Post\n\nBody text.\n");
        let (line, body) = title_line(Profile::generic(), "my  post", &lines);
        assert_eq!((line, body.len()), (Some("My Post"), 3));
        let (line, body) = title_line(Profile::generic(), "Other", &lines);
        assert_eq!((line, body.len()), (None, lines.len()));
    }
}
