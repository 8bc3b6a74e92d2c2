//! Every subcommand's first stage: read the archive and, when asked, extract each batch of
//! issues as soon as it is parsed (and discover names in it on another thread), while the
//! corpus may keep a large archive's texts in a folder it is given, so they are never held
//! whole.

use super::Error;
use crate::config::InputConfig;
use crate::corpus::{self, Corpus, CorpusError, Issue, Sink};
use crate::discover::{Batch, Discoverer, Discovery, Sightings};
use crate::extract::{self, ExtractError, Extraction, Extractor};
use crate::lexicon::Lexicon;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::ScopedJoinHandle;

/// What [`read`] does besides parsing the archive.
#[derive(Clone, Copy, Default)]
pub(crate) struct Want<'a> {
    /// Extract mentions with this lexicon.
    pub extract: Option<&'a Lexicon>,
    /// Discover the names the lexicon lacks too (with `extract` only).
    pub discover: Option<&'a Discoverer<'a>>,
    /// A folder the corpus may use for its working files (the report's staging folder).
    pub scratch: Option<&'a Path>,
}

impl<'a> Want<'a> {
    /// Extraction with `lexicon`, nothing more.
    pub fn extracting(lexicon: &'a Lexicon) -> Want<'a> {
        Want {
            extract: Some(lexicon),
            ..Want::default()
        }
    }
}

/// Reads the archive of `input`: the corpus `corpus::load` gives, and what `want` asks for,
/// the same extraction and discovery as `Extractor::extract` and `Discoverer::discover` on the
/// whole corpus (the extraction is empty without [`Want::extract`], the discovery `None`
/// without [`Want::discover`]). Each batch is extracted as soon as it is parsed, while the
/// matcher is built during the first.
pub(crate) fn read(
    input: &InputConfig,
    want: Want<'_>,
) -> Result<(Corpus, Extraction, Option<Discovery>), Error> {
    let (paths, opts) = (&input.paths, &input.load);
    let Some(lexicon) = want.extract else {
        let corpus = corpus::load_with(paths, opts, want.scratch, &mut corpus::Keep)?;
        return Ok((corpus, Extraction::default(), None));
    };
    std::thread::scope(|s| {
        let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(lexicon))));
        let mut sink = Extracting::new(matcher);
        let worker = want.discover.map(|d| {
            let (steps, rx) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
            sink.discovering = Some((d, steps));
            s.spawn(move || discover_steps(d, rx))
        });
        let corpus = corpus::load_with(paths, opts, want.scratch, &mut sink)?;
        // Closing the channel ends the discovery thread once it has judged every batch.
        sink.close_discovery();
        // The matcher failed to build: no batch was extracted.
        sink.matcher.finish()?;
        let discovery = match (want.discover, worker) {
            (Some(d), Some(worker)) => match worker.join() {
                Ok(seen) => Some(d.finish(seen)),
                // Discovery only panics on a bug: re-raised as it was.
                Err(panic) => std::panic::resume_unwind(panic),
            },
            _ => None,
        };
        let extraction = extract::finish_batches(sink.found, &corpus, lexicon);
        Ok((corpus, extraction, discovery))
    })
}

/// Batches copied for discovery that may wait for it: none, so the reader hands a batch
/// over only when the thread is done with the previous one, while it parsed and extracted
/// the next. A batch's copy is at most a stream block of text (32 MiB) and at most two are
/// held (the thread's and the next), which raises the reading stage's peak (100 MiB archive:
/// 334 MB with discovery on, 302 MB before; the 1 GiB report's peak, 1.9 GB, is in the
/// frames stage and does not move).
const BATCHES_AHEAD: usize = 0;

/// What the reader tells the discovery thread, in reading order: the file marks met since
/// the previous batch, then the batch. The marks ride with the next batch (or the last
/// message) instead of being sent alone, so a folder of many files never waits for the
/// thread at each file's start: sent alone, each mark waited for the thread to finish the
/// previous batch, and the reading of 647 one-issue files took 0.51 s with discovery
/// instead of 0.35 s without (release, 3 MB).
struct Step {
    marks: Vec<Mark>,
    batch: Option<Batch>,
    /// A batch too large to copy, tallied by the reader itself (in parallel).
    tallied: Option<Sightings>,
}

/// Text bytes above which a batch is tallied in place rather than copied for the thread: a
/// streamed text file comes in blocks of at most 32 MiB, but a file read whole (HTML, a feed,
/// an export, a date-numbered archive) is one batch, whose copy would hold most of the
/// archive twice: the 100 MiB synthetic archive under `--profile generic` (one batch) peaked
/// at 431 MB in the reading stage with the copy, 302 MB tallied in place (2.68 -> 1.95 s;
/// same bytes out).
const COPY_AT_MOST: usize = 32 << 20;

/// A file boundary the discovery thread must know about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    StartFile,
    AbandonFile,
}

/// The discovery thread: tallies each batch as it comes, keeping the current file's
/// sightings apart until the next file starts (a file given up drops them); returns when
/// the reader drops its end of the channel.
fn discover_steps(d: &Discoverer<'_>, steps: Receiver<Step>) -> Sightings {
    let mut seen = Sightings::default();
    let mut file_seen = Sightings::default();
    for step in steps {
        for mark in step.marks {
            match mark {
                Mark::StartFile => seen.join(std::mem::take(&mut file_seen)),
                Mark::AbandonFile => file_seen = Sightings::default(),
            }
        }
        if let Some(batch) = step.batch {
            d.tally_batch(&mut file_seen, &batch);
        }
        if let Some(tallied) = step.tallied {
            file_seen.join(tallied);
        }
    }
    seen.join(file_seen);
    seen
}

/// The matcher, built on another thread while the archive starts to be read.
enum Matcher<'s, 'l> {
    /// The handle is taken only to be joined, and the matcher replaced at once.
    Building(Option<ScopedJoinHandle<'s, Result<Extractor<'l>, ExtractError>>>),
    Ready(Extractor<'l>),
    Failed(ExtractError),
}

impl<'l> Matcher<'_, 'l> {
    /// Waits for the build the first time; `None` when it failed.
    fn ready(&mut self) -> Option<&Extractor<'l>> {
        if let Matcher::Building(handle) = self {
            if let Some(handle) = handle.take() {
                *self = match handle.join() {
                    Ok(Ok(x)) => Matcher::Ready(x),
                    Ok(Err(e)) => Matcher::Failed(e),
                    // The build only panics on a bug: re-raised as it was.
                    Err(panic) => std::panic::resume_unwind(panic),
                };
            }
        }
        match self {
            Matcher::Ready(x) => Some(x),
            _ => None,
        }
    }

    /// The build's error, if it failed.
    fn finish(mut self) -> Result<(), ExtractError> {
        self.ready();
        match self {
            Matcher::Failed(e) => Err(e),
            _ => Ok(()),
        }
    }
}

/// The sink that extracts each batch as it comes (and sends a copy to discovery).
struct Extracting<'s, 'l, 'd> {
    matcher: Matcher<'s, 'l>,
    /// The discoverer and the channel to its thread ([`discover_steps`]), which judges each
    /// batch while the reader parses the next one.
    discovering: Option<(&'d Discoverer<'d>, SyncSender<Step>)>,
    /// File marks not sent yet: they go with the next batch ([`Step`]).
    marks: Vec<Mark>,
    /// Every batch's results, appended as they come (a large list grows in place, without
    /// the copy a final join of the batches would make).
    found: Extraction,
    /// Lengths of the lists in `found` where the current file started.
    file_start: [usize; 3],
}

impl<'s, 'l> Extracting<'s, 'l, '_> {
    fn new(matcher: Matcher<'s, 'l>) -> Self {
        Extracting {
            matcher,
            discovering: None,
            marks: Vec::new(),
            found: Extraction::default(),
            file_start: [0; 3],
        }
    }

    fn lengths(&self) -> [usize; 3] {
        [
            self.found.mentions.len(),
            self.found.events.len(),
            self.found.unresolved.len(),
        ]
    }
}

impl Sink for Extracting<'_, '_, '_> {
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError> {
        let Some(x) = self.matcher.ready() else {
            // Reported once the archive is read.
            return Ok(());
        };
        let mut found = x.extract_issues(issues)?;
        if let Some((d, steps)) = &self.discovering {
            let marks = std::mem::take(&mut self.marks);
            // The bytes of text the batch holds (all of it: extraction read every item).
            let text: usize = issues
                .iter()
                .flat_map(|i| &i.items)
                .map(|it| it.text().map_or(0, str::len))
                .sum();
            let step = if text > COPY_AT_MOST {
                let mut tallied = Sightings::default();
                d.tally(&mut tallied, issues, &found.mentions)?;
                Step {
                    marks,
                    batch: None,
                    tallied: Some(tallied),
                }
            } else {
                Step {
                    marks,
                    batch: Some(d.batch(issues, &found.mentions)?),
                    tallied: None,
                }
            };
            // A send fails only when the thread panicked; the join re-raises it.
            let _ = steps.send(step);
        }
        self.found.mentions.append(&mut found.mentions);
        self.found.events.append(&mut found.events);
        self.found.unresolved.append(&mut found.unresolved);
        Ok(())
    }

    fn start_file(&mut self) {
        self.file_start = self.lengths();
        self.mark(Mark::StartFile);
    }

    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        let [mentions, events, unresolved] = self.file_start;
        self.found.mentions.truncate(mentions);
        self.found.events.truncate(events);
        self.found.unresolved.truncate(unresolved);
        self.mark(Mark::AbandonFile);
        Ok(())
    }
}

impl Extracting<'_, '_, '_> {
    /// Keeps a file mark for the discovery thread, if there is one, until the next batch.
    fn mark(&mut self, mark: Mark) {
        if self.discovering.is_some() {
            self.marks.push(mark);
        }
    }

    /// Sends the marks left and closes the channel: the discovery thread ends once it has
    /// judged every batch.
    fn close_discovery(&mut self) {
        if let Some((_, steps)) = self.discovering.take() {
            if !self.marks.is_empty() {
                let marks = std::mem::take(&mut self.marks);
                // A send fails only when the thread panicked; the join re-raises it.
                let _ = steps.send(Step {
                    marks,
                    batch: None,
                    tallied: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in lexicon and discovery's built-in word lists.
    fn lexicon_and_words() -> (Lexicon, crate::discover::Words) {
        let lexicon = crate::lexicon::builtin().expect("lexicon");
        let source = crate::lexicon::Source::Builtin;
        let words = crate::discover::Words::load(None, &source, &lexicon).expect("words");
        (lexicon, words)
    }

    /// `read` gives what the stages give alone, `corpus::load`, `Extractor::extract` and
    /// `Discoverer::discover`, in every input format, its texts moved to a scratch folder or
    /// not: every subcommand reads through it. Once texts are moved, the stages that read
    /// the texts items hold fail, naming an item, rather than read them as empty.
    #[test]
    fn read_gives_what_the_stages_give_alone() {
        let (lexicon, words) = lexicon_and_words();
        let discoverer = Discoverer::new(&lexicon, &words);
        let extractor = Extractor::new(&lexicon).expect("matcher");
        let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
        let scratch = std::env::temp_dir();
        for format in ["feed", "markdown", "pages", "plain", "substack", "zip"] {
            let input = InputConfig {
                paths: vec![formats.join(format)],
                lexicon: crate::lexicon::Source::Builtin,
                load: corpus::LoadOptions::default(),
            };
            let corpus = corpus::load(&input.paths, &input.load).expect("corpus");
            let found = extractor.extract(&corpus).expect("texts held");
            let discovered = discoverer.discover(&corpus, &found).expect("texts held");
            for scratch in [None, Some(scratch.as_path())] {
                let want = Want {
                    discover: Some(&discoverer),
                    scratch,
                    ..Want::extracting(&lexicon)
                };
                let read = corpus::keeping(0, || read(&input, want));
                let (read, extraction, discovery) = read.expect("read");
                assert!(!found.mentions.is_empty(), "{format}");
                assert_eq!(extraction, found, "{format}");
                assert_eq!(discovery.as_ref(), Some(&discovered), "{format}");
                let texts = |c: &Corpus| -> Vec<String> {
                    let mut cursor = c.items();
                    c.issues
                        .iter()
                        .flat_map(|i| i.items.iter().map(move |it| (i.number, it.index)))
                        .map(|(i, it)| cursor.text(i, it).expect("text").to_string())
                        .collect()
                };
                assert_eq!(texts(&read), texts(&corpus), "{format}");
                let stored = read.store.is_some();
                assert_eq!(stored, scratch.is_some(), "{format}");
                let moved = |r| matches!(r, Err(CorpusError::TextStored { .. }));
                assert_eq!(moved(extractor.extract(&read).map(drop)), stored);
                let discovered_again = discoverer.discover(&read, &found).map(drop);
                assert_eq!(moved(discovered_again), stored, "{format}");
            }
        }
    }

    /// A file given up after some of its batches were extracted (a stream that meets bytes
    /// it cannot decode is read again whole) leaves nothing behind: its issues come again,
    /// and must not be counted twice.
    #[test]
    fn an_abandoned_file_leaves_no_batch() {
        let lexicon = crate::lexicon::builtin().expect("lexicon");
        let corpus = corpus::load(&[], &Default::default()).expect("corpus");
        std::thread::scope(|s| {
            let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(&lexicon))));
            let mut sink = Extracting::new(matcher);
            sink.start_file();
            sink.batch(&mut corpus.issues[..2].to_vec()).expect("batch");
            let after_first = sink.lengths();
            assert!(after_first[0] > 0 && after_first[1] > 0);
            sink.start_file();
            sink.batch(&mut corpus.issues[2..].to_vec()).expect("batch");
            assert!(sink.lengths()[0] > after_first[0]);
            sink.abandon_file().expect("abandon");
            assert_eq!(sink.lengths(), after_first);
        });
    }

    /// Discovery's sightings of a file given up are dropped with its extraction: what is
    /// decided is what the batches kept give.
    #[test]
    fn an_abandoned_file_leaves_no_sightings() {
        let (lexicon, words) = lexicon_and_words();
        let discoverer = Discoverer::new(&lexicon, &words);
        let corpus = corpus::load(&[], &Default::default()).expect("corpus");
        let first = corpus.issues[..2].to_vec();
        let kept = std::thread::scope(|s| {
            let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(&lexicon))));
            let mut sink = Extracting::new(matcher);
            let (steps, rx) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
            sink.discovering = Some((&discoverer, steps));
            let worker = s.spawn(|| discover_steps(&discoverer, rx));
            sink.start_file();
            sink.batch(&mut first.clone()).expect("batch");
            sink.start_file();
            sink.batch(&mut corpus.issues[2..].to_vec()).expect("batch");
            sink.abandon_file().expect("abandon");
            sink.start_file();
            sink.close_discovery();
            drop(sink);
            discoverer.finish(worker.join().expect("discovery thread"))
        });
        let alone = Corpus {
            issues: first,
            ..Corpus::default()
        };
        let found = Extractor::new(&lexicon)
            .expect("matcher")
            .extract(&alone)
            .expect("texts held");
        let expected = discoverer.discover(&alone, &found).expect("texts held");
        assert!(!expected.mentions.is_empty());
        assert_eq!(kept, expected);
    }
}
