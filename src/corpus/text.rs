//! The plain-text reader: split a file into issues at their headings, take the written date
//! line, and hand each issue's body to `items`. Markdown is cleaned into the same `Line`s.

use super::heading::{clip, is_banner, scan_heading, scan_written_date, Heading, Scan, Written};
use super::items::build_items;
use super::numbering;
use super::profile::{Grammar, Profile};
use super::types::{DateSource, Issue, SourceRef, Warning};
use super::CorpusError;
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::Path;

/// One source line after format-specific clean-up.
/// Plain text borrows its lines from the decoded file; the other readers own theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the file.
    pub no: u32,
    pub text: Cow<'a, str>,
    /// Links lifted out of the line (Markdown `[text](url)`); plain text has none.
    pub links: Vec<String>,
    /// The line starts a new paragraph even without a blank line above (Markdown bullets,
    /// headings and the line under a heading).
    pub break_before: bool,
    /// What the markup made of the line; `Plain` in plain text.
    pub shape: Shape,
}

/// The markup a line came from, for the `blocks` layout (the `paragraphs` layout ignores it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Shape {
    #[default]
    Plain,
    /// A heading of this level (HTML `<h1>`-`<h6>`, Markdown `#`).
    Heading(u8),
    /// A list entry (HTML `<li>`, a Markdown bullet).
    ListItem,
    /// Nothing but bold text (`<p><strong>Title</strong></p>`, `**Further reading**`).
    Bold,
    /// Nothing but one link's text (`<p><a href>Title</a></p>`).
    Link,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The same line owning its text.
    pub fn into_owned(self) -> Line<'static> {
        Line {
            no: self.no,
            text: Cow::Owned(self.text.into_owned()),
            links: self.links,
            break_before: self.break_before,
            shape: self.shape,
        }
    }
}

/// Parses a plain-text archive (one or more issues) into issues, in file order, dated only
/// when a date is written under (or on) the heading; `assign_dates` does the rest. Read with
/// the `dew` profile.
pub fn parse_text(
    file: &Path,
    text: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    parse_text_with(file, text, Profile::dew(), warnings)
}

/// [`parse_text`] with a profile.
pub(crate) fn parse_text_with(
    file: &Path,
    text: &str,
    p: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    // Bare line slices (16 bytes a line): a full `Line` is made only for the lines of the
    // issue being built, so a large archive never holds a `Line` for every line at once.
    parse_lines(file, &split_lines(text), p, warnings)
}

/// Splits text into numbered lines, borrowing from `text`; accepts `\n`, `\r\n` and lone
/// `\r` endings and a BOM.
pub(crate) fn text_lines(text: &str) -> Vec<Line<'_>> {
    split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(i, t)| Line {
            no: line_no(i),
            text: Cow::Borrowed(t),
            ..Line::default()
        })
        .collect()
}

/// The lines of `text` (line `i` is number `i + 1`) without their line ends and trailing
/// spaces; accepts `\n`, `\r\n` and lone `\r` endings and a BOM.
fn split_lines(text: &str) -> Vec<&str> {
    split_lines_from(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// [`split_lines`] of text that does not start a file (a BOM there is text).
fn split_lines_from(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    if text.contains('\r') {
        // `\r\n` is one break, a lone `\r` another.
        let mut rest = text;
        while let Some(at) = rest.find(['\r', '\n']) {
            lines.push(rest[..at].trim_end());
            let crlf = rest[at..].starts_with("\r\n");
            rest = &rest[at + if crlf { 2 } else { 1 }..];
        }
        lines.push(rest.trim_end());
    } else {
        lines.extend(text.split('\n').map(str::trim_end));
    }
    lines
}

/// A line as the issue splitter sees it. Readers that clean their lines (Markdown, HTML,
/// feeds) hand over `Line`s; plain text hands over bare `&str` slices of the file.
pub(crate) trait SourceLine: Sync {
    fn text(&self) -> &str;
    /// 1-based line number of this line, found at `index`.
    fn number(&self, index: usize) -> u32;
    /// This line as a `Line`, found at `index`.
    fn line(&self, index: usize) -> Line<'_>;
    fn is_blank(&self) -> bool {
        self.text().trim().is_empty()
    }
    /// Runs `f` on `lines[range]` as `Line`s (made one by one with [`line`](Self::line)).
    fn with_lines<R>(
        lines: &[Self],
        range: std::ops::Range<usize>,
        f: impl FnOnce(&[Line<'_>]) -> R,
    ) -> R
    where
        Self: Sized,
    {
        made_lines(lines, range, f)
    }
}

impl SourceLine for Line<'_> {
    fn text(&self) -> &str {
        &self.text
    }

    fn number(&self, _: usize) -> u32 {
        self.no
    }

    fn line(&self, _: usize) -> Line<'_> {
        self.clone()
    }

    fn with_lines<R>(
        lines: &[Self],
        range: std::ops::Range<usize>,
        f: impl FnOnce(&[Line<'_>]) -> R,
    ) -> R {
        f(&lines[range])
    }
}

impl SourceLine for &str {
    fn text(&self) -> &str {
        self
    }

    fn number(&self, index: usize) -> u32 {
        line_no(index)
    }

    fn line(&self, index: usize) -> Line<'_> {
        Line {
            no: line_no(index),
            text: Cow::Borrowed(self),
            ..Line::default()
        }
    }
}

/// `SourceLine::with_lines` for bare line slices: the `Line`s of `range` made for `f` only.
fn made_lines<L: SourceLine, R>(
    lines: &[L],
    range: std::ops::Range<usize>,
    f: impl FnOnce(&[Line<'_>]) -> R,
) -> R {
    let made: Vec<Line<'_>> = range.map(|i| lines[i].line(i)).collect();
    f(&made)
}

/// 1-based line number from a 0-based index, saturating (no file has 4 billion lines).
pub(crate) fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Splits cleaned lines into issues. Errors: `Empty` (no text at all) and `NoIssues`.
pub(crate) fn parse_lines<L: SourceLine>(
    file: &Path,
    lines: &[L],
    p: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Issue>, CorpusError> {
    if lines.iter().all(SourceLine::is_blank) {
        return Err(CorpusError::Empty {
            path: file.to_path_buf(),
        });
    }
    let heads = headings(lines, p);
    if let Some(e) = no_issue(file, &heads, |at| lines[at].number(at)) {
        return Err(e);
    }
    Ok(parse_segment(file, lines, heads, true, p, warnings))
}

/// Every line shaped like a heading in `lines`, found in parallel.
fn headings<L: SourceLine>(lines: &[L], p: &Grammar) -> Vec<(usize, Scan)> {
    lines
        .par_iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, scan_heading(p, l.text())?)))
        .collect()
}

/// The error for lines with no issue heading: the first heading that cannot be read when
/// there is one (`number(index)` gives its line), else `NoIssues`. `None` when a heading is
/// read.
fn no_issue(
    file: &Path,
    heads: &[(usize, Scan)],
    number: impl Fn(usize) -> u32,
) -> Option<CorpusError> {
    if heads.iter().any(|(_, s)| matches!(s, Scan::Heading(_))) {
        return None;
    }
    let path = file.to_path_buf();
    Some(
        match heads.iter().find(|(_, s)| matches!(s, Scan::Unread(_))) {
            Some((at, Scan::Unread(why))) => CorpusError::UnreadHeading {
                path,
                line: number(*at),
                why: why.clone(),
            },
            _ => CorpusError::NoIssues { path },
        },
    )
}

/// The lines that split a file into issues: headings, read or not (the lines under a heading
/// that cannot be read belong to no issue, not to the issue above).
fn is_split(scan: &Scan) -> bool {
    matches!(scan, Scan::Heading(_) | Scan::Unread(_))
}

/// The issues of a run of lines that ends where an issue ends (the file's end or the start
/// of the next issue), given its heading-like lines. Lines before the first heading are
/// reported as ignored when they start the file (`first`); later runs start at an issue.
/// The lines under a heading that cannot be read are skipped with a warning; a line that
/// starts like a heading but is none stays text, with a warning.
fn parse_segment<L: SourceLine>(
    file: &Path,
    lines: &[L],
    heads: Vec<(usize, Scan)>,
    first: bool,
    p: &Grammar,
    warnings: &mut Vec<Warning>,
) -> Vec<Issue> {
    let (splits, texts): (Vec<_>, Vec<_>) = heads.into_iter().partition(|(_, s)| is_split(s));
    let preamble = splits
        .first()
        .map_or(lines.len(), |&(at, _)| banner_start(p, lines, at));
    if first {
        warn_preamble(file, &lines[..preamble], warnings);
    }
    // Issues are independent once their line ranges are known: build them in parallel.
    let built: Vec<(Option<Issue>, Vec<Warning>)> = splits
        .par_iter()
        .enumerate()
        .map(|(k, (at, scan))| {
            let end = splits
                .get(k + 1)
                .map_or(lines.len(), |&(next, _)| banner_start(p, lines, next))
                .max(at + 1);
            match scan {
                Scan::Heading(heading) => {
                    let (issue, mut found) = build_issue(file, lines, (*at, heading), end, p);
                    let inside = texts.partition_point(|(i, _)| i < at)
                        ..texts.partition_point(|(i, _)| *i < end);
                    found.extend(texts[inside].iter().map(|(i, scan)| {
                        not_heading(file, lines, *i, scan).of_issue(issue.number)
                    }));
                    (Some(issue), found)
                }
                _ => (None, vec![unread_block(file, lines, *at..end, scan)]),
            }
        })
        .collect();
    let mut issues = Vec::with_capacity(built.len());
    for (issue, mut found) in built {
        warnings.append(&mut found);
        issues.extend(issue);
    }
    issues
}

/// The warning for a line that starts like a heading but is read as text.
fn not_heading<L: SourceLine>(file: &Path, lines: &[L], at: usize, scan: &Scan) -> Warning {
    let why = scan.why();
    let line = &lines[at];
    let message = format!(
        "`{}` is not read as an issue heading ({why}): kept as text",
        clip(line.text().trim(), 60)
    );
    warning(file, line.number(at), message)
}

/// The warning for a heading that cannot be read at `range.start`, skipping its lines.
fn unread_block<L: SourceLine>(
    file: &Path,
    lines: &[L],
    range: std::ops::Range<usize>,
    scan: &Scan,
) -> Warning {
    let why = scan.why();
    let at = range.start;
    let last = lines[range.clone()]
        .iter()
        .rposition(|l| !l.is_blank())
        .map_or(at, |k| at + k);
    let skipped = match lines[last].number(last) {
        // Lines without numbers (HTML blocks): count them.
        0 => format!("the {} line(s) under it skipped", range.len() - 1),
        last => format!("its lines up to line {last} skipped"),
    };
    let message = format!(
        "issue heading `{}` not read: {why}; {skipped}",
        clip(lines[at].text().trim(), 60)
    );
    warning(file, lines[at].number(at), message).skipping()
}

/// Bytes read at a time when a plain-text file is streamed (see [`parse_text_stream`]).
pub(crate) const STREAM_BLOCK: usize = 32 << 20;

/// A line of a streamed file with its 1-based number in the file.
struct Numbered<'a>(&'a str, u32);

impl SourceLine for Numbered<'_> {
    fn text(&self) -> &str {
        self.0
    }

    fn number(&self, _: usize) -> u32 {
        self.1
    }

    fn line(&self, _: usize) -> Line<'_> {
        Line {
            no: self.1,
            text: Cow::Borrowed(self.0),
            ..Line::default()
        }
    }
}

/// [`parse_text`] on a file read `block` bytes at a time, so a large archive is never in
/// memory twice (as bytes and as issues): each step parses the complete issues read so far
/// (up to the start of the last issue heading seen, banner included) and keeps the rest for
/// the next step. Gives exactly `parse_text`'s issues and warnings (a test checks this with
/// tiny blocks), and `None`, having reported nothing, for input it does not handle: UTF-16,
/// or bytes that are not valid UTF-8 (the whole-file path decodes those and says where).
pub(crate) fn parse_text_stream(
    file: &Path,
    mut input: impl std::io::Read,
    (block, p): (usize, &Grammar),
    warnings: &mut Vec<Warning>,
    sink: &mut dyn super::Sink,
) -> Result<Option<(Vec<Issue>, u64)>, CorpusError> {
    use std::io::Read;
    let io = |source| CorpusError::Io {
        path: file.to_path_buf(),
        source,
    };
    let mut buf: Vec<u8> = Vec::new();
    let (mut issues, mut found) = (Vec::new(), Vec::new());
    // Number of the first line in `buf`; whether the file's start has been parsed; whether
    // any line so far has text; bytes read.
    let (mut first_line, mut started, mut any_text, mut total) = (1usize, false, false, 0u64);
    let mut eof = false;
    // The first heading that cannot be read (0-based line index), for the error when the
    // file has no issue.
    let mut unread: Vec<(usize, Scan)> = Vec::new();
    while !eof {
        // Up to `block` more bytes. `read_to_end` grows the buffer as bytes arrive, so a
        // small file costs what it holds: zero-filling a whole block first (32 MiB) for every
        // file made a folder of 647 one-issue files (3 MB) take 15.9 s instead of 0.35 s.
        let want = block.max(1) as u64;
        let n = input
            .by_ref()
            .take(want)
            .read_to_end(&mut buf)
            .map_err(io)?;
        total += n as u64;
        eof = (n as u64) < want;
        let at_start = !started && first_line == 1;
        if at_start && (buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF])) {
            return Ok(None);
        }
        let skip = if at_start && buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let body = &buf[skip..];
        let complete = if eof {
            body.len()
        } else {
            match memchr::memrchr(b'\n', body) {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let Ok(text) = std::str::from_utf8(&body[..complete]) else {
            return Ok(None);
        };
        let mut lines = if at_start {
            split_lines(text)
        } else {
            split_lines_from(text)
        };
        if !eof {
            // The empty piece after the last line end: the next line starts in the next block.
            lines.pop();
        }
        let heads = headings(&lines, p);
        let cut = match heads.iter().rfind(|(_, s)| is_split(s)) {
            _ if eof => lines.len(),
            Some(&(at, _)) => banner_start(p, &lines, at),
            None => 0,
        };
        if cut == 0 && !eof {
            continue;
        }
        let numbered: Vec<Numbered> = lines[..cut]
            .iter()
            .enumerate()
            .map(|(i, t)| Numbered(t, line_no(first_line - 1 + i)))
            .collect();
        any_text |= numbered.iter().any(|l| !l.is_blank());
        let heads: Vec<(usize, Scan)> = heads.into_iter().filter(|h| h.0 < cut).collect();
        if unread.is_empty() {
            let first = heads.iter().find(|(_, s)| matches!(s, Scan::Unread(_)));
            unread.extend(first.map(|(at, s)| (first_line - 1 + at, s.clone())));
        }
        let mut batch = parse_segment(file, &numbered, heads, !started, p, &mut found);
        sink.batch(&mut batch)?;
        issues.append(&mut batch);
        started = true;
        let consumed = match lines.get(cut) {
            Some(line) => line.as_ptr() as usize - body.as_ptr() as usize,
            None => body.len(),
        };
        drop(numbered);
        first_line += cut;
        buf.drain(..skip + consumed);
    }
    if !any_text {
        return Err(CorpusError::Empty {
            path: file.to_path_buf(),
        });
    }
    if let Some(e) = issues
        .is_empty()
        .then(|| no_issue(file, &unread, line_no))
        .flatten()
    {
        return Err(e);
    }
    warnings.append(&mut found);
    Ok(Some((issues, total)))
}

/// Index where the heading at `at` really starts: at its banner line when one sits above it
/// (blank lines between allowed), so the banner is not read as the previous issue's text.
fn banner_start<L: SourceLine>(p: &Grammar, lines: &[L], at: usize) -> usize {
    let above = lines[..at].iter().rposition(|l| !l.is_blank());
    match above {
        Some(b) if is_banner(p, lines[b].text()) => b,
        _ => at,
    }
}

/// Text before the first heading is not part of any issue: say so instead of dropping it.
fn warn_preamble<L: SourceLine>(file: &Path, lines: &[L], warnings: &mut Vec<Warning>) {
    let text: Vec<(usize, &L)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .collect();
    if let Some((at, first)) = text.first() {
        let message = format!(
            "{} line(s) before the first issue heading ignored",
            text.len()
        );
        warnings.push(warning(file, first.number(*at), message));
    }
}

/// One issue from its heading line `at` up to (not including) line index `end`, and the
/// warnings about its lines: a date on the heading or under it that is no date (the line is
/// still the date line, so the intro stays the intro), listings that are not read, no items.
/// A heading without a number (a profile numbering by date) gets a placeholder number,
/// unique in the file (`numbering`).
fn build_issue<L: SourceLine>(
    file: &Path,
    lines: &[L],
    (at, heading): (usize, &Heading),
    end: usize,
    p: &Grammar,
) -> (Issue, Vec<Warning>) {
    let line_no = lines[at].number(at);
    let number = heading.number.unwrap_or_else(|| {
        // HTML blocks have no line numbers: their index is unique in the file too.
        numbering::placeholder(if line_no > 0 { line_no as usize } else { at })
    });
    let mut notes = Vec::new();
    if let Some(why) = &heading.bad_date {
        notes.push((line_no, date_note(why)));
    }
    let mut body = at + 1..end;
    let mut date = heading.date;
    if let Some(pos) = lines[body.clone()].iter().position(|l| !l.is_blank()) {
        let line = body.start + pos;
        let written = scan_written_date(p, lines[line].text());
        if !matches!(written, Written::No) {
            body.start = line + 1;
        }
        match written {
            Written::Date(d) => date = date.or(Some(d)),
            Written::Bad(why) => notes.push((lines[line].number(line), date_note(&why))),
            Written::No => {}
        }
    }
    let items = L::with_lines(lines, body, |body| build_items(body, p, &mut notes));
    let heading = lines[at].text().trim().to_string();
    if items.is_empty() {
        notes.push((
            line_no,
            format!("{} has no items", numbering::label(number, &heading)),
        ));
    }
    let issue = Issue {
        number,
        heading,
        date,
        date_source: if date.is_some() {
            DateSource::Written
        } else {
            DateSource::None
        },
        source: SourceRef {
            file: file.to_path_buf(),
            line: line_no,
        },
        items,
    };
    let warnings = notes
        .into_iter()
        .map(|(line, message)| warning(file, line, message).of_issue(number))
        .collect();
    (issue, warnings)
}

/// The message for a written date that is none.
pub(crate) fn date_note(why: &str) -> String {
    format!("date not read: {why}; the issue is dated another way")
}

fn warning(file: &Path, line: u32, message: String) -> Warning {
    Warning::new(file, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn parse(text: &str) -> (Vec<Issue>, Vec<Warning>) {
        let mut w = Vec::new();
        let issues = parse_text(Path::new("t.txt"), text, &mut w).unwrap();
        (issues, w)
    }

    /// Streaming in blocks of any size gives the whole-file parse: issues, warnings (with
    /// their line numbers) and errors, on the shipped archive and on awkward files (CRLF and
    /// lone CR ends, BOM, banners with blank lines, preamble, issues without items, no
    /// heading, blank only); UTF-16 and invalid UTF-8 are handed back to the whole-file path.
    #[test]
    fn streaming_gives_the_whole_file_parse() {
        let shipped = include_str!("../../data/corpus/data-eng-weekly-326-330.txt");
        let files: Vec<String> = vec![
            shipped.to_string(),
            shipped.replace('\n', "\r\n"),
            format!("\u{feff}Some preamble.\n\nMore of it.\n\n{shipped}"),
            "Data Eng Weekly\r\n\r\nIssue #4\r\n22 September 2013\r\n\r\nHello there.\r\n\
             \r\nData Eng Weekly\r\n\r\nData Eng Weekly Issue #5\r\nBye.\rIssue #6\n\nIssue #7\nLast."
                .to_string(),
            "Issue #1\n\nIssue #2\n\nText.\n".to_string(),
            // Headings and dates that cannot be read (issue 16): skipped blocks, warnings.
            "Issue #1\n\nA.\n\nIssue #12345678\n\nB.\n\nIssue #2 - 31 February 2019\n31 June 2019\n\
             \nC (X) - Monday, February 30\nIssue #3 - soon\n"
                .to_string(),
            "Data Eng Weekly\n\nIssue #12345678\n\nOnly this.\n".to_string(),
            "no heading at all\n\njust text\n".to_string(),
            "\n\n   \n".to_string(),
        ];
        for text in &files {
            let mut whole_warnings = Vec::new();
            let whole = parse_text(Path::new("t.txt"), text, &mut whole_warnings);
            for block in [5, 64, 1000, 1 << 20] {
                let mut warnings = Vec::new();
                let streamed = parse_text_stream(
                    Path::new("t.txt"),
                    text.as_bytes(),
                    (block, Profile::dew()),
                    &mut warnings,
                    &mut super::super::Keep,
                );
                match (&whole, streamed) {
                    (Ok(issues), Ok(Some((got, bytes)))) => {
                        assert_eq!(&got, issues, "block {block}");
                        assert_eq!(warnings, whole_warnings, "block {block}");
                        assert_eq!(bytes, text.len() as u64);
                    }
                    (Err(e), Err(got)) => {
                        assert_eq!(got.to_string(), e.to_string(), "block {block}");
                        assert!(warnings.is_empty());
                    }
                    (w, s) => panic!("block {block}: whole {w:?}, streamed {s:?}"),
                }
            }
        }
        for bytes in [&b"\xFF\xFEI\0s\0"[..], b"Issue #1\n\nCaf\xE9\n"] {
            let mut warnings = Vec::new();
            let got = parse_text_stream(
                Path::new("t.txt"),
                bytes,
                (4, Profile::dew()),
                &mut warnings,
                &mut super::super::Keep,
            );
            assert!(matches!(got, Ok(None)) && warnings.is_empty());
        }
    }

    #[test]
    fn splits_issues_with_banners_and_dates() {
        let text = "Data Eng Weekly\r\n\r\nIssue #4\r\n22 September 2013\r\n\r\nHello there.\r\n\
                    \r\nData Eng Weekly\r\nData Eng Weekly Issue #5\r\nBye.";
        let (issues, w) = parse(text);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(issues.len(), 2);
        assert_eq!((issues[0].number, issues[0].source.line), (4, 3));
        assert_eq!(issues[0].date, Date::from_ymd(2013, 9, 22));
        assert_eq!(issues[0].date_source, DateSource::Written);
        assert_eq!(issues[0].items.len(), 1);
        assert_eq!(issues[1].heading, "Data Eng Weekly Issue #5");
        assert_eq!(issues[1].date_source, DateSource::None);
        assert_eq!(issues[1].items[0].text, "Bye.");
    }

    #[test]
    fn line_ends_lf_crlf_and_lone_cr_borrow_the_text() {
        let text = "\u{feff}a \r\nb\rc\n\r\nd";
        let lines = text_lines(text);
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.no, &*l.text)).collect();
        assert_eq!(got, [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert!(lines.iter().all(|l| matches!(l.text, Cow::Borrowed(_))));
    }

    #[test]
    fn preamble_and_empty_issue_warn() {
        let (issues, w) = parse("Some page title\n\nIssue #1\n");
        assert_eq!(issues.len(), 1);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].line, 1);
        assert!(w[1].message.contains("no items"));
    }

    #[test]
    fn errors() {
        let mut w = Vec::new();
        let e = parse_text(Path::new("e.txt"), " \n\n", &mut w).unwrap_err();
        assert!(matches!(e, CorpusError::Empty { .. }));
        let e = parse_text(Path::new("n.txt"), "just prose\n", &mut w).unwrap_err();
        assert!(matches!(e, CorpusError::NoIssues { .. }));
    }
}
