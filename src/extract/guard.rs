//! Context guards (docs/LEXICON.md): the small rule evaluator that decides whether a match of a
//! guarded entry counts.
//!
//! Terms were lower-cased when the lexicon was read; texts are ASCII-lower-cased here so byte
//! offsets stay aligned with the original (a non-ASCII capital in the text, e.g. `Ü`, only
//! matches a term written with that capital's lower-case form if the text is lower-case too).

use super::boundary::{is_word_char, on_boundaries, skip_possessive};
use crate::lexicon::Rule;
use std::cell::{OnceCell, RefCell};

/// The text a match is judged in: its own item, or for an intro item the whole issue.
pub(crate) struct Scope<'a> {
    texts: Texts<'a>,
    own: usize,
    lower: OnceCell<Vec<String>>,
    /// Where each `near` term occurs on word boundaries, keyed by the term's address and
    /// length in the lexicon: found once per scope, so a guarded entry matched many times in a
    /// long item costs one scan, not one per match (which made `kwic Kafka` quadratic in the
    /// item's length). A list, not a map: a scope asks for a few terms, and hashing each key
    /// cost more than the scan it saved (see [`Places`]).
    places: RefCell<Vec<((usize, usize), Places)>>,
}

/// A place (text, start, end) in a scope.
type Place = (usize, usize, usize);

/// Where a term occurs: its first place, and the next one once asked for, which is needed
/// only when the first is the match itself. Scanning on for the second place up front (and
/// hashing the keys) made `near` cost 0.28-0.30 CPU-s instead of 0.19 on the 100 MiB archive
/// (perf, DWARF call graphs, one run each; 0.17 before the cache).
#[derive(Clone, Copy)]
struct Places {
    first: Option<Place>,
    second: Option<Option<Place>>,
}

/// One text (most items: no allocation per item) or several (an intro's issue).
enum Texts<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

impl<'a> Scope<'a> {
    /// A scope of one item.
    pub(crate) fn item(text: &'a str) -> Scope<'a> {
        Scope {
            texts: Texts::One(text),
            own: 0,
            lower: OnceCell::new(),
            places: RefCell::default(),
        }
    }

    /// A scope of several items (an issue), the match being in `texts[own]`.
    pub(crate) fn items(texts: Vec<&'a str>, own: usize) -> Scope<'a> {
        Scope {
            texts: Texts::Many(texts),
            own,
            lower: OnceCell::new(),
            places: RefCell::default(),
        }
    }

    fn texts(&self) -> &[&'a str] {
        match &self.texts {
            Texts::One(text) => std::slice::from_ref(text),
            Texts::Many(texts) => texts,
        }
    }

    fn own_text(&self) -> &'a str {
        self.texts()[self.own]
    }

    fn lower(&self) -> &[String] {
        self.lower.get_or_init(|| {
            self.texts()
                .iter()
                .map(|t| t.to_ascii_lowercase())
                .collect()
        })
    }
}

/// Whether every rule holds for the match `start..end` of the scope's own item.
pub(crate) fn holds(rules: &[Rule], scope: &Scope, start: usize, end: usize) -> bool {
    rules.iter().all(|rule| rule_holds(rule, scope, start, end))
}

fn rule_holds(rule: &Rule, scope: &Scope, start: usize, end: usize) -> bool {
    let own = scope.own_text();
    match rule {
        Rule::Near(terms) => near(scope, terms, start, end),
        Rule::NotNear(terms) => !near(scope, terms, start, end),
        Rule::Prev(terms) => prev_is(own, start, terms),
        Rule::NotPrev(terms) => !prev_is(own, start, terms),
        Rule::Next(terms) => next_is(own, end, terms),
        Rule::NotNext(terms) => !next_is(own, end, terms),
        Rule::MidSentence => mid_sentence(own, start),
    }
}

/// Some term occurs on word boundaries somewhere in the scope, other than as the match itself
/// (a term inside a longer match counts: `near:Arrow` holds for the name `Arrow Flight`).
fn near(scope: &Scope, terms: &[String], start: usize, end: usize) -> bool {
    let itself = (scope.own, start, end);
    terms.iter().any(|term| {
        let key = (term.as_ptr() as usize, term.len());
        let mut cache = scope.places.borrow_mut();
        let slot = match cache.iter().position(|(k, _)| *k == key) {
            Some(slot) => slot,
            None => {
                let first = place_after(scope, term, None);
                cache.push((
                    key,
                    Places {
                        first,
                        second: None,
                    },
                ));
                cache.len() - 1
            }
        };
        let places = &mut cache[slot].1;
        match places.first {
            None => false,
            Some(first) if first != itself => true,
            Some(first) => places
                .second
                .get_or_insert_with(|| place_after(scope, term, Some(first)))
                .is_some(),
        }
    })
}

/// The first occurrence of `term` on word boundaries in the scope's texts after `after` (a
/// place of `term` found before: the scan resumes where the occurrences after it start).
fn place_after(scope: &Scope, term: &str, after: Option<Place>) -> Option<Place> {
    let (from_text, from) = after.map_or((0, 0), |(i, _, stop)| (i, stop));
    let mut found = scope
        .lower()
        .iter()
        .enumerate()
        .skip(from_text)
        .flat_map(|(i, text)| {
            let skip = if i == from_text { from } else { 0 };
            occurrences(&text.as_bytes()[skip..], term.as_bytes())
                .map(move |at| (i, skip + at, skip + at + term.len()))
                .filter(|&(_, at, stop)| on_boundaries(text, at, stop))
        });
    found.next()
}

/// Starts of the non-overlapping occurrences of `needle` in `hay`, left to right (as
/// `str::match_indices`). Scopes are short texts, so this finds the first byte with `memchr`
/// and compares, instead of building a searcher per call (which showed in profiles). An
/// empty needle never occurs (the lexicon reader rejects empty terms).
fn occurrences<'h>(hay: &'h [u8], needle: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let &first = needle.first()?;
        while pos + needle.len() <= hay.len() {
            let at = pos + memchr::memchr(first, &hay[pos..=hay.len() - needle.len()])?;
            if hay[at..].starts_with(needle) {
                pos = at + needle.len();
                return Some(at);
            }
            pos = at + 1;
        }
        None
    })
}

/// The word(s) right before the match, after spaces, equal one of the terms.
fn prev_is(text: &str, start: usize, terms: &[String]) -> bool {
    let before = text[..start].trim_end();
    terms.iter().any(|term| {
        let Some(cut) = before.len().checked_sub(term.len()) else {
            return false;
        };
        let Some(tail) = before.get(cut..) else {
            return false;
        };
        tail.eq_ignore_ascii_case(term)
            && !before[..cut].chars().next_back().is_some_and(is_word_char)
    })
}

/// The word(s) right after the match (and its possessive `'s`), after spaces, equal a term.
fn next_is(text: &str, end: usize, terms: &[String]) -> bool {
    let after = text[skip_possessive(text, end)..].trim_start();
    terms.iter().any(|term| {
        let Some(head) = after.get(..term.len()) else {
            return false;
        };
        head.eq_ignore_ascii_case(term)
            && !after[term.len()..].chars().next().is_some_and(is_word_char)
    })
}

/// The match does not open a sentence: something other than `.`, `!` or `?` comes before it
/// (quotes and opening brackets in between are ignored).
fn mid_sentence(text: &str, start: usize) -> bool {
    let before =
        text[..start].trim_end_matches(|c: char| c.is_whitespace() || "\"'“”‘’([*`".contains(c));
    match before.chars().next_back() {
        None => false,
        Some(c) => !matches!(c, '.' | '!' | '?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `occurrences` finds what `match_indices` finds: non-overlapping, left to right.
    #[test]
    fn occurrences_match_std() {
        let hay = "aaaa kafka kafkakafka ka f k a kafk time travel time traveller";
        for needle in [
            "a",
            "aa",
            "kafka",
            "ka",
            "time travel",
            "l",
            "x",
            "kafkakafka",
            hay,
        ] {
            let ours: Vec<usize> = occurrences(hay.as_bytes(), needle.as_bytes()).collect();
            let std: Vec<usize> = hay.match_indices(needle).map(|(at, _)| at).collect();
            assert_eq!(ours, std, "{needle:?}");
        }
        assert_eq!(occurrences(b"abc", b"").count(), 0);
        assert_eq!(occurrences(b"", b"a").count(), 0);
    }

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    /// Evaluates `rule` on the first occurrence of `needle` in `text`.
    fn check(rule: Rule, text: &str, needle: &str) -> bool {
        let start = text.find(needle).expect("needle in text");
        holds(&[rule], &Scope::item(text), start, start + needle.len())
    }

    #[test]
    fn near_and_not_near() {
        let near = || Rule::Near(terms(&["netflix", "time travel"]));
        assert!(check(
            near(),
            "Netflix writes about Delta, their system",
            "Delta"
        ));
        assert!(check(
            near(),
            "Delta's version tracking to \"time travel\"",
            "Delta"
        ));
        assert!(!check(near(), "Delta Air Lines and Netflixers", "Delta"));
        assert!(!check(
            Rule::NotNear(terms(&["netflix"])),
            "At NETFLIX, Delta",
            "Delta"
        ));
        // The match itself is not its own context.
        assert!(!check(
            Rule::Near(terms(&["arrow flight"])),
            "the Arrow Flight protocol",
            "Arrow Flight"
        ));
    }

    #[test]
    fn near_looks_at_the_whole_scope() {
        let texts = vec!["from Delta to events", "use time travel"];
        let scope = Scope::items(texts, 0);
        assert!(holds(&[Rule::Near(terms(&["time travel"]))], &scope, 5, 10));
        assert!(!holds(&[Rule::Near(terms(&["netflix"]))], &scope, 5, 10));
    }

    /// When the term's first place is the match itself, the next place decides, in the same
    /// text or a later one; the places found for one match serve the next ones.
    #[test]
    fn near_looks_past_the_match_itself() {
        let near = || [Rule::Near(terms(&["arrow"]))];
        let one = Scope::item("Arrow and Arrowhead");
        assert!(!holds(&near(), &one, 0, 5));
        assert!(!holds(&near(), &one, 0, 5));
        let twice = Scope::item("Arrow, then arrow again");
        assert!(holds(&near(), &twice, 0, 5));
        assert!(holds(&near(), &twice, 12, 17));
        let texts = vec!["intro", "Arrow here", "an arrow there"];
        let issue = Scope::items(texts, 1);
        assert!(holds(&near(), &issue, 0, 5));
        assert!(!holds(&near(), &Scope::items(vec!["Arrow"], 0), 0, 5));
    }

    #[test]
    fn prev_and_next() {
        assert!(check(
            Rule::Prev(terms(&["arrow"])),
            "the Apache Arrow  Flight protocol",
            "Flight"
        ));
        assert!(!check(
            Rule::Prev(terms(&["arrow"])),
            "the Sparrow Flight",
            "Flight"
        ));
        assert!(check(
            Rule::NotPrev(terms(&["the"])),
            "a Flight server",
            "Flight"
        ));
        assert!(check(
            Rule::Next(terms(&["protocol"])),
            "Flight's protocol",
            "Flight"
        ));
        assert!(!check(
            Rule::Next(terms(&["pro"])),
            "Flight protocol",
            "Flight"
        ));
        assert!(check(
            Rule::NotNext(terms(&["air lines"])),
            "Delta connectors",
            "Delta"
        ));
        assert!(!check(
            Rule::NotNext(terms(&["air lines"])),
            "Delta Air Lines",
            "Delta"
        ));
        assert!(!check(Rule::Prev(terms(&["x"])), "Flight", "Flight"));
    }

    #[test]
    fn mid_sentence_rule() {
        assert!(check(Rule::MidSentence, "costs at Segment.", "Segment"));
        assert!(!check(Rule::MidSentence, "Segment describes", "Segment"));
        assert!(!check(
            Rule::MidSentence,
            "done. Segment describes",
            "Segment"
        ));
        assert!(!check(
            Rule::MidSentence,
            "done.\" (Segment describes",
            "Segment"
        ));
        assert!(check(
            Rule::MidSentence,
            "e.g, Segment describes",
            "Segment"
        ));
    }
}
