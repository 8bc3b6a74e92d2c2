//! Counting what the proposer saw, per exact spelling: a piece of work (a run of items on one
//! worker) fills its own `Tally`; tallies are joined in corpus order, so the result does not
//! depend on how rayon split the work.

use super::propose::{LinkPart, Proposals};
use super::Evidence;
use crate::corpus::FastHash;
use std::collections::HashMap;

/// One spelling and everything seen of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Spelling {
    pub text: Box<str>,
    pub evidence: Evidence,
    /// The last (issue, item) it was seen in, to count items.
    last: Option<(u32, u32)>,
}

/// One occurrence in an item's text: spelling id (local to its tally until joined).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seen {
    pub issue: u32,
    pub item: u32,
    pub start: u32,
    pub end: u32,
    pub spelling: u32,
}

/// Spellings by id, and the occurrences in corpus order.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    ids: HashMap<Box<str>, u32, FastHash>,
    pub spellings: Vec<Spelling>,
    pub seen: Vec<Seen>,
}

impl Tally {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.spellings.len() as u32;
        self.ids.insert(text.into(), id);
        self.spellings.push(Spelling {
            text: text.into(),
            evidence: Evidence::default(),
            last: None,
        });
        id
    }

    /// Adds the proposals of item `item` of issue `issue` (`text` is the item's text).
    pub(crate) fn add(&mut self, issue: u32, item: u32, text: &str, found: &Proposals) {
        for s in &found.sightings {
            let id = self.id(&text[s.start..s.end]);
            let spelling = &mut self.spellings[id as usize];
            if spelling.last != Some((issue, item)) {
                spelling.last = Some((issue, item));
                spelling.evidence.items += 1;
            }
            let e = &mut spelling.evidence;
            e.mentions += 1;
            e.mid_sentence += u32::from(!s.sentence_start && !s.after_match);
            e.org_cues += u32::from(s.cues.org);
            e.tech_cues += u32::from(s.cues.tech);
            e.versions += u32::from(s.cues.version);
            if let Some(t) = s.cues.topic {
                e.topics[t as usize] += 1;
            }
            self.seen.push(Seen {
                issue,
                item,
                start: s.start as u32,
                end: s.end as u32,
                spelling: id,
            });
        }
        for &(part, kind) in &found.links {
            let id = self.id(part);
            let e = &mut self.spellings[id as usize].evidence;
            match kind {
                LinkPart::Host => e.hosts += 1,
                LinkPart::Repo => e.repos += 1,
                LinkPart::Piece => e.url_pieces += 1,
            }
        }
    }

    /// Appends `other` (the tally of later items) to this one.
    pub(crate) fn join(&mut self, other: Tally) {
        let map: Vec<u32> = other
            .spellings
            .into_iter()
            .map(|s| {
                let id = self.id(&s.text);
                self.spellings[id as usize].evidence.add(&s.evidence);
                id
            })
            .collect();
        self.seen.extend(other.seen.into_iter().map(|mut s| {
            s.spelling = map[s.spelling as usize];
            s
        }));
    }
}
