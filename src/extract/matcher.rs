//! The one automaton over every technology and organisation surface, and the choice of entity
//! for each match (case policy, then guards).
//!
//! Patterns are the distinct ASCII-lower-cased surfaces; the automaton folds ASCII case, so byte
//! offsets are those of the original text. One folded pattern can belong to several entries
//! (`Delta` for `Delta Lake` and `Delta (Netflix)`; `Hive` exact and `hive` elsewhere), so each
//! pattern maps to its candidates, ordered as docs/LEXICON.md says: more specific guards first
//! (prev/next over near over none), then name order. The first candidate whose case policy and
//! guards hold takes the match.
//!
//! When the longest match at a position is rejected (boundary, case or guards), the next
//! shorter pattern starting at the same position is tried (an anchored search over a shorter
//! span), and only then does the scan move on. So `Apache Beam` with a failing guard can still
//! give `Apache`, and a rejected `Delta` in `Delta Air` never hides a later match.

use super::boundary::{glued_suffix_end, is_word_char, on_boundaries_or_version};
use super::guard::{holds, NearSearchers, Scope};
use super::maker::{self, Maker};
use super::ExtractError;
use crate::lexicon::{specificity, CasePolicy, Category, EntityId, Lexicon};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::collections::HashMap;

/// One entry that claims a pattern.
#[derive(Clone, Debug)]
struct Candidate {
    entity: EntityId,
    /// The surface as written in the lexicon, for the exact comparison of `sensitive` entries.
    surface: String,
    sensitive: bool,
}

/// A match that was accepted: the entity and the byte span in the text, and the maker its
/// alias names (see `maker`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub entity: EntityId,
    pub start: usize,
    pub end: usize,
    pub maker: Option<EntityId>,
}

/// The automaton and, per pattern, the entries that claim it and the makers it names; and
/// the searchers of the guards' `near` terms.
pub(crate) struct Matcher {
    ac: AhoCorasick,
    candidates: Vec<Vec<Candidate>>,
    makers: Vec<Vec<Maker>>,
    nears: NearSearchers,
}

impl Matcher {
    /// Builds the automaton over every technology and organisation surface. `kind` `None` lets
    /// aho-corasick choose; the extractor passes the kind chosen by measurement.
    pub(crate) fn new(
        lexicon: &Lexicon,
        kind: Option<AhoCorasickKind>,
    ) -> Result<Matcher, ExtractError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (id, e) in lexicon.iter().filter(|(_, e)| e.category != Category::City) {
            for surface in e.surfaces().filter(|s| !s.is_empty()) {
                let key = surface.to_ascii_lowercase();
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    candidates.push(Vec::new());
                    patterns.len() - 1
                });
                let sensitive = e.case == CasePolicy::Sensitive;
                candidates[slot].push(Candidate {
                    entity: id,
                    surface: surface.to_string(),
                    sensitive,
                });
            }
        }
        for list in &mut candidates {
            list.sort_by_cached_key(|c| {
                let e = lexicon.entity(c.entity);
                (
                    std::cmp::Reverse(specificity(&e.rules)),
                    e.name.to_lowercase(),
                    c.entity,
                )
            });
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            .kind(kind)
            .build(&patterns)
            .map_err(|source| ExtractError::Build {
                patterns: patterns.len(),
                source,
            })?;
        let makers = maker::makers(lexicon, &patterns);
        let nears = NearSearchers::new(lexicon).map_err(|source| ExtractError::Build {
            patterns: patterns.len(),
            source,
        })?;
        Ok(Matcher {
            ac,
            candidates,
            makers,
            nears,
        })
    }

    /// The searchers a [`Scope`] judging this matcher's matches should carry.
    pub(crate) fn nears(&self) -> &NearSearchers {
        &self.nears
    }

    /// Every accepted match in `text` (the own item of `scope`), left to right, non-overlapping.
    pub(crate) fn find<'a>(
        &self,
        lexicon: &'a Lexicon,
        text: &str,
        scope: &Scope<'a>,
        out: &mut Vec<Found>,
    ) {
        let mut pos = 0;
        while pos < text.len() {
            let input = Input::new(text).span(pos..text.len());
            let Some(m) = self.ac.try_find(input).ok().flatten() else {
                break;
            };
            match self.best_at(lexicon, text, scope, m) {
                Some(found) => {
                    pos = found.end;
                    out.push(found);
                }
                None => {
                    pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8)
                }
            }
        }
    }

    /// The longest acceptable match starting where `m` starts, trying shorter patterns in turn.
    fn best_at<'a>(
        &self,
        lexicon: &'a Lexicon,
        text: &str,
        scope: &Scope<'a>,
        mut m: aho_corasick::Match,
    ) -> Option<Found> {
        loop {
            let (start, end) = (m.start(), m.end());
            let stop = if on_boundaries_or_version(text, start, end) {
                Some(end)
            } else {
                glued_suffix_end(text, start, end)
            };
            if let Some(stop) = stop {
                let pattern = m.pattern().as_usize();
                if let Some(entity) = self.choose(lexicon, pattern, text, scope, start, end) {
                    let makers = &self.makers[pattern];
                    let product = lexicon.entity(entity).category == Category::Technology;
                    return Some(Found {
                        entity,
                        start,
                        end: stop,
                        maker: (product && !makers.is_empty())
                            .then(|| maker::choose(makers, lexicon, text, scope, start))
                            .flatten(),
                    });
                }
            }
            let shorter = Input::new(text)
                .span(start..end - 1)
                .anchored(Anchored::Yes);
            m = self.ac.try_find(shorter).ok().flatten()?;
        }
    }

    /// The first candidate of `pattern` whose case policy and guards hold.
    fn choose<'a>(
        &self,
        lexicon: &'a Lexicon,
        pattern: usize,
        text: &str,
        scope: &Scope<'a>,
        start: usize,
        end: usize,
    ) -> Option<EntityId> {
        let written = &text[start..end];
        let list = &self.candidates[pattern];
        let guarded = |c: &&Candidate| holds(&lexicon.entity(c.entity).rules, scope, start, end);
        let exact = list
            .iter()
            .filter(|c| !c.sensitive || c.surface == written)
            .find(guarded);
        exact
            .or_else(|| {
                shouted(text, start, end)
                    .then(|| {
                        list.iter()
                            .filter(|c| c.sensitive && c.surface.to_uppercase() == written)
                            .find(guarded)
                    })
                    .flatten()
            })
            .map(|c| c.entity)
    }

    /// Number of distinct (case-folded) patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.candidates.len()
    }

    /// The engine aho-corasick built.
    pub(crate) fn kind(&self) -> AhoCorasickKind {
        self.ac.kind()
    }
}

/// An all-caps spelling of a name in running text (`HIVE tables`), which a case-sensitive
/// entry also takes: three letters or more, no lower-case letter, the word before (if any)
/// not all-caps and a lower-case word right after one space, so headlines and SQL
/// (`SELECT ... FROM HIVE`) keep their capitals to themselves.
fn shouted(text: &str, start: usize, end: usize) -> bool {
    let written = &text[start..end];
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || written.chars().any(char::is_lowercase) {
        return false;
    }
    let prev = text[..start]
        .trim_end()
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or_default();
    let prev_shouts =
        prev.chars().any(char::is_alphabetic) && !prev.chars().any(char::is_lowercase);
    let next_lower = text[end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()));
    !prev_shouts && next_lower
}
