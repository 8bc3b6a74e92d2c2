//! The report's first stage: read the archive and extract each batch of issues as soon as it
//! is parsed, while the corpus keeps the texts of a large archive in a scratch file beside
//! the report (`corpus::TextBudget`), so they are never held whole.

use super::Error;
use crate::config::Config;
use crate::corpus::{self, Corpus, CorpusError, Issue, Sink, TextBudget};
use crate::extract::{self, ExtractError, Extraction, Extractor};
use crate::lexicon::Lexicon;
use std::path::Path;
use std::thread::ScopedJoinHandle;

/// Reads the archive of `config` and extracts it: the same corpus and extraction as
/// `corpus::load` then `Extractor::extract`, except that each batch is extracted as soon as
/// it is parsed and the corpus may move its texts to a scratch file in `scratch`
/// (above `config.spill_texts_above` bytes). The matcher is built while the first batch is
/// parsed.
pub(crate) fn read_and_extract(
    config: &Config,
    lexicon: &Lexicon,
    scratch: &Path,
) -> Result<(Corpus, Extraction), Error> {
    let mut opts = config.input.load.clone();
    opts.texts = TextBudget {
        keep: config.spill_texts_above,
        scratch: Some(scratch.to_path_buf()),
    };
    std::thread::scope(|s| {
        let matcher = Matcher::Building(Some(s.spawn(|| Extractor::new(lexicon))));
        let mut sink = Extracting::new(matcher);
        let corpus = corpus::load_with(&config.input.paths, &opts, &mut sink)?;
        // The matcher failed to build: no batch was extracted.
        sink.matcher.finish()?;
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

/// The sink that extracts each batch as it comes.
struct Extracting<'s, 'l> {
    matcher: Matcher<'s, 'l>,
    /// Every batch's results, appended as they come (a large list grows in place, without
    /// the copy a final join of the batches would make).
    found: Extraction,
    /// Lengths of the lists in `found` where the current file started.
    file_start: [usize; 3],
}

impl<'s, 'l> Extracting<'s, 'l> {
    fn new(matcher: Matcher<'s, 'l>) -> Self {
        Extracting {
            matcher,
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

impl Sink for Extracting<'_, '_> {
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError> {
        let Some(x) = self.matcher.ready() else {
            // Reported once the archive is read.
            return Ok(());
        };
        let mut found = x.extract_issues(issues);
        self.found.mentions.append(&mut found.mentions);
        self.found.events.append(&mut found.events);
        self.found.unresolved.append(&mut found.unresolved);
        Ok(())
    }

    fn start_file(&mut self) {
        self.file_start = self.lengths();
    }

    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        let [mentions, events, unresolved] = self.file_start;
        self.found.mentions.truncate(mentions);
        self.found.events.truncate(events);
        self.found.unresolved.truncate(unresolved);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
