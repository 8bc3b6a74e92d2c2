//! The Substack export reader: `posts.csv` (one row per post: `post_id`, `post_date`,
//! `is_published`, `title`, ...) and `posts/<post_id>.html` bodies, from the export's ZIP or
//! its unpacked folder. Each published post goes through `post::post_issue`.

use super::html::html_lines;
use super::post::{post_issue, Post};
use super::posts_csv::rows;
use super::source::decode;
use super::types::{Corpus, Issue, SourceRef, Warning};
use super::{CorpusError, LoadOptions};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use zip::ZipArchive;

/// Largest post body or `posts.csv` read from a ZIP: a guard against zip bombs.
const MAX_ENTRY: u64 = 64 << 20;

/// Reads a Substack export: `bytes` are the ZIP itself, or `path` is the unpacked export's
/// `posts.csv` (bodies in the `posts/` folder beside it).
///
/// Errors (naming the file): a ZIP that cannot be read or holds no `posts.csv`, a folder
/// without `posts/`, a `posts.csv` without a `post_id` column. Per post, reported and not
/// fatal: a missing or unreadable body (skipped and counted), a post that is no issue (see
/// `post_issue`), drafts (not read unless `include_drafts`; one warning says how many).
pub fn parse_substack(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    corpus: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    let (mut export, csv) = if bytes.starts_with(b"PK") {
        open_zip(path, bytes)?
    } else {
        (open_folder(path)?, bytes.to_vec())
    };
    let csv = decode(path, &csv, &mut corpus.warnings);
    let profile = opts.profile.load().map_err(CorpusError::Profile)?;
    let mut issues = Vec::new();
    let mut drafts = 0;
    for (seq, row) in rows(path, &csv, corpus)?.into_iter().enumerate() {
        if !row.published && !opts.include_drafts {
            drafts += 1;
            continue;
        }
        let at = SourceRef {
            file: path.to_path_buf(),
            line: row.line,
        };
        let Some((file, html)) = export.body(&row.id, &at, corpus) else {
            continue;
        };
        let text = decode(&file, &html, &mut corpus.warnings);
        let lines = match html_lines(&text) {
            Ok(lines) => lines,
            Err(why) => {
                corpus.skip(Warning::new(&file, 0, format!("post skipped: {why}")));
                continue;
            }
        };
        let source = SourceRef { file, line: 0 };
        let post = Post {
            seq,
            ..Post::new(&row.title, row.date.as_deref(), lines, source)
        };
        issues.extend(post_issue(post, &profile, corpus));
    }
    if drafts > 0 {
        corpus.warnings.push(Warning::new(
            path,
            0,
            format!("{drafts} unpublished draft(s) not read (--include-drafts reads them)"),
        ));
    }
    Ok(issues)
}

/// Where the post bodies are.
enum Store<'a> {
    /// The unpacked export's `posts/` folder.
    Folder(PathBuf),
    /// The ZIP, and the path of `posts/` inside it (`posts/` or `<top folder>/posts/`).
    Zip(ZipArchive<Cursor<&'a [u8]>>, String),
}

struct Export<'a> {
    /// The ZIP or `posts.csv`, for messages and paths.
    path: PathBuf,
    /// File names (without folder) of the `.html` files in `posts/`, sorted.
    bodies: Vec<String>,
    store: Store<'a>,
}

fn format_error(path: &Path, message: String) -> CorpusError {
    CorpusError::Format {
        path: path.to_path_buf(),
        message,
    }
}

/// The export in a ZIP, and its `posts.csv` bytes (the shallowest `posts.csv`).
fn open_zip<'a>(path: &Path, bytes: &'a [u8]) -> Result<(Export<'a>, Vec<u8>), CorpusError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format_error(path, format!("not a readable ZIP archive: {e}")))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(String::from)
        .collect();
    let csv_name = names
        .iter()
        .filter(|n| *n == "posts.csv" || n.ends_with("/posts.csv"))
        .min_by_key(|n| (n.matches('/').count(), n.as_str()))
        .ok_or_else(|| {
            let message = "ZIP archive holds no posts.csv: not a Substack export".to_string();
            format_error(path, message)
        })?;
    let posts = format!("{}posts/", csv_name.trim_end_matches("posts.csv"));
    let csv = read_entry(&mut zip, csv_name).map_err(|e| format_error(path, e))?;
    let bodies = html_names(names.iter().filter_map(|n| n.strip_prefix(posts.as_str())));
    let export = Export {
        path: path.to_path_buf(),
        bodies,
        store: Store::Zip(zip, posts),
    };
    Ok((export, csv))
}

/// The unpacked export whose `posts.csv` is `path`.
fn open_folder(path: &Path) -> Result<Export<'static>, CorpusError> {
    let dir = path.parent().unwrap_or(Path::new(".")).join("posts");
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| format_error(path, format!("no readable posts/ folder beside it ({e})")))?;
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    Ok(Export {
        path: path.to_path_buf(),
        bodies: html_names(names.iter().map(String::as_str)),
        store: Store::Folder(dir),
    })
}

/// The `.html` names directly in a folder, sorted.
fn html_names<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    let mut v: Vec<String> = names
        .filter(|n| !n.contains('/') && n.to_ascii_lowercase().ends_with(".html"))
        .map(String::from)
        .collect();
    v.sort();
    v
}

fn read_entry(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let entry = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_ENTRY {
        return Err(format!("{name}: larger than {} MiB", MAX_ENTRY >> 20));
    }
    Ok(bytes)
}

impl Export<'_> {
    /// The body of post `id` (`posts/<id>.html` or `posts/<id>.<slug>.html`) and its path
    /// (inside a ZIP: `export.zip/posts/...`). Missing or unreadable: reported, counted, `None`.
    fn body(
        &mut self,
        id: &str,
        at: &SourceRef,
        corpus: &mut Corpus,
    ) -> Option<(PathBuf, Vec<u8>)> {
        let found = match self.find(id) {
            Some(name) => self.read(&name),
            None => Err(format!(
                "post {id}: neither posts/{id}.html nor posts/{id}.<slug>.html is in the export"
            )),
        };
        match found {
            Ok((file, bytes)) => {
                if matches!(self.store, Store::Folder(_)) {
                    corpus.bytes += bytes.len() as u64;
                }
                Some((file, bytes))
            }
            Err(message) => {
                corpus.skip(Warning::new(
                    &at.file,
                    at.line,
                    format!("{message}: skipped"),
                ));
                None
            }
        }
    }

    /// `<id>.html`, else the first `<id>.<slug>.html`: binary searches of the sorted names,
    /// so an export of many posts is not searched whole once per post.
    fn find(&self, id: &str) -> Option<String> {
        let exact = format!("{id}.html");
        if self.bodies.binary_search(&exact).is_ok() {
            return Some(exact);
        }
        let prefix = format!("{id}.");
        let at = self
            .bodies
            .partition_point(|n| n.as_str() < prefix.as_str());
        self.bodies
            .get(at)
            .filter(|n| n.starts_with(&prefix))
            .cloned()
    }

    fn read(&mut self, name: &str) -> Result<(PathBuf, Vec<u8>), String> {
        match &mut self.store {
            Store::Folder(dir) => {
                let file = dir.join(name);
                match std::fs::read(&file) {
                    Ok(bytes) => Ok((file, bytes)),
                    Err(e) => Err(format!("{}: cannot read: {e}", file.display())),
                }
            }
            Store::Zip(zip, posts) => {
                let inner = format!("{posts}{name}");
                let bytes = read_entry(zip, &inner)?;
                Ok((self.path.join(inner), bytes))
            }
        }
    }
}
