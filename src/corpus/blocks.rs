//! The `blocks` layout (the `generic` profile): an issue's body becomes the blocks of its
//! markup, each an item.
//!
//! - a paragraph, a list entry (HTML `<li>`, a Markdown or plain-text bullet, with the lines
//!   that continue it) or a meetup listing is one item; a bare URL line belongs to the block
//!   it ends;
//! - a heading (HTML `<h1>`-`<h6>`, Markdown `#`, a bold line not followed by a paragraph, in
//!   plain text a line by the profile's `line_headings` rule) is one `other` item and names
//!   the section of what follows: under a sponsor heading (`Sponsored`) paragraphs are
//!   `sponsor`;
//! - a title line (all bold, or all one link's text) and the paragraph under it are one item;
//! - every paragraph before the first heading or list entry is `intro`, a paragraph opening
//!   with a sponsor marker (`Sponsor:`) is `sponsor` wherever it stands, the rest `article`
//!   (in an issue with no heading and no list, only the first paragraph is the intro);
//! - chrome lines (`Unsubscribe | View in browser`, `© 2021 ...`) are dropped.

use super::classify::{line_heading, section_heading};
use super::heading::clip;
use super::items::{bare_url, share_texts, Note};
use super::listing::scan_listing;
use super::profile::Grammar;
use super::text::{Line, Shape};
use super::types::{Item, Listing, Section};

/// A block of the body, before it is given a section.
#[derive(Debug)]
struct Block {
    line: u32,
    shape: Shape,
    lines: Vec<String>,
    links: Vec<String>,
    /// A meetup listing line (its listing, when its date could be read).
    listing: Option<Option<Listing>>,
}

impl Block {
    fn new(line: u32, shape: Shape) -> Block {
        Block {
            line,
            shape,
            lines: Vec::new(),
            links: Vec::new(),
            listing: None,
        }
    }

    fn text(&self) -> String {
        self.lines.join(" ")
    }
}

/// A plain-text bullet (`- `, `* `, `• `, `1. `) and the text after it.
fn bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for marker in ["- ", "* ", "• ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest);
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t.get(digits..)?;
    (1..=3)
        .contains(&digits)
        .then(|| rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")))
        .flatten()
}

/// Cuts the body into blocks (see the module docs).
fn blocks(body: &[Line], p: &Grammar, notes: &mut Vec<Note>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    for line in body {
        let text = line.text.trim();
        if text.is_empty() || line.break_before {
            out.extend(open.take());
            if text.is_empty() {
                continue;
            }
        }
        if let Some(url) = bare_url(text) {
            match open.as_mut().or(out.last_mut()) {
                Some(block) => block.links.push(url.to_string()),
                None => {
                    let mut b = Block::new(line.no, Shape::Plain);
                    b.lines.push(url.to_string());
                    b.links.push(url.to_string());
                    out.push(b);
                }
            }
            continue;
        }
        if let Some(listing) = p.listing.as_ref().and_then(|t| scan_listing(text, t)) {
            out.extend(open.take());
            let mut b = Block::new(line.no, Shape::Plain);
            let why = listing.as_ref().err().map(|why| {
                let text = clip(text, 60);
                format!("meetup listing `{text}` not read: {why}; kept as an event without a date")
            });
            notes.extend(why.map(|w| (line.no, w)));
            b.listing = Some(listing.ok());
            b.lines.push(text.to_string());
            b.links.extend(line.links.iter().cloned());
            out.push(b);
            continue;
        }
        let (shape, text) = match bullet(text).filter(|_| line.shape == Shape::Plain) {
            Some(rest) => {
                out.extend(open.take());
                (Shape::ListItem, rest.trim())
            }
            None => (line.shape, text),
        };
        let block = open.get_or_insert_with(|| Block::new(line.no, shape));
        block.lines.push(text.to_string());
        block.links.extend(line.links.iter().cloned());
    }
    out.extend(open);
    out.retain(|b| !p.chrome.as_ref().is_some_and(|c| c.is_match(&b.text())));
    out
}

/// What a block is, from its shape and the block after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Heading,
    /// A title line, with the paragraph after it.
    Titled,
    Entry,
    Paragraph,
    Listing,
}

fn kind(p: &Grammar, block: &Block, next: Option<&Block>) -> Kind {
    let para_next = next.is_some_and(|n| n.shape == Shape::Plain && n.listing.is_none());
    let one_line = block.lines.len() == 1;
    match block.shape {
        _ if block.listing.is_some() => Kind::Listing,
        Shape::Heading(_) => Kind::Heading,
        Shape::Bold | Shape::Link if one_line && para_next => Kind::Titled,
        Shape::Bold => Kind::Heading,
        Shape::ListItem => Kind::Entry,
        Shape::Link => Kind::Paragraph,
        Shape::Plain => {
            let text = block.text();
            let alone = one_line && block.links.is_empty();
            if section_heading(p, &text).is_some() || (alone && line_heading(p, &text)) {
                Kind::Heading
            } else {
                Kind::Paragraph
            }
        }
    }
}

/// Builds the items of one issue's body in the `blocks` layout.
pub(crate) fn build_blocks(body: &[Line], p: &Grammar, notes: &mut Vec<Note>) -> Vec<Item> {
    let blocks = blocks(body, p, notes);
    let mut state = State::default();
    let mut texts = String::new();
    let mut ends = Vec::new();
    let mut items = Vec::new();
    let mut k = 0;
    while k < blocks.len() {
        let block = &blocks[k];
        let kind = kind(p, block, blocks.get(k + 1));
        let mut text = block.text();
        let mut links = block.links.clone();
        if kind == Kind::Titled {
            // The paragraph under the title line is the same item.
            k += 1;
            text.push(' ');
            text.push_str(&blocks[k].text());
            links.extend(blocks[k].links.iter().cloned());
        }
        let section = state.section(p, kind, &text);
        texts.push_str(&text);
        ends.push(texts.len());
        items.push(Item {
            index: u32::try_from(items.len()).unwrap_or(u32::MAX),
            section,
            text: Default::default(),
            links,
            line: block.line,
            listing: block.listing.clone().flatten().map(Box::new),
        });
        k += 1;
    }
    state.no_structure(&mut items);
    share_texts(items, texts, &ends)
}

/// Reading state through one issue.
#[derive(Default)]
struct State {
    /// A heading, list entry, titled blurb or listing has come.
    structure: bool,
    /// Under a sponsor heading.
    sponsors: bool,
}

impl State {
    fn section(&mut self, p: &Grammar, kind: Kind, text: &str) -> Section {
        let marked = p.sponsor.as_ref().is_some_and(|s| s.is_match(text));
        let was_open = !self.structure;
        if kind != Kind::Paragraph {
            self.structure = true;
        }
        match kind {
            Kind::Heading => {
                self.sponsors = section_heading(p, text) == Some(true);
                Section::Other
            }
            Kind::Listing => Section::Event,
            _ if marked || self.sponsors => Section::Sponsor,
            Kind::Paragraph if was_open => Section::Intro,
            _ => Section::Article,
        }
    }

    /// An issue of paragraphs only: the first is the intro, the others are articles.
    fn no_structure(&self, items: &mut [Item]) {
        if self.structure {
            return;
        }
        let mut intro = items.iter_mut().filter(|i| i.section == Section::Intro);
        intro.next();
        for item in intro {
            item.section = Section::Article;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Profile;

    fn sections(body: &[Line]) -> Vec<(Section, String)> {
        let mut notes = Vec::new();
        let items = build_blocks(body, Profile::generic(), &mut notes);
        assert!(notes.is_empty(), "{notes:?}");
        items
            .iter()
            .map(|i| (i.section, i.text().unwrap_or("<stored>").to_string()))
            .collect()
    }

    /// The items of `body` are `want` (section, text).
    fn assert_items(body: &[Line], want: &[(Section, &str)]) {
        let want: Vec<(Section, String)> = want.iter().map(|(s, t)| (*s, t.to_string())).collect();
        assert_eq!(sections(body), want);
    }

    #[test]
    fn plain_text_bullets_headings_and_chrome() {
        let text = "Welcome to the digest.\n\nModeling\n\n- dbt 0.19.1 is out.\n  https://x.org/a\n\
                    - A long read on modeling.\n  https://x.org/b\n\nSponsor: Tallyho syncs tables.\n\
                    https://t.example.com\n\nUnsubscribe | View in browser\n";
        use Section::*;
        let want = [
            (Intro, "Welcome to the digest."),
            (Other, "Modeling"),
            (Article, "dbt 0.19.1 is out."),
            (Article, "A long read on modeling."),
            (Sponsor, "Sponsor: Tallyho syncs tables."),
        ];
        assert_items(&super::super::text::text_lines(text), &want);
    }

    #[test]
    fn title_lines_and_sponsored_sections() {
        let html = "<p>Intro one.</p><p>Intro two.</p><h2>Streaming</h2><p><strong>Kafka 2.8</strong></p>\
                    <p>Without ZooKeeper.</p><p><a href='https://x.org'>Flink sinks</a></p><p>Exactly once.</p>\
                    <h3>Sponsored</h3><p>Lakeview watches tables.</p><h2>Tools</h2><p><b>Further</b></p>\
                    <ul><li>One tool.</li></ul>";
        use Section::*;
        let want = [
            (Intro, "Intro one."),
            (Intro, "Intro two."),
            (Other, "Streaming"),
            (Article, "Kafka 2.8 Without ZooKeeper."),
            (Article, "Flink sinks Exactly once."),
            (Other, "Sponsored"),
            (Sponsor, "Lakeview watches tables."),
            (Other, "Tools"),
            (Other, "Further"),
            (Article, "One tool."),
        ];
        assert_items(&super::super::html::html_lines(html).unwrap(), &want);
    }

    #[test]
    fn paragraphs_only() {
        let lines = super::super::text::text_lines("First.\n\nSecond.\n\nThird.\n");
        let got: Vec<Section> = sections(&lines).into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, [Section::Intro, Section::Article, Section::Article]);
    }
}
