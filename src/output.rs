//! The one writer that owns the output folder: checks it up front, writes every file
//! atomically (temporary file in the same folder, then rename).
//!
//! A whole report is written in two phases: every file is first *staged* (streamed into a
//! hidden temporary file next to its target; staging is `&self`, so files can be staged in
//! parallel), and only when all of them are written are they *committed* (renamed over their
//! targets). A failure while staging removes the temporaries and leaves the folder as it was.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: output folder cannot be written: {source}")]
    NotWritable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: output path must be relative to the output folder and stay inside it")]
    BadPath { path: PathBuf },
}

/// A file written to its temporary name, waiting for [`OutputDir::commit`].
#[derive(Debug)]
pub struct Staged {
    rel: PathBuf,
    tmp: PathBuf,
    path: PathBuf,
    /// The flush of the file to disk, running on its own thread (see [`OutputDir::stage`]).
    synced: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Staged {
    /// Waits for the file to be on disk.
    fn wait(&mut self) -> Result<(), OutputError> {
        let Some(handle) = self.synced.take() else {
            return Ok(());
        };
        match handle.join() {
            Ok(result) => result.map_err(|source| OutputError::Write {
                path: self.path.clone(),
                source,
            }),
            // The thread only calls `sync_all`; a panic there is a bug: re-raise it.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

/// Owns an output folder. Files are written as `.name.tmp` then renamed over `name`,
/// so a reader never sees a half-written file and an interrupted run leaves the old one.
#[derive(Debug)]
pub struct OutputDir {
    root: PathBuf,
    written: Vec<PathBuf>,
}

impl OutputDir {
    /// Creates the folder if needed and proves it is writable, before any work is done.
    pub fn open(root: &Path) -> Result<OutputDir, OutputError> {
        let err = |source| OutputError::NotWritable {
            path: root.to_path_buf(),
            source,
        };
        fs::create_dir_all(root).map_err(err)?;
        let probe = root.join(".topictrend-write-probe");
        fs::write(&probe, b"").map_err(err)?;
        fs::remove_file(&probe).map_err(err)?;
        Ok(OutputDir {
            root: root.to_path_buf(),
            written: Vec::new(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` to `rel` (e.g. `csv/mentions.csv`) atomically.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let staged = self.stage(rel, |w| {
            w.write_all(bytes).map_err(|source| OutputError::Write {
                path: self.root.join(rel),
                source,
            })
        })?;
        self.commit(vec![staged])
    }

    /// Streams a file to the temporary name of `rel`: `fill` writes the content (buffered),
    /// then the file is flushed, and synced to disk on a thread of its own, so the caller goes
    /// on computing while the disk catches up ([`commit`](Self::commit) waits for every sync
    /// before it renames anything). Nothing is visible under `rel` until `commit`. On any
    /// error the temporary file is removed.
    pub fn stage<E: From<OutputError>>(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    ) -> Result<Staged, E> {
        let rel_path = Path::new(rel);
        if rel_path.is_absolute()
            || rel_path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(OutputError::BadPath {
                path: rel_path.to_path_buf(),
            }
            .into());
        }
        let path = self.root.join(rel_path);
        let werr = |source| OutputError::Write {
            path: path.clone(),
            source,
        };
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(werr)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp"));
        let file = fs::File::create(&tmp).map_err(werr)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        let written =
            fill(&mut w).and_then(|()| w.into_inner().map_err(|e| werr(e.into_error()).into()));
        match written {
            Ok(file) => {
                let synced = std::thread::Builder::new()
                    .name("topictrend-sync".into())
                    .spawn(move || {
                        file.sync_all()?;
                        release_cache(&file);
                        Ok(())
                    });
                let synced = match synced {
                    Ok(handle) => Some(handle),
                    // No thread to spare: sync here instead.
                    Err(_) => {
                        let synced = fs::File::open(&tmp).and_then(|f| f.sync_all());
                        if let Err(source) = synced {
                            let _ = fs::remove_file(&tmp);
                            return Err(werr(source).into());
                        }
                        None
                    }
                };
                Ok(Staged {
                    rel: rel_path.to_path_buf(),
                    tmp,
                    path,
                    synced,
                })
            }
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// Waits until every staged file is on disk, then renames each over its target, in the
    /// order given. If a file cannot be synced, none is renamed and all are removed.
    pub fn commit(&mut self, mut staged: Vec<Staged>) -> Result<(), OutputError> {
        let synced: Vec<Result<(), OutputError>> = staged.iter_mut().map(Staged::wait).collect();
        if let Some(Err(e)) = synced.into_iter().find(Result::is_err) {
            self.discard(staged);
            return Err(e);
        }
        for s in staged {
            fs::rename(&s.tmp, &s.path).map_err(|source| OutputError::Write {
                path: s.path.clone(),
                source,
            })?;
            self.written.push(s.rel);
        }
        Ok(())
    }

    /// Removes staged files that will not be committed (another file failed).
    pub fn discard(&self, staged: Vec<Staged>) {
        for mut s in staged {
            let _ = s.wait();
            let _ = fs::remove_file(&s.tmp);
        }
    }

    /// Relative paths written so far, in write order.
    pub fn written(&self) -> &[PathBuf] {
        &self.written
    }
}

/// Tells the OS that a file just synced will not be read back by this run, so its pages in
/// the file cache can go at once (they are clean) and the files written after it reuse
/// them. Only a hint: it cannot fail in a way that matters, and does nothing where the OS
/// has no such advice.
fn release_cache(file: &fs::File) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: `posix_fadvise` only reads its arguments; the descriptor is open.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_rejects_escapes() {
        let dir = std::env::temp_dir().join(format!("tt-out-{}", std::process::id()));
        let mut out = OutputDir::open(&dir).unwrap();
        out.write("csv/a.csv", b"x\n").unwrap();
        assert_eq!(fs::read(dir.join("csv/a.csv")).unwrap(), b"x\n");
        assert!(!dir.join("csv/.a.csv.tmp").exists());
        assert!(matches!(
            out.write("../evil", b""),
            Err(OutputError::BadPath { .. })
        ));
        fs::remove_dir_all(&dir).unwrap();
    }

    /// Stages `bytes` as `rel`.
    fn put(out: &OutputDir, rel: &str, bytes: &[u8]) -> Staged {
        out.stage(rel, |w| {
            w.write_all(bytes).map_err(|source| OutputError::Write {
                path: rel.into(),
                source,
            })
        })
        .unwrap()
    }

    #[test]
    fn staged_files_appear_only_on_commit_and_failures_leave_nothing() {
        let dir = std::env::temp_dir().join(format!("tt-stage-{}", std::process::id()));
        let mut out = OutputDir::open(&dir).unwrap();
        let ok = put(&out, "csv/a.csv", b"a\n");
        assert!(!dir.join("csv/a.csv").exists());
        let failed = out.stage("csv/b.csv", |w| {
            w.write_all(b"half").unwrap();
            Err(OutputError::BadPath { path: "b".into() })
        });
        assert!(failed.is_err());
        assert!(!dir.join("csv/.b.csv.tmp").exists());
        out.commit(vec![ok]).unwrap();
        assert_eq!(fs::read(dir.join("csv/a.csv")).unwrap(), b"a\n");
        assert_eq!(out.written(), [PathBuf::from("csv/a.csv")]);
        let dropped = put(&out, "c.csv", b"c");
        out.discard(vec![dropped]);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "only csv/ is left");
        fs::remove_dir_all(&dir).unwrap();
    }
}
