//! Context cues around a proposed name that say what it is: "X's engineering team", "at X",
//! "X has open sourced", "X, a startup" (organisation); "X is a/an ... engine/library/tool",
//! "X, their system", "open sourced X", "the X project", "X 2.0" (technology).
//!
//! A cue reads a handful of words before and after the name, so it costs the same whatever
//! the item's length.

use super::tokens::Token;

/// Nouns that make "X is a ... NOUN" or "X, their NOUN" a technology.
const TECH_NOUNS: &[&str] = &[
    "abstraction",
    "api",
    "app",
    "application",
    "broker",
    "cache",
    "catalog",
    "cli",
    "client",
    "collection",
    "compiler",
    "component",
    "connector",
    "daemon",
    "dashboard",
    "database",
    "db",
    "driver",
    "editor",
    "engine",
    "exporter",
    "extension",
    "format",
    "framework",
    "harness",
    "implementation",
    "index",
    "interface",
    "language",
    "layer",
    "library",
    "loader",
    "manager",
    "module",
    "monitor",
    "notebook",
    "orchestrator",
    "package",
    "pipeline",
    "platform",
    "plugin",
    "project",
    "protocol",
    "proxy",
    "queue",
    "registry",
    "runtime",
    "scheduler",
    "sdk",
    "server",
    "service",
    "specification",
    "standard",
    "store",
    "system",
    "tool",
    "toolkit",
    "ui",
    "utility",
    "warehouse",
    "wrapper",
];
/// Nouns that make "X is a ... NOUN" or "X, a NOUN" an organisation.
const ORG_NOUNS: &[&str] = &[
    "agency",
    "bank",
    "company",
    "consultancy",
    "firm",
    "foundation",
    "lab",
    "maker",
    "nonprofit",
    "organisation",
    "organization",
    "provider",
    "publisher",
    "retailer",
    "startup",
    "studio",
    "vendor",
];
/// Words after a possessive that make the owner an organisation ("X's engineering team").
const TEAM_WORDS: &[&str] = &[
    "analytics",
    "blog",
    "data",
    "engineering",
    "engineers",
    "infrastructure",
    "platform",
    "science",
    "team",
];
/// Verbs after a name that organisations do.
const ORG_VERBS: &[&str] = &[
    "acquired",
    "announced",
    "hires",
    "raised",
    "writes",
    "wrote",
];
/// Words before a name that make it an organisation.
const ORG_BEFORE: &[&str] = &["at", "by", "from", "startup", "company", "sponsor"];
/// Words before a name that make it a technology.
const TECH_BEFORE: &[&str] = &[
    "introducing",
    "launched",
    "released",
    "sourced",
    "open-sourced",
    "using",
];

/// Lexicon topics a cue noun suggests ("X is a key-value store" -> `databases`), for the
/// rows `candidates --format lexicon` writes. Index into [`TOPIC_GUESSES`].
const TOPIC_NOUNS: &[(&str, u8)] = &[
    ("broker", 0),
    ("queue", 0),
    ("database", 1),
    ("db", 1),
    ("store", 1),
    ("warehouse", 1),
    ("scheduler", 2),
    ("orchestrator", 2),
    ("format", 3),
    ("exporter", 4),
    ("monitor", 4),
    ("dashboard", 4),
    ("proxy", 5),
    ("runtime", 5),
    ("startup", 6),
    ("vendor", 6),
    ("provider", 6),
    ("maker", 6),
    ("foundation", 7),
];

/// The topics cue nouns suggest: six technology topics, then two organisation kinds
/// (docs/LEXICON.md).
pub const TOPIC_GUESSES: [&str; 8] = [
    "streaming",
    "databases",
    "orchestration",
    "storage and formats",
    "observability",
    "infrastructure and cloud",
    "vendor",
    "foundation",
];

/// What the context of one occurrence says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cues {
    pub org: u8,
    pub tech: u8,
    /// A version number follows (`X 2.0`).
    pub version: bool,
    /// The topic the cue noun suggests (index into [`TOPIC_GUESSES`]).
    pub topic: Option<u8>,
}

/// The cues around the name made of `toks[first..=last]` in `text`. Words are compared
/// ignoring ASCII case, without allocating (this runs once per proposed name).
pub(crate) fn cues(text: &str, toks: &[Token], first: usize, last: usize) -> Cues {
    let word = |i: usize| toks.get(i).map_or("", |t| &text[t.start..t.end]);
    let is = |i: usize, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word(i)));
    let before = |list: &[&str]| first > 0 && is(first - 1, list);
    let mut c = Cues::default();
    let after = last + 1;
    if toks[last].possessive && is(after, TEAM_WORDS) {
        c.org += 1;
    }
    c.version = after < toks.len()
        && is_version(word(after))
        && &text[toks[last].end..toks[after].start] == " ";
    c.tech += u8::from(c.version);
    c.org += u8::from(before(ORG_BEFORE));
    c.tech += u8::from(before(TECH_BEFORE));
    if is(after, ORG_VERBS) || (is(after, &["has"]) && is(after + 1, &["raised", "open"])) {
        c.org += 1;
    }
    if before(&["the"]) && is(after, TECH_NOUNS) {
        c.tech += 1;
    }
    // "X 2.0 is a ..." describes X as "X is a ..." does.
    let (org, tech, topic) = appositive(text, toks, after + usize::from(c.version));
    c.org += org;
    c.tech += tech;
    c.topic = topic;
    c
}

/// "X is a/an ... NOUN", "X, a/an ... NOUN", "X, their/the ... NOUN": the first cue noun
/// within six words (stopping at a sentence end) decides, and may suggest a topic.
fn appositive(text: &str, toks: &[Token], after: usize) -> (u8, u8, Option<u8>) {
    let Some(t) = toks.get(after) else {
        return (0, 0, None);
    };
    let gap = text[toks[after - 1].end..t.start].trim();
    let opener = &text[t.start..t.end];
    let one_of = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(opener));
    let ok = (gap.is_empty() && one_of(&["is", "was"]))
        || (gap == "," && one_of(&["a", "an", "the", "their", "its", "our"]));
    if !ok {
        return (0, 0, None);
    }
    for (i, tok) in toks.iter().enumerate().skip(after + 1).take(7) {
        if text[toks[i - 1].end..tok.start].contains(['.', ';', '(']) {
            break;
        }
        let w = &text[tok.start..tok.end];
        let topic = TOPIC_NOUNS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(w))
            .map(|&(_, t)| t);
        if TECH_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            return (0, 1, topic);
        }
        if ORG_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(w)) {
            return (1, 0, topic);
        }
    }
    (0, 0, None)
}

/// A version: digits with dots (`2.0`, `0.10.1`, `3.0.0-rc1`), `v` and digits (`v3`), or a
/// number of one or two digits (`Zorb 2`); `2019` or `100` is not one.
pub(crate) fn is_version(word: &str) -> bool {
    let core = word.split('-').next().unwrap_or_default();
    let (v, digits) = match core.strip_prefix(['v', 'V']) {
        Some(rest) => (true, rest),
        None => (false, core),
    };
    let numeric = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    numeric && (v || digits.contains('.') || digits.len() <= 2)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;

    /// Cues around the first occurrence of `name` (one word) in `text`.
    fn at(text: &str, name: &str) -> Cues {
        let toks = tokens(text);
        let i = toks
            .iter()
            .position(|t| &text[t.start..t.end] == name)
            .expect("name in text");
        cues(text, &toks, i, i)
    }

    #[test]
    fn organisation_cues() {
        assert_eq!(at("Zorbco's engineering team describes", "Zorbco").org, 1);
        assert_eq!(at("a loader from Zorbco.", "Zorbco").org, 1);
        assert_eq!(at("Zorbco, a startup that builds", "Zorbco").org, 1);
        assert_eq!(at("Zorbco has raised $5M", "Zorbco").org, 1);
        assert_eq!(at("Zorbco is a fast tool", "Zorbco").org, 0);
    }

    #[test]
    fn technology_cues() {
        assert_eq!(at("Wibble is a small Python tool for x", "Wibble").tech, 1);
        assert_eq!(at("describes Wibble, their system for x", "Wibble").tech, 1);
        assert_eq!(at("has open sourced Wibble, the", "Wibble").tech, 1);
        assert!(at("Wibble 2.0 adds", "Wibble").version);
        assert!(!at("Wibble 2019 adds", "Wibble").version);
        assert_eq!(at("Wibble is fast. A tool", "Wibble").tech, 0);
    }

    #[test]
    fn topic_guesses() {
        let topic = |text: &str| at(text, "Wibble").topic.map(|t| TOPIC_GUESSES[t as usize]);
        assert_eq!(
            topic("Wibble is a key-value store for logs"),
            Some("databases")
        );
        assert_eq!(topic("Wibble, a startup that sells"), Some("vendor"));
        assert_eq!(topic("Wibble is a small tool"), None);
    }

    #[test]
    fn versions() {
        for v in ["2.0", "0.10.1", "v3", "1"] {
            assert!(is_version(v), "{v}");
        }
        for v in ["2019", "x2", "", "v", "100"] {
            assert!(!is_version(v), "{v}");
        }
    }
}
