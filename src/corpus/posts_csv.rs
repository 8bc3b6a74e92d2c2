//! Substack's `posts.csv`: one row per post, columns found by name (`post_id`, `post_date`,
//! `is_published`, `title`; others ignored), so column order and additions do not matter.

use super::types::{Corpus, Warning};
use super::CorpusError;
use csv::StringRecord;
use std::path::Path;

/// One post's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// 1-based line of the row in `posts.csv`.
    pub line: u32,
    /// `1234567` or `1234567.data-eng-weekly-330`: the body is `posts/<post_id>[.<slug>].html`.
    pub id: String,
    /// `post_date` when set (drafts have none).
    pub date: Option<String>,
    /// `is_published` is `true` (a missing column means every post is published).
    pub published: bool,
    pub title: String,
}

/// Column positions of the fields read.
struct Columns {
    id: usize,
    date: Option<usize>,
    published: Option<usize>,
    title: Option<usize>,
}

impl Columns {
    fn find(headers: &StringRecord) -> Option<Columns> {
        let at = |name: &str| {
            headers.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
        };
        Some(Columns {
            id: at("post_id")?,
            date: at("post_date"),
            published: at("is_published"),
            title: at("title"),
        })
    }
}

/// The rows of `posts.csv`. A file without a `post_id` header is an error naming it; a row
/// that cannot be read or has no `post_id` is reported, counted as skipped, and passed over.
pub(crate) fn rows(path: &Path, csv: &str, corpus: &mut Corpus) -> Result<Vec<Row>, CorpusError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv.as_bytes());
    let columns = reader
        .headers()
        .ok()
        .and_then(Columns::find)
        .ok_or_else(|| CorpusError::Format {
            path: path.to_path_buf(),
            message: "no post_id column in the header: not a Substack posts.csv".to_string(),
        })?;
    let mut rows = Vec::new();
    for record in reader.records() {
        match record.map(|r| row(&r, &columns)) {
            Ok(Ok(row)) => rows.push(row),
            Ok(Err(line)) => skip(corpus, path, line, "row has no post_id".to_string()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                skip(corpus, path, line, format!("unreadable row: {e}"));
            }
        }
    }
    Ok(rows)
}

/// The row, or its line when it has no `post_id`.
fn row(record: &StringRecord, c: &Columns) -> Result<Row, u64> {
    let line = record.position().map_or(0, |p| p.line());
    let field = |i: Option<usize>| {
        i.and_then(|i| record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let id = field(Some(c.id)).ok_or(line)?;
    Ok(Row {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        id: id.to_string(),
        date: field(c.date).map(String::from),
        published: c.published.is_none()
            || field(c.published).is_some_and(|v| {
                ["true", "t", "1", "yes"].contains(&v.to_ascii_lowercase().as_str())
            }),
        title: field(c.title).unwrap_or("").to_string(),
    })
}

fn skip(corpus: &mut Corpus, path: &Path, line: u64, message: String) {
    let line = u32::try_from(line).unwrap_or(u32::MAX);
    corpus.skip(Warning::new(path, line, format!("{message}: skipped")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_by_name_drafts_and_bad_rows() {
        let csv = "\u{feff}title,post_id,is_published,post_date\n\
                   Data Eng Weekly #330,11.dew-330,true,2019-11-17T14:00:00.000Z\n\
                   Draft,12.draft,false,\n\
                   No id,,true,\n";
        let mut c = Corpus::default();
        let rows = rows(Path::new("posts.csv"), csv, &mut c).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id, "11.dew-330");
        assert_eq!(rows[0].line, 2);
        assert!(rows[0].published && !rows[1].published);
        assert_eq!(rows[1].date, None);
        assert_eq!((c.skipped, c.warnings[0].line), (1, 4));
        let e = super::rows(Path::new("x.csv"), "a,b\n1,2\n", &mut c).unwrap_err();
        assert!(e.to_string().starts_with("x.csv: no post_id column"), "{e}");
    }
}
