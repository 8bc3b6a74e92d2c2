//! Input limits checked before a parser runs, so no input costs more than its size says:
//! the bytes a feed's DTD entities expand to (roxmltree expands them all, so 14,000
//! references to a 14,000-character entity took 1 GB) and how deep HTML nests (html5ever's
//! tree builder walks the open elements at each tag: 100,000 nested `<div>`s took 29 s).
//! Each check is one pass over the text; each refusal names its limit.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Bytes a feed's entity references may expand to: this, or the feed's own size if larger.
pub const ENTITY_EXPANSION: u64 = 1 << 20;

/// Elements HTML may nest (Chromium's parser stops nesting at 512; pages nest a few dozen).
pub const HTML_DEPTH: usize = 1024;

/// A general entity declared with a literal value (parameter and external entities are not
/// expanded into the document).
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<!ENTITY\s+([^\s%"'>]+)\s+(?:"([^"]*)"|'([^']*)')"#)
        .expect("entity regex is valid")
});

/// Refuses a feed whose entity references expand to more than [`ENTITY_EXPANSION`] bytes
/// or its own size, whichever is larger. Counts references in the document after the last
/// declaration, each worth its entity's value with the references inside expanded (a loop
/// is worth too much).
pub(crate) fn check_entities(xml: &str) -> Result<(), String> {
    if memchr::memmem::find(xml.as_bytes(), b"<!ENTITY").is_none() {
        return Ok(());
    }
    let mut values = HashMap::new();
    let mut end = 0;
    for caps in ENTITY.captures_iter(xml) {
        let value = caps.get(2).or(caps.get(3)).map_or("", |m| m.as_str());
        // The first declaration of a name binds (XML 1.0, 4.2).
        if let Some(name) = caps.get(1) {
            values.entry(name.as_str()).or_insert(value);
        }
        end = caps.get(0).map_or(end, |m| m.end());
    }
    let sizes = expanded_sizes(&values);
    let total = references(&xml[end..], |name| sizes.get(name).copied());
    let limit = ENTITY_EXPANSION.max(xml.len() as u64);
    if total > limit {
        let size = match total {
            u64::MAX => "without end (an entity refers to itself)".to_string(),
            n => format!("to {n} bytes"),
        };
        return Err(format!(
            "entity references expand {size}, over the limit of {limit} bytes (1 MiB, or the \
             file's size when larger); refusing"
        ));
    }
    Ok(())
}

/// The sum of `size(name)` over the references `&name;` in `text` (saturating).
fn references(text: &str, size: impl Fn(&str) -> Option<u64>) -> u64 {
    let mut total: u64 = 0;
    for at in memchr::memchr_iter(b'&', text.as_bytes()) {
        let rest = &text[at + 1..];
        // Names are short; a `;` further away closes no reference.
        let Some(semi) = rest.bytes().take(128).position(|b| b == b';') else {
            continue;
        };
        if let Some(n) = size(&rest[..semi]) {
            total = total.saturating_add(n);
        }
    }
    total
}

/// Each entity's value length with the references inside expanded, by a depth-first walk
/// on an explicit stack (a chain of 100,000 entities cannot overflow the call stack); an
/// entity in a loop, or above one, is worth `u64::MAX`.
fn expanded_sizes<'a>(values: &HashMap<&'a str, &'a str>) -> HashMap<&'a str, u64> {
    let mut done: HashMap<&str, u64> = HashMap::new();
    let mut open: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for &root in values.keys() {
        // (entity, its references are done): an entity is sized after them.
        let mut stack = vec![(root, false)];
        while let Some((name, children_done)) = stack.pop() {
            let value = values.get(name).copied().unwrap_or("");
            if done.contains_key(name) || (!children_done && open.contains(name)) {
                continue;
            }
            if children_done {
                // A reference still open is a loop back to an entity being sized.
                let size = |n: &str| {
                    done.get(n)
                        .copied()
                        .or(open.contains(n).then_some(u64::MAX))
                };
                let total = (value.len() as u64).saturating_add(references(value, size));
                open.remove(name);
                done.insert(name, total);
                continue;
            }
            open.insert(name);
            stack.push((name, true));
            let inner = inner_names(value)
                .filter(|n| values.contains_key(n) && !done.contains_key(n) && !open.contains(n));
            stack.extend(inner.map(|n| (n, false)));
        }
    }
    done
}

/// The names referenced in an entity value.
fn inner_names(value: &str) -> impl Iterator<Item = &str> {
    value
        .split('&')
        .skip(1)
        .filter_map(|r| r.split_once(';').map(|(n, _)| n))
}

/// Elements without content (never on the open-element stack).
const VOID: [&str; 18] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements the parser closes by itself (a `<p>` closes the open `<p>`, a `<li>` the `<li>`):
/// not counted, so sloppy pages that never close them are not taken for deep ones.
const SELF_CLOSING: [&str; 21] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// Elements whose content is text up to their end tag (no tags inside).
const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Refuses HTML that nests more than [`HTML_DEPTH`] elements. One pass over the tags that
/// follows the parser where it matters for depth: an end tag closes up to its element,
/// `<a>` and `<nobr>` close an open one, self-closing syntax counts only inside `<svg>` and
/// `<math>`, comments and raw text (scripts, styles) hold no tags, quotes hold `>` only in
/// attribute values. Elements the parser closes by itself are not counted, so the depth
/// found is at most the parser's.
pub(crate) fn check_depth(html: &str) -> Result<(), String> {
    let b = html.as_bytes();
    let mut open = Open::default();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[at..]).map(|k| at + k) {
        at = lt + 1;
        match b.get(at) {
            Some(b'!') if b[at..].starts_with(b"!--") => {
                at = find(b, at + 3, b"-->").map_or(b.len(), |k| k + 3);
            }
            Some(b'!' | b'?') => at = find(b, at, b">").map_or(b.len(), |k| k + 1),
            Some(b'/') => {
                let name = tag_name(b, at + 1);
                at = tag_end(b, at + 1).0;
                open.close(&name);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(b, at);
                let (end, self_closing) = tag_end(b, at);
                at = end;
                if RAW_TEXT.contains(&name.as_str()) {
                    at = raw_text_end(b, at, &name);
                } else if name == "plaintext" {
                    return Ok(());
                }
                open.start(name, self_closing);
                if open.stack.len() > HTML_DEPTH {
                    return Err(format!(
                        "HTML nested deeper than {HTML_DEPTH} elements (limit); refusing"
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The elements open, as the depth check sees them.
#[derive(Default)]
struct Open {
    stack: Vec<String>,
    /// How many of each name are on the stack, so an end tag finds its element at once.
    count: HashMap<String, usize>,
}

impl Open {
    fn start(&mut self, name: String, self_closing: bool) {
        let foreign = self.has("svg") || self.has("math");
        if VOID.contains(&name.as_str())
            || SELF_CLOSING.contains(&name.as_str())
            || RAW_TEXT.contains(&name.as_str())
            || (self_closing && foreign)
        {
            return;
        }
        if name == "a" || name == "nobr" {
            self.close(&name);
        }
        *self.count.entry(name.clone()).or_insert(0) += 1;
        self.stack.push(name);
    }

    fn has(&self, name: &str) -> bool {
        self.count.get(name).is_some_and(|&n| n > 0)
    }

    /// Closes up to the innermost open `name`; nothing when none is open. Each element is
    /// popped once, so closing is linear over the whole page.
    fn close(&mut self, name: &str) {
        if !self.has(name) {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.count.get_mut(&top) {
                *n -= 1;
            }
            if top == name {
                break;
            }
        }
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|k| from + k)
}

/// The lower-cased tag name at `at` (letters, digits, `-`, `:`).
fn tag_name(b: &[u8], at: usize) -> String {
    let name = b.get(at..).unwrap_or_default();
    let len = name
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .unwrap_or(name.len());
    String::from_utf8_lossy(&name[..len]).to_ascii_lowercase()
}

/// Just past the `>` ending the tag that starts at `at`, and whether it ended in `/>`. A
/// quote opens a value only after `=`, as in the tokenizer.
fn tag_end(b: &[u8], mut at: usize) -> (usize, bool) {
    let mut after_eq = false;
    while at < b.len() {
        match b[at] {
            b'>' => return (at + 1, at > 0 && b[at - 1] == b'/'),
            b'=' => after_eq = true,
            q @ (b'"' | b'\'') if after_eq => {
                at = memchr::memchr(q, &b[at + 1..]).map_or(b.len(), |k| at + 1 + k);
                after_eq = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        at += 1;
    }
    (b.len(), false)
}

/// Just past the text of a raw-text element: at its end tag, any case.
fn raw_text_end(b: &[u8], mut at: usize, name: &str) -> usize {
    while let Some(k) = find(b, at, b"</") {
        let end = k + 2 + name.len();
        if b.get(k + 2..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return k;
        }
        at = k + 2;
    }
    b.len()
}
