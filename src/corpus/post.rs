//! One post (a Substack post, a feed entry, a file of its own) to one issue: the number from
//! the front matter, the title or the body's first heading (`title`), the date from
//! publication metadata, else the front matter, a date line or the title, the items from the
//! body's lines through the same item builder as plain text.

use super::heading::{clip, find_date, is_banner, parse_heading, scan_heading, scan_written_date};
use super::heading::{Scan, Written};
use super::items::build_items;
use super::numbering;
use super::profile::{Grammar, Unnumbered};
use super::text::{date_note, Line};
use super::title::{find_heading, same_title, Found};
use super::types::{Corpus, DateSource, Issue, SourceRef, Warning};
use crate::date::{month_from_name, Date};

/// A post as a reader found it.
pub(crate) struct Post<'a> {
    /// Title from the metadata (`Data Eng Weekly #330`), possibly empty.
    pub title: &'a str,
    /// Publication date as written in the metadata (`post_date`, `pubDate`, `updated`).
    pub date: Option<&'a str>,
    /// The body, as `html::html_lines`, `markdown::markdown_lines` or `text::text_lines`
    /// gave it.
    pub lines: Vec<Line<'a>>,
    /// Where the post is (its HTML file, or the feed and the entry's line).
    pub source: SourceRef,
    /// From front matter: the issue number, and the date as written (`2021-03-12`).
    pub number: Option<u32>,
    pub written: Option<&'a str>,
    /// The post's position in its file, for a placeholder number (see `numbering`).
    pub seq: usize,
}

impl<'a> Post<'a> {
    /// A post with no front matter.
    pub fn new(
        title: &'a str,
        date: Option<&'a str>,
        lines: Vec<Line<'a>>,
        source: SourceRef,
    ) -> Self {
        Post {
            title,
            date,
            lines,
            source,
            number: None,
            written: None,
            seq: 0,
        }
    }
}

/// The issue a post holds. A post with no issue number in its front matter, title nor in a
/// heading of its body is not a newsletter issue when the profile skips those: it is
/// reported, counted in `corpus.skipped`, and `None`; a profile numbering by date gives it a
/// placeholder number. Lines not read as written (a date that is none, a listing whose date
/// cannot be read, a line shaped like a heading that is none) are reported as warnings of the
/// issue.
pub(crate) fn post_issue(post: Post, p: &Grammar, corpus: &mut Corpus) -> Option<Issue> {
    let title = post.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let found = find_heading(p, &title, post.number, &post.lines)
        .filter(|f| f.heading.number.is_some() || p.unnumbered == Unnumbered::Date);
    let Some(Found {
        heading,
        text,
        body,
    }) = found
    else {
        not_an_issue(&post, &title, p, corpus);
        return None;
    };
    let number = heading
        .number
        .unwrap_or_else(|| numbering::placeholder(post.seq));
    let mut notes: Vec<String> = heading.bad_date.iter().map(|why| date_note(why)).collect();
    // The body is the lines after the heading; text above a heading found in the body is
    // page furniture, said so instead of dropped.
    let above = &post.lines[..post.lines.len() - body.len()];
    let furniture = above
        .iter()
        .filter(|l| {
            !(l.is_blank()
                || is_banner(p, &l.text)
                || parse_heading(p, &l.text).is_some()
                || same_title(&l.text, &text))
        })
        .count();
    if furniture > 0 {
        notes.push(format!(
            "{furniture} line(s) above the issue heading ignored"
        ));
    }
    let (written, body) = written_date(p, body, &mut notes);
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
    let front = post.written.and_then(|d| {
        let date = metadata_date(d).or(match scan_written_date(p, d) {
            Written::Date(date) => Some(date),
            _ => None,
        });
        if date.is_none() {
            notes.push(format!(
                "unreadable date `{}` in the front matter",
                clip(d, 40)
            ));
        }
        date
    });
    let in_title = || p.dates_in_titles.then(|| find_date(p, &text)).flatten();
    let (date, date_source) = match (metadata, front.or(heading.date).or(written)) {
        (Some(d), _) => (Some(d), DateSource::Metadata),
        (None, Some(d)) => (Some(d), DateSource::Written),
        (None, None) => match in_title() {
            Some(d) => (Some(d), DateSource::Written),
            None => (None, DateSource::None),
        },
    };
    notes.extend(body.iter().filter_map(|l| match scan_heading(p, &l.text)? {
        Scan::Heading(_) => None,
        scan => Some(format!(
            "`{}` is not read as an issue heading ({}): kept as text",
            clip(l.text.trim(), 60),
            scan.why()
        )),
    }));
    let mut listing_notes = Vec::new();
    let items = build_items(body, p, &mut listing_notes);
    notes.extend(listing_notes.into_iter().map(|(_, message)| message));
    if items.is_empty() {
        notes.push(format!("{} has no items", numbering::label(number, &text)));
    }
    for message in notes {
        let w = Warning::new(&post.source.file, post.source.line, message);
        corpus.warnings.push(w.of_issue(number));
    }
    Some(Issue {
        number,
        heading: text,
        date,
        date_source,
        source: post.source,
        items,
    })
}

/// Reports and counts a post that holds no issue.
fn not_an_issue(post: &Post, title: &str, p: &Grammar, corpus: &mut Corpus) {
    let why = std::iter::once(title)
        .chain(post.lines.iter().map(|l| &*l.text))
        .find_map(|l| match scan_heading(p, l)? {
            Scan::Unread(why) => Some(format!(
                "issue heading `{}` not read: {why}",
                clip(l.trim(), 60)
            )),
            _ => None,
        })
        .unwrap_or_else(|| {
            "no issue number in its title or first heading, e.g. `Data Eng Weekly #330`".to_string()
        });
    let message = format!(
        "post \"{}\" is not a newsletter issue ({why})",
        clip(title, 80)
    );
    corpus.skip(Warning::new(
        &post.source.file,
        post.source.line,
        message + ": skipped",
    ));
}

/// A date written on the first non-blank line of the body, and the body after it; a line
/// shaped like a date that is none is the date line all the same, noted.
fn written_date<'a, 'l>(
    p: &Grammar,
    body: &'a [Line<'l>],
    notes: &mut Vec<String>,
) -> (Option<Date>, &'a [Line<'l>]) {
    let Some(at) = body.iter().position(|l| !l.is_blank()) else {
        return (None, body);
    };
    match scan_written_date(p, &body[at].text) {
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
        let lines = text_lines(body).into_iter().map(Line::into_owned).collect();
        let source = SourceRef {
            file: "p.html".into(),
            line: 0,
        };
        Post::new(title, date, lines, source)
    }

    fn post_issue(post: Post, c: &mut Corpus) -> Option<Issue> {
        super::post_issue(post, crate::corpus::Profile::dew(), c)
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
