//! Inputs: expand paths (files, folders walked recursively in sorted order; an unpacked
//! Substack export counts as its `posts.csv`), detect each file's format, decode text, and
//! dispatch to the reader registered for the format.

use super::feed::parse_feed_with;
use super::markdown::parse_markdown_with;
use super::page::parse_html_with;
use super::profile::Grammar;
use super::substack::parse_substack;
use super::text::parse_text_with;
use super::types::{Corpus, Issue, Warning};
use super::{CorpusError, Format, LoadOptions};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// A reader turns one file's bytes into issues, adding its warnings (and the posts it skipped)
/// to the corpus. Every format plugs in here: add the format's function to `reader_for` and
/// its extensions to `format_from_extension`.
pub type ReadFn = fn(&Path, &[u8], &LoadOptions, &mut Corpus) -> Result<Vec<Issue>, CorpusError>;

/// The reader for a format.
pub fn reader_for(format: Format) -> ReadFn {
    match format {
        Format::Text => read_text,
        Format::Markdown => read_markdown,
        Format::Html => read_html,
        Format::Feed => read_feed,
        Format::Substack => parse_substack,
    }
}

/// The line readers' signature: decoded text to issues, adding warnings.
type LinesFn = fn(&Path, &str, &Grammar, &mut Vec<Warning>) -> Result<Vec<Issue>, CorpusError>;

/// Decodes `bytes` and reads them with `parse` and the profile of `opts`; the skips its
/// warnings report are counted.
fn read_lines(
    parse: LinesFn,
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    c: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    let profile = opts.profile.load().map_err(CorpusError::Profile)?;
    let text = decode(path, bytes, &mut c.warnings);
    let mut warnings = Vec::new();
    let issues = parse(path, &text, &profile, &mut warnings);
    c.add_warnings(warnings);
    issues
}

fn read_text(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    c: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    read_lines(parse_text_with, path, bytes, opts, c)
}

fn read_markdown(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    c: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    read_lines(parse_markdown_with, path, bytes, opts, c)
}

fn read_html(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    c: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    read_lines(parse_html_with, path, bytes, opts, c)
}

fn read_feed(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    c: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    let profile = opts.profile.load().map_err(CorpusError::Profile)?;
    let text = decode(path, bytes, &mut c.warnings);
    parse_feed_with(path, &text, &profile, c)
}

/// Format by file extension (any case), `None` for extensions no reader claims.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "xml" | "rss" | "atom" => Some(Format::Feed),
        "zip" => Some(Format::Substack),
        _ => None,
    }
}

/// Format of a file: a Substack `posts.csv`, else its extension, else a look at its first
/// bytes: a ZIP is a Substack export, an `<rss>`, `<feed>` or `<rdf:RDF>` root a feed, other
/// markup HTML, `# ` headings or `[text](http` links Markdown, anything else plain text.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Format {
    if is_posts_csv(path) {
        return Format::Substack;
    }
    if let Some(format) = format_from_extension(path) {
        return format;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Substack;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let feed = ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|t| head.contains(t));
    let html = ["<html", "<!doctype html"].iter().any(|t| head.contains(t));
    if feed && !html {
        Format::Feed
    } else if html || head.starts_with('<') {
        Format::Html
    } else if head
        .lines()
        .any(|l| l.starts_with("# ") || l.starts_with("## "))
        || head.contains("](http")
    {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn is_posts_csv(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("posts.csv"))
}

/// An unpacked Substack export: `posts.csv` beside a `posts/` folder.
fn is_substack_folder(dir: &Path) -> bool {
    dir.join("posts.csv").is_file() && dir.join("posts").is_dir()
}

/// Decodes text: UTF-8 (BOM dropped), UTF-16 with a BOM, else UTF-8 with invalid bytes
/// replaced by U+FFFD and one warning naming the byte offset of the first invalid byte.
pub fn decode<'a>(path: &Path, bytes: &'a [u8], warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    if let Some(text) = decode_utf16(bytes) {
        return Cow::Owned(text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            warnings.push(Warning::new(
                path,
                u32::try_from(line).unwrap_or(u32::MAX),
                format!("not valid UTF-8 from byte offset {offset}; invalid bytes replaced"),
            ));
            String::from_utf8_lossy(bytes)
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (body, le) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// One file to read, and whether it was found by walking a folder (then a file that cannot
/// be read as an archive is skipped with a warning instead of stopping the run).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub from_folder: bool,
    /// The bytes of a built-in file (`crate::builtin`), read from the binary, not the disk.
    pub builtin: Option<&'static [u8]>,
}

/// What [`collect`] found: the files to read, and the topictrend report folders met while
/// walking folders, which are never read (the tool's own output is not input).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub report_folders: Vec<PathBuf>,
}

/// Expands the given paths into files, each once, in the order given (folders sorted). No
/// path at all means the built-in default archive, read as if its folder had been given.
pub fn collect(paths: &[PathBuf]) -> Result<Inputs, CorpusError> {
    if paths.is_empty() {
        let files = crate::builtin::CORPUS
            .iter()
            .map(|f| Input {
                path: PathBuf::from(f.path),
                from_folder: true,
                builtin: Some(f.bytes),
            })
            .collect();
        return Ok(Inputs {
            files,
            report_folders: Vec::new(),
        });
    }
    let mut seen = HashSet::new();
    let mut inputs = Vec::new();
    let mut report_folders = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CorpusError::NotFound { path: path.clone() },
            _ => CorpusError::Io {
                path: path.clone(),
                source: e,
            },
        })?;
        let found = if meta.is_dir() {
            walk_folder(path, &mut report_folders)?
        } else {
            vec![input(path, false)]
        };
        for i in found {
            let key = fs::canonicalize(&i.path).unwrap_or_else(|_| i.path.clone());
            if seen.insert(key) {
                inputs.push(i);
            }
        }
    }
    Ok(Inputs {
        files: inputs,
        report_folders,
    })
}

fn input(path: &Path, from_folder: bool) -> Input {
    Input {
        path: path.to_path_buf(),
        from_folder,
        builtin: None,
    }
}

/// Every non-hidden file with a known extension under `dir`, and the `posts.csv` of every
/// unpacked Substack export, sorted by path; report folders met go to `reports`.
fn walk_folder(dir: &Path, reports: &mut Vec<PathBuf>) -> Result<Vec<Input>, CorpusError> {
    let mut files = Vec::new();
    walk(dir, &mut files, reports)?;
    if files.is_empty() {
        return Err(CorpusError::NothingReadable {
            path: dir.to_path_buf(),
        });
    }
    files.sort();
    Ok(files.iter().map(|f| input(f, true)).collect())
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    reports: &mut Vec<PathBuf>,
) -> Result<(), CorpusError> {
    let io = |source| CorpusError::Io {
        path: dir.to_path_buf(),
        source,
    };
    // An unpacked Substack export is read through its posts.csv; its posts/ bodies are not
    // issue pages of their own.
    let export = is_substack_folder(dir);
    if export {
        files.push(dir.join("posts.csv"));
    }
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || (export && name == "posts") {
            continue;
        }
        // Symlinked folders are not followed (no cycles); symlinked files are read.
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            // A topictrend report inside the archive's folder (`--out archive/reports`) is
            // the tool's own output, never input.
            if path.join(crate::output::MARKER).is_file() {
                reports.push(path);
            } else {
                walk(&path, files, reports)?;
            }
        } else if path.is_file() && format_from_extension(&path).is_some() {
            files.push(path);
        }
    }
    Ok(())
}
