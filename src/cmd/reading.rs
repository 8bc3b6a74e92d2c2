//! The report's first stage: read the archive and extract each batch of issues as soon as it
//! is parsed; past a budget of item text kept in memory, each extracted batch's texts go to
//! a scratch file (`corpus::TextSpill`), so a large archive's text is never held whole.

use super::Error;
use crate::config::Config;
use crate::corpus::{self, Corpus, CorpusError, Issue, Sink, TextSpill};
use crate::extract::{self, ExtractError, Extraction, Extractor};
use crate::lexicon::Lexicon;
use std::path::Path;
use std::thread::ScopedJoinHandle;

/// Reads the archive of `config` and extracts it: the same corpus and extraction as
/// `corpus::load` then `Extractor::extract`, except where the item texts live. An archive
/// whose files are larger than `config.spill_texts_above` bytes spills every batch's texts
/// to a scratch file in `scratch`; a smaller one keeps them in memory up to that many bytes
/// of text (only a compressed export can have more) and spills the rest. The matcher is
/// built while the first batch is parsed.
pub(crate) fn read_and_extract(
    config: &Config,
    lexicon: &Lexicon,
    scratch: &Path,
) -> Result<(Corpus, Extraction), Error> {
    let budget = match corpus::input_bytes(&config.input.paths)? {
        bytes if bytes > config.spill_texts_above => 0,
        _ => config.spill_texts_above,
    };
    std::thread::scope(|s| {
        let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(lexicon))));
        let mut sink = Extracting::new(matcher, scratch, budget);
        let loaded = corpus::load_with(&config.input.paths, &config.input.load, &mut sink);
        let mut corpus = loaded?;
        // The matcher failed to build: no batch was extracted.
        sink.matcher.finish()?;
        if let Some(mut spill) = sink.spill {
            spill.flush().map_err(|e| spill_error(spill.path(), e))?;
            corpus.spill = Some(std::sync::Arc::new(spill));
        }
        let extraction = extract::finish_batches(sink.found, &corpus, lexicon);
        Ok((corpus, extraction))
    })
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

/// The sink that extracts each batch and spills its texts once the budget is used up.
struct Extracting<'s, 'l, 'p> {
    matcher: Matcher<'s, 'l>,
    /// Every batch's results, appended as they come (a large list grows in place, without
    /// the copy a final join of the batches would make).
    found: Extraction,
    spill: Option<TextSpill>,
    scratch: &'p Path,
    /// Bytes of item text to keep in memory, and kept so far.
    budget: u64,
    kept: u64,
    /// Where the current file started: lengths of the lists in `found`, bytes kept, the
    /// spill's mark.
    file_start: ([usize; 3], u64, Option<u64>),
}

impl<'s, 'l, 'p> Extracting<'s, 'l, 'p> {
    fn new(matcher: Matcher<'s, 'l>, scratch: &'p Path, budget: u64) -> Self {
        Extracting {
            matcher,
            found: Extraction::default(),
            spill: None,
            scratch,
            budget,
            kept: 0,
            file_start: ([0; 3], 0, None),
        }
    }
}

impl Extracting<'_, '_, '_> {
    fn lengths(&self) -> [usize; 3] {
        [
            self.found.mentions.len(),
            self.found.events.len(),
            self.found.unresolved.len(),
        ]
    }
}

fn spill_error(path: &Path, source: std::io::Error) -> CorpusError {
    CorpusError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Sink for Extracting<'_, '_, '_> {
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError> {
        let found = match self.matcher.ready() {
            Some(x) => x.extract_issues(issues),
            // Reported once the archive is read.
            None => return Ok(()),
        };
        let mut found = found;
        self.found.mentions.append(&mut found.mentions);
        self.found.events.append(&mut found.events);
        self.found.unresolved.append(&mut found.unresolved);
        let bytes: u64 = issues
            .iter()
            .flat_map(|i| &i.items)
            .map(|it| it.text.len() as u64)
            .sum();
        if self.spill.is_none() && self.kept + bytes <= self.budget {
            self.kept += bytes;
            return Ok(());
        }
        let spill = match &mut self.spill {
            Some(spill) => spill,
            None => self
                .spill
                .insert(TextSpill::create(self.scratch).map_err(|e| spill_error(self.scratch, e))?),
        };
        spill.take(issues).map_err(|e| spill_error(spill.path(), e))
    }

    fn start_file(&mut self) {
        self.file_start = (
            self.lengths(),
            self.kept,
            self.spill.as_ref().map(TextSpill::mark),
        );
    }

    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        let ([mentions, events, unresolved], kept, mark) = self.file_start;
        self.found.mentions.truncate(mentions);
        self.found.events.truncate(events);
        self.found.unresolved.truncate(unresolved);
        self.kept = kept;
        if let Some(spill) = &mut self.spill {
            spill
                .rewind(mark.unwrap_or(0))
                .map_err(|e| spill_error(spill.path(), e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// A file given up after some of its batches were extracted and spilled (a stream that
    /// meets bytes it cannot decode is read again whole) leaves nothing behind: its issues
    /// come again, and must not be counted twice.
    #[test]
    fn an_abandoned_file_leaves_no_batch_and_no_spilled_text() {
        let lexicon = crate::lexicon::load(&root().join("data/lexicon")).expect("lexicon");
        let corpus =
            corpus::load(&[root().join("data/corpus")], &Default::default()).expect("corpus");
        let scratch = std::env::temp_dir();
        std::thread::scope(|s| {
            let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(&lexicon))));
            // Budget: the first two issues' texts stay in memory, the rest are spilled.
            let kept: u64 = corpus.issues[..2]
                .iter()
                .flat_map(|i| &i.items)
                .map(|it| it.text.len() as u64)
                .sum();
            let mut sink = Extracting::new(matcher, &scratch, kept);
            sink.start_file();
            sink.batch(&mut corpus.issues[..2].to_vec()).expect("batch");
            sink.batch(&mut corpus.issues[2..3].to_vec())
                .expect("batch");
            assert!(sink
                .spill
                .as_ref()
                .is_some_and(|s| s.holds(corpus.issues[2].number)));
            let after_first = sink.lengths();
            assert!(after_first[0] > 0 && after_first[1] > 0);
            sink.start_file();
            let mut void = corpus.issues[3..].to_vec();
            sink.batch(&mut void).expect("batch");
            assert!(void
                .iter()
                .all(|i| i.items.iter().all(|it| it.text.is_empty())));
            let spilled = sink.spill.as_ref().map(TextSpill::mark);
            sink.abandon_file().expect("abandon");
            assert_eq!(sink.lengths(), after_first);
            assert_eq!(sink.kept, kept);
            let spill = sink.spill.as_ref().expect("spill");
            assert!(spill.mark() < spilled.unwrap_or(0));
            assert!(spill.holds(corpus.issues[2].number));
            assert!(corpus.issues[3..].iter().all(|i| !spill.holds(i.number)));
        });
    }
}
