//! The one writer that owns the output folder and replaces it as a whole.
//!
//! A report is written into a staging folder beside the target (`.NAME.staging-PID` in the
//! same parent, so on the same file system): every file is *staged* there (streamed, then
//! synced to disk on a thread of its own; staging is `&self`, so files can be staged in
//! parallel), and only when all of them are written is the report *committed*: the staging
//! folder is exchanged with the target in one atomic step (`renameat2(RENAME_EXCHANGE)` on
//! Linux; elsewhere, or on a file system without it, two renames), and the old report,
//! now in the staging folder's place, is removed. A reader sees the old report or the new
//! one, whole; files of earlier runs cannot survive.
//!
//! [`OutputDir`] is the staging guard: dropped before [`OutputDir::commit`] (a failed stage,
//! an error anywhere in the run), it removes the staging folder and leaves the target as it
//! was. A run killed outright cannot clean up; its staging folder is removed by the next run
//! (its process is gone). A report folder carries a marker file, [`MARKER`]: a non-empty
//! target without it (`--out .`, a folder of the user's notes) is refused unless forced, so
//! the tool never deletes what it did not write.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file that marks a folder as a topictrend report, which the tool may replace.
pub const MARKER: &str = ".topictrend-report";

const MARKER_TEXT: &[u8] =
    b"This folder is a topictrend report: each `topictrend report` run replaces it as a whole.\n";

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
    #[error("{path}: is a file; --out names the folder the report is written to")]
    NotAFolder { path: PathBuf },
    #[error(
        "{path}: not empty and not a topictrend report (no {MARKER} file); the report replaces \
         its folder as a whole, so choose an empty or new folder, or pass --force to delete \
         everything in it"
    )]
    NotAReport { path: PathBuf },
}

impl OutputError {
    /// The same error, naming `path` as the user gave it.
    fn at(self, path: &Path) -> OutputError {
        let path = path.to_path_buf();
        match self {
            OutputError::NotWritable { source, .. } => OutputError::NotWritable { path, source },
            OutputError::NotAFolder { .. } => OutputError::NotAFolder { path },
            OutputError::NotAReport { .. } => OutputError::NotAReport { path },
            other => other,
        }
    }
}

/// A file written into the staging folder, waiting for [`OutputDir::commit`].
#[derive(Debug)]
pub struct Staged {
    rel: PathBuf,
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

/// Owns an output folder for one run: stages files beside it and swaps them in as a whole.
#[derive(Debug)]
pub struct OutputDir {
    /// Where the report goes (absolute).
    target: PathBuf,
    /// Where it is written first; removed on drop unless committed.
    staging: PathBuf,
    committed: bool,
    written: Vec<PathBuf>,
}

impl OutputDir {
    /// Checks the target (a folder or nothing; a non-empty folder only if it is a report, or
    /// `force`), removes staging folders that killed runs left beside it, and creates this
    /// run's staging folder, before any work is done.
    pub fn open(given: &Path, force: bool) -> Result<OutputDir, OutputError> {
        let err = |source| OutputError::NotWritable {
            path: given.to_path_buf(),
            source,
        };
        let target = std::path::absolute(given).map_err(err)?;
        check_target(&target, force).map_err(|e| e.at(given))?;
        let (parent, prefix) = staging_prefix(&target);
        fs::create_dir_all(&parent).map_err(err)?;
        remove_stale(&parent, &prefix);
        let staging = parent.join(format!("{prefix}{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(err)?;
        }
        fs::create_dir(&staging).map_err(err)?;
        Ok(OutputDir {
            target,
            staging,
            committed: false,
            written: Vec::new(),
        })
    }

    /// The staging folder: files staged so far, and room for a run's scratch files (which
    /// must be gone before the commit).
    pub fn root(&self) -> &Path {
        &self.staging
    }

    /// The folder the report is committed to.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Stages `bytes` as `rel` (e.g. `csv/mentions.csv`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<Staged, OutputError> {
        self.stage(rel, |w| {
            w.write_all(bytes).map_err(|source| OutputError::Write {
                path: self.target.join(rel),
                source,
            })
        })
    }

    /// Streams a file to `rel` in the staging folder: `fill` writes the content (buffered),
    /// then the file is flushed, and synced to disk on a thread of its own, so the caller goes
    /// on computing while the disk catches up ([`commit`](Self::commit) waits for every sync).
    /// Nothing is visible in the target until `commit`. On any error the file is removed.
    pub fn stage<E: From<OutputError>>(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    ) -> Result<Staged, E> {
        let rel_path = Path::new(rel);
        if rel_path.is_absolute()
            || rel_path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
            || rel == MARKER
        {
            return Err(OutputError::BadPath {
                path: rel_path.to_path_buf(),
            }
            .into());
        }
        let path = self.staging.join(rel_path);
        let werr = |source| OutputError::Write {
            path: self.target.join(rel_path),
            source,
        };
        let dir = path.parent().unwrap_or(&self.staging);
        fs::create_dir_all(dir).map_err(werr)?;
        let file = fs::File::create(&path).map_err(werr)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        let written =
            fill(&mut w).and_then(|()| w.into_inner().map_err(|e| werr(e.into_error()).into()));
        let file = match written {
            Ok(file) => file,
            Err(e) => {
                let _ = fs::remove_file(&path);
                return Err(e);
            }
        };
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
                if let Err(source) = fs::File::open(&path).and_then(|f| f.sync_all()) {
                    let _ = fs::remove_file(&path);
                    return Err(werr(source).into());
                }
                None
            }
        };
        Ok(Staged {
            rel: rel_path.to_path_buf(),
            path,
            synced,
        })
    }

    /// Waits until every staged file is on disk, marks the staging folder as a report and
    /// swaps it in for the target as a whole. If a file cannot be synced, nothing changes.
    pub fn commit(&mut self, mut staged: Vec<Staged>) -> Result<(), OutputError> {
        let synced: Vec<Result<(), OutputError>> = staged.iter_mut().map(Staged::wait).collect();
        if let Some(Err(e)) = synced.into_iter().find(Result::is_err) {
            return Err(e);
        }
        let werr = |path: &Path, source| OutputError::Write {
            path: path.to_path_buf(),
            source,
        };
        let marker = self.staging.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| werr(&marker, e))?;
        sync_tree(&self.staging).map_err(|e| werr(&self.target, e))?;
        swap::replace(&self.staging, &self.target).map_err(|e| werr(&self.target, e))?;
        self.committed = true;
        // The old report is where the staging folder was; nothing refers to it any more.
        let _ = fs::remove_dir_all(&self.staging);
        if let Some(parent) = self.target.parent() {
            let _ = sync_dir(parent);
        }
        self.written = staged.into_iter().map(|s| s.rel).collect();
        Ok(())
    }

    /// Relative paths of the committed report, in staging order.
    pub fn written(&self) -> &[PathBuf] {
        &self.written
    }
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The target may be missing, an empty folder, or a report; anything else needs `force`.
fn check_target(target: &Path, force: bool) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(OutputError::NotWritable {
                path: target.to_path_buf(),
                source,
            })
        }
    };
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder {
            path: target.to_path_buf(),
        });
    }
    let empty = fs::read_dir(target)
        .map_err(|source| OutputError::NotWritable {
            path: target.to_path_buf(),
            source,
        })?
        .next()
        .is_none();
    if empty || force || target.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(OutputError::NotAReport {
            path: target.to_path_buf(),
        })
    }
}

/// The parent of `target` and the name prefix of its staging folders (`.NAME.staging-`).
fn staging_prefix(target: &Path) -> (PathBuf, String) {
    let parent = target
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let name = target
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    (parent, format!(".{name}.staging-"))
}

/// Removes the staging folders of runs that are no longer running (killed before they could
/// clean up). A folder of a live run, or one whose process cannot be checked, is left alone.
fn remove_stale(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs (on Unix; elsewhere assumed so, to be safe).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Syncs every folder of the staged tree, so the files' names are on disk before the swap.
fn sync_tree(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The one step that puts the new report in place.
mod swap {
    use std::path::Path;

    /// Moves the folder `new` to `target`; an existing target ends up at `new`'s path.
    pub fn replace(new: &Path, target: &Path) -> std::io::Result<()> {
        if std::fs::symlink_metadata(target).is_err() {
            return std::fs::rename(new, target);
        }
        match exchange(new, target) {
            Ok(()) => Ok(()),
            // No atomic exchange here: move the old report aside, then the new one in.
            Err(_) => {
                let aside = new.with_extension("old");
                std::fs::rename(target, &aside)?;
                std::fs::rename(new, target)?;
                std::fs::rename(&aside, new)
            }
        }
    }

    /// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`).
    #[cfg(target_os = "linux")]
    fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            CString::new(p.as_os_str().as_bytes())
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
        };
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: both paths are NUL-terminated strings that outlive the call.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
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

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tt-out-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn put(out: &OutputDir, rel: &str, bytes: &[u8]) -> Staged {
        out.write(rel, bytes).unwrap()
    }

    #[test]
    fn a_commit_replaces_the_folder_as_a_whole() {
        let parent = scratch("whole");
        let target = parent.join("rep");
        let mut out = OutputDir::open(&target, false).unwrap();
        let staged = vec![put(&out, "csv/a.csv", b"a\n"), put(&out, "old.md", b"x")];
        assert!(!target.exists(), "nothing visible before the commit");
        out.commit(staged).unwrap();
        assert_eq!(names(&target), [MARKER, "csv", "old.md"]);
        let mut out = OutputDir::open(&target, false).unwrap();
        let staged = vec![put(&out, "csv/b.csv", b"b\n")];
        out.commit(staged).unwrap();
        assert_eq!(
            names(&target),
            [MARKER, "csv"],
            "old.md of the first run is gone"
        );
        assert_eq!(names(&target.join("csv")), ["b.csv"]);
        assert_eq!(names(&parent), ["rep"], "no staging folder left");
        assert!(matches!(
            out.write("../evil", b""),
            Err(OutputError::BadPath { .. })
        ));
        assert!(matches!(
            out.write(MARKER, b""),
            Err(OutputError::BadPath { .. })
        ));
        fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn a_dropped_guard_leaves_the_old_report_and_no_staging() {
        let parent = scratch("drop");
        let target = parent.join("rep");
        let mut out = OutputDir::open(&target, false).unwrap();
        let staged = vec![put(&out, "a.md", b"old")];
        out.commit(staged).unwrap();
        {
            let out = OutputDir::open(&target, false).unwrap();
            let _ = put(&out, "a.md", b"new");
            let failed = out.stage("b.md", |w| {
                w.write_all(b"half").unwrap();
                Err(OutputError::BadPath { path: "b".into() })
            });
            assert!(failed.is_err());
        }
        assert_eq!(fs::read(target.join("a.md")).unwrap(), b"old");
        assert_eq!(names(&parent), ["rep"]);
        fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn a_folder_that_is_not_a_report_is_refused_unless_forced() {
        let parent = scratch("refuse");
        let notes = parent.join("notes");
        fs::create_dir_all(&notes).unwrap();
        fs::write(notes.join("README.md"), b"mine").unwrap();
        assert!(matches!(
            OutputDir::open(&notes, false),
            Err(OutputError::NotAReport { .. })
        ));
        assert_eq!(
            names(&parent),
            ["notes"],
            "refused before anything is created"
        );
        let file = parent.join("file.txt");
        fs::write(&file, b"x").unwrap();
        assert!(matches!(
            OutputDir::open(&file, true),
            Err(OutputError::NotAFolder { .. })
        ));
        let mut out = OutputDir::open(&notes, true).unwrap();
        let staged = vec![put(&out, "report.md", b"r")];
        out.commit(staged).unwrap();
        assert_eq!(names(&notes), [MARKER, "report.md"]);
        fs::remove_dir_all(&parent).unwrap();
    }

    #[test]
    fn a_staging_folder_of_a_dead_run_is_removed() {
        let parent = scratch("stale");
        let target = parent.join("rep");
        // No process has id u32::MAX - 1 (Linux pids are below 2^22).
        let stale = parent.join(format!(".rep.staging-{}", u32::MAX - 1));
        fs::create_dir_all(stale.join("csv")).unwrap();
        fs::write(stale.join("csv/big.csv"), b"left by a killed run").unwrap();
        let other = parent.join(".other.staging-1");
        fs::create_dir_all(&other).unwrap();
        let out = OutputDir::open(&target, false).unwrap();
        assert!(!stale.exists());
        assert!(
            other.exists(),
            "another target's staging is not ours to remove"
        );
        drop(out);
        fs::remove_dir_all(&parent).unwrap();
    }
}
