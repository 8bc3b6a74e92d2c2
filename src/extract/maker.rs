//! The maker inside a product alias: a match of a technology whose alias begins with an
//! organisation's name (`Confluent Cloud`, `Google BigQuery`, `Amazon Redshift`) also counts
//! that organisation for the item, as a [`Via::Maker`](super::Via) mention on the same span.
//!
//! Derived once per automaton pattern when the matcher is built: the organisations of which
//! one surface is a whole-word prefix of the pattern (`confluent` + ` cloud`; `confluent-kafka-go`;
//! `cloudera's distribution`), longest prefix first, so nested makers give only the most
//! specific one (`Google Cloud Spanner` counts Google Cloud, not also Google). A match costs
//! one look-up, and the checks below only where the list is not empty.
//!
//! The guard is the organisation's own entry, checked on the prefix as written in the text:
//! its case policy and its context guards must hold there, as if the text had named it alone.
//! The curator's guards already keep an ordinary word inside another maker's product out
//! (`Elastic` is `not-next:MapReduce|Block|Beanstalk|...`, so `Elastic MapReduce`, an alias of
//! Amazon EMR, counts no Elastic; `UC Berkeley` is `not-next:DB`, `Cruise` is
//! `not-next:Control`). When the longest prefix fails, the next shorter one is tried.

use super::guard::{holds, Scope};
use crate::lexicon::{CasePolicy, Category, EntityId, Lexicon};
use std::collections::HashMap;

/// An organisation whose surface begins a pattern.
#[derive(Clone, Debug)]
pub(crate) struct Maker {
    pub entity: EntityId,
    /// Byte length of the prefix (the surface).
    len: usize,
    /// The surface as written in the lexicon, for a case-sensitive organisation.
    surface: String,
    sensitive: bool,
}

/// Per pattern (folded surfaces, in automaton order), its makers, longest prefix first.
pub(crate) fn makers(lexicon: &Lexicon, patterns: &[String]) -> Vec<Vec<Maker>> {
    let mut orgs: HashMap<String, Vec<Maker>> = HashMap::new();
    let organisations = lexicon
        .iter()
        .filter(|(_, e)| e.category == Category::Organisation);
    for (id, e) in organisations {
        for surface in e.surfaces().filter(|s| !s.is_empty()) {
            orgs.entry(surface.to_ascii_lowercase())
                .or_default()
                .push(Maker {
                    entity: id,
                    len: surface.len(),
                    surface: surface.to_string(),
                    sensitive: e.case == CasePolicy::Sensitive,
                });
        }
    }
    patterns
        .iter()
        .map(|p| {
            let mut found: Vec<Maker> = (1..p.len())
                .filter(|&at| p.is_char_boundary(at) && whole_word_prefix(p, at))
                .filter_map(|at| orgs.get(&p[..at]))
                .flatten()
                .cloned()
                .collect();
            found.sort_by_key(|m| (std::cmp::Reverse(m.len), m.entity));
            found
        })
        .collect()
}

/// Whether `pattern[..at]` ends a word: a word character before, none after.
fn whole_word_prefix(pattern: &str, at: usize) -> bool {
    let before = pattern[..at].chars().next_back();
    let after = pattern[at..].chars().next();
    before.is_some_and(super::boundary::is_word_char)
        && after.is_some_and(|c| !super::boundary::is_word_char(c))
}

/// The first of `makers` whose case policy and guards hold on the prefix of the match
/// starting at `start` in the scope's own text.
pub(crate) fn choose<'a>(
    makers: &[Maker],
    lexicon: &'a Lexicon,
    text: &str,
    scope: &Scope<'a>,
    start: usize,
) -> Option<EntityId> {
    makers
        .iter()
        .find(|m| {
            let Some(written) = text.get(start..start + m.len) else {
                return false;
            };
            let case_holds = !m.sensitive
                || written == m.surface
                || (written.eq_ignore_ascii_case(&m.surface)
                    && !written.chars().any(char::is_lowercase));
            case_holds && holds(&lexicon.entity(m.entity).rules, scope, start, start + m.len)
        })
        .map(|m| m.entity)
}

/// Every (pattern, maker) pair the lexicon derives, for `lexicon check` and the docs: the
/// pattern as folded and the maker's name, longest prefix first per pattern.
pub fn derived_pairs(lexicon: &Lexicon) -> Vec<(String, String)> {
    let patterns: Vec<String> = lexicon
        .iter()
        .filter(|(_, e)| e.category == Category::Technology)
        .flat_map(|(_, e)| e.surfaces().map(str::to_ascii_lowercase))
        .collect();
    let mut pairs: Vec<(String, String)> = patterns
        .iter()
        .zip(makers(lexicon, &patterns))
        .flat_map(|(p, ms)| {
            ms.into_iter()
                .map(move |m| (p.clone(), lexicon.entity(m.entity).name.clone()))
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}
