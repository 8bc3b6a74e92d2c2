//! The Markdown reader: strip heading markers, bullets, quotes, emphasis, HTML comments and
//! `[text](url)` links (text kept in the line, url kept as a link), noting what each line was
//! (`Shape`: heading, list item, bold or linked title line), then parse like plain text.

use super::profile::{Grammar, Profile};
use super::text::{parse_lines, text_lines, Line, Shape};
use super::types::{Issue, Warning};
use super::CorpusError;
use regex::Regex;
use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

/// Compiles one of this module's fixed patterns.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("markdown regex is valid")
}

static RULE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s{0,3}(?:[-*_]\s*){3,}$"));
static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$"));
static QUOTE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:>\s?)+"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[*+\-•]|\d{1,3}[.)])\s+"));
static IMAGE: LazyLock<Regex> = LazyLock::new(|| re(r#"!\[[^\]]*\]\([^)]*\)"#));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| re(r#"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)"#));
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| re(r"\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__|~~(\S(?:.*?\S)?)~~"));
static EM_STAR: LazyLock<Regex> = LazyLock::new(|| re(r"(^|[^\w*])\*(\S(?:[^*]*?\S)?)\*"));
static EM_UNDERSCORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[^\w_])_(\S(?:[^_]*?\S)?)_($|[^\w_])"));
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\\([\\`*_{}\[\]()#+\-.!>|])"));
/// A line that is all bold: `**Further reading**`.
static BOLD_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\*\*[^*]+\*\*|__[^_]+__)$"));
/// A line that is one HTML comment (`<!-- more -->`): no text.
static COMMENT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*<!--.*-->\s*$"));

/// Parses a Markdown archive; same issue and item rules as `parse_text`. Read with the
/// `dew` profile.
pub fn parse_markdown(
    file: &Path,
    text: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    parse_markdown_with(file, text, Profile::dew(), warnings)
}

/// [`parse_markdown`] with a profile.
pub(crate) fn parse_markdown_with(
    file: &Path,
    text: &str,
    p: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    parse_lines(file, &markdown_lines(text), p, warnings)
}

/// The cleaned lines of a Markdown text, numbered as in the file.
pub(crate) fn markdown_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = text_lines(text);
    let next_blank: Vec<bool> = (0..lines.len())
        .map(|i| lines.get(i + 1).is_none_or(|l| is_blank_md(&l.text)))
        .collect();
    let mut after_heading = false;
    for (line, alone) in lines.iter_mut().zip(next_blank) {
        let heading = HEADING.is_match(&line.text);
        let bullet = BULLET.is_match(&line.text);
        line.break_before = heading || after_heading || bullet;
        after_heading = heading;
        clean_line(line, alone && !bullet);
    }
    lines
}

fn is_blank_md(text: &str) -> bool {
    text.trim().is_empty() || RULE.is_match(text)
}

/// Cleans one line in place. `ends_paragraph`: the line is no list item and the next line
/// is blank, so a line holding only a link is the blurb's link (a bare URL line), not a
/// title over the text below nor a list item of its own.
fn clean_line(line: &mut Line, ends_paragraph: bool) {
    if RULE.is_match(&line.text) || COMMENT.is_match(&line.text) {
        line.text = Cow::Borrowed("");
        return;
    }
    let mut text = protect_escapes(&line.text);
    if let Some(caps) = HEADING.captures(&text) {
        let level = text.trim_start().bytes().take_while(|&b| b == b'#').count();
        line.shape = Shape::Heading(u8::try_from(level).unwrap_or(6));
        text = caps[1].to_string();
    }
    text = QUOTE.replace(&text, "").into_owned();
    if BULLET.is_match(&text) {
        line.shape = Shape::ListItem;
        text = BULLET.replace(&text, "").into_owned();
    }
    text = IMAGE.replace_all(&text, "").into_owned();
    let link = link_only(&text);
    if let Some(url) = link.clone().filter(|_| ends_paragraph) {
        line.text = url.into();
        return;
    }
    if line.shape == Shape::Plain {
        if link.is_some() {
            line.shape = Shape::Link;
        } else if BOLD_LINE.is_match(text.trim()) {
            line.shape = Shape::Bold;
        }
    }
    text = lift_links(&text, &mut line.links);
    text = STRONG.replace_all(&text, "$1$2$3").into_owned();
    text = EM_STAR.replace_all(&text, "$1$2").into_owned();
    text = EM_UNDERSCORE.replace_all(&text, "$1$2$3").into_owned();
    line.text = restore_escapes(text.trim()).into();
}

/// Escaped characters (`\*`) are parked in the Private Use Area so no rule sees them as
/// markup, then put back by `restore_escapes`.
fn protect_escapes(text: &str) -> String {
    ESCAPE
        .replace_all(text, |caps: &regex::Captures| {
            let c = caps[1].chars().next().unwrap_or(' ');
            char::from_u32(PARKED + c as u32).map_or(String::new(), String::from)
        })
        .into_owned()
}

fn restore_escapes(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            u @ PARKED..=PARKED_END => char::from_u32(u - PARKED).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Start of the Private Use Area block used by `protect_escapes` (ASCII only: 128 chars).
const PARKED: u32 = 0xE000;
const PARKED_END: u32 = PARKED + 0x7F;

/// The url when the whole line is one link.
fn link_only(text: &str) -> Option<String> {
    let caps = LINK.captures(text.trim())?;
    let whole = caps.get(0)?;
    (whole.as_str().len() == text.trim().len()).then(|| caps[2].to_string())
}

/// Replaces each `[text](url)` by its text and collects the urls.
fn lift_links(text: &str, links: &mut Vec<String>) -> String {
    LINK.replace_all(text, |caps: &regex::Captures| {
        links.push(caps[2].to_string());
        caps[1].to_string()
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str, alone: bool) -> Line<'_> {
        let mut line = Line {
            no: 1,
            text: text.to_string().into(),
            ..Line::default()
        };
        clean_line(&mut line, alone);
        line
    }

    #[test]
    fn strips_markup() {
        assert_eq!(
            clean("## Data Eng Weekly #330 ##", true).text,
            "Data Eng Weekly #330"
        );
        assert_eq!(
            clean("* **Kafka** and *Flink* in _one_ post", true).text,
            "Kafka and Flink in one post"
        );
        assert_eq!(
            clean("`pg_flame` and snake_case_name", true).text,
            "`pg_flame` and snake_case_name"
        );
        assert_eq!(clean("> 1. quoted \\*star\\*", true).text, "quoted *star*");
        assert_eq!(clean("---", true).text, "");
        let l = clean("Curated by [Datadog](https://datadoghq.com) ( )", true);
        assert_eq!(
            (&*l.text, l.links.as_slice()),
            (
                "Curated by Datadog ( )",
                &["https://datadoghq.com".to_string()][..]
            )
        );
    }

    #[test]
    fn link_only_lines() {
        assert_eq!(
            clean("[Read more](https://x.org/a)", true).text,
            "https://x.org/a"
        );
        let title = clean("[Kafka 2.4 released](https://x.org/a)", false);
        assert_eq!((&*title.text, title.links.len()), ("Kafka 2.4 released", 1));
    }
}
