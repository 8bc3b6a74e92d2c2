//! From spellings to entities: variants merge into one name, names the lexicon, the curator's
//! `not-entities.csv` or the places already know are dropped, and each name gets a score from
//! its evidence, a category and a confidence.
//!
//! Merging (one entity per name): spellings share an entity when their keys are equal, the key
//! being the spelling without an `Apache ` prefix, lower-cased, letters and digits only (so
//! case, hyphens, spaces and the link host `acmeenergy` of "Acme Energy" fall together); then
//! a key equal to another plus `s` (plural) or plus a glued suffix (`db`, `js`, `io`, `ai`,
//! `hq`) joins that other key.
//!
//! Score (docs/EXTRACTION.md has the table): the form of the name, plus 1.5 per context cue
//! (at most two), 2 for a repository name, 1 for a link host, 0.5 for a URL piece, 0.5 for a
//! capitalised mention inside a sentence and 0.5 for mentions in two items or more.
//! Confidence is `score / (score + 2)` (0 for a score <= 0), so the acceptance threshold
//! [`THRESHOLD`] = 0.5 is a score of 2.

use super::links;
use super::propose::ORG_SUFFIXES;
use super::tally::Tally;
use super::tokens::tokens;
use super::words::{squash, Words};
use super::{Discovered, Evidence, TOPIC_GUESSES};
use crate::lexicon::Category;
use std::collections::{BTreeMap, HashSet};

/// Confidence from which a discovered name counts as an entity.
pub const THRESHOLD: f64 = 0.5;
const GLUED: [&str; 5] = ["db", "js", "io", "ai", "hq"];

/// Entities (sorted by name, case-insensitively) and, per spelling of the tally, the entity
/// it belongs to.
pub(crate) fn decide(
    tally: &Tally,
    words: &Words,
    lexicon: &HashSet<String>,
) -> (Vec<Discovered>, Vec<Option<u32>>) {
    let groups = group(tally);
    let mut found: Vec<(Discovered, Vec<u32>)> = groups
        .into_iter()
        .filter_map(|(key, members)| {
            judge(tally, words, lexicon, &key, &members).map(|d| (d, members))
        })
        .collect();
    found.sort_by(|a, b| {
        (a.0.name.to_lowercase(), &a.0.name).cmp(&(b.0.name.to_lowercase(), &b.0.name))
    });
    let mut owner = vec![None; tally.spellings.len()];
    for (id, (_, members)) in found.iter().enumerate() {
        for &m in members {
            owner[m as usize] = Some(id as u32);
        }
    }
    (found.into_iter().map(|(d, _)| d).collect(), owner)
}

/// Spellings grouped by key, plurals and glued suffixes joined to their base key.
fn group(tally: &Tally) -> BTreeMap<String, Vec<u32>> {
    let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, s) in tally.spellings.iter().enumerate() {
        groups
            .entry(squash(without_apache(&s.text)))
            .or_default()
            .push(id as u32);
    }
    let keys: Vec<String> = groups.keys().rev().cloned().collect();
    for key in keys {
        let base = GLUED
            .iter()
            .chain(["s"].iter())
            .filter_map(|suffix| key.strip_suffix(suffix))
            .find(|base| base.len() >= 3 && groups.contains_key(*base))
            .map(str::to_string);
        if let Some(base) = base {
            let members = groups.remove(&key).unwrap_or_default();
            groups.entry(base).or_default().extend(members);
        }
    }
    groups
}

/// The entity of one group, or `None` when it is known already or never in the text.
fn judge(
    tally: &Tally,
    words: &Words,
    lexicon: &HashSet<String>,
    key: &str,
    members: &[u32],
) -> Option<Discovered> {
    let spellings: Vec<&super::tally::Spelling> = members
        .iter()
        .map(|&m| &tally.spellings[m as usize])
        .collect();
    let known = |s: &str| lexicon.contains(s) || words.is_not_entity(s) || words.is_place(s);
    if known(key)
        || spellings
            .iter()
            .any(|s| s.evidence.mentions > 0 && known(&squash(&s.text)))
    {
        return None;
    }
    let canonical = spellings
        .iter()
        .filter(|s| s.evidence.mentions > 0)
        .max_by_key(|s| {
            let base = squash(without_apache(&s.text)) == key;
            let e = &s.evidence;
            (base, e.mentions, e.mid_sentence, std::cmp::Reverse(&s.text))
        })?;
    let mut evidence = Evidence::default();
    for s in &spellings {
        evidence.add(&s.evidence);
    }
    let name = without_apache(&canonical.text);
    let form = form(name, words, lexicon);
    if form.score.is_none() || (form.common && evidence.mid_sentence == 0 && evidence.cues() == 0) {
        return None;
    }
    let (text, links): (Vec<_>, Vec<_>) = spellings.iter().partition(|s| s.evidence.mentions > 0);
    let sorted = |list: Vec<&&super::tally::Spelling>| {
        let mut out: Vec<String> = list.iter().map(|s| s.text.to_string()).collect();
        out.sort();
        out
    };
    let score = score(&form, &evidence);
    let category = category(&form, &evidence);
    Some(Discovered {
        name: name.to_string(),
        variants: sorted(text.iter().collect()),
        link_forms: sorted(links.iter().collect()),
        category,
        topic: topic(category, &evidence),
        confidence: if score > 0.0 {
            score / (score + 2.0)
        } else {
            0.0
        },
        evidence,
        first_issue: 0,
        last_issue: 0,
        issues: 0,
        items: 0,
    })
}

/// A name without an `Apache ` prefix (the lexicon's convention for names).
fn without_apache(text: &str) -> &str {
    text.strip_prefix("Apache ").unwrap_or(text)
}

/// What the written form of a name says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Form {
    /// Points for the form; `None`: not a name (a stray word).
    pub score: Option<f64>,
    /// Leans organisation (+) or technology (-) with no other evidence.
    pub lean: f64,
    /// A single English word (`Lantern`-like), judged by its cues.
    pub common: bool,
}

/// Scores the form of `name`; see the module comment and docs/EXTRACTION.md.
pub(crate) fn form(name: &str, words: &Words, lexicon: &HashSet<String>) -> Form {
    let toks = tokens(name);
    let word = |i: usize| name[toks[i].start..toks[i].end].to_ascii_lowercase();
    let english = |w: &str| words.zipf(w) > 0.0;
    let known = |w: &str| english(w) || lexicon.contains(&squash(w));
    let Some(last) = toks.len().checked_sub(1) else {
        return Form::default();
    };
    if toks.len() > 1 {
        let rare = (0..toks.len()).any(|i| !english(&word(i)));
        let org = ORG_SUFFIXES.contains(&word(last).as_str());
        return Form {
            score: Some(if rare { 1.5 } else { -0.5 }),
            lean: if org { 1.0 } else { 0.5 },
            common: false,
        };
    }
    let s = toks[0].shape;
    let w = word(0);
    let (score, lean) = if s.hyphens > 0 {
        // A generic acronym is a known piece too (`DAG-level`), as when it was proposed.
        let unknown = w
            .split('-')
            .any(|p| p.len() > 1 && !known(p) && !words.is_not_entity(&squash(p)));
        (if unknown { 1.0 } else { 0.0 }, -0.5)
    } else if s.dots > 0 && links::is_host(&w) {
        (2.0, 1.0)
    } else if s.dots > 0 {
        (2.0, -0.5)
    } else if s.camel || (s.uppers >= 2 && s.lowers > 0) {
        (camel(name, &known), -0.5)
    } else if s.digits > 0 {
        (1.5, -0.5)
    } else if s.all_caps() {
        (if w.len() >= 3 { 0.5 } else { 0.0 }, -0.25)
    } else if english(&w) {
        (-1.0, -0.25)
    } else {
        (1.0, -0.25)
    };
    Form {
        score: Some(score),
        lean,
        common: s.lowers > 0
            && s.hyphens == 0
            && s.dots == 0
            && s.digits == 0
            && !s.camel
            && english(&w),
    }
}

/// A mixed-case word. Its long humps (two letters or more) are known when English or a
/// lexicon name: none unknown is a class name's shape (`ThreadPool`: 0, three humps or more:
/// -1), one unknown among two known or more still is (`HttpServerFrobnicator`: 0.5), else the
/// word is name-like (`wobbleDB`: 2).
fn camel(name: &str, known: &dyn Fn(&str) -> bool) -> f64 {
    let long: Vec<&str> = humps(name).into_iter().filter(|h| h.len() >= 2).collect();
    let unknown = long
        .iter()
        .filter(|h| !known(&h.to_ascii_lowercase()))
        .count();
    let known = long.len() - unknown;
    match (unknown, known) {
        (0, 0..=2) => 0.0,
        (0, _) => -1.0,
        (1, 2..) => 0.5,
        _ => 2.0,
    }
}

/// Splits a mixed-case word at case changes: `HTTPServerLog` -> `HTTP`, `Server`, `Log`;
/// `wobbleDB` -> `wobble`, `DB`. Digits end a hump.
pub(crate) fn humps(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (at, c) = chars[k];
        let prev = chars[k - 1].1;
        let next_lower = chars.get(k + 1).is_some_and(|&(_, n)| n.is_lowercase());
        let split = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_uppercase() && c.is_uppercase() && next_lower)
            || (prev.is_alphabetic() != c.is_alphabetic());
        if split {
            out.push(&word[start..at]);
            start = at;
        }
    }
    out.push(&word[start..]);
    out.retain(|h| h.chars().all(char::is_alphabetic));
    out
}

/// The form's points plus the evidence's; see the module comment.
fn score(form: &Form, e: &Evidence) -> f64 {
    let mut s = form.score.unwrap_or(0.0);
    s += 1.5 * f64::from(e.cues().min(2));
    s += if e.repos > 0 { 2.0 } else { 0.0 };
    s += if e.hosts > 0 { 1.0 } else { 0.0 };
    s += if e.url_pieces > 0 { 0.5 } else { 0.0 };
    s += if e.mid_sentence > 0 { 0.5 } else { 0.0 };
    s += if e.items >= 2 { 0.5 } else { 0.0 };
    s
}

/// The topic cue nouns suggest most among those of `category` (see `Discovered::topic`).
fn topic(category: Category, e: &Evidence) -> &'static str {
    let (range, default) = match category {
        Category::Organisation => (6..TOPIC_GUESSES.len(), "company"),
        _ => (0..6, "other"),
    };
    let best = range
        .filter(|&t| e.topics[t] > 0)
        .max_by_key(|&t| (e.topics[t], std::cmp::Reverse(t)));
    best.map_or(default, |t| TOPIC_GUESSES[t])
}

/// Organisation when its cues and links outweigh the technology's, the form's lean breaking
/// ties.
fn category(form: &Form, e: &Evidence) -> Category {
    let org = f64::from(e.org_cues + e.hosts.min(1)) + form.lean.max(0.0);
    let tech = f64::from(e.tech_cues + e.versions.min(1) + e.repos.min(1)) - form.lean.min(0.0);
    if org > tech {
        Category::Organisation
    } else {
        Category::Technology
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humps_split_at_case_changes() {
        assert_eq!(humps("HTTPServerLog"), vec!["HTTP", "Server", "Log"]);
        assert_eq!(humps("wobbleDB"), vec!["wobble", "DB"]);
        assert_eq!(humps("XBase9Q"), vec!["X", "Base", "Q"]);
    }
}
