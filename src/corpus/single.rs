//! One post per file (a blog's `posts/` folder, saved pages): a Markdown, text or HTML file
//! read as one issue. Its title, date and number come from its front matter (`title`, `date`,
//! `issue`) when it has one, else from its first heading (a page's `<title>`) searched by the
//! profile, and its date from a date line, the title or the file name (see `numbering`).
//!
//! `load` reads a file this way when `--one-per-file` is given, when the file opens with
//! front matter, or when it holds no issue heading and the profile numbers issues by date.

use super::frontmatter::{front_matter, FrontMatter};
use super::html::{doc_lines, title};
use super::markdown::markdown_lines;
use super::page::{meta_date, parse_page};
use super::post::{post_issue, Post};
use super::profile::Grammar;
use super::source::decode;
use super::text::{text_lines, Line, Shape};
use super::types::{Corpus, Issue, SourceRef, Warning};
use super::{CorpusError, Format};
use std::borrow::Cow;
use std::path::Path;

/// Reads `bytes` (of `format`: text, Markdown or HTML) as one post: its issue, or none when
/// the post is no issue under the profile (reported and counted in `corpus`).
pub(crate) fn read_post_file(
    path: &Path,
    bytes: &[u8],
    format: Format,
    p: &Grammar,
    corpus: &mut Corpus,
) -> Result<Vec<Issue>, CorpusError> {
    let text = decode(path, bytes, &mut corpus.warnings);
    if text.trim().is_empty() {
        return Err(CorpusError::Empty {
            path: path.to_path_buf(),
        });
    }
    let source = SourceRef {
        file: path.to_path_buf(),
        line: 0,
    };
    let issue = if format == Format::Html {
        let doc = parse_page(path, &text)?;
        let page_title = title(&doc);
        let date = meta_date(&doc).map(|d| d.to_string());
        let lines = doc_lines(&doc);
        let title = page_title.unwrap_or_else(|| first_title(&lines, format, path));
        post_issue(Post::new(&title, date.as_deref(), lines, source), p, corpus)
    } else {
        let front = front(path, &text, corpus);
        // The front matter's lines are blank for the reader, so lines keep their numbers.
        let rest = match &front {
            Some(fm) => Cow::Owned(blank_lines(&text, fm.lines)),
            None => Cow::Borrowed(&*text),
        };
        let lines = match format {
            Format::Markdown => markdown_lines(&rest),
            _ => text_lines(&rest),
        };
        let fm = front.unwrap_or_default();
        let title = fm
            .title
            .unwrap_or_else(|| first_title(&lines, format, path));
        let post = Post {
            number: fm.issue,
            written: fm.date.as_deref(),
            ..Post::new(&title, None, lines, source)
        };
        post_issue(post, p, corpus)
    };
    Ok(issue.into_iter().collect())
}

/// The front matter, if any; an unreadable one is reported (the post is still read).
fn front(path: &Path, text: &str, corpus: &mut Corpus) -> Option<FrontMatter> {
    match front_matter(text)? {
        Ok(fm) => Some(fm),
        Err((line, why)) => {
            corpus
                .warnings
                .push(Warning::new(path, line, format!("{why}; not read")));
            // The block is still no part of the post.
            let lines = text
                .lines()
                .skip(1)
                .position(|l| matches!(l.trim_end(), "---" | "..." | "+++"));
            Some(FrontMatter {
                lines: lines.map_or(0, |n| n + 2),
                ..FrontMatter::default()
            })
        }
    }
}

/// `text` with its first `n` lines emptied (their line ends kept).
fn blank_lines(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i < n {
            out.push_str(if line.ends_with("\r\n") { "\r\n" } else { "\n" });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A post's title when no metadata gives one: its first line when that is a heading (or, in
/// plain text, any first line), else the file's name without extension.
fn first_title(lines: &[Line], format: Format, path: &Path) -> String {
    let first = lines.iter().find(|l| !l.is_blank());
    let heading = first.filter(|l| format == Format::Text || matches!(l.shape, Shape::Heading(_)));
    match heading {
        Some(l) => l.text.trim().to_string(),
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// A file that held no issue heading, tried as one post (a profile numbering by date): its
/// issue, with what reading it reported added to `corpus`; `None` (nothing added) when it is
/// no post either.
pub(crate) fn fallback(
    path: &Path,
    bytes: &[u8],
    format: Format,
    p: &Grammar,
    corpus: &mut Corpus,
) -> Option<Vec<Issue>> {
    let mut trial = Corpus::default();
    let issues = read_post_file(path, bytes, format, p, &mut trial).ok()?;
    if issues.is_empty() {
        return None;
    }
    corpus.add_warnings(trial.warnings);
    Some(issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{DateSource, Profile};

    fn read(name: &str, text: &str, format: Format) -> (Vec<Issue>, Corpus) {
        let mut c = Corpus::default();
        let issues = read_post_file(
            Path::new(name),
            text.as_bytes(),
            format,
            Profile::generic(),
            &mut c,
        )
        .unwrap();
        (issues, c)
    }

    #[test]
    fn markdown_with_and_without_front_matter() {
        let (issues, c) = read(
            "2021-03-12-x.md",
            "---\ntitle: Data contracts\ndate: 2021-03-12\nissue: 12\n---\n\nIntro.\n\n## Tools\n\n- One.\n",
            Format::Markdown,
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        let i = &issues[0];
        assert_eq!((i.number, i.heading.as_str()), (12, "Data contracts"));
        assert_eq!(
            (i.date.map(|d| d.to_string()), i.date_source),
            (Some("2021-03-12".into()), DateSource::Written)
        );
        assert_eq!((i.items.len(), i.items[0].line), (3, 7));
        let (issues, _) = read(
            "x.md",
            "# Lakehouse Letters No. 16: streams\n\nIntro.\n",
            Format::Markdown,
        );
        assert_eq!(
            (issues[0].number, issues[0].heading.as_str()),
            (16, "Lakehouse Letters No. 16: streams")
        );
        assert_eq!(issues[0].items.len(), 1);
    }

    #[test]
    fn bad_front_matter_warns_and_reads_the_post() {
        let (issues, c) = read(
            "x.md",
            "---\ntitle: [oops\n---\n# Issue 3\n\nText.\n",
            Format::Markdown,
        );
        assert_eq!(issues[0].number, 3);
        assert!(
            c.warnings[0].message.contains("not readable YAML"),
            "{:?}",
            c.warnings
        );
        assert_eq!(blank_lines("a\r\nb\nc", 2), "\r\n\nc");
    }
}
