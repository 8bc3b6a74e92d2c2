//! Split one issue's body into items. The `paragraphs` layout (Hadoop Weekly / Data Eng
//! Weekly) is here: paragraphs (blank-line separated), listing lines and bare URL lines, each
//! given a section by `classify`; the `blocks` layout is in `blocks`.

use super::classify::{Classifier, Kind};
use super::heading::clip;
use super::listing::scan_listing;
use super::profile::{Grammar, Layout};
use super::text::Line;
use super::types::{Item, Section, Text};
use regex::Regex;
use std::sync::{Arc, LazyLock};

/// A line that is nothing but a link (`https://…`, `www.…`, optionally in `<>` or `()`).
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[<(]?((?:https?://|www\.)[^\s<>()]+(?:\([^\s()]*\)[^\s<>()]*)*)[>)]?\s*$")
        .expect("url regex is valid")
});

/// The bare URL of a line, if the line is only a URL.
pub(crate) fn bare_url(line: &str) -> Option<&str> {
    // Runs on every line: most are prose, which fails this before the regex is tried.
    let t = line.trim_start();
    let t = t.strip_prefix(['<', '(']).unwrap_or(t);
    if !(t.starts_with("http") || t.starts_with("www.")) {
        return None;
    }
    BARE_URL
        .captures(line)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// A paragraph being gathered: its first line, text lines and links.
#[derive(Default)]
struct Para<'a> {
    line: u32,
    lines: Vec<&'a str>,
    links: Vec<String>,
}

/// A line not read as written: its number and why, for a warning.
pub(crate) type Note = (u32, String);

/// Turns an issue body into items in reading order, in the profile's layout. Their texts
/// share one buffer. A line shaped like a meetup listing whose date cannot be read is still
/// an event item (without a listing), noted in `notes`.
pub(crate) fn build_items(body: &[Line], p: &Grammar, notes: &mut Vec<Note>) -> Vec<Item> {
    match p.layout {
        Layout::Paragraphs => paragraphs(body, p, notes),
        Layout::Blocks => super::blocks::build_blocks(body, p, notes),
    }
}

/// The `paragraphs` layout.
fn paragraphs(body: &[Line], p: &Grammar, notes: &mut Vec<Note>) -> Vec<Item> {
    // Room for every text at once: an item's text is never longer than its trimmed lines
    // and the spaces that join them.
    let room = body.iter().map(|l| l.text.len() + 1).sum();
    let mut out = Builder {
        items: Vec::new(),
        texts: String::with_capacity(room),
        ends: Vec::new(),
        classifier: Classifier::new(p),
    };
    let mut para = Para::default();
    for line in body {
        let text = line.text.trim();
        if line.break_before {
            out.flush(&mut para);
        }
        if text.is_empty() {
            out.flush(&mut para);
        } else if let Some(url) = bare_url(text) {
            out.url(&mut para, line, url);
        } else if let Some(listing) = p.listing.as_ref().and_then(|t| scan_listing(text, t)) {
            out.flush(&mut para);
            out.texts.push_str(text);
            let listing = listing
                .map_err(|why| {
                    let message = format!(
                        "meetup listing `{}` not read: {why}; kept as an event without a date",
                        clip(text, 60)
                    );
                    notes.push((line.no, message))
                })
                .ok();
            out.push(line.no, line.links.clone(), Kind::Listing, listing);
        } else {
            if para.lines.is_empty() {
                para.line = line.no;
            }
            para.lines.push(text);
            para.links.extend(line.links.iter().cloned());
        }
    }
    out.flush(&mut para);
    out.finish()
}

/// Accumulates items and carries the classifier's state through the issue.
struct Builder<'p> {
    items: Vec<Item>,
    /// Every item's text, one after the other, and where each one ends.
    texts: String,
    ends: Vec<usize>,
    classifier: Classifier<'p>,
}

impl Builder<'_> {
    /// A bare URL line belongs to the paragraph it sits in, else to the item above it; with
    /// nothing above, it stands alone as an `other` item.
    fn url(&mut self, para: &mut Para, line: &Line, url: &str) {
        if !para.lines.is_empty() {
            para.links.push(url.to_string());
        } else if let Some(last) = self.items.last_mut() {
            last.links.push(url.to_string());
        } else {
            self.texts.push_str(url);
            self.push(line.no, vec![url.to_string()], Kind::Artefact, None);
        }
    }

    fn flush(&mut self, para: &mut Para) {
        if para.lines.is_empty() {
            return;
        }
        let kind = Kind::Paragraph {
            lines: para.lines.len(),
        };
        // The line list keeps its capacity for the next paragraph (one allocation per issue,
        // not per paragraph).
        for (i, line) in para.lines.iter().enumerate() {
            if i > 0 {
                self.texts.push(' ');
            }
            self.texts.push_str(line);
        }
        para.lines.clear();
        let links = std::mem::take(&mut para.links);
        self.push(para.line, links, kind, None);
    }

    /// Adds an item whose text is what was written to `texts` since the last item.
    fn push(
        &mut self,
        line: u32,
        links: Vec<String>,
        kind: Kind,
        listing: Option<super::types::Listing>,
    ) {
        let start = self.ends.last().copied().unwrap_or(0);
        let text = self.texts.get(start..).unwrap_or_default();
        let section: Section = self.classifier.classify(text, kind);
        let index = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        self.ends.push(self.texts.len());
        self.items.push(Item {
            index,
            section,
            text: Text::default(),
            links,
            line,
            listing: listing.map(Box::new),
        });
    }

    /// The items, each given its piece of the shared text buffer.
    fn finish(self) -> Vec<Item> {
        share_texts(self.items, self.texts, &self.ends)
    }
}

/// Gives each item its piece of `texts` (item `i` ends at `ends[i]`, starts where the one
/// before ended): one buffer per issue, shared by its items.
pub(crate) fn share_texts(mut items: Vec<Item>, mut texts: String, ends: &[usize]) -> Vec<Item> {
    // Kept for the whole run: no growth slack.
    items.shrink_to_fit();
    texts.shrink_to_fit();
    let texts = Arc::new(texts);
    let mut start = 0;
    for (item, &end) in items.iter_mut().zip(ends) {
        item.text = Text::shared(&texts, start..end);
        start = end;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<Line<'_>> {
        super::super::text::text_lines(text)
    }

    fn build_items_of(body: &[Line]) -> Vec<Item> {
        let mut notes = Vec::new();
        let items = build_items(body, crate::corpus::Profile::dew(), &mut notes);
        assert!(notes.is_empty(), "{notes:?}");
        items
    }

    #[test]
    fn urls_attach_to_the_blurb_above() {
        let items = build_items_of(&body(
            "Intro text here.\n\nA blurb about Kafka.\nhttps://a.example/x\n\n<https://b.example/y>\n\nNext one.",
        ));
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1].links,
            vec!["https://a.example/x", "https://b.example/y"]
        );
        assert_eq!(items[2].text, "Next one.");
        assert_eq!((items[2].index, items[2].line), (2, 8));
    }

    #[test]
    fn listing_lines_split_a_paragraph() {
        let items = build_items_of(&body(
            "Events\n\nNew York\nKafka (New York) - Tuesday, October 22\nSpark (Boston) - Wed, Oct 23",
        ));
        let sections: Vec<Section> = items.iter().map(|i| i.section).collect();
        assert_eq!(
            sections,
            [
                Section::Other,
                Section::Other,
                Section::Event,
                Section::Event
            ]
        );
        assert_eq!(items[3].listing.as_ref().map(|l| l.day), Some(23));
        assert_eq!(items[3].line, 5);
    }

    #[test]
    fn bare_urls() {
        assert_eq!(bare_url("https://x.org/a_(b)"), Some("https://x.org/a_(b)"));
        assert_eq!(bare_url("(http://x.org)"), Some("http://x.org"));
        assert_eq!(bare_url("www.x.org/p?q=1"), Some("www.x.org/p?q=1"));
        assert_eq!(bare_url("see https://x.org"), None);
    }
}
