//! Stage 4: the archive as five Polars frames, `issues`, `items`, `mentions`, `events` and
//! `discovered`, plus what reading reported ([`Reading`]), built from the corpus, the lexicon,
//! the extraction and the discovery. Later stages read only these.
//!
//! Types: `u32`/`i32` integers, `str` UTF-8, `cat` a Polars `Categorical` with codes over a
//! fixed list (u8, u16 or u32 as the list's length needs: see [`encode`]), `?` nullable. Dates are ISO `YYYY-MM-DD`: a `str` in `issues`,
//! a `cat` over the archive's issue dates (ascending) in the per-row frames, to keep them small.
//!
//! | frame | columns | order |
//! |---|---|---|
//! | `issues` | issue u32, date str?, date_source cat, year i32?, items u32, intro u32, article u32, sponsor u32, event u32, other u32, file str, line u32 | issue |
//! | `items` | issue u32, item u32, section cat, date cat?, line u32, link str? (first link), links u32 (link count), publisher cat? (publisher of the first link, `corpus::publisher`) | issue, item |
//! | `mentions` | issue u32, date cat?, section cat, item u32, entity cat, category cat, topic cat, parent cat, origin cat, surface cat, start u32, end u32, via cat | issue, item, start, end, via, entity |
//! | `discovered` | entity str, category str, confidence f64, mentions u32, items u32, issues u32, first_issue u32, last_issue u32, evidence str, example_issue u32?, example str | entity (as discovery sorts names) |
//! | `events` | issue u32, date cat?, item u32, event_date str?, title str, place cat, city cat?, country cat?, continent cat?, metro cat?, resolved bool | issue, item |
//!
//! * `section`: intro, article, sponsor, event, other. `date_source`: written, metadata,
//!   events, interpolated, none. `category`: technology, organisation, city.
//! * `origin`: `lexicon` for the curator's rows, `discovered` for the names discovery counts
//!   (appended to the lexicon after its rows by `Discovery::counted`, topic `unclassified`).
//! * `discovered`: one row per discovered name that counts (empty when discovery is off), with
//!   discovery's own figures over every proposing section (`mentions`, `items`, `issues`,
//!   first and last issue), its `confidence`, the non-zero `evidence` counts
//!   (`Discovered::evidence_summary`) and an `example`: about 70 characters around its first
//!   mention, in issue `example_issue`.
//! * `entity` lists the lexicon's names in lexicon order; two entries with the same name (a
//!   city and a company, say) share one category. `topic` lists the lexicon topics, sorted.
//! * `parent` is the family head: the root of the entity's parent chain (`Kafka Streams` ->
//!   `Kafka`, `Amazon S3` -> `AWS`), and the entity itself when it has no parent, so grouping
//!   by `parent` always gives the family roll-up. It uses the `entity` category list.
//! * `items` has no text column: the text stays in the corpus (read with `Corpus::items`,
//!   wherever the corpus keeps it), and
//!   `csv/items.csv` writes it between `line` and `link`, so the archive is held once at most.
//! * `publisher` lists the publishers found, first seen first (a few hundred sites); so do
//!   an event's `place` (as written) and `metro`. A text column costs a 16-byte view per row
//!   even where the value is missing; a category over a few thousand values costs two bytes.
//!   `event_date` and `title` stay text: dates are as many as the archive's days, titles
//!   mostly distinct.
//! * `via` (`extract::Via`): `text` where the text names the entity, `maker` for an
//!   organisation counted from the text's match of one of its products (same span and
//!   surface as the product's row), `link` where only one of the item's links names it: no
//!   span, `start` = `end` = the index of the link among the item's links, and `surface` the
//!   link's site (`corpus::publisher`).
//! * `surface` is the matched text as written, sliced from the item text with `start`/`end`
//!   (byte offsets, checked when the frame is built). It is a category over the archive's
//!   distinct spellings, in first-seen order (a few per entity), so the frame holds no
//!   archive text and `csv/mentions.csv` needs no corpus.
//! * `city`/`country`/`continent`/`metro` come from the city entity a listing's place resolved
//!   to; `resolved` is false (and they are null) when the place is not in the lexicon.

pub mod encode;

mod build;
mod discovered;
mod vocab;

/// The vocabularies of the `section` and `via` columns, which analysis filters by.
pub use crate::corpus::Section;
pub use crate::extract::Via;
pub use build::ISSUE_COLUMNS;
pub use vocab::section_names;

use crate::corpus::Corpus;
use crate::discover::Discovery;
use crate::extract::{Event, Extraction, Mention};
use crate::lexicon::Lexicon;
use polars::prelude::DataFrame;

/// The archive as frames; see the module doc for the schemas.
#[derive(Clone, Debug)]
pub struct Frames {
    pub issues: DataFrame,
    pub items: DataFrame,
    pub mentions: DataFrame,
    pub events: DataFrame,
    pub discovered: DataFrame,
    /// What the corpus reported while reading ([`Builder::reading`]).
    pub reading: Reading,
}

/// What the corpus reported while reading, for the report's overview: its warnings
/// (`Corpus::warnings` counted), the inputs it skipped whole (`Corpus::skipped`) and the
/// texts of the first [`WARNINGS_LISTED`] warnings, which the report lists (only those: an
/// archive can warn about every issue).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub warnings: u64,
    pub skipped: u64,
    pub listed: Vec<String>,
}

/// Warnings the report lists; the rest are counted (all are printed on stderr).
pub const WARNINGS_LISTED: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum FramesError {
    #[error("building the {frame} frame: {source}")]
    Polars {
        frame: &'static str,
        source: polars::prelude::PolarsError,
    },
    #[error("extraction refers to issue #{issue} item {item}, which the corpus does not have")]
    UnknownItem { issue: u32, item: u32 },
    #[error("an event refers to issue #{issue} item {item}, which is not a meetup listing")]
    NotListing { issue: u32, item: u32 },
    #[error("{context} refers to entity id {entity}, which the lexicon does not have")]
    UnknownEntity { entity: u32, context: &'static str },
    #[error(
        "mention at bytes {start}..{end} of issue #{issue} item {item} is outside the item text"
    )]
    BadSpan {
        issue: u32,
        item: u32,
        start: u32,
        end: u32,
    },
    #[error("link mention of issue #{issue} item {item} refers to link {link}, which it lacks")]
    BadLink { issue: u32, item: u32, link: u32 },
    #[error("reading item texts back: {0}")]
    Texts(#[source] crate::corpus::CorpusError),
}

/// Builds the frames of an extraction without discovery (the `discovered` frame is empty),
/// copying its lists: [`build_with`] for callers that keep the extraction (tests, benches).
/// Fails when the extraction refers to an issue, item or entity that the corpus or lexicon
/// lacks, or to a span outside its item: those are bugs upstream, and a frame silently
/// missing rows would skew every count after it.
pub fn build(
    corpus: &Corpus,
    lexicon: &Lexicon,
    extraction: &Extraction,
) -> Result<Frames, FramesError> {
    let none = (Discovery::default(), Vec::new());
    let built = build_with(corpus, lexicon, extraction.clone(), none, |_, _| Ok(()));
    built.map(|(frames, ())| frames)
}

/// Builds the frames, taking the extraction and the discovery over (`discovered`: the
/// discovery and the entities `Discovery::counted` listed): one thread builds `issues` and
/// `items` and hands them to `on_item_tables`, whose result is returned with the frames,
/// while the other builds `mentions` and `events`, freeing each list as its frame is built;
/// `discovered` comes last, and the discovery goes with this call. The report stages the
/// tables that need the corpus' texts in `on_item_tables`, so that the corpus can be let go
/// as soon as this returns. Fails as [`build`] does, or with `on_item_tables`' error.
pub fn build_with<T: Send, E: From<FramesError> + Send>(
    corpus: &Corpus,
    lexicon: &Lexicon,
    extraction: Extraction,
    discovered: (Discovery, Vec<usize>),
    on_item_tables: impl FnOnce(&DataFrame, &DataFrame) -> Result<T, E> + Send,
) -> Result<(Frames, T), E> {
    let b = Builder::new(corpus, lexicon)?;
    let Extraction {
        mentions, events, ..
    } = extraction;
    let (first, built) = rayon::join(
        || -> Result<_, E> {
            let (issues, items) = (b.issues()?, b.items()?);
            let handed = on_item_tables(&issues, &items)?;
            Ok((issues, items, handed))
        },
        || -> Result<_, FramesError> {
            let mentions_frame = b.mentions(mentions)?;
            let events_frame = b.events(&events)?;
            drop(events);
            Ok((mentions_frame, events_frame))
        },
    );
    let ((issues, items, handed), (mentions, events)) = (first?, built?);
    let frames = Frames {
        issues,
        items,
        mentions,
        events,
        discovered: b.discovered(&discovered.0, &discovered.1)?,
        reading: b.reading(),
    };
    Ok((frames, handed))
}

/// The frames one at a time, over the category lists fixed once for the corpus and lexicon:
/// `issues` and `items` need only the corpus, so a caller can use them while the long
/// `mentions` frame is built. Frames from one builder share their categorical dtypes.
pub struct Builder<'a> {
    corpus: &'a Corpus,
    lexicon: &'a Lexicon,
    vocab: vocab::Vocab,
}

impl<'a> Builder<'a> {
    pub fn new(corpus: &'a Corpus, lexicon: &'a Lexicon) -> Result<Builder<'a>, FramesError> {
        Ok(Builder {
            corpus,
            lexicon,
            vocab: vocab::Vocab::new(corpus, lexicon)?,
        })
    }

    /// The corpus' warnings and skipped inputs, counted, and the listed warnings' texts.
    pub fn reading(&self) -> Reading {
        let warnings = self.corpus.warnings.iter().take(WARNINGS_LISTED);
        Reading {
            warnings: self.corpus.warnings.len() as u64,
            skipped: self.corpus.skipped as u64,
            listed: warnings.map(ToString::to_string).collect(),
        }
    }

    pub fn issues(&self) -> Result<DataFrame, FramesError> {
        build::issues(self.corpus, &self.vocab)
    }

    pub fn items(&self) -> Result<DataFrame, FramesError> {
        build::items(self.corpus, &self.vocab)
    }

    /// The `mentions` frame, taking the list over: it is freed block by block as the columns
    /// are filled (see `build::mentions`).
    pub fn mentions(&self, found: Vec<Mention>) -> Result<DataFrame, FramesError> {
        build::mentions(self.corpus, found, &self.vocab)
    }

    /// The `discovered` frame: the entities of `discovery` listed in `counted` (see
    /// `Discovery::counted`), in that order.
    pub fn discovered(
        &self,
        discovery: &Discovery,
        counted: &[usize],
    ) -> Result<DataFrame, FramesError> {
        discovered::discovered(self.corpus, discovery, counted)
    }

    pub fn events(&self, found: &[Event]) -> Result<DataFrame, FramesError> {
        build::events(self.corpus, self.lexicon, found, &self.vocab)
    }
}
