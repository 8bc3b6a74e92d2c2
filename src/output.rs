//! The one writer that owns the output folder: checks it up front, writes every file
//! atomically (temporary file in the same folder, then rename).

use std::fs;
use std::io::Write;
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
        let rel_path = Path::new(rel);
        if rel_path.is_absolute()
            || rel_path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(OutputError::BadPath {
                path: rel_path.to_path_buf(),
            });
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
        let mut f = fs::File::create(&tmp).map_err(werr)?;
        f.write_all(bytes).map_err(werr)?;
        f.sync_all().map_err(werr)?;
        drop(f);
        fs::rename(&tmp, &path).map_err(werr)?;
        self.written.push(rel_path.to_path_buf());
        Ok(())
    }

    /// Relative paths written so far, in write order.
    pub fn written(&self) -> &[PathBuf] {
        &self.written
    }
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
}
