//! Stage 3: find lexicon entities in every item (one aho-corasick automaton, rayon over items)
//! and resolve meetup listings to dated events in known cities.

use crate::date::Date;
use crate::lexicon::EntityId;

/// One occurrence of an entity in an item. Offsets are bytes into `Item::text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    pub issue: u32,
    pub item: u32,
    pub entity: EntityId,
    pub start: u32,
    pub end: u32,
}

/// One meetup listing, with its year solved from the issue date and its place resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub issue: u32,
    pub item: u32,
    pub event_date: Option<Date>,
    pub title: String,
    /// The place as written in the listing.
    pub place: String,
    /// The city entity, when the place resolves.
    pub city: Option<EntityId>,
}

/// Everything extraction found, sorted by (issue, item, start).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
}
