//! Stage 3b: discovery, names the lexicon does not know. Beside `extract`, it reads the
//! corpus and the lexicon's mentions (to leave matched text alone) and proposes
//! technologies and organisations from the form of words (capitalised runs, mixed case,
//! digits, dots, versions), from URLs (host labels, repository names) and from cues in the
//! text ("X's engineering team", "X is a ... library"), rejecting ordinary words with an
//! English word-frequency list, first names, places and the curator's `not-entities.csv`.
//!
//! Items are judged in parallel (rayon, map then join in corpus order); a sequential path
//! gives the same result and tests check it. Like `Extractor::extract`, it reads the texts
//! items hold (`Item::text`), so it runs before the corpus moves texts to its store (in the
//! report, on a copy of each batch made beside extraction and judged on a thread of its own:
//! `Discoverer::batch`, `Discoverer::tally_batch`). Output: every proposed name with its
//! variants, category, confidence and evidence counts, and its mentions, shaped like the
//! lexicon's `extract::Mention` so that later stages can take them as rows with
//! `origin = discovered`.

mod cues;
mod decide;
mod links;
mod propose;
mod tally;
mod tokens;
mod words;

pub use cues::TOPIC_GUESSES;
pub use decide::THRESHOLD;
pub use words::{read_data, squash, Words, WordsError, ENGLISH_FILE, FIRST_NAMES_FILE, WORDS_DIR};

use crate::corpus::{Corpus, CorpusError, Issue, Section};
use crate::extract::{Extraction, Mention};
use crate::lexicon::{Category, Entity, Lexicon, Origin, UNCLASSIFIED};
use propose::{propose, Context, Scratch};
use rayon::prelude::*;
use std::collections::HashSet;
use tally::Tally;

/// Counts of what made a name: occurrences and the evidence around them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Occurrences in item text.
    pub mentions: u32,
    /// Items it occurs in (summed over its spellings).
    pub items: u32,
    /// Occurrences that do not open a sentence (nor follow a lexicon name: `Kubernetes
    /// Autoscaler`).
    pub mid_sentence: u32,
    /// Organisation cues ("X's engineering team", "at X", "X, a startup", "X has raised").
    pub org_cues: u32,
    /// Technology cues ("X is a ... library", "X, their system", "open sourced X", a version).
    pub tech_cues: u32,
    /// Occurrences followed by a version number (counted in `tech_cues` too).
    pub versions: u32,
    /// Links whose repository name it is.
    pub repos: u32,
    /// Links whose host label or repository owner it is.
    pub hosts: u32,
    /// Links with a path segment (or a hyphen-separated piece of one) equal to it.
    pub url_pieces: u32,
    /// Cue nouns suggesting each topic of [`TOPIC_GUESSES`] ("X is a key-value store").
    pub topics: [u32; TOPIC_GUESSES.len()],
}

impl Evidence {
    fn add(&mut self, o: &Evidence) {
        self.mentions += o.mentions;
        self.items += o.items;
        self.mid_sentence += o.mid_sentence;
        self.org_cues += o.org_cues;
        self.tech_cues += o.tech_cues;
        self.versions += o.versions;
        self.repos += o.repos;
        self.hosts += o.hosts;
        self.url_pieces += o.url_pieces;
        for (t, n) in self.topics.iter_mut().zip(o.topics) {
            *t += n;
        }
    }

    /// Context cues of either category.
    pub fn cues(&self) -> u32 {
        self.org_cues + self.tech_cues
    }
}

/// One proposed name, with every spelling merged into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Discovered {
    /// The spelling written most often among those equal to the entity's key (so not a
    /// plural or a glued form when the base is written; ties: more often mid-sentence, then
    /// the smallest), without an `Apache ` prefix.
    pub name: String,
    /// Every spelling seen in the text, sorted (the name included).
    pub variants: Vec<String>,
    /// Spellings seen only in URLs (host labels, repository names, path pieces), sorted.
    pub link_forms: Vec<String>,
    /// Technology or organisation (never city).
    pub category: Category,
    /// A first guess at its lexicon topic: the topic of its category that cue nouns suggest
    /// most (ties: the first in [`TOPIC_GUESSES`]), else `other` (technology) or `company`.
    pub topic: &'static str,
    /// 0..1; the name counts as an entity from [`THRESHOLD`].
    pub confidence: f64,
    pub evidence: Evidence,
    pub first_issue: u32,
    pub last_issue: u32,
    /// Distinct issues and items with a mention.
    pub issues: u32,
    pub items: u32,
}

impl Discovered {
    pub fn accepted(&self) -> bool {
        self.confidence >= THRESHOLD
    }

    /// The evidence counts that are not zero, briefly: `org 1, tech 2, version 1, repo 1`.
    pub fn evidence_summary(&self) -> String {
        let e = &self.evidence;
        let mut parts = Vec::new();
        for (label, n) in [
            ("org", e.org_cues),
            ("tech", e.tech_cues),
            ("version", e.versions),
            ("repo", e.repos),
            ("host", e.hosts),
            ("url", e.url_pieces),
            ("mid", e.mid_sentence),
        ] {
            if n > 0 {
                parts.push(format!("{label} {n}"));
            }
        }
        parts.join(", ")
    }
}

/// What discovery found in a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Discovery {
    /// Every proposed name, sorted by name (case-insensitively, then as written); the
    /// index is the `entity` of its mentions.
    pub entities: Vec<Discovered>,
    /// Mentions of `entities` (entity = index), sorted by (issue, item, start).
    pub mentions: Vec<Mention>,
}

impl Discovery {
    /// Mentions of the names that count as entities (confidence >= [`THRESHOLD`]).
    pub fn accepted_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(|m| self.entities[m.entity as usize].accepted())
    }
}

impl Discovery {
    /// The lexicon with the accepted names appended as entities (origin `discovered`, topic
    /// [`UNCLASSIFIED`], the guessed category, no aliases or parent), and their mentions
    /// with entity ids into it. The ids of the lexicon's own entities do not move, so its
    /// mentions keep theirs. The second list gives, per appended entity, its index in
    /// `entities`.
    pub fn counted(&self, lexicon: &Lexicon) -> (Lexicon, Vec<Mention>, Vec<usize>) {
        let mut out = lexicon.clone();
        let mut id_of: Vec<Option<u32>> = vec![None; self.entities.len()];
        let mut accepted = Vec::new();
        for (i, d) in self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, d)| d.accepted())
        {
            id_of[i] = Some(out.entities.len() as u32);
            accepted.push(i);
            out.entities.push(entity(d));
        }
        let mentions = self
            .mentions
            .iter()
            .filter_map(|m| {
                Some(Mention {
                    entity: id_of[m.entity as usize]?,
                    ..*m
                })
            })
            .collect();
        (out, mentions, accepted)
    }

    /// The first mention of each entity (by index), in corpus order.
    pub fn first_mentions(&self) -> Vec<Option<&Mention>> {
        let mut first: Vec<Option<&Mention>> = vec![None; self.entities.len()];
        for m in &self.mentions {
            first[m.entity as usize].get_or_insert(m);
        }
        first
    }
}

/// A discovered name as a lexicon entity; it matches nothing itself (discovery found its
/// mentions), so the matcher never sees it.
fn entity(d: &Discovered) -> Entity {
    Entity {
        name: d.name.clone(),
        category: d.category,
        topic: UNCLASSIFIED.to_string(),
        aliases: Vec::new(),
        case: crate::lexicon::CasePolicy::Insensitive,
        parent: None,
        rules: Vec::new(),
        country: None,
        continent: None,
        metro: None,
        origin: Origin::Discovered,
        file: std::path::PathBuf::from("(discovered)"),
        line: 0,
    }
}

/// About 70 characters around `start..end` of `text` (30 on each side), on one line, with
/// `…` where it was cut: the example line of a discovered name.
pub fn example(text: &str, start: usize, end: usize) -> String {
    let (Some(left), Some(name), Some(right)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return String::new();
    };
    let left: Vec<char> = left.chars().rev().take(31).collect();
    let right: Vec<char> = right.chars().take(31).collect();
    let mut out = String::new();
    if left.len() > 30 {
        out.push('…');
    }
    out.extend(left.iter().take(30).rev());
    out.push_str(name);
    out.extend(right.iter().take(30));
    if right.len() > 30 {
        out.push('…');
    }
    out.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The sections discovery proposes names in: editorial text and sponsor lines (meetup
/// titles are headline-case and name groups; `other` is boilerplate).
pub fn proposes_in(section: Section) -> bool {
    matches!(
        section,
        Section::Intro | Section::Article | Section::Sponsor
    )
}

/// The word lists and the lexicon's surfaces; build once, share across workers.
pub struct Discoverer<'w> {
    words: &'w Words,
    /// Squashed surfaces of every technology and organisation.
    lexicon: HashSet<String>,
}

impl<'w> Discoverer<'w> {
    pub fn new(lexicon: &Lexicon, words: &'w Words) -> Discoverer<'w> {
        let lexicon = lexicon
            .iter()
            .filter(|(_, e)| e.category != Category::City)
            .flat_map(|(_, e)| e.surfaces().map(squash))
            .collect();
        Discoverer { words, lexicon }
    }

    /// Discovers names in every item in parallel; `found` is the lexicon's extraction of
    /// the same corpus. Reads the texts the items hold, as `Extractor::extract` does, and
    /// fails as it does on a text the corpus has moved to its store.
    pub fn discover(&self, corpus: &Corpus, found: &Extraction) -> Result<Discovery, CorpusError> {
        let mut sightings = Sightings::default();
        self.tally(&mut sightings, &corpus.issues, &found.mentions)?;
        Ok(self.finish(sightings))
    }

    /// The same on one thread; tests check both agree.
    pub fn discover_sequential(
        &self,
        corpus: &Corpus,
        found: &Extraction,
    ) -> Result<Discovery, CorpusError> {
        let mut tally = Tally::default();
        let mut scratch = Scratch::default();
        let spans = spans(&found.mentions);
        for job in jobs(&corpus.issues, &spans) {
            self.item(&corpus.issues, &spans, &job, &mut tally, &mut scratch)?;
        }
        Ok(self.finish(Sightings(tally)))
    }

    /// Adds the proposals in `issues` (their texts in memory: a batch of an archive being
    /// read, before the corpus stores its texts) to `sightings`, in parallel; `mentions` are
    /// the lexicon's mentions of the same issues, in any order. [`finish`](Self::finish)
    /// decides once every batch is in; the result is the same as [`discover`](Self::discover)
    /// on the whole corpus. Fails on a text the corpus has moved to its store.
    pub fn tally(
        &self,
        sightings: &mut Sightings,
        issues: &[Issue],
        mentions: &[Mention],
    ) -> Result<(), CorpusError> {
        let spans = spans(mentions);
        let jobs = jobs(issues, &spans);
        let pieces = jobs
            .par_iter()
            .try_fold(
                || (Tally::default(), Scratch::default()),
                |(mut t, mut scratch), job| {
                    self.item(issues, &spans, job, &mut t, &mut scratch)?;
                    Ok((t, scratch))
                },
            )
            .map(|piece| piece.map(|(t, _)| t))
            .collect::<Result<Vec<Tally>, CorpusError>>()?;
        for piece in pieces {
            sightings.0.join(piece);
        }
        Ok(())
    }

    /// A copy of what discovery reads in `issues` (the texts and links of the proposing
    /// items, and where `mentions`, the lexicon's mentions of the same issues in any order,
    /// cover them), so that [`tally_batch`](Self::tally_batch) can run on another thread
    /// while the reader parses on and the corpus moves the originals to its store. The copy
    /// costs a memcpy of the batch; measured, it is what lets the report hide discovery's
    /// time in the reader's (the reader parses on one core, the other was idle). Fails on a
    /// text the corpus has moved to its store.
    pub fn batch(&self, issues: &[Issue], mentions: &[Mention]) -> Result<Batch, CorpusError> {
        let spans = spans(mentions);
        let mut out = Batch::default();
        for job in jobs(issues, &spans) {
            let issue = &issues[job.issue];
            let item = &issue.items[job.item];
            let held = item.held_text(issue.number)?;
            let text = out.text.len()..out.text.len() + held.len();
            out.text.push_str(held);
            let links = out.links.len()..out.links.len() + item.links.len();
            out.links.extend(item.links.iter().cloned());
            let covered = out.covered.len()..out.covered.len() + job.mentions.len();
            out.covered.extend(
                spans[job.mentions]
                    .iter()
                    .map(|s| (s.2 as usize, s.3 as usize)),
            );
            out.items.push(BatchItem {
                issue: issue.number,
                item: item.index,
                text,
                links,
                covered,
            });
        }
        Ok(out)
    }

    /// Adds the proposals in `batch` to `sightings`, in order, on this thread: the same as
    /// [`tally`](Self::tally) on the issues the batch was copied from.
    pub fn tally_batch(&self, sightings: &mut Sightings, batch: &Batch) {
        let mut scratch = Scratch::default();
        for it in &batch.items {
            scratch.covered.clear();
            scratch
                .covered
                .extend_from_slice(&batch.covered[it.covered.clone()]);
            let text = &batch.text[it.text.clone()];
            let links = &batch.links[it.links.clone()];
            self.propose(
                &mut sightings.0,
                (it.issue, it.item),
                text,
                links,
                &mut scratch,
            );
        }
    }

    /// Proposes names in one item.
    fn item(
        &self,
        issues: &[Issue],
        spans: &[Span],
        job: &Job,
        tally: &mut Tally,
        scratch: &mut Scratch,
    ) -> Result<(), CorpusError> {
        let issue: &Issue = &issues[job.issue];
        let item = &issue.items[job.item];
        scratch.covered.clear();
        scratch.covered.extend(
            spans[job.mentions.clone()]
                .iter()
                .map(|s| (s.2 as usize, s.3 as usize)),
        );
        let at = (issue.number, item.index);
        let text = item.held_text(issue.number)?;
        self.propose(tally, at, text, &item.links, scratch);
        Ok(())
    }

    /// Proposes names in the text and links of the item numbered `at` (issue, item), the
    /// lexicon's matches in `scratch.covered`, and tallies them.
    fn propose(
        &self,
        tally: &mut Tally,
        at: (u32, u32),
        text: &str,
        links: &[String],
        scratch: &mut Scratch,
    ) {
        let cx = Context {
            words: self.words,
            lexicon: &self.lexicon,
        };
        let proposals = propose(&cx, text, links, scratch);
        tally.add(at.0, at.1, text, &proposals);
    }

    /// Decides the entities and turns occurrences into mentions.
    pub fn finish(&self, sightings: Sightings) -> Discovery {
        let tally = sightings.0;
        let (mut entities, owner) = decide::decide(&tally, self.words, &self.lexicon);
        let mut mentions: Vec<Mention> = tally
            .seen
            .iter()
            .filter_map(|s| {
                Some(Mention {
                    issue: s.issue,
                    item: s.item,
                    entity: owner[s.spelling as usize]?,
                    start: s.start,
                    end: s.end,
                    via: crate::extract::Via::Text,
                })
            })
            .collect();
        // Batches come in file order, not issue order.
        mentions.sort_unstable_by_key(|m| (m.issue, m.item, m.start, m.end, m.entity));
        spread(&mut entities, &mentions);
        Discovery { entities, mentions }
    }
}

/// The proposing items of a batch of issues, copied (see [`Discoverer::batch`]).
#[derive(Debug, Default)]
pub struct Batch {
    /// The items' texts, one after the other.
    text: String,
    links: Vec<String>,
    /// The lexicon's matches, as byte ranges of each item's own text.
    covered: Vec<(usize, usize)>,
    items: Vec<BatchItem>,
}

/// One item of a [`Batch`]: its numbers and its ranges in the batch's lists.
#[derive(Debug)]
struct BatchItem {
    issue: u32,
    item: u32,
    text: std::ops::Range<usize>,
    links: std::ops::Range<usize>,
    covered: std::ops::Range<usize>,
}

/// What discovery has seen so far, batch by batch (see [`Discoverer::tally`]).
#[derive(Debug, Default)]
pub struct Sightings(Tally);

impl Sightings {
    /// Appends what `later` saw (batches read after this one's): the report keeps a file's
    /// sightings apart until the file is read whole, so a file given up drops them.
    pub fn join(&mut self, later: Sightings) {
        self.0.join(later.0);
    }
}

/// A lexicon mention's place: (issue, item, start, end).
type Span = (u32, u32, u32, u32);

/// The lexicon mentions' places, sorted.
fn spans(mentions: &[Mention]) -> Vec<Span> {
    // A link mention has no span in the text (its offsets index the item's links).
    let mut spans: Vec<Span> = mentions
        .iter()
        .filter(|m| m.via != crate::extract::Via::Link)
        .map(|m| (m.issue, m.item, m.start, m.end))
        .collect();
    spans.sort_unstable();
    spans
}

/// Sets each entity's first and last issue and its issue and item counts from its mentions
/// (in corpus order).
fn spread(entities: &mut [Discovered], mentions: &[Mention]) {
    let mut last: Vec<Option<(u32, u32)>> = vec![None; entities.len()];
    for m in mentions {
        let e = &mut entities[m.entity as usize];
        let seen = &mut last[m.entity as usize];
        if seen.is_none() {
            e.first_issue = m.issue;
        }
        if seen.is_none_or(|(issue, _)| issue != m.issue) {
            e.issues += 1;
        }
        if *seen != Some((m.issue, m.item)) {
            e.items += 1;
        }
        e.last_issue = m.issue;
        *seen = Some((m.issue, m.item));
    }
}

/// One item to judge, with the range of its lexicon mentions.
struct Job {
    issue: usize,
    item: usize,
    mentions: std::ops::Range<usize>,
}

/// Items of the proposing sections, each with its range in the sorted mention spans.
/// Items usually come in key order, so the range is found by walking on from the previous
/// one (a binary search per item over a batch's spans was 5% of discovery); an item out of
/// order is searched for.
fn jobs(issues: &[Issue], spans: &[Span]) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut at = 0;
    for (i, issue) in issues.iter().enumerate() {
        for (j, item) in issue.items.iter().enumerate() {
            let key = (issue.number, item.index);
            let back = at > 0 && (spans[at - 1].0, spans[at - 1].1) >= key;
            let mut start = if back {
                spans.partition_point(|s| (s.0, s.1) < key)
            } else {
                at
            };
            while spans.get(start).is_some_and(|s| (s.0, s.1) < key) {
                start += 1;
            }
            let mut end = start;
            while spans.get(end).is_some_and(|s| (s.0, s.1) == key) {
                end += 1;
            }
            at = end;
            if proposes_in(item.section) {
                jobs.push(Job {
                    issue: i,
                    item: j,
                    mentions: start..end,
                });
            }
        }
    }
    jobs
}
