//! Where item texts live while an archive is read: in memory up to a budget, then in a
//! scratch file (`TextSpill`), so a large archive's texts are never held whole. The caller's
//! sink sees every batch with its texts first (the report extracts it); then the batch's
//! texts may move to the scratch file. Afterwards `Corpus::items` reads either place, so no
//! later stage knows or cares where a text is.

use super::spill::TextSpill;
use super::types::Issue;
use super::{CorpusError, Sink};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bytes of item text kept in memory when the corpus may use a scratch folder: 128 MiB,
/// about 25,000 issues. An archive whose input files are larger moves every batch's texts to
/// the scratch file from the first batch on (only a compressed export can hold more text than
/// its bytes, so a smaller archive keeps up to this much and moves the rest). Smaller
/// archives never touch the disk.
const KEEP_TEXTS: u64 = 128 << 20;

#[cfg(test)]
thread_local! {
    /// The crate's tests only: the budget of this thread's loads, set by [`keeping`].
    static BUDGET: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with the loads on this thread keeping `budget` bytes of text in memory instead of
/// [`KEEP_TEXTS`], so that small inputs reach the scratch file. A test hook local to the
/// thread (the report loads on the calling thread), so tests running at once do not see it;
/// no public option carries it (issue #15: where texts live is the corpus' own business).
#[cfg(test)]
pub(crate) fn keeping<R>(budget: u64, f: impl FnOnce() -> R) -> R {
    BUDGET.set(Some(budget));
    let result = f();
    BUDGET.set(None);
    result
}

/// Bytes of text kept in memory: [`KEEP_TEXTS`], or the tests' budget (see `keeping`).
fn budget() -> u64 {
    #[cfg(test)]
    if let Some(budget) = BUDGET.get() {
        return budget;
    }
    KEEP_TEXTS
}

/// The sink wrapper that hands each batch to the caller's sink, then stores its texts.
pub(crate) struct Storing<'s> {
    inner: &'s mut dyn Sink,
    scratch: Option<PathBuf>,
    spill: Option<TextSpill>,
    /// Bytes of text to keep in memory, and kept so far.
    keep: u64,
    kept: u64,
    /// Where the current file started: bytes kept and the spill's mark.
    file_start: (u64, Option<u64>),
}

impl<'s> Storing<'s> {
    /// Texts go to a file in `scratch`, if given, past the budget; `input_bytes` is the size
    /// of the archive's files.
    pub fn new(inner: &'s mut dyn Sink, scratch: Option<&Path>, input_bytes: u64) -> Storing<'s> {
        let budget = budget();
        let keep = match scratch {
            Some(_) if input_bytes > budget => 0,
            Some(_) => budget,
            None => u64::MAX,
        };
        Storing {
            inner,
            scratch: scratch.map(Path::to_path_buf),
            spill: None,
            keep,
            kept: 0,
            file_start: (0, None),
        }
    }

    /// The text store of the finished corpus.
    pub fn finish(self) -> Result<Option<Arc<TextSpill>>, CorpusError> {
        match self.spill {
            Some(mut spill) => {
                spill.flush().map_err(|e| io_error(spill.path(), e))?;
                Ok(Some(Arc::new(spill)))
            }
            None => Ok(None),
        }
    }
}

fn io_error(path: &Path, source: std::io::Error) -> CorpusError {
    CorpusError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Sink for Storing<'_> {
    fn batch(&mut self, issues: &mut [Issue]) -> Result<(), CorpusError> {
        self.inner.batch(issues)?;
        let Some(scratch) = &self.scratch else {
            return Ok(());
        };
        // Bytes held in memory (all of a fresh batch's texts).
        let bytes: u64 = issues
            .iter()
            .flat_map(|i| &i.items)
            .map(|it| it.text().map_or(0, str::len) as u64)
            .sum();
        if self.spill.is_none() && self.kept + bytes <= self.keep {
            self.kept += bytes;
            return Ok(());
        }
        let spill = match &mut self.spill {
            Some(spill) => spill,
            None => self
                .spill
                .insert(TextSpill::create(scratch).map_err(|e| io_error(scratch, e))?),
        };
        spill.take(issues).map_err(|e| io_error(spill.path(), e))
    }

    fn start_file(&mut self) {
        self.inner.start_file();
        self.file_start = (self.kept, self.spill.as_ref().map(TextSpill::mark));
    }

    fn abandon_file(&mut self) -> Result<(), CorpusError> {
        self.inner.abandon_file()?;
        let (kept, mark) = self.file_start;
        self.kept = kept;
        if let Some(spill) = &mut self.spill {
            spill
                .rewind(mark.unwrap_or(0))
                .map_err(|e| io_error(spill.path(), e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Keep};

    /// An archive smaller than the budget keeps texts in memory until they pass it, then
    /// moves the rest (a compressed export whose text outgrows its bytes); a larger one moves
    /// them from the first batch. Either way every text reads back as it was.
    #[test]
    fn texts_move_once_the_budget_is_spent() {
        let corpus = crate::corpus::load(&[], &Default::default()).expect("corpus");
        let first: u64 = corpus.issues[0]
            .items
            .iter()
            .map(|it| it.text().map_or(0, str::len) as u64)
            .sum();
        let scratch = std::env::temp_dir();
        for (input_bytes, kept) in [(first, 1), (first + 1, 0)] {
            let mut issues = corpus.issues.clone();
            let mut sink = Keep;
            let mut storing = keeping(first, || {
                Storing::new(&mut sink, Some(&scratch), input_bytes)
            });
            for batch in issues.chunks_mut(1) {
                storing.batch(batch).expect("batch");
            }
            let store = storing.finish().expect("scratch file");
            let held = |i: &Issue| i.items.iter().all(|it| it.text().is_some());
            let in_memory: Vec<bool> = issues.iter().map(held).collect();
            assert_eq!(
                in_memory,
                [vec![true; kept], vec![false; 5 - kept]].concat()
            );
            let moved = Corpus {
                issues,
                store,
                ..Corpus::default()
            };
            let (mut got, mut want) = (moved.items(), corpus.items());
            for (i, j) in corpus
                .issues
                .iter()
                .flat_map(|i| i.items.iter().map(|t| (i.number, t.index)))
            {
                assert_eq!(got.text(i, j).ok(), want.text(i, j).ok(), "{i} {j}");
            }
        }
    }
}
