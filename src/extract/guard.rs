//! Context guards (docs/LEXICON.md): the small rule evaluator that decides whether a match of a
//! guarded entry counts.
//!
//! Terms were lower-cased when the lexicon was read; texts are compared with them folding
//! ASCII case only, so byte offsets stay those of the original (a non-ASCII capital in the
//! text, e.g. `Ü`, only matches a term written with that capital's lower-case form if the
//! text is lower-case too).

use super::boundary::{is_word_char, on_folded_boundaries, skip_possessive};
use crate::corpus::FastHash;
use crate::lexicon::{Lexicon, Rule};
use aho_corasick::{AhoCorasick, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;

/// The text a match is judged in: its own item, or for an intro item the whole issue.
pub(crate) struct Scope<'a> {
    texts: Texts<'a>,
    own: usize,
    /// The searchers of the lexicon's `near` terms, when the matcher gives them.
    searchers: Option<&'a NearSearchers>,
    /// Where the terms of each `near` rule occur on word boundaries, keyed by the rule's term
    /// list in the lexicon, compared by address: found once per scope, so a guarded entry
    /// matched many times in a long item costs one scan, not one per match (which made `kwic
    /// Kafka` quadratic in the item's length). A list, not a map: a scope asks for a few
    /// rules, and hashing each key cost more than the scan it saved (see [`Places`]). The
    /// lists are borrowed for the scope's life, so no other list can take a key's address
    /// while the scope lasts (an address freed and reused served a rule stale places).
    places: RefCell<Vec<(&'a [String], Places)>>,
}

/// A place (text, start, end) in a scope.
type Place = (usize, usize, usize);

/// Where a rule's terms occur: the first place, and the next one once asked for, which is
/// needed only when the first is the match itself. Scanning on for the second place up front
/// (and hashing the keys) made `near` cost 0.28-0.30 CPU-s instead of 0.19 on the 100 MiB
/// archive (perf, DWARF call graphs, one run each; 0.17 before the cache).
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
            searchers: None,
            places: RefCell::default(),
        }
    }

    /// A scope of several items (an issue), the match being in `texts[own]`.
    pub(crate) fn items(texts: Vec<&'a str>, own: usize) -> Scope<'a> {
        Scope {
            texts: Texts::Many(texts),
            own,
            searchers: None,
            places: RefCell::default(),
        }
    }

    /// The scope with the searchers built for the lexicon's `near` terms (a rule they lack
    /// gets a searcher of its own at each scope that asks).
    pub(crate) fn searching(self, searchers: &'a NearSearchers) -> Scope<'a> {
        Scope {
            searchers: Some(searchers),
            ..self
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
}

/// One searcher per `near` (and `not-near`) rule of the lexicon, over the rule's terms, keyed
/// by the address and length of the rule's term list (the matcher holding these lives inside
/// an `Extractor`, which borrows the lexicon, so the addresses stay the lexicon's rules'):
/// a scope is scanned once per rule instead of once per term, and the text is never copied
/// to lower case. On the 100 MiB archive `near` took 245 samples (20% of the main
/// automaton's 1201) with a lower-cased copy of the scope and a `memchr` scan per term, 127
/// (13% of 995) with these (perf at 999 Hz, DWARF call graphs, one run each on a busy
/// machine, hence the ratios): about 0.08 CPU-s less.
#[derive(Default)]
pub(crate) struct NearSearchers {
    by_terms: HashMap<(usize, usize), AhoCorasick, FastHash>,
}

impl NearSearchers {
    pub(crate) fn new(lexicon: &Lexicon) -> Result<NearSearchers, aho_corasick::BuildError> {
        let rules = lexicon.iter().flat_map(|(_, e)| &e.rules);
        let by_terms = rules
            .filter_map(|rule| match rule {
                Rule::Near(terms) | Rule::NotNear(terms) => Some(terms),
                _ => None,
            })
            .map(|terms| Ok((key(terms), searcher(terms)?)))
            .collect::<Result<_, _>>()?;
        Ok(NearSearchers { by_terms })
    }
}

/// A rule's key: the address and length of its term list.
fn key(terms: &[String]) -> (usize, usize) {
    (terms.as_ptr() as usize, terms.len())
}

/// Every occurrence of every term, ASCII case folded (overlapping, so each term's own
/// occurrences can be taken as `str::match_indices` takes them). Terms are made distinct, so
/// no two occurrences share a place. An empty term is left out: it never occurs (an empty
/// pattern would match between any two characters).
fn searcher(terms: &[String]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    let terms = terms.iter().filter(|t| !t.is_empty());
    let mut distinct: Vec<String> = terms.map(|t| t.to_ascii_lowercase()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(distinct)
}

/// Whether every rule holds for the match `start..end` of the scope's own item.
pub(crate) fn holds<'a>(rules: &'a [Rule], scope: &Scope<'a>, start: usize, end: usize) -> bool {
    rules.iter().all(|rule| rule_holds(rule, scope, start, end))
}

fn rule_holds<'a>(rule: &'a Rule, scope: &Scope<'a>, start: usize, end: usize) -> bool {
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
fn near<'a>(scope: &Scope<'a>, terms: &'a [String], start: usize, end: usize) -> bool {
    let itself = (scope.own, start, end);
    let key = key(terms);
    let own_searcher;
    let searcher = match scope.searchers.and_then(|s| s.by_terms.get(&key)) {
        Some(searcher) => searcher,
        // A rule of another lexicon (tests); its few terms always build.
        None => match searcher(terms) {
            Ok(built) => {
                own_searcher = built;
                &own_searcher
            }
            Err(_) => return false,
        },
    };
    let mut cache = scope.places.borrow_mut();
    let slot = match cache.iter().position(|(k, _)| std::ptr::eq(*k, terms)) {
        Some(slot) => slot,
        None => {
            let first = places(scope, searcher).next();
            let second = None;
            cache.push((terms, Places { first, second }));
            cache.len() - 1
        }
    };
    let places_of = &mut cache[slot].1;
    match places_of.first {
        None => false,
        Some(first) if first != itself => true,
        Some(_) => places_of
            .second
            .get_or_insert_with(|| places(scope, searcher).nth(1))
            .is_some(),
    }
}

/// The places in the scope's texts where a term of `searcher` occurs on word boundaries,
/// text by text. A term's occurrences are taken left to right without overlapping each
/// other (as `str::match_indices`), judged in the ASCII-lower-cased text.
fn places<'s>(scope: &'s Scope, searcher: &'s AhoCorasick) -> impl Iterator<Item = Place> + 's {
    scope
        .texts()
        .iter()
        .enumerate()
        .flat_map(move |(i, &text)| {
            let mut taken_to = vec![0; searcher.patterns_len()];
            searcher
                .find_overlapping_iter(text)
                .filter(move |m| {
                    let to = &mut taken_to[m.pattern().as_usize()];
                    let free = m.start() >= *to;
                    if free {
                        *to = m.end();
                    }
                    free
                })
                .filter(move |m| on_folded_boundaries(text, m.start(), m.end()))
                .map(move |m| (i, m.start(), m.end()))
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

    /// `places` finds what `str::match_indices` finds for each term in the ASCII-lower-cased
    /// text, kept where `on_boundaries` holds there: each term's occurrences without overlap,
    /// and a capital after a dot continuing a name as a lower-case letter does.
    #[test]
    fn places_are_the_lower_cased_scan() {
        let texts = vec![
            "Aaaa KAFKA kafkakafka ka f k a kafk Time Travel time traveller",
            "aa.aa.AA kafka.Spark kafka.2 kafka. Ünd ünd",
        ];
        let lists = [
            &["a", "aa", "kafka"][..],
            &["ka", "time travel", "l", "x", "kafkakafka"],
            &["aa.aa", "kafka", "ünd", "a.a"],
        ];
        for list in lists {
            let scope = Scope::items(texts.clone(), 0);
            let searcher = searcher(&terms(list)).expect("searcher");
            let mut ours: Vec<Place> = places(&scope, &searcher).collect();
            let mut want = Vec::new();
            for (i, text) in texts.iter().enumerate() {
                let lower = text.to_ascii_lowercase();
                for term in list {
                    let found = lower
                        .match_indices(term)
                        .map(|(at, _)| (at, at + term.len()));
                    let kept = found.filter(|&(at, end)| {
                        crate::extract::boundary::on_boundaries(&lower, at, end)
                    });
                    want.extend(kept.map(|(at, end)| (i, at, end)));
                }
            }
            ours.sort_unstable();
            want.sort_unstable();
            assert_eq!(ours, want, "{list:?}");
        }
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

    /// Each rule gets its own places in a scope. The rules outlive the scope, as the
    /// lexicon's do: the places are keyed by the rules' addresses.
    #[test]
    fn near_looks_at_the_whole_scope() {
        let travel = [Rule::Near(terms(&["time travel"]))];
        let netflix = [Rule::Near(terms(&["netflix"]))];
        let texts = vec!["from Delta to events", "use time travel"];
        let scope = Scope::items(texts, 0);
        assert!(holds(&travel, &scope, 5, 10));
        assert!(!holds(&netflix, &scope, 5, 10));
        assert!(holds(&travel, &scope, 5, 10));
    }

    /// An empty term never occurs (as before the searchers, whose empty pattern matches
    /// between any two characters): the reader rejects empty terms, but a lexicon built in
    /// code can hold one.
    #[test]
    fn an_empty_term_never_occurs() {
        let text = "Delta, and more";
        assert!(!check(Rule::Near(terms(&["", "netflix"])), text, "Delta"));
        assert!(check(Rule::NotNear(terms(&[""])), text, "Delta"));
    }

    /// When the term's first place is the match itself, the next place decides, in the same
    /// text or a later one; the places found for one match serve the next ones.
    #[test]
    fn near_looks_past_the_match_itself() {
        let near = [Rule::Near(terms(&["arrow"]))];
        let one = Scope::item("Arrow and Arrowhead");
        assert!(!holds(&near, &one, 0, 5));
        assert!(!holds(&near, &one, 0, 5));
        let twice = Scope::item("Arrow, then arrow again");
        assert!(holds(&near, &twice, 0, 5));
        assert!(holds(&near, &twice, 12, 17));
        let texts = vec!["intro", "Arrow here", "an arrow there"];
        let issue = Scope::items(texts, 1);
        assert!(holds(&near, &issue, 0, 5));
        assert!(!holds(&near, &Scope::items(vec!["Arrow"], 0), 0, 5));
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
