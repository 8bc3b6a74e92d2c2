//! Stage 3: find lexicon entities in every item (one aho-corasick automaton, rayon over items)
//! and resolve meetup listings to dated events in known cities.
//!
//! Technologies and organisations come from the automaton (see `matcher`); cities come only
//! from the parenthesised place of a meetup listing (a city named in a title names the group,
//! not the venue), as a mention on the place text.

mod boundary;
mod events;
mod guard;
mod history;
mod links;
mod maker;
mod matcher;

pub use events::event_date;
pub use links::link_mentions;
pub use maker::derived_pairs;

use crate::corpus::{Corpus, CorpusError, Issue, Section};
use crate::date::Date;
use crate::lexicon::{EntityId, Lexicon, PlaceIndex};
use aho_corasick::AhoCorasickKind;
use guard::Scope;
use matcher::{Found, Matcher};
use rayon::prelude::*;

/// The automaton engine, chosen by measurement: a scratch timing loop (release build, best of
/// five) running the extractor's scan (unanchored leftmost-longest search, ASCII case folding,
/// `StartKind::Both`, word-boundary check, anchored shorter fallback) with the 4340 folded
/// surfaces of `data/lexicon` over the five default issues repeated to 8 MiB:
///
/// | kind              | build  | heap    | scan        |
/// |-------------------|--------|---------|-------------|
/// | noncontiguous NFA | 10 ms  | 1.8 MiB | 47 MiB/s    |
/// | contiguous NFA    | 11 ms  | 0.7 MiB | 170-178 MiB/s |
/// | DFA               | 60 ms  | 25 MiB  | 196-201 MiB/s |
///
/// The DFA is ~4x faster than the noncontiguous NFA (the "~3x" in STYLE.md) and ~15% faster
/// than the contiguous NFA; its extra 50 ms of build time pays back after ~70 MiB of text.
/// At archive scale (issue 6: `cargo bench --bench pipeline`, 100 MiB) the whole extractor
/// took 835 ms with the contiguous NFA and 745 ms with the DFA, so: DFA. On the five-issue
/// default the 50 ms build is the only cost, well under the Polars work that follows.
pub const ENGINE: AhoCorasickKind = AhoCorasickKind::DFA;

/// One occurrence of an entity in an item. Offsets are bytes into the item's text
/// ([`Corpus::items`](crate::corpus::Corpus::items)), except for a [`Via::Link`] mention,
/// which has no span: its `start` and `end` are both the index of the link in `Item::links`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    pub issue: u32,
    pub item: u32,
    pub entity: EntityId,
    pub start: u32,
    pub end: u32,
    pub via: Via,
}

impl Mention {
    /// The order of mention lists and of the mentions frame: issue, item, span, then a
    /// text mention before the maker counted from it (same span), then entity.
    pub fn order_key(&self) -> (u32, u32, u32, u32, Via, EntityId) {
        (
            self.issue,
            self.item,
            self.start,
            self.end,
            self.via,
            self.entity,
        )
    }
}

/// How an item names an entity (the `via` column of the mentions frame).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Via {
    /// The text writes one of its names.
    #[default]
    Text,
    /// An organisation counted from the text's match of one of its products, whose alias
    /// begins with the organisation's name (`Confluent Cloud` counts Confluent; see `maker`).
    Maker,
    /// Named only by one of the item's links (see `links`).
    Link,
}

impl Via {
    /// Every value, in the order of the frame's category list.
    pub const ALL: [Via; 3] = [Via::Text, Via::Maker, Via::Link];

    pub fn as_str(self) -> &'static str {
        match self {
            Via::Text => "text",
            Via::Maker => "maker",
            Via::Link => "link",
        }
    }
}

/// One meetup listing, with its year solved from the issue date and its place resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
///
/// The title and the place as written stay in the item's listing (`Item::listing`), so a
/// large archive does not hold them twice.
pub struct Event {
    pub issue: u32,
    pub item: u32,
    pub event_date: Option<Date>,
    /// The city entity, when the place resolves.
    pub city: Option<EntityId>,
}

/// A listing place that no city of the lexicon resolves (reported, the event is kept).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnresolvedPlace {
    pub issue: u32,
    pub item: u32,
    pub place: String,
}

/// Everything extraction found, sorted by (issue, item, start).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    /// Places of `events` whose `city` is `None`, for the report and `lexicon check`.
    pub unresolved: Vec<UnresolvedPlace>,
}

/// Errors building the extractor.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot build the matcher over {patterns} lexicon surfaces: {source}")]
    Build {
        patterns: usize,
        source: aho_corasick::BuildError,
    },
}

/// The compiled matcher and place index; build once, share read-only across workers.
pub struct Extractor<'l> {
    lexicon: &'l Lexicon,
    matcher: Matcher,
    places: PlaceIndex,
}

impl<'l> Extractor<'l> {
    pub fn new(lexicon: &'l Lexicon) -> Result<Extractor<'l>, ExtractError> {
        Extractor::with_engine(lexicon, Some(ENGINE))
    }

    /// Like `new` with another engine (`None`: let aho-corasick choose); for measurements.
    pub fn with_engine(
        lexicon: &'l Lexicon,
        kind: Option<AhoCorasickKind>,
    ) -> Result<Extractor<'l>, ExtractError> {
        Ok(Extractor {
            lexicon,
            matcher: Matcher::new(lexicon, kind)?,
            places: PlaceIndex::new(lexicon),
        })
    }

    pub fn lexicon(&self) -> &'l Lexicon {
        self.lexicon
    }

    /// Distinct case-folded patterns in the automaton, and the engine built.
    pub fn stats(&self) -> (usize, AhoCorasickKind) {
        (self.matcher.pattern_count(), self.matcher.kind())
    }

    /// Extracts every item in parallel (rayon), then sorts. Each piece of work appends its
    /// items' results to its own lists, so no per-item result is ever held, and the pieces'
    /// lists are joined once, in corpus order (collecting an indexed iterator keeps its
    /// order): joining them pairwise up rayon's tree copied each mention once per level and
    /// held the copies at once.
    ///
    /// Reads the texts the items hold, as in every corpus [`corpus::load`](crate::corpus::load)
    /// gives; fails on a text the corpus has moved to its text store
    /// ([`CorpusError::TextStored`]).
    pub fn extract(&self, corpus: &Corpus) -> Result<Extraction, CorpusError> {
        let mut found = finish(self.extract_issues(&corpus.issues)?);
        links::add_link_mentions(&mut found, corpus, self.lexicon);
        history::apply_mergers(&mut found, corpus, self.lexicon);
        Ok(found)
    }

    /// The mentions and events of `issues` in their order, unsorted: a batch of an archive
    /// being read (see `corpus::Sink`). Event dates come from the issues' dates as they are,
    /// so a batch read before the archive's dates are assigned is dated afterwards with
    /// [`date_events`]; [`finish_batches`] joins the batches. Fails, as `extract` does, on a
    /// text the corpus has moved to its store.
    pub fn extract_issues(&self, issues: &[Issue]) -> Result<Extraction, CorpusError> {
        let pieces = jobs(issues)
            .par_iter()
            .try_fold(
                || (Extraction::default(), Vec::new()),
                |(mut acc, mut scratch), &(i, j)| {
                    self.item(&issues[i], j, &mut acc, &mut scratch)?;
                    Ok((acc, scratch))
                },
            )
            .map(|piece| piece.map(|(acc, _)| acc))
            .collect::<Result<Vec<Extraction>, CorpusError>>()?;
        Ok(join(pieces))
    }

    /// The same as `extract` on one thread; tests check both agree.
    pub fn extract_sequential(&self, corpus: &Corpus) -> Result<Extraction, CorpusError> {
        let mut found = Extraction::default();
        let mut scratch = Vec::new();
        for (i, j) in jobs(&corpus.issues) {
            self.item(&corpus.issues[i], j, &mut found, &mut scratch)?;
        }
        let mut found = finish(found);
        links::add_link_mentions(&mut found, corpus, self.lexicon);
        history::apply_mergers(&mut found, corpus, self.lexicon);
        Ok(found)
    }

    /// Matches in a lone text, judged as an article item of its own:
    /// (entity, byte start, byte end), left to right.
    pub fn find(&self, text: &str) -> Vec<(EntityId, usize, usize)> {
        let mut found = Vec::new();
        let scope = Scope::item(text).searching(self.matcher.nears());
        self.matcher.find(self.lexicon, text, &scope, &mut found);
        found
            .into_iter()
            .map(|f| (f.entity, f.start, f.end))
            .collect()
    }

    /// The makers counted in a lone text, judged as an article item of its own (see
    /// `maker`): (product, maker) per product match that counts one, left to right.
    pub fn find_makers(&self, text: &str) -> Vec<(EntityId, EntityId)> {
        let mut found = Vec::new();
        let scope = Scope::item(text).searching(self.matcher.nears());
        self.matcher.find(self.lexicon, text, &scope, &mut found);
        found
            .into_iter()
            .filter_map(|f| Some((f.entity, f.maker?)))
            .collect()
    }

    /// Appends the mentions and event of item `j` of `issue` to `out`. An intro item's guards
    /// see the whole issue. `found` is scratch space, reused from item to item. Fails on a
    /// text the corpus has moved to its store.
    fn item(
        &self,
        issue: &Issue,
        j: usize,
        out: &mut Extraction,
        found: &mut Vec<Found>,
    ) -> Result<(), CorpusError> {
        let item = &issue.items[j];
        let text = item.held_text(issue.number)?;
        let scope = if item.section == Section::Intro {
            Scope::items(issue_texts(issue)?, j)
        } else {
            Scope::item(text)
        }
        .searching(self.matcher.nears());
        found.clear();
        self.matcher.find(self.lexicon, text, &scope, found);
        if let Some(listing) = &item.listing {
            // A listing's place is a city (or unresolved), never a technology or organisation.
            let (ps, pe) = events::place_span(text, listing.city(text));
            found.retain(|f| f.end <= ps as usize || f.start >= pe as usize);
        }
        for f in found.drain(..) {
            let named = Mention {
                issue: issue.number,
                item: item.index,
                entity: f.entity,
                start: f.start as u32,
                end: f.end as u32,
                via: Via::Text,
            };
            out.mentions.push(named);
            if let Some(maker) = f.maker {
                out.mentions.push(Mention {
                    entity: maker,
                    via: Via::Maker,
                    ..named
                });
            }
        }
        if let Some(l) = &item.listing {
            let listing = events::from_listing(issue, item, text, l, &self.places);
            out.mentions.extend(listing.mention);
            out.events.push(listing.event);
            out.unresolved.extend(listing.unresolved);
        }
        Ok(())
    }
}

/// The texts of every item of `issue`, in order (an intro item's guards see them all).
fn issue_texts(issue: &Issue) -> Result<Vec<&str>, CorpusError> {
    let mut texts = Vec::with_capacity(issue.items.len());
    for it in &issue.items {
        texts.push(it.held_text(issue.number)?);
    }
    Ok(texts)
}

/// Joins lists found piece by piece, in order, each copied once into a list of the exact
/// size.
fn join(pieces: Vec<Extraction>) -> Extraction {
    let mut found = Extraction {
        mentions: Vec::with_capacity(pieces.iter().map(|p| p.mentions.len()).sum()),
        events: Vec::with_capacity(pieces.iter().map(|p| p.events.len()).sum()),
        unresolved: Vec::new(),
    };
    for mut piece in pieces {
        found.mentions.append(&mut piece.mentions);
        found.events.append(&mut piece.events);
        found.unresolved.append(&mut piece.unresolved);
    }
    found
}

/// The results of [`Extractor::extract_issues`] on every batch, appended in order, sorted
/// as `extract` sorts, with the events dated from `corpus` (the whole archive, dates
/// assigned): the same result as `extract` on that corpus.
pub fn finish_batches(found: Extraction, corpus: &Corpus, lexicon: &Lexicon) -> Extraction {
    let mut found = finish(found);
    date_events(&mut found, corpus);
    links::add_link_mentions(&mut found, corpus, lexicon);
    history::apply_mergers(&mut found, corpus, lexicon);
    found
}

/// Sets every event's date from its issue's date and its listing's month and day (events
/// of items the corpus lacks, or that are no listing, are left as they are).
pub fn date_events(found: &mut Extraction, corpus: &Corpus) {
    let mut items = corpus.items();
    for e in &mut found.events {
        if let Ok((issue, item)) = items.get(e.issue, e.item) {
            if let Some(listing) = &item.listing {
                e.event_date = event_date(issue.date, listing.month, listing.day);
            }
        }
    }
}

/// (issue index, item index) of every item, in order.
fn jobs(issues: &[Issue]) -> Vec<(usize, usize)> {
    issues
        .iter()
        .enumerate()
        .flat_map(|(i, issue)| (0..issue.items.len()).map(move |j| (i, j)))
        .collect()
}

/// Sorts the joined results by (issue, item, start) with explicit tie-breaks.
fn finish(mut out: Extraction) -> Extraction {
    out.mentions.shrink_to_fit();
    // Items come in corpus order and their matches left to right, so this is usually sorted
    // already (a listing's city is appended after the title's matches).
    if !out.mentions.is_sorted_by_key(Mention::order_key) {
        out.mentions.sort_unstable_by_key(Mention::order_key);
    }
    out.events.sort_by_key(|e| (e.issue, e.item));
    out.unresolved.sort();
    out
}
