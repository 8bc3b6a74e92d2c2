//! Mergers from the lexicon's history (`history.csv`): a mention of an entity that merged
//! into another counts for that one in issues dated on or after the merger
//! (`Lexicon::at`), so the entity merged into is one series across the change. Renames need
//! nothing here: a former name is an alias of the entity.

use super::Extraction;
use crate::corpus::Corpus;
use crate::lexicon::{ChangeKind, Lexicon};

/// Moves every merged entity's mentions in issues dated from its merger on to the entity it
/// merged into. Mentions are in issue order, and so are the corpus' issues.
pub fn apply_mergers(found: &mut Extraction, corpus: &Corpus, lexicon: &Lexicon) {
    if !lexicon
        .changes
        .iter()
        .any(|c| matches!(c.kind, ChangeKind::MergedInto(_)))
    {
        return;
    }
    let mut at = 0;
    for m in &mut found.mentions {
        at = corpus.issues[at..]
            .iter()
            .position(|i| i.number >= m.issue)
            .map_or(corpus.issues.len(), |p| at + p);
        let date = corpus
            .issues
            .get(at)
            .filter(|i| i.number == m.issue)
            .and_then(|i| i.date);
        m.entity = lexicon.at(m.entity, date);
    }
}
