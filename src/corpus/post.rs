//! One post (a Substack post or a feed entry) to one issue: the number from the title or the
//! body's first heading, the date from publication metadata, the items from the body's
//! lines through the same item builder and classifier as plain text.

use super::heading::{clip, is_banner, parse_heading, scan_heading, scan_written_date, Heading};
use super::heading::{Scan, Written};
use super::items::build_items;
use super::text::{date_note, Line};
use super::types::{Corpus, DateSource, Issue, SourceRef, Warning};
use crate::date::{month_from_name, Date};

/// A post as a reader found it.
pub(crate) struct Post<'a> {
    /// Title from the metadata (`Data Eng Weekly #330`), possibly empty.
    pub title: &'a str,
    /// Publication date as written in the metadata (`post_date`, `pubDate`, `updated`).
    pub date: Option<&'a str>,
    /// The body, as `html::html_lines` or `text::text_lines` gave it.
    pub lines: Vec<Line<'static>>,
    /// Where the post is (its HTML file, or the feed and the entry's line).
    pub source: SourceRef,
}

/// The issue a post holds. A post with no issue number in its title nor in a heading of its
/// body is not a newsletter issue: it is reported, counted in `corpus.skipped`, and `None`.
/// Lines not read as written (a date that is none, a listing whose date cannot be read, a
/// line shaped like a heading that is none) are reported as warnings of the issue.
pub(crate) fn post_issue(post: Post, corpus: &mut Corpus) -> Option<Issue> {
    let title = post.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((heading, text, body)) = find_heading(&title, &post.lines) else {
        let why = std::iter::once(title.as_str())
            .chain(post.lines.iter().map(|l| &*l.text))
            .find_map(|l| match scan_heading(l)? {
                Scan::Unread(why) => Some(format!(
                    "issue heading `{}` not read: {why}",
                    clip(l.trim(), 60)
                )),
                _ => None,
            })
            .unwrap_or_else(|| {
                "no issue number in its title or first heading, e.g. `Data Eng Weekly #330`"
                    .to_string()
            });
        let message = format!(
            "post \"{}\" is not a newsletter issue ({why})",
            clip(&title, 80)
        );
        corpus.skip(Warning::new(
            &post.source.file,
            post.source.line,
            message + ": skipped",
        ));
        return None;
    };
    let mut notes: Vec<String> = heading.bad_date.iter().map(|why| date_note(why)).collect();
    // The body is the lines after the heading; text above a heading found in the body is
    // page furniture, said so instead of dropped.
    let above = &post.lines[..post.lines.len() - body.len()];
    let furniture = above
        .iter()
        .filter(|l| !(l.is_blank() || is_banner(&l.text) || parse_heading(&l.text).is_some()))
        .count();
    if furniture > 0 {
        notes.push(format!(
            "{furniture} line(s) above the issue heading ignored"
        ));
    }
    let (written, body) = written_date(body, &mut notes);
    let metadata = post.date.and_then(|d| {
        let date = metadata_date(d);
        if date.is_none() {
            let message = format!(
                "unreadable publication date `{}`; dated from the text",
                clip(d, 40)
            );
            notes.push(message);
        }
        date
    });
    let (date, date_source) = match (metadata, heading.date.or(written)) {
        (Some(d), _) => (Some(d), DateSource::Metadata),
        (None, Some(d)) => (Some(d), DateSource::Written),
        (None, None) => (None, DateSource::None),
    };
    notes.extend(body.iter().filter_map(|l| match scan_heading(&l.text)? {
        Scan::Heading(_) => None,
        scan => Some(format!(
            "`{}` is not read as an issue heading ({}): kept as text",
            clip(l.text.trim(), 60),
            scan.why()
        )),
    }));
    let mut listing_notes = Vec::new();
    let items = build_items(body, &mut listing_notes);
    notes.extend(listing_notes.into_iter().map(|(_, message)| message));
    if items.is_empty() {
        notes.push(format!("issue #{} has no items", heading.number));
    }
    for message in notes {
        let w = Warning::new(&post.source.file, post.source.line, message);
        corpus.warnings.push(w.of_issue(heading.number));
    }
    Some(Issue {
        number: heading.number,
        heading: text,
        date,
        date_source,
        source: post.source,
        items,
    })
}

/// The heading (parsed, as written) and the body after it. The title's number wins; a
/// heading line at the top of the body (under blank or banner lines) is then dropped as a
/// repeat of the title. Without a numbered title the body's first heading is the issue's,
/// and the lines above it are page furniture.
fn find_heading<'a, 'l>(
    title: &str,
    lines: &'a [Line<'l>],
) -> Option<(Heading, String, &'a [Line<'l>])> {
    let top = lines
        .iter()
        .position(|l| !(l.is_blank() || is_banner(&l.text)))
        .unwrap_or(lines.len());
    let top_heading = lines.get(top).and_then(|l| parse_heading(&l.text));
    if let Some(heading) = parse_heading(title) {
        let body = if top_heading.is_some() {
            &lines[top + 1..]
        } else {
            lines
        };
        return Some((heading, title.to_string(), body));
    }
    let (at, heading) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| Some((i, parse_heading(&l.text)?)))?;
    Some((heading, lines[at].text.trim().to_string(), &lines[at + 1..]))
}

/// A date written on the first non-blank line of the body, and the body after it; a line
/// shaped like a date that is none is the date line all the same, noted.
fn written_date<'a, 'l>(
    body: &'a [Line<'l>],
    notes: &mut Vec<String>,
) -> (Option<Date>, &'a [Line<'l>]) {
    let Some(at) = body.iter().position(|l| !l.is_blank()) else {
        return (None, body);
    };
    match scan_written_date(&body[at].text) {
        Written::Date(date) => (Some(date), &body[at + 1..]),
        Written::Bad(why) => {
            notes.push(date_note(&why));
            (None, &body[at + 1..])
        }
        Written::No => (None, body),
    }
}

/// A publication date from metadata: ISO 8601 (`2019-11-17`, `2019-11-17T14:02:33.123Z`,
/// Substack and Atom) or RFC 822 (`Sun, 17 Nov 2019 14:00:00 +0000`, RSS). The calendar day
/// is taken as written, in the publisher's time zone, without converting to UTC.
pub(crate) fn metadata_date(text: &str) -> Option<Date> {
    let text = text.trim();
    text.get(..10)
        .filter(|_| text.len() == 10 || text[10..].starts_with(['T', 't', ' ']))
        .and_then(Date::parse_iso)
        .or_else(|| rfc822_date(text))
}

/// `[Weekday,] Day Month Year [time zone]`; two-digit years are 19xx from 70 on, else 20xx.
fn rfc822_date(text: &str) -> Option<Date> {
    let rest = match text.split_once(',') {
        Some((_, rest)) => rest,
        None => text,
    };
    let mut parts = rest.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_from_name(parts.next()?.trim_end_matches('.'))?;
    let year: i32 = parts.next()?.parse().ok()?;
    let year = match year {
        0..=69 => year + 2000,
        70..=99 => year + 1900,
        _ => year,
    };
    Date::from_ymd(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::text_lines;

    fn post<'a>(title: &'a str, date: Option<&'a str>, body: &str) -> Post<'a> {
        Post {
            title,
            date,
            lines: text_lines(body).into_iter().map(Line::into_owned).collect(),
            source: SourceRef {
                file: "p.html".into(),
                line: 0,
            },
        }
    }

    #[test]
    fn metadata_dates() {
        let d = Date::from_ymd(2019, 11, 17);
        assert_eq!(metadata_date("2019-11-17T14:02:33.123Z"), d);
        assert_eq!(metadata_date("2019-11-17"), d);
        assert_eq!(metadata_date("Sun, 17 Nov 2019 14:00:00 +0000"), d);
        assert_eq!(metadata_date("17 Nov 19 14:00 GMT"), d);
        assert_eq!(metadata_date("2019-11-17xyz"), None);
        assert_eq!(metadata_date("yesterday"), None);
        assert_eq!(metadata_date("Sun, 31 Nov 2019"), None);
    }

    #[test]
    fn number_from_title_or_body() {
        let mut c = Corpus::default();
        let body = "Data Eng Weekly\n\nData Eng Weekly #330\n\nHello there.";
        let i = post_issue(
            post("Data Eng Weekly #330", Some("2019-11-17"), body),
            &mut c,
        );
        let i = i.unwrap();
        assert_eq!((i.number, i.items.len()), (330, 1));
        assert_eq!(i.date_source, DateSource::Metadata);
        let body = "Site name\n\nIssue #36\n22 September 2013\n\nHello.";
        let i = post_issue(post("Weekly digest", None, body), &mut c).unwrap();
        assert_eq!((i.number, i.date_source), (36, DateSource::Written));
        assert_eq!(i.heading, "Issue #36");
        // The page furniture above the body's heading is said to be ignored.
        let w: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(w, ["1 line(s) above the issue heading ignored"]);
        assert!(post_issue(post("About us", Some("2019-01-01"), "Hi."), &mut c).is_none());
        assert_eq!((c.skipped, c.warnings.len()), (1, 2));
        assert!(c.warnings[1].message.contains("\"About us\" is not"));
    }
}
