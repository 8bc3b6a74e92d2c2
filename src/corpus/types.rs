//! The corpus data model: issues, their items and sections. Output of `corpus`, input of every later stage.

use super::CorpusError;
use crate::date::Date;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::PathBuf;

/// Where an item sits in an issue. Only `Article` (and `Intro`) is editorial coverage;
/// `Sponsor` and `Event` items are extracted but counted apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Intro,
    Article,
    Sponsor,
    Event,
    Other,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Intro,
        Section::Article,
        Section::Sponsor,
        Section::Event,
        Section::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Intro => "intro",
            Section::Article => "article",
            Section::Sponsor => "sponsor",
            Section::Event => "event",
            Section::Other => "other",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an issue's date was obtained, from most to least trustworthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateSource {
    /// A date line under the heading (`22 September 2013`), on the heading or in a post's
    /// title, or a post's front matter.
    Written,
    /// Publication metadata (Substack `post_date`, feed `pubDate`/`updated`).
    Metadata,
    /// The date a post's file name starts with (`2021-03-12-data-contracts.md`).
    Filename,
    /// Solved from the meetup listings (weekday + month + day fix the year).
    Events,
    /// Weekly cadence from the nearest dated issues by number.
    Interpolated,
    /// No date could be given.
    None,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Written => "written",
            DateSource::Metadata => "metadata",
            DateSource::Filename => "filename",
            DateSource::Events => "events",
            DateSource::Interpolated => "interpolated",
            DateSource::None => "none",
        }
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A meetup listing line, `Title (City) - Weekday, Month Day`, as written (year unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    text: ListingText,
    /// 0 = Monday ... 6 = Sunday.
    pub weekday: u32,
    /// 1-12.
    pub month: u32,
    pub day: u32,
}

/// Where a listing's title and place are. A parsed listing points into its item's text
/// (an archive has millions of listings, and the text is the item's, which a large report
/// moves to a scratch file); a place written with runs of spaces, collapsed, or a listing
/// made apart from a text keeps its own.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ListingText {
    /// Byte ranges of the title and the place in the item text.
    In { title: (u32, u32), city: (u32, u32) },
    /// The title and then the place in one allocation, split at `split`.
    Own { text: Box<str>, split: u32 },
}

impl Listing {
    /// A listing with its own title and place.
    pub fn new(title: &str, city: &str, weekday: u32, month: u32, day: u32) -> Listing {
        Listing {
            text: ListingText::Own {
                text: format!("{title}{city}").into_boxed_str(),
                // A listing line is one line of a file: far shorter than 4 GiB.
                split: u32::try_from(title.len()).unwrap_or(u32::MAX),
            },
            weekday,
            month,
            day,
        }
    }

    /// A listing whose title and place are the byte ranges `title` and `city` of its item's
    /// text.
    pub(crate) fn in_text(
        title: std::ops::Range<usize>,
        city: std::ops::Range<usize>,
        weekday: u32,
        month: u32,
        day: u32,
    ) -> Listing {
        let at = |r: std::ops::Range<usize>| {
            (
                u32::try_from(r.start).unwrap_or(u32::MAX),
                u32::try_from(r.end).unwrap_or(u32::MAX),
            )
        };
        Listing {
            text: ListingText::In {
                title: at(title),
                city: at(city),
            },
            weekday,
            month,
            day,
        }
    }

    /// The title; `text` is the listing item's text.
    pub fn title<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.text {
            ListingText::In { title, .. } => slice(text, *title),
            ListingText::Own { text, split } => text.get(..*split as usize).unwrap_or_default(),
        }
    }

    /// The parenthesised place, as written (`Tel Aviv-Yafo`), spaces collapsed; `text` is
    /// the listing item's text.
    pub fn city<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.text {
            ListingText::In { city, .. } => slice(text, *city),
            ListingText::Own { text, split } => text.get(*split as usize..).unwrap_or_default(),
        }
    }
}

/// `text[start..end]`, or nothing when that is not a piece of `text` (a listing given
/// another item's text).
fn slice(text: &str, (start, end): (u32, u32)) -> &str {
    text.get(start as usize..end as usize).unwrap_or_default()
}

/// An item's text, read as a `&str`. The parser writes all of an issue's item texts into one
/// buffer that the items share, so an archive of millions of items makes one allocation per
/// issue, not one per item (measured at 1 GiB, 5.5 M items: the allocator's time in the
/// reading stage, where each batch's texts are freed after they are spilled, was most of what
/// made the run slower than ten 100 MiB runs). A text made elsewhere owns its bytes.
///
/// Outside the crate a `Text` is only made (from a `String` or `&str`), to build an [`Item`]:
/// texts are read through the corpus, which knows where they are.
#[derive(Clone, Default)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Own(Box<str>),
    /// Moved to the corpus' text store (`Corpus::items` reads it back); `Text::get` and the
    /// crate-only `Item::text` say `None`.
    Stored,
    /// `all[start..end]`, on character boundaries.
    Shared {
        all: std::sync::Arc<String>,
        start: u32,
        end: u32,
    },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Own(Box::default())
    }
}

impl Text {
    /// `all[range]`, sharing `all`'s buffer; a copy when the range does not fit 32 bits, and
    /// empty when it is not a piece of `all` on character boundaries.
    pub(crate) fn shared(all: &std::sync::Arc<String>, range: std::ops::Range<usize>) -> Text {
        let bounds = (u32::try_from(range.start), u32::try_from(range.end));
        match (all.get(range.clone()), bounds) {
            (Some(_), (Ok(start), Ok(end))) => Text(Repr::Shared {
                all: std::sync::Arc::clone(all),
                start,
                end,
            }),
            (piece, _) => Text::from(piece.unwrap_or_default()),
        }
    }

    /// The mark of a text moved to the corpus' text store.
    pub(crate) fn stored() -> Text {
        Text(Repr::Stored)
    }

    /// The text, or `None` once it has moved to the corpus' text store: a stored text never
    /// reads as an empty one.
    pub(crate) fn get(&self) -> Option<&str> {
        match &self.0 {
            Repr::Own(s) => Some(s),
            Repr::Stored => None,
            // In range by construction (`shared` checks it).
            Repr::Shared { all, start, end } => {
                Some(all.get(*start as usize..*end as usize).unwrap_or_default())
            }
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Repr::Own(s.into_boxed_str()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Repr::Own(s.into()))
    }
}

/// The text, or `<stored>` for one in the corpus' text store.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.get() {
            Some(text) => fmt::Debug::fmt(text, f),
            None => f.write_str("<stored>"),
        }
    }
}

/// Equal texts; a stored text equals no text held in memory.
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.get() == Some(*other)
    }
}

/// One unit of text in an issue: a paragraph, blurb, listing line or heading.
///
/// Where its text lives is the corpus' business: a reader gives every item its text, and
/// the corpus may move the texts of a large archive to a scratch file once they are
/// extracted. Read texts with [`Corpus::items`], the only public way.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Position in the issue, 0-based, in reading order.
    pub index: u32,
    pub section: Section,
    pub(crate) text: Text,
    /// Links belonging to this item (bare URL lines under a blurb, or `href`s in HTML).
    pub links: Vec<String>,
    /// 1-based line in the source file where the item starts (0 when unknown, e.g. HTML).
    pub line: u32,
    /// Set for `Section::Event` items.
    pub listing: Option<Box<Listing>>,
}

impl Item {
    /// An item holding its text.
    pub fn new(
        index: u32,
        section: Section,
        text: impl Into<Text>,
        links: Vec<String>,
        line: u32,
        listing: Option<Box<Listing>>,
    ) -> Item {
        Item {
            index,
            section,
            text: text.into(),
            links,
            line,
            listing,
        }
    }

    /// The text, while the item holds it (always, for an item fresh from a reader); `None`
    /// once the corpus has moved it to its text store: then [`Corpus::items`] reads it.
    /// Crate-only: outside the crate, texts are read through the corpus alone.
    pub(crate) fn text(&self) -> Option<&str> {
        self.text.get()
    }

    /// The text of this item of issue `issue` (its number), which the item holds while its
    /// batch is being read and in every corpus [`load`](super::load) gives: the stages that
    /// run on a batch as it is read (extraction, discovery) read it so. An error naming the
    /// item once the corpus has moved the text to its store, never an empty text.
    pub(crate) fn held_text(&self, issue: u32) -> Result<&str, CorpusError> {
        self.text.get().ok_or(CorpusError::TextStored {
            issue,
            item: self.index,
        })
    }
}

/// Where something came from, for error messages and the issues table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    pub file: PathBuf,
    /// 1-based line of the issue heading (0 when not line-based).
    pub line: u32,
}

/// `file:line`, or the file alone when the source has no lines (an HTML page, a post).
impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}", self.file.display(), self.line)
        } else {
            write!(f, "{}", self.file.display())
        }
    }
}

/// One newsletter issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub number: u32,
    /// Heading text as written (`Data Eng Weekly #330`).
    pub heading: String,
    pub date: Option<Date>,
    pub date_source: DateSource,
    pub source: SourceRef,
    pub items: Vec<Item>,
}

impl Issue {
    /// Number of items in a section.
    pub fn count(&self, section: Section) -> usize {
        self.items.iter().filter(|i| i.section == section).count()
    }
}

/// A non-fatal problem met while reading: reported and counted, never silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: PathBuf,
    /// 1-based line, or 0 when it concerns the whole file.
    pub line: u32,
    pub message: String,
    /// The issue it concerns (a line of that issue not read as written), for the issues
    /// table's per-issue count; `None` for files, posts and lines outside any issue.
    pub issue: Option<u32>,
    /// The input it reports was skipped whole (a file, a post, the lines under a heading
    /// that cannot be read): counted in [`Corpus::skipped`].
    pub skip: bool,
}

impl Warning {
    /// A warning about `file` at `line` (0: the whole file), of no issue, skipping nothing.
    pub fn new(file: &std::path::Path, line: u32, message: String) -> Warning {
        Warning {
            file: file.to_path_buf(),
            line,
            message,
            issue: None,
            skip: false,
        }
    }

    /// The same warning, about issue `number`.
    pub fn of_issue(self, number: u32) -> Warning {
        Warning {
            issue: Some(number),
            ..self
        }
    }

    /// The same warning, reporting a skip.
    pub fn skipping(self) -> Warning {
        Warning { skip: true, ..self }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)
        }
    }
}

/// The whole parsed archive, issues ordered by number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    pub issues: Vec<Issue>,
    /// Lossy decodes, skipped posts and files, and other reported problems.
    pub warnings: Vec<Warning>,
    /// Inputs skipped entirely (files, posts, feed entries, the lines under a heading that
    /// cannot be read); each also has a warning (`Warning::skip`).
    pub skipped: usize,
    /// Total bytes read, for throughput figures.
    pub bytes: u64,
    /// The scratch file holding the texts moved out of memory while a large archive was read
    /// (see `load_with`); `Corpus::items` reads either place.
    pub(crate) store: Option<std::sync::Arc<super::spill::TextSpill>>,
}

impl Corpus {
    /// A corpus of these issues, their texts in memory, with no warnings (for tests and
    /// generated archives; readers build corpora with `corpus::load`). Numbers should be
    /// distinct, as `load` makes them: [`Corpus::items`] finds items by issue number.
    pub fn from_issues(issues: Vec<Issue>) -> Corpus {
        Corpus {
            issues,
            ..Corpus::default()
        }
    }

    /// Reports input skipped whole, and counts it.
    pub fn skip(&mut self, warning: Warning) {
        self.warnings.push(warning.skipping());
        self.skipped += 1;
    }

    /// Adds a reader's warnings, counting those that report a skip.
    pub fn add_warnings(&mut self, warnings: Vec<Warning>) {
        self.skipped += warnings.iter().filter(|w| w.skip).count();
        self.warnings.extend(warnings);
    }

    pub fn item_count(&self) -> usize {
        self.issues.iter().map(|i| i.items.len()).sum()
    }

    /// The one way to items and their texts by (issue number, item index): a cursor, one
    /// per thread, reused from row to row (see [`ItemCursor`]).
    pub fn items(&self) -> ItemCursor<'_> {
        ItemCursor {
            corpus: self,
            at: 0,
            reader: super::spill::Reader::default(),
        }
    }
}

/// A fast hasher for keys that no one chooses to collide (issue numbers, the spellings the
/// extraction matched): one multiplication per integer, a few operations per byte. The
/// per-row lookups of the item tables and the mention frame (millions at archive scale)
/// showed the default SipHash in profiles.
#[derive(Default)]
pub struct NumberHasher(u64);

/// A `HashMap` hasher builder for [`NumberHasher`].
pub type FastHash = BuildHasherDefault<NumberHasher>;

impl Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Items and their texts by (issue number, item index), wherever the texts are: in memory,
/// or in the scratch file a large archive's load moved them to (which callers never need to
/// know). Made by [`Corpus::items`]. Rows that come grouped by issue (the mention frame and
/// `items.csv`, millions of rows at archive scale) cost no search and no hashing per row: it
/// keeps the last issue found and tries the next one before a binary search of the issues
/// (ordered by number); and reading texts in issue order costs a read call per window of the
/// scratch file, not one per item.
pub struct ItemCursor<'a> {
    corpus: &'a Corpus,
    /// Position in `corpus.issues` of the last issue found.
    at: usize,
    reader: super::spill::Reader,
}

impl<'a> ItemCursor<'a> {
    /// The issue and the item; an error naming them when the corpus has no such item.
    pub fn get(&mut self, issue: u32, item: u32) -> Result<(&'a Issue, &'a Item), CorpusError> {
        let (iss, at) = self.find(issue, item)?;
        Ok((iss, &iss.items[at]))
    }

    /// The item's text; an error naming the item when the corpus has no such item, or naming
    /// the scratch file when it cannot be read back.
    pub fn text(&mut self, issue: u32, item: u32) -> Result<&str, CorpusError> {
        let (iss, at) = self.find(issue, item)?;
        let held = iss.items[at].text();
        match (held, &self.corpus.store) {
            (Some(text), _) => Ok(text),
            (None, Some(spill)) if spill.holds(issue) => {
                let read = self.reader.text(spill, iss, at);
                read.map_err(|source| CorpusError::Io {
                    path: spill.path().to_path_buf(),
                    source,
                })
            }
            (None, _) => Err(CorpusError::TextStored { issue, item }),
        }
    }

    /// The issue and the item's position in it (items are stored in index order; any order
    /// is accepted). Issues are tried in that order: the last found, the next, a binary
    /// search, and a scan (for a corpus built out of order).
    fn find(&mut self, issue: u32, item: u32) -> Result<(&'a Issue, usize), CorpusError> {
        let issues = &self.corpus.issues;
        let is = |k: &usize| issues.get(*k).is_some_and(|i| i.number == issue);
        let at = [self.at, self.at + 1].into_iter().find(is);
        let at = at.or_else(|| issues.binary_search_by_key(&issue, |i| i.number).ok());
        let at = at.or_else(|| issues.iter().position(|i| i.number == issue));
        let iss = at.map(|k| {
            self.at = k;
            &issues[k]
        });
        let position = iss.and_then(|iss| match iss.items.get(item as usize) {
            Some(it) if it.index == item => Some(item as usize),
            _ => iss.items.iter().position(|it| it.index == item),
        });
        match (iss, position) {
            (Some(iss), Some(position)) => Ok((iss, position)),
            _ => Err(CorpusError::NoItem { issue, item }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_shared_text_is_its_piece_of_the_buffer() {
        let all = Arc::new("Kafka at Lyftçcafé".to_string());
        let kafka = Text::shared(&all, 0..5);
        assert_eq!(kafka, "Kafka");
        assert_eq!(kafka.get().map(str::len), Some(5));
        assert_eq!(Text::shared(&all, 9..15), "Lyftç");
        // Pieces share the buffer; an owned text equals a shared one with the same bytes.
        assert_eq!(Arc::strong_count(&all), 2);
        assert_eq!(kafka, Text::from("Kafka"));
        assert_eq!(
            format!("{kafka:?} {:?}", Text::stored()),
            "\"Kafka\" <stored>"
        );
        // A stored text is no text, not an empty one.
        assert_eq!(Text::stored().get(), None);
        assert_ne!(Text::stored(), "");
        // Not a piece on character boundaries ('ç' is two bytes at 13..15), or past the end.
        assert_eq!(Text::shared(&all, 14..16), "");
        assert_eq!(Text::shared(&all, 5..99), "");
        assert_eq!(Text::default(), "");
    }
}
