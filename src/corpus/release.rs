//! Letting go of a read corpus while the run goes on: its issues and texts are freed on a
//! thread of their own and the freed heap handed back to the OS, so that what the run
//! allocates afterwards never stacks on the archive.

use super::spill::TextSpill;
use super::{Corpus, Issue};
use crate::heap::return_freed_memory;
use std::sync::Arc;
use std::thread::JoinHandle;

impl Corpus {
    /// Takes the issues with their item texts, links and listings, and the scratch file of
    /// their texts, out of the corpus and frees them on another thread; warnings and counts
    /// stay. Freeing hundreds of thousands of strings and handing the pages back to the OS
    /// takes a while, hence the thread: the caller goes on with work that needs no texts and
    /// calls [`Releasing::finish`] before it allocates much.
    pub fn release_in_background(&mut self) -> Releasing {
        let released = Released {
            _store: self.store.take(),
            _issues: std::mem::take(&mut self.issues),
        };
        Releasing(std::thread::spawn(move || {
            drop(released);
            return_freed_memory();
        }))
    }
}

/// Issues and texts taken out of a corpus: dropping it frees them, the scratch file first
/// (closing it frees its pages in the OS' file cache at once), then the issues.
struct Released {
    _store: Option<Arc<TextSpill>>,
    _issues: Vec<Issue>,
}

/// A corpus being freed on another thread ([`Corpus::release_in_background`]).
#[must_use = "call `finish` to wait until the corpus is freed"]
pub struct Releasing(JoinHandle<()>);

impl Releasing {
    /// Waits until the corpus is freed, then trims the heap again: the buffers the run freed
    /// meanwhile (the extraction's pieces, the frames' scratch columns, chunk buffers) go back
    /// to the OS too. Measured at 1 GiB when this was added (2026-11-26, before the
    /// analysis' later memory work): the analysis started at 1.45 GB instead of 1.87 GB; the
    /// trim takes 47 ms (4 ms at 100 MiB).
    pub fn finish(self) {
        // The thread only frees memory; it cannot fail short of a panic, which is re-raised.
        if let Err(panic) = self.0.join() {
            std::panic::resume_unwind(panic);
        }
        return_freed_memory();
    }
}
