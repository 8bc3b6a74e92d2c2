//! The saved-page reader (`Hadoop-Weekly-36.html`): the page's blocks become lines and are
//! split into issues like plain text; the `<title>` stands in for a missing heading, and an
//! `article:published_time` meta tag dates a one-issue page.

use super::heading::{is_banner, parse_heading};
use super::html::{doc_lines, parse, title};
use super::post::metadata_date;
use super::profile::{Grammar, Profile};
use super::text::{parse_lines, Line};
use super::types::{DateSource, Issue, Warning};
use super::CorpusError;
use crate::date::Date;
use scraper::{Html, Selector};
use std::path::Path;
use std::sync::LazyLock;

/// Publication-date meta tags (Open Graph article, schema.org, plain `date`).
static DATE_META: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(
        r#"meta[property="article:published_time"], meta[name="article:published_time"],
           meta[itemprop="datePublished"], meta[name="date"]"#,
    )
    .expect("date meta selector is valid")
});

/// Parses one saved HTML page (one or more issues); same issue and item rules as
/// `parse_text`. Broken markup is repaired by the parser as a browser would, never an error.
/// Read with the `dew` profile.
pub fn parse_html(
    file: &Path,
    text: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    parse_html_with(file, text, Profile::dew(), warnings)
}

/// The parsed page, or the error naming the file for a page nested too deep.
pub(crate) fn parse_page(file: &Path, text: &str) -> Result<Html, CorpusError> {
    parse(text).map_err(|message| CorpusError::Format {
        path: file.to_path_buf(),
        message,
    })
}

/// [`parse_html`] with a profile.
pub(crate) fn parse_html_with(
    file: &Path,
    text: &str,
    p: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    let doc = parse_page(file, text)?;
    let mut lines = doc_lines(&doc);
    drop_repeated_headings(p, &mut lines);
    if !lines.iter().any(|l| parse_heading(p, &l.text).is_some()) {
        if let Some(heading) = title_heading(p, &doc) {
            let line = Line {
                text: heading.into(),
                break_before: true,
                ..Line::default()
            };
            lines.insert(0, line);
        }
    }
    let mut issues = parse_lines(file, &lines, p, warnings)?;
    if let ([issue], Some(date)) = (issues.as_mut_slice(), meta_date(&doc)) {
        issue.date = Some(date);
        issue.date_source = DateSource::Metadata;
    }
    Ok(issues)
}

/// Drops a heading line that repeats the heading above it (the same number, nothing but
/// banner lines between): a page that shows its title as an `<h1>` and again as its first
/// paragraph is one issue, not the same issue twice.
fn drop_repeated_headings(p: &Grammar, lines: &mut Vec<Line<'static>>) {
    // A heading without a number (a profile numbering by date) repeats by its text.
    let mut last: Option<(Option<u32>, String)> = None;
    lines.retain(|l| {
        let heading = parse_heading(p, &l.text).map(|h| {
            let text = h
                .number
                .map_or_else(|| l.text.trim().to_lowercase(), |_| String::new());
            (h.number, text)
        });
        let repeat = heading.is_some() && heading == last;
        if heading.is_some() || !(l.is_blank() || is_banner(p, &l.text)) {
            last = heading.clone();
        }
        !repeat
    });
}

/// An issue heading in the page title, whole or as one part of `Issue #36 | Hadoop Weekly`.
fn title_heading(p: &Grammar, doc: &Html) -> Option<String> {
    let title = title(doc)?;
    if parse_heading(p, &title).is_some() {
        return Some(title);
    }
    let parts = [" – ", " — ", " - ", " :: ", " · "]
        .iter()
        .fold(title, |t, sep| t.replace(sep, "|"));
    parts
        .split('|')
        .map(str::trim)
        .find(|part| parse_heading(p, part).is_some())
        .map(String::from)
}

/// The first publication-date meta tag that holds a readable date.
pub(crate) fn meta_date(doc: &Html) -> Option<Date> {
    doc.select(&DATE_META)
        .find_map(|m| metadata_date(m.attr("content")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Section;

    fn parse(html: &str) -> (Vec<Issue>, Vec<Warning>) {
        let mut w = Vec::new();
        let issues = parse_html(Path::new("p.html"), html, &mut w).unwrap();
        (issues, w)
    }

    #[test]
    fn page_blocks_widgets_and_title() {
        let html = r#"<html><head><title>Issue #37 | Hadoop Weekly</title>
            <meta property="article:published_time" content="2013-09-29T10:00:00Z">
            <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> Archive</nav>
            <p>Intro with <a href="https://x.org/a">a link</a>
            <div class="subscription-widget-wrap"><p>Subscribe now</p></div>
            <h2>Technical</h2><ul><li>Kafka <b>rocks</b>.<li>Spark too.</ul>
            <p>Meetup (Berlin) - Tuesday, October 1<br>Other (Paris) - Wed, Oct 2</p>
            <p class="button-wrapper"><a href="https://x.substack.com/share">Share</a></p>"#;
        let (issues, w) = parse(html);
        assert!(w.is_empty(), "{w:?}");
        let i = &issues[0];
        assert_eq!((i.number, i.date_source), (37, DateSource::Metadata));
        assert_eq!(i.date, Date::from_ymd(2013, 9, 29));
        let got: Vec<(Section, &str)> = i
            .items
            .iter()
            .map(|i| (i.section, i.text().unwrap_or("<stored>")))
            .collect();
        assert_eq!(
            got,
            [
                (Section::Intro, "Intro with a link"),
                (Section::Other, "Technical"),
                (Section::Article, "Kafka rocks."),
                (Section::Article, "Spark too."),
                (Section::Event, "Meetup (Berlin) - Tuesday, October 1"),
                (Section::Event, "Other (Paris) - Wed, Oct 2"),
            ]
        );
        assert_eq!(i.items[0].links, ["https://x.org/a"]);
    }

    #[test]
    fn broken_markup_and_no_heading() {
        let (issues, _) = parse("<h1>Issue #4<p>Unclosed <b>bold <i>text</p></div></span>");
        assert_eq!(issues[0].items[0].text, "Unclosed bold text");
        let mut w = Vec::new();
        let e = parse_html(Path::new("x.html"), "<p>No heading here.</p>", &mut w);
        assert!(matches!(e, Err(CorpusError::NoIssues { .. })));
    }
}
