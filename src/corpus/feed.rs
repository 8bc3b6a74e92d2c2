//! The RSS/Atom reader: each `<item>` or `<entry>` is a post (title, `pubDate` / `published`
//! / `updated`, full HTML from `content:encoded` or `content`) read by `post::post_issue`.

use super::heading::clip;
use super::html::html_lines;
use super::limits::check_entities;
use super::post::{post_issue, Post};
use super::profile::{Grammar, Profile};
use super::text::{text_lines, Line};
use super::types::{Corpus, Issue, SourceRef, Warning};
use super::CorpusError;
use roxmltree::{Document, Node, ParsingOptions};
use std::path::Path;

/// Date elements in order of preference: first publication over last update.
const DATES: [&str; 4] = ["pubDate", "published", "date", "updated"];

/// Parses an RSS 2.0, RSS 1.0 (RDF) or Atom feed into issues, one per entry that is an issue.
///
/// Errors (`CorpusError::Format`, naming the file): XML that is not well-formed, a root that
/// is no feed, a feed with no entries. Entries that are no issues are skipped and counted.
/// Read with the `dew` profile.
pub fn parse_feed(file: &Path, text: &str, corpus: &mut Corpus) -> Result<Vec<Issue>, CorpusError> {
    parse_feed_with(file, text, Profile::dew(), corpus)
}

/// [`parse_feed`] with a profile.
pub(crate) fn parse_feed_with(
    file: &Path,
    text: &str,
    p: &Grammar,
    corpus: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    let format = |message: String| CorpusError::Format {
        path: file.to_path_buf(),
        message,
    };
    check_entities(text).map_err(format)?;
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| format(format!("not a well-formed RSS/Atom feed: {e}")))?;
    let root = doc.root_element();
    let entry = match root.tag_name().name() {
        "rss" | "RDF" => "item",
        "feed" => "entry",
        other => {
            let message = format!("XML root <{other}> is neither an RSS nor an Atom feed");
            return Err(format(message));
        }
    };
    let entries: Vec<Node> = root
        .descendants()
        .filter(|n| n.tag_name().name() == entry)
        .collect();
    if entries.is_empty() {
        return Err(format(format!("feed has no <{entry}> elements")));
    }
    let mut issues = Vec::new();
    let mut lines = LineCounter::default();
    for (seq, node) in entries.into_iter().enumerate() {
        let source = SourceRef {
            file: file.to_path_buf(),
            line: lines.line_at(text, node.range().start),
        };
        let title = child(node, "title").map_or("", |t| t.text().unwrap_or(""));
        let lines = match body(text, node) {
            Ok(lines) => lines,
            Err(why) => {
                let message = format!("entry \"{}\" skipped: {why}", clip(title.trim(), 80));
                corpus.skip(Warning::new(&source.file, source.line, message));
                continue;
            }
        };
        let date = DATES.iter().find_map(|d| child(node, d)?.text());
        let post = Post {
            seq,
            ..Post::new(title, date, lines, source)
        };
        issues.extend(post_issue(post, p, corpus));
    }
    Ok(issues)
}

/// Line numbers of increasing byte offsets, counting each byte once: roxmltree's
/// `text_pos_at` counts from the start of the text at every call, which made a feed of
/// 12,000 entries (1 MiB) take 8 s, quadratic in its size.
#[derive(Default)]
struct LineCounter {
    /// Offset counted up to, and the 1-based line there (0: nothing counted yet).
    offset: usize,
    line: u32,
    /// Bytes examined so far (for the test that the count is linear).
    scanned: usize,
}

impl LineCounter {
    /// The 1-based line of byte `offset` of `text`; offsets before the last one recount.
    fn line_at(&mut self, text: &str, offset: usize) -> u32 {
        if offset < self.offset || self.line == 0 {
            (self.offset, self.line) = (0, 1);
        }
        let piece = text.as_bytes().get(self.offset..offset).unwrap_or_default();
        self.scanned += piece.len();
        let newlines = memchr::memchr_iter(b'\n', piece).count();
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.offset = offset.max(self.offset);
        self.line
    }
}

/// The first child element with this local name (any namespace).
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.tag_name().name() == name)
}

/// The entry's body: full content first (`content:encoded`, Atom `content`), else the
/// summary (`description`, `summary`). RSS bodies are HTML; Atom says so in `type`.
/// `Err` (why) for an HTML body nested too deep.
fn body(source: &str, entry: Node) -> Result<Vec<Line<'static>>, String> {
    let found = ["encoded", "content", "description", "summary"]
        .iter()
        .find_map(|name| child(entry, name));
    let Some(node) = found else {
        return Ok(Vec::new());
    };
    let atom = node.tag_name().namespace() == Some("http://www.w3.org/2005/Atom");
    match node
        .attribute("type")
        .unwrap_or(if atom { "text" } else { "html" })
    {
        "xhtml" | "application/xhtml+xml" => {
            // Inline XHTML: hand the markup itself (the wrapping `<div>`) to the HTML parser.
            let markup = node
                .first_element_child()
                .map_or("", |div| &source[div.range()]);
            html_lines(markup)
        }
        "text" | "text/plain" => Ok(text_lines(&all_text(node))
            .into_iter()
            .map(Line::into_owned)
            .collect()),
        _ => html_lines(&all_text(node)),
    }
}

/// The element's text: escaped HTML or CDATA sections, decoded by the XML parser.
fn all_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(xml: &str) -> Result<(Vec<Issue>, Corpus), CorpusError> {
        let mut corpus = Corpus::default();
        let issues = parse_feed(Path::new("f.xml"), xml, &mut corpus)?;
        Ok((issues, corpus))
    }

    #[test]
    fn rss_with_cdata_and_escaped_html() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>Data Eng Weekly #330</title><pubDate>Sun, 17 Nov 2019 14:00:00 +0000</pubDate>
<description>short</description>
<content:encoded><![CDATA[<p>Intro.</p><p>A <a href="https://x.org/a">post</a>.</p>]]></content:encoded></item>
<item><title>Data Eng Weekly #329</title><description>&lt;p&gt;Only a summary.&lt;/p&gt;</description></item>
</channel></rss>"#;
        let (issues, corpus) = parse(xml).unwrap();
        assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
        assert_eq!(issues.len(), 2);
        assert_eq!((issues[0].number, issues[0].source.line), (330, 3));
        assert_eq!(issues[0].items[1].links, ["https://x.org/a"]);
        assert_eq!(issues[1].items[0].text, "Only a summary.");
    }

    #[test]
    fn atom_content_types() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>Issue #5</title><updated>2014-01-05T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>there</b>.</p></div></content></entry>
<entry><title>Issue #6</title><content>Plain &lt;b&gt; text.</content></entry>
</feed>"#;
        let (issues, _) = parse(xml).unwrap();
        assert_eq!(issues[0].items[0].text, "Hello there.");
        assert_eq!(issues[0].date.map(|d| d.to_string()).unwrap(), "2014-01-05");
        assert_eq!(issues[1].items[0].text, "Plain <b> text.");
    }

    /// Entry lines are counted once over the feed (issue 16: every path linear): the bytes
    /// examined for 2,000 entries are the feed's length up to the last entry, not 2,000 times
    /// that; and the lines are roxmltree's.
    #[test]
    fn entry_lines_count_each_byte_once() {
        let entry = "<item><title>Issue #1</title>\n<description>Hi.</description></item>\n";
        let xml = format!("<rss><channel>\n{}</channel></rss>", entry.repeat(2_000));
        let doc = Document::parse(&xml).unwrap();
        let mut lines = LineCounter::default();
        for node in doc.descendants().filter(|n| n.has_tag_name("item")) {
            let at = node.range().start;
            assert_eq!(lines.line_at(&xml, at), doc.text_pos_at(at).row);
        }
        assert!(
            lines.scanned < xml.len(),
            "{} of {}",
            lines.scanned,
            xml.len()
        );
        assert_eq!(lines.line_at(&xml, 0), 1);
    }

    #[test]
    fn bad_feeds_name_the_file() {
        for xml in ["<rss><channel><item>", "<html><body/></html>", "<rss/>"] {
            let e = parse(xml).unwrap_err().to_string();
            assert!(e.starts_with("f.xml: "), "{e}");
        }
    }
}
