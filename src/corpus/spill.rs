//! Item texts moved out of memory into a scratch file, and read back in issue order.
//!
//! At archive scale the item texts are most of the corpus (about 1 GB for a 1 GiB archive),
//! yet after extraction only two steps read them: the matched text of each mention (the
//! mention frame's `surface`) and the text column of `items.csv`, both in (issue, item)
//! order. The report extracts each batch of issues as it is parsed and then hands the batch
//! to [`TextSpill::take`], which appends the texts to the scratch file and frees them, so the
//! texts of the whole archive are never in memory at once. [`Reader`] reads them back for
//! the corpus' item cursor: a window of the file at a time, so reading in issue order costs
//! a read call per window, not one per issue.
//!
//! The scratch file is removed when the spill is dropped; on Unix its name is removed as soon
//! as it is open, so not even a killed run leaves it behind.

use super::types::{FastHash, Issue, Item, Text};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Bytes read from the scratch file at a time by a [`Reader`].
const WINDOW: usize = 1 << 20;

/// Item texts of many issues in a scratch file. Each issue is one record: the number of
/// items (u32), each item's text length in bytes (u32), then the texts one after the other.
pub struct TextSpill {
    file: File,
    path: PathBuf,
    /// Bytes written so far (the file's length).
    len: u64,
    /// Record of each spilled issue: (offset, length).
    at: HashMap<u32, (u64, u32), FastHash>,
    /// Records waiting to be written, flushed a megabyte at a time.
    pending: Vec<u8>,
}

impl std::fmt::Debug for TextSpill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextSpill")
            .field("path", &self.path)
            .field("bytes", &self.len)
            .field("issues", &self.at.len())
            .finish()
    }
}

/// Two spills are equal only when they are the same spill (a corpus compares its issues).
impl PartialEq for TextSpill {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl TextSpill {
    /// Creates an empty scratch file in `dir` (a hidden, process-unique name).
    pub fn create(dir: &Path) -> io::Result<TextSpill> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static SERIAL: AtomicU32 = AtomicU32::new(0);
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(
            ".topictrend-texts-{}-{serial}.tmp",
            std::process::id()
        ));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Unix keeps an open file whose name is gone: nothing can be left behind. Elsewhere
        // the name goes when the spill is dropped.
        #[cfg(unix)]
        std::fs::remove_file(&path)?;
        Ok(TextSpill {
            file,
            path,
            len: 0,
            at: HashMap::default(),
            pending: Vec::new(),
        })
    }

    /// The scratch file, for error messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes spilled so far.
    pub fn bytes(&self) -> u64 {
        self.len + self.pending.len() as u64
    }

    /// Appends the texts of `issues` and frees them (each item's text is marked stored).
    /// Fails on a text stored already (an issue's items are all checked before any moves).
    pub fn take(&mut self, issues: &mut [Issue]) -> io::Result<()> {
        for issue in issues {
            let start = self.bytes();
            let count = u32::try_from(issue.items.len()).map_err(|_| too_long())?;
            self.pending.extend_from_slice(&count.to_le_bytes());
            for item in &issue.items {
                let len = u32::try_from(held(item)?.len()).map_err(|_| too_long())?;
                self.pending.extend_from_slice(&len.to_le_bytes());
            }
            for item in &mut issue.items {
                self.pending.extend_from_slice(held(item)?.as_bytes());
                item.text = Text::stored();
            }
            let len = u32::try_from(self.bytes() - start).map_err(|_| too_long())?;
            self.at.insert(issue.number, (start, len));
            if self.pending.len() >= WINDOW {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Writes the records waiting in memory.
    pub fn flush(&mut self) -> io::Result<()> {
        self.file.write_all(&self.pending)?;
        self.len += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// Where the spill stands, for [`rewind`](Self::rewind).
    pub fn mark(&self) -> u64 {
        self.bytes()
    }

    /// Forgets every issue spilled since `mark` (a file that is read again another way).
    pub fn rewind(&mut self, mark: u64) -> io::Result<()> {
        self.flush()?;
        self.at.retain(|_, (offset, _)| *offset < mark);
        self.file.set_len(mark)?;
        use std::io::Seek;
        self.file.seek(io::SeekFrom::Start(mark))?;
        self.len = mark;
        Ok(())
    }

    /// Whether an issue's texts are in the scratch file.
    pub fn holds(&self, issue: u32) -> bool {
        self.at.contains_key(&issue)
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            self.file.read_exact_at(buf, offset)
        }
        #[cfg(windows)]
        {
            use std::os::windows::fs::FileExt;
            let mut done = 0;
            while done < buf.len() {
                let n = self
                    .file
                    .seek_read(&mut buf[done..], offset + done as u64)?;
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                done += n;
            }
            Ok(())
        }
    }
}

impl Drop for TextSpill {
    fn drop(&mut self) {
        #[cfg(not(unix))]
        let _ = std::fs::remove_file(&self.path);
    }
}

fn too_long() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "an issue's text is longer than 4 GiB",
    )
}

/// The text `item` holds; an error when it is in the scratch file already.
fn held(item: &Item) -> io::Result<&str> {
    item.text().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "an item text is in the scratch file already",
        )
    })
}

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the scratch file of item texts does not read back as written",
    )
}

/// A reader of the scratch file, for one [`ItemCursor`](super::ItemCursor): it keeps a
/// window of the file and the texts of the last issue read.
#[derive(Default)]
pub(crate) struct Reader {
    window: Vec<u8>,
    window_at: u64,
    /// The issue loaded, its texts (checked UTF-8 once) and each item's range in them.
    issue: Option<u32>,
    texts: String,
    ranges: Vec<(usize, usize)>,
}

impl Reader {
    /// The text of the item at `position` in `issue`, whose texts are in `spill`.
    pub fn text(&mut self, spill: &TextSpill, issue: &Issue, position: usize) -> io::Result<&str> {
        if self.issue != Some(issue.number) {
            self.load(spill, issue)?;
        }
        let &(start, end) = self.ranges.get(position).ok_or_else(corrupt)?;
        self.texts.get(start..end).ok_or_else(corrupt)
    }

    /// Reads the record of `issue` (the window moves only when the record is not inside it)
    /// and finds its items' ranges.
    fn load(&mut self, spill: &TextSpill, issue: &Issue) -> io::Result<()> {
        self.issue = None;
        let &(offset, len) = spill.at.get(&issue.number).ok_or_else(corrupt)?;
        let end = offset + u64::from(len);
        let inside = offset >= self.window_at && end <= self.window_at + self.window.len() as u64;
        if !inside {
            let size = (len as usize).max(WINDOW) as u64;
            let size = size
                .min(spill.len.saturating_sub(offset))
                .max(u64::from(len));
            self.window.resize(size as usize, 0);
            spill.read_at(&mut self.window, offset)?;
            self.window_at = offset;
        }
        let record = &self.window[(offset - self.window_at) as usize..][..len as usize];
        let word = |i: usize| -> io::Result<usize> {
            let bytes = record.get(4 * i..4 * i + 4).ok_or_else(corrupt)?;
            Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize)
        };
        let count = word(0)?;
        if count != issue.items.len() {
            return Err(corrupt());
        }
        self.ranges.clear();
        let mut at = 0;
        for i in 0..count {
            let n = word(i + 1)?;
            self.ranges.push((at, at + n));
            at += n;
        }
        let body = record.get(4 * (count + 1)..).ok_or_else(corrupt)?;
        if body.len() != at {
            return Err(corrupt());
        }
        self.texts.clear();
        self.texts
            .push_str(std::str::from_utf8(body).map_err(|_| corrupt())?);
        self.issue = Some(issue.number);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusError, DateSource, Section, SourceRef};

    fn issue(number: u32, texts: &[&str]) -> Issue {
        Issue {
            number,
            heading: format!("#{number}"),
            date: None,
            date_source: DateSource::None,
            source: SourceRef {
                file: PathBuf::from("t.txt"),
                line: 1,
            },
            items: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Item::new(i as u32, Section::Article, *t, Vec::new(), 0, None))
                .collect(),
        }
    }

    #[test]
    fn texts_read_back_as_written_and_rewind_forgets() {
        let dir = std::env::temp_dir();
        let mut spill = TextSpill::create(&dir).expect("scratch file");
        let mut first = vec![issue(1, &["Kafka – ünïcode", ""]), issue(2, &["x"])];
        spill.take(&mut first).expect("spill");
        assert!(first
            .iter()
            .all(|i| i.items.iter().all(|it| it.text().is_none())));
        let mark = spill.mark();
        let mut void = vec![issue(3, &["read again"])];
        spill.take(&mut void).expect("spill");
        spill.rewind(mark).expect("rewind");
        assert!(!spill.holds(3));
        let long = "y".repeat(3 * WINDOW);
        let mut second = vec![issue(3, &["again", &long]), issue(4, &["last"])];
        spill.take(&mut second).expect("spill");
        spill.flush().expect("flush");
        let mut issues = first;
        issues.extend(second);
        issues.push(issue(5, &["in memory"]));
        let corpus = Corpus {
            issues,
            store: Some(std::sync::Arc::new(spill)),
            ..Corpus::default()
        };
        let mut cursor = corpus.items();
        let mut got = Vec::new();
        // Out of order too: the window moves back.
        for &n in &[3usize, 0, 1, 2, 3, 4] {
            let iss = &corpus.issues[n];
            for it in &iss.items {
                got.push(cursor.text(iss.number, it.index).expect("read").to_string());
            }
        }
        let expected: Vec<String> = ["last", "Kafka – ünïcode", "", "x", "again", &long]
            .iter()
            .chain(["last", "in memory"].iter())
            .map(|s| s.to_string())
            .collect();
        assert_eq!(got, expected);
        // An (issue, item) the corpus lacks is an error naming it, never an empty text.
        for (issue, item) in [(1, 2), (6, 0)] {
            let miss = cursor.text(issue, item).map(str::len);
            assert!(matches!(miss, Err(CorpusError::NoItem { .. })), "{miss:?}");
        }
    }
}
