//! The cheap test a line must pass before the heading regex runs on it: it runs on every line
//! of the archive (4.5 million lines in 100 MiB), and most lines fail it at their first byte.
//! Derived from the profile's heading patterns, so a profile of its own keeps it: the bytes a
//! heading can start with (regex-syntax's prefix literals of the patterns), and an ASCII digit
//! somewhere when every pattern holds a number. For `dew` that is `d`, `h` or `i` in either
//! case and a digit, the test the hand-written check made before profiles.

use regex_syntax::hir::literal::{ExtractKind, Extractor};

#[derive(Debug)]
pub(crate) struct Precheck {
    /// Bytes a heading may start with after its leading spaces; `None`: any byte.
    first: Option<Box<[bool; 256]>>,
    /// Every heading holds an ASCII digit (every pattern has a number).
    digit: bool,
}

impl Precheck {
    /// The pre-check of the heading patterns `parts` (placeholders substituted); `digit`:
    /// every pattern has a number.
    pub fn derive(parts: &[String], digit: bool) -> Precheck {
        let first = if parts.is_empty() {
            // No pattern: nothing is a heading.
            Some(Box::new([false; 256]))
        } else {
            first_bytes(&format!("(?i)(?:{})", parts.join("|")))
        };
        Precheck { first, digit }
    }

    /// False only for lines no heading pattern can match: blank lines, lines starting with
    /// another byte, lines without a digit when a number is required.
    pub fn may_match(&self, line: &str) -> bool {
        let Some(&b) = line.trim_start().as_bytes().first() else {
            return false;
        };
        if self.first.as_ref().is_some_and(|t| !t[b as usize]) {
            return false;
        }
        !self.digit || line.bytes().any(|b| b.is_ascii_digit())
    }

    /// The bytes a heading may start with, for tests and docs (`None`: any).
    #[cfg(test)]
    pub fn first_bytes(&self) -> Option<Vec<u8>> {
        let t = self.first.as_ref()?;
        Some((0..=255u8).filter(|&b| t[b as usize]).collect())
    }
}

/// The first bytes of every prefix literal of `pattern`; `None` when the literals are not a
/// finite set (a pattern may start with a large class) or one is empty.
fn first_bytes(pattern: &str) -> Option<Box<[bool; 256]>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let mut table = Box::new([false; 256]);
    for literal in seq.literals()? {
        let &b = literal.as_bytes().first()?;
        table[b as usize] = true;
    }
    Some(table)
}
