//! HTML to the text reader's `Line`s: html5ever parses (recovering from broken markup as
//! browsers do), then a walk keeps one line per block (paragraph, list entry, heading) or
//! `<br>`, each with its links and its `Shape` (heading, list entry, a line all bold or all
//! one link's text). Scripts, styles, navigation, subscribe and share widgets are dropped.
//! The page, feed and Substack readers all go through here.

use super::text::{Line, Shape};
use scraper::node::Element;
use scraper::{Html, Node};

/// Elements that end the line before them and after them (so text inside is its own block).
const BLOCKS: [&str; 35] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements never holding newsletter text: code, embedded media, forms and page chrome.
const DROPPED: [&str; 18] = [
    "script", "style", "noscript", "template", "head", "nav", "footer", "form", "button", "input",
    "select", "textarea", "svg", "iframe", "object", "embed", "canvas", "audio",
];

/// Words in a class or id that mark a widget: Substack's `subscription-widget-wrap` and
/// `button-wrapper` share buttons, blog themes' `share-buttons`, `site-nav`, `comments`.
const WIDGET_WORDS: [&str; 14] = [
    "subscribe",
    "subscription",
    "share",
    "sharing",
    "social",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "comments",
    "footer",
    "cookie",
    "button",
];

/// Elements never dropped for a class or id: a theme's `<body class="share-enabled">` must
/// not drop the page.
const STRUCTURE: [&str; 4] = ["html", "body", "main", "article"];

/// An element's text and links are skipped entirely.
fn is_dropped(e: &Element) -> bool {
    if DROPPED.contains(&e.name()) || e.attr("role") == Some("navigation") {
        return true;
    }
    if STRUCTURE.contains(&e.name()) {
        return false;
    }
    let marks = e.classes().chain(e.id());
    marks
        .flat_map(|m| m.split(['-', '_']))
        .any(|w| WIDGET_WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// The lines of an HTML document or fragment; see `doc_lines`. `Err` (why) for HTML nested
/// deeper than the limit (`limits::check_depth`).
pub(crate) fn html_lines(html: &str) -> Result<Vec<Line<'static>>, String> {
    Ok(doc_lines(&parse(html)?))
}

/// Parses a document, refusing one nested deeper than `limits::HTML_DEPTH` first (the tree
/// builder's cost grows with the depth at every tag).
pub(crate) fn parse(html: &str) -> Result<Html, String> {
    super::limits::check_depth(html)?;
    Ok(Html::parse_document(html))
}

/// The lines of a parsed document, in reading order, each block starting a new paragraph
/// (`break_before`); line numbers are 0 (html5ever keeps no source positions).
pub(crate) fn doc_lines(doc: &Html) -> Vec<Line<'static>> {
    let mut out = Lines::default();
    walk(doc, &mut out);
    out.end_block();
    out.lines
}

/// Depth-first over the tree without recursion (deeply nested broken markup cannot overflow
/// the stack); dropped elements are not entered.
fn walk(doc: &Html, out: &mut Lines) {
    let root = doc.tree.root();
    let mut node = root;
    loop {
        if out.open(node.value()) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            out.close(node.value());
        }
        // Climb to the next unvisited sibling, closing the elements left behind.
        loop {
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
            out.close(node.value());
        }
    }
}

/// Lines being gathered: the finished ones and the one being written.
#[derive(Default)]
struct Lines {
    lines: Vec<Line<'static>>,
    current: Line<'static>,
    /// The next line starts a paragraph (a block ended since the last line).
    block_ended: bool,
    /// Inside `<pre>`: newlines in text are line breaks.
    pre: usize,
    /// Open elements that give a line its shape: heading level, list entries, bold, links
    /// (with the number of `<a>` elements opened so far, to tell one link from two).
    heading: Option<u8>,
    list: usize,
    bold: usize,
    link: usize,
    anchors: u32,
    marks: Marks,
}

/// What the words of the line being written were inside.
#[derive(Default)]
struct Marks {
    words: usize,
    bold: usize,
    linked: usize,
    /// The `<a>` of the first linked word; `mixed` once a word is in another.
    anchor: Option<u32>,
    mixed: bool,
    heading: Option<u8>,
    list: bool,
}

impl Marks {
    fn shape(&self) -> Shape {
        match (self.heading, self.list) {
            (Some(level), _) => Shape::Heading(level),
            (None, true) => Shape::ListItem,
            _ if self.words > 0 && self.bold == self.words => Shape::Bold,
            _ if self.words > 0 && self.linked == self.words && !self.mixed => Shape::Link,
            _ => Shape::Plain,
        }
    }
}

/// The level of a heading element (`h2` is 2).
fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

impl Lines {
    /// Handles an opening node; `false` when its children must be skipped.
    fn open(&mut self, node: &Node) -> bool {
        match node {
            Node::Text(t) => self.text(t),
            Node::Element(e) if is_dropped(e) => return false,
            Node::Element(e) => self.element(e),
            _ => {}
        }
        true
    }

    fn close(&mut self, node: &Node) {
        if let Node::Element(e) = node {
            if is_block(e) {
                self.end_block();
            }
            match e.name() {
                "pre" => self.pre = self.pre.saturating_sub(1),
                "li" => self.list = self.list.saturating_sub(1),
                "strong" | "b" => self.bold = self.bold.saturating_sub(1),
                "a" => self.link = self.link.saturating_sub(1),
                name if heading_level(name).is_some() => self.heading = None,
                _ => {}
            }
        }
    }

    fn element(&mut self, e: &Element) {
        match e.name() {
            "br" => self.end_line(),
            "a" => {
                if let Some(link) = e.attr("href").and_then(absolute) {
                    self.current.links.push(link);
                }
                self.link += 1;
                self.anchors += 1;
            }
            "pre" => self.pre += 1,
            "li" => self.list += 1,
            "strong" | "b" => self.bold += 1,
            _ => {}
        }
        if is_block(e) {
            self.end_block();
        }
        if let Some(level) = heading_level(e.name()) {
            self.heading = Some(level);
        }
    }

    /// Appends text, collapsing whitespace as HTML does (kept line breaks in `<pre>`).
    fn text(&mut self, text: &str) {
        let mut parts = text.split('\n').peekable();
        while let Some(part) = parts.next() {
            for (k, word) in part.split_ascii_whitespace().enumerate() {
                let starts_spaced = k > 0 || part.starts_with(|c: char| c.is_ascii_whitespace());
                self.word(word, starts_spaced);
            }
            if part.ends_with(|c: char| c.is_ascii_whitespace()) {
                self.space();
            }
            if parts.peek().is_some() {
                if self.pre > 0 {
                    self.end_line();
                } else {
                    self.space();
                }
            }
        }
    }

    fn word(&mut self, word: &str, spaced: bool) {
        if spaced {
            self.space();
        }
        self.current.text.to_mut().push_str(word);
        let m = &mut self.marks;
        if m.words == 0 {
            (m.heading, m.list) = (self.heading, self.list > 0);
        }
        m.words += 1;
        m.bold += usize::from(self.bold > 0);
        if self.link > 0 {
            m.linked += 1;
            m.mixed |= m.anchor.is_some_and(|a| a != self.anchors);
            m.anchor = Some(self.anchors);
        }
    }

    fn space(&mut self) {
        if !self.current.text.is_empty() && !self.current.text.ends_with(' ') {
            self.current.text.to_mut().push(' ');
        }
    }

    /// Ends the line being written (a `<br>`): the next line continues the paragraph.
    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.current);
        line.shape = std::mem::take(&mut self.marks).shape();
        line.text = line.text.trim().to_string().into();
        if line.text.is_empty() {
            // Links around no text (image links, CDN images) are no article's links.
            return;
        }
        line.break_before = std::mem::take(&mut self.block_ended) || self.lines.is_empty();
        self.lines.push(line);
    }

    /// Ends a block: the next line starts a new paragraph.
    fn end_block(&mut self) {
        self.end_line();
        self.block_ended = true;
    }
}

fn is_block(e: &Element) -> bool {
    BLOCKS.contains(&e.name())
}

/// An article link worth keeping: absolute http(s) (protocol-relative made https).
fn absolute(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(href.to_string())
    } else {
        href.strip_prefix("//")
            .map(|rest| format!("https://{rest}"))
    }
}

/// The document's `<title>`, whitespace collapsed.
pub(crate) fn title(doc: &Html) -> Option<String> {
    let title = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))?;
    let text: String = title
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}
