//! Words of an item for discovery, in one left-to-right pass over its bytes, each with the
//! shape facts the proposer needs (capitals, digits, dots, hyphens) and whether it opens a
//! sentence. Linear in the text: every byte is looked at a bounded number of times.
//!
//! A word is a run of letters, digits and `_`; a `.` or `-` between two word characters joins
//! (`Zorb.js`, `wib-tools`, `Zap38`), and an apostrophe followed by letters other than a
//! possessive `s` joins (`Doesn't`). A possessive (`'s`, `’s`, or a bare `'` after an `s`) is
//! left out of the word and flagged.

/// One word: byte span in the item text and its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// The previous non-space text ends a sentence (or there is none).
    pub sentence_start: bool,
    /// Only one plain space separates this word from the previous one.
    pub joined: bool,
    /// A possessive follows the word.
    pub possessive: bool,
}

/// Facts about a word's characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    pub first_upper: bool,
    pub uppers: u16,
    pub lowers: u16,
    pub digits: u16,
    /// An upper-case letter right after a lower-case one (`wobbleDB`, `AcmeHub`).
    pub camel: bool,
    pub dots: u16,
    pub hyphens: u16,
    /// An apostrophe inside the word (`Doesn't`).
    pub apostrophes: bool,
}

impl Shape {
    /// Starts with a capital, or has one after a lower-case letter (`ksqlDB`).
    pub fn capitalised(&self) -> bool {
        self.first_upper || self.camel
    }

    /// Two or more letters, all capitals (`HTTP`, `X11`).
    pub fn all_caps(&self) -> bool {
        self.uppers >= 2 && self.lowers == 0
    }
}

/// The words of `text`, left to right, into `out` (cleared first; a buffer reused from
/// item to item). Measured: the tokenizer is most of discovery's time, so ASCII bytes take a
/// byte-level path and only other bytes are decoded.
pub(crate) fn tokens_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let mut prev_end = 0;
    while i < b.len() {
        let byte = b[i];
        let len = if byte < 0x80 {
            if !(byte.is_ascii_alphanumeric() || byte == b'_') {
                i += 1;
                continue;
            }
            1
        } else {
            let (c, len) = char_at(text, i);
            if !is_word(c) {
                i += len;
                continue;
            }
            len
        };
        let (end, shape) = word_end(text, i);
        let (resume, possessive) = after_possessive(text, i, end);
        // Compared as a byte, not a slice: a slice comparison calls memcmp for every word.
        let one_space = i == prev_end + 1 && b[prev_end] == b' ';
        out.push(Token {
            start: i,
            end,
            shape,
            sentence_start: !one_space && opens_sentence(&text[prev_end..i], prev_end == 0),
            joined: prev_end > 0 && one_space,
            possessive,
        });
        prev_end = end;
        i = resume.max(i + len);
    }
}

/// The words of `text`, left to right.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_into(text, &mut out);
    out
}

/// The char at byte `i` and its length (ASCII fast path).
fn char_at(text: &str, i: usize) -> (char, usize) {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return (byte as char, 1);
    }
    text[i..]
        .chars()
        .next()
        .map_or((' ', 1), |c| (c, c.len_utf8()))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Counts one letter or digit into the shape.
fn count(shape: &mut Shape, c: char, first: bool, prev_lower: bool) {
    if c.is_uppercase() {
        shape.uppers = shape.uppers.saturating_add(1);
        shape.first_upper |= first;
        shape.camel |= prev_lower;
    } else if c.is_lowercase() {
        shape.lowers = shape.lowers.saturating_add(1);
    } else if c.is_numeric() {
        shape.digits = shape.digits.saturating_add(1);
    }
}

/// End of the word starting at `start`, and its shape.
fn word_end(text: &str, start: usize) -> (usize, Shape) {
    let b = text.as_bytes();
    let mut shape = Shape::default();
    let mut i = start;
    let mut prev_lower = false;
    while i < b.len() {
        let byte = b[i];
        if byte.is_ascii_lowercase() {
            shape.lowers = shape.lowers.saturating_add(1);
            prev_lower = true;
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        if is_word(c) {
            count(&mut shape, c, i == start, prev_lower);
            prev_lower = c.is_lowercase();
            i += len;
            continue;
        }
        // The next char is read only after a joining mark (most words end at a space).
        let next = || text.get(i + len..).and_then(|r| r.chars().next());
        let joins = match c {
            '.' | '-' => next().is_some_and(is_word),
            '\'' | '’' => next().is_some_and(char::is_alphabetic) && !possessive_s(text, i + len),
            _ => false,
        };
        if !joins {
            break;
        }
        shape.dots += u16::from(c == '.');
        shape.hyphens += u16::from(c == '-');
        shape.apostrophes |= c == '\'' || c == '’';
        prev_lower = false;
        i += len;
    }
    (i, shape)
}

/// An `s` at `at` that ends a word (`Lyft's`).
fn possessive_s(text: &str, at: usize) -> bool {
    let rest = &text.as_bytes()[at..];
    rest.first() == Some(&b's') && !rest.get(1).is_some_and(|&c| c.is_ascii_alphanumeric())
}

/// Where scanning resumes after the word ending at `end`: past a possessive after it, if
/// there is one (then `true`).
fn after_possessive(text: &str, start: usize, end: usize) -> (usize, bool) {
    // Both marks start with one of these bytes (`’` is E2 80 99); most words end otherwise.
    if !matches!(text.as_bytes().get(end), Some(b'\'' | 0xE2)) {
        return (end, false);
    }
    let rest = &text[end..];
    for mark in ["'", "’"] {
        if let Some(after) = rest.strip_prefix(mark) {
            if possessive_s(after, 0) {
                return (end + mark.len() + 1, true);
            }
            let bare = text[start..end].ends_with('s')
                && !after.starts_with(|c: char| c.is_alphanumeric());
            if bare {
                return (end + mark.len(), true);
            }
        }
    }
    (end, false)
}

/// Whether the text between the previous word and this one ends a sentence: a `.`, `!`, `?`
/// or `:` before any opening quotes or brackets, or nothing before (the item's start).
fn opens_sentence(between: &str, first: bool) -> bool {
    let trimmed = between.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | '[' | '*' | '`'
            )
    });
    match trimmed.chars().next_back() {
        None => first,
        Some(c) => matches!(c, '.' | '!' | '?' | ':'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn joins_dots_hyphens_and_apostrophes() {
        assert_eq!(
            words("Zorb.js and foo-bar-baz, Doesn't Acme's (x.io/y) 2.0."),
            vec![
                "Zorb.js",
                "and",
                "foo-bar-baz",
                "Doesn't",
                "Acme",
                "x.io",
                "y",
                "2.0"
            ]
        );
        assert_eq!(
            words("Widgets' team — über"),
            vec!["Widgets", "team", "über"]
        );
    }

    #[test]
    fn shapes() {
        let t = tokens("wobbleDB Zapper HTTP9 Snap-On x");
        assert!(t[0].shape.camel && !t[0].shape.first_upper);
        assert!(t[1].shape.first_upper && !t[1].shape.camel);
        assert!(t[2].shape.all_caps() && t[2].shape.digits == 1);
        assert_eq!(t[3].shape.hyphens, 1);
        assert!(!t[4].shape.capitalised());
    }

    #[test]
    fn sentence_starts_and_joins() {
        let t = tokens("Foo bar. \"Baz qux:  Zed");
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, vec![true, false, true, false, true]);
        assert!(t[1].joined && !t[4].joined);
        assert!(tokens("Acme's x")[0].possessive);
    }
}
