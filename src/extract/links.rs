//! Lexicon names that an item names only in its links (`eng.zorbco.com/...` under a blurb
//! that never writes Zorbco): a separate list, since such a mention has no span in the text.
//! Later stages may count them with the text's mentions; today's report does not.
//!
//! The link's label is the publication on a shared host (`github.com/zorbco`,
//! `medium.com/zorbco-eng`) or else the registrable label of the host (`eng.zorbco.com` ->
//! `zorbco`, `zorbco.co.uk` -> `zorbco`), from `corpus::publisher`. It names an entity when it
//! equals one of the entity's surfaces squashed (letters and digits, lower case), the surface
//! belonging to no other entity. Not taken: guarded entries (their guards need text),
//! foundations (`spark.apache.org` is a project's page, not a mention of the foundation),
//! labels under three characters, and entities the item's text already mentions.

use super::Extraction;
use crate::corpus::{publisher, Corpus, Section};
use crate::lexicon::{squash, Category, EntityId, Lexicon};
use std::collections::HashMap;

/// An entity named only by link `link` (index into `Item::links`) of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkMention {
    pub issue: u32,
    pub item: u32,
    pub entity: EntityId,
    pub link: u32,
}

/// Squashed surfaces of the entries a link label may name; a surface of several entities is
/// nobody's.
fn index(lexicon: &Lexicon) -> HashMap<String, Option<EntityId>> {
    let mut index: HashMap<String, Option<EntityId>> = HashMap::new();
    let eligible = lexicon.iter().filter(|(_, e)| {
        e.category != Category::City && e.rules.is_empty() && e.topic != "foundation"
    });
    for (id, e) in eligible {
        for key in e.surfaces().map(squash).filter(|k| k.len() >= 3) {
            index
                .entry(key)
                .and_modify(|owner| *owner = owner.filter(|&o| o == id))
                .or_insert(Some(id));
        }
    }
    index
}

/// The label a link stands for (see the module comment).
fn label(url: &str) -> Option<String> {
    let site = publisher(url)?;
    if let Some((_, segment)) = site.split_once('/') {
        return Some(squash(segment));
    }
    let labels: Vec<&str> = site.split('.').collect();
    let n = labels.len();
    let country =
        n >= 3 && labels[n - 1].len() == 2 && ["co", "com", "org"].contains(&labels[n - 2]);
    let at = if country { n - 3 } else { n.checked_sub(2)? };
    Some(squash(labels[at]))
}

/// Every entity named only by an item's links, in corpus order; `found` is the extraction of
/// `corpus` (sorted by issue, item, start).
pub fn link_mentions(corpus: &Corpus, lexicon: &Lexicon, found: &Extraction) -> Vec<LinkMention> {
    let index = index(lexicon);
    let mut by_item: HashMap<(u32, u32), Vec<EntityId>> = HashMap::new();
    for m in &found.mentions {
        by_item.entry((m.issue, m.item)).or_default().push(m.entity);
    }
    let mut out = Vec::new();
    for issue in &corpus.issues {
        for item in issue.items.iter().filter(|i| i.section != Section::Other) {
            let written = by_item.get(&(issue.number, item.index));
            let mine = out.len();
            for (k, url) in item.links.iter().enumerate() {
                let entity = label(url).and_then(|l| index.get(&l).copied().flatten());
                let Some(entity) = entity else { continue };
                let seen = out[mine..].iter().any(|m: &LinkMention| m.entity == entity);
                if !seen && !written.is_some_and(|w| w.contains(&entity)) {
                    out.push(LinkMention {
                        issue: issue.number,
                        item: item.index,
                        entity,
                        link: k as u32,
                    });
                }
            }
        }
    }
    out
}
