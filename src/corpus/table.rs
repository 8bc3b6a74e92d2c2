//! The issues table (issue, date, date source, items per section) as aligned text for
//! `topictrend issues`, which adds the number of warnings about each issue's lines. Pure
//! functions. (`csv/issues.csv` is written from the issues frame.)

use super::types::{Corpus, Issue, Section};

/// Column names, as `csv/issues.csv` has them too.
pub const HEADER: [&str; 9] = [
    "issue",
    "date",
    "date_source",
    "intro",
    "article",
    "sponsor",
    "event",
    "other",
    "items",
];

/// One issue's row; an undated issue has an empty date.
fn row(issue: &Issue) -> [String; 9] {
    let count = |s: Section| issue.count(s).to_string();
    [
        issue.number.to_string(),
        issue.date.map(|d| d.to_string()).unwrap_or_default(),
        issue.date_source.to_string(),
        count(Section::Intro),
        count(Section::Article),
        count(Section::Sponsor),
        count(Section::Event),
        count(Section::Other),
        issue.items.len().to_string(),
    ]
}

/// The table as aligned text for a terminal: numbers right-aligned, then a total line. A
/// last column counts the warnings about each issue (`Warning::issue`: a heading date, date
/// line or listing not read as written, an issue without items); the total counts every
/// warning, those about no issue included.
pub fn issues_table(corpus: &Corpus) -> String {
    let mut warnings = std::collections::HashMap::new();
    for number in corpus.warnings.iter().filter_map(|w| w.issue) {
        *warnings.entry(number).or_insert(0usize) += 1;
    }
    let with = |mut cells: Vec<String>, count: usize| {
        cells.push(count.to_string());
        cells
    };
    let mut body: Vec<Vec<String>> = corpus
        .issues
        .iter()
        .map(|i| {
            with(
                row(i).to_vec(),
                warnings.get(&i.number).copied().unwrap_or(0),
            )
        })
        .collect();
    body.push(with(total_row(corpus).to_vec(), corpus.warnings.len()));
    let header: Vec<String> = HEADER
        .iter()
        .chain(&["warnings"])
        .map(|h| h.to_string())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(String::len).collect();
    for r in &body {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = render_line(&header, &widths);
    for r in &body {
        out.push_str(&render_line(r, &widths));
    }
    out
}

/// Sums of the per-section counts, labelled with the number of issues.
fn total_row(corpus: &Corpus) -> [String; 9] {
    let sum = |s: Section| {
        corpus
            .issues
            .iter()
            .map(|i| i.count(s))
            .sum::<usize>()
            .to_string()
    };
    let issues = corpus.issues.len();
    [
        "total".to_string(),
        format!("{issues} issue{}", if issues == 1 { "" } else { "s" }),
        String::new(),
        sum(Section::Intro),
        sum(Section::Article),
        sum(Section::Sponsor),
        sum(Section::Event),
        sum(Section::Other),
        corpus.item_count().to_string(),
    ]
}

/// Columns 1 and 2 (date, source) are text and left-aligned; the rest are numbers.
fn render_line(cells: &[String], widths: &[usize]) -> String {
    let parts: Vec<String> = cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (c, w))| {
            if i == 1 || i == 2 {
                format!("{c:<w$}")
            } else {
                format!("{c:>w$}")
            }
        })
        .collect();
    let mut line = parts.join("  ").trim_end().to_string();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::types::{DateSource, SourceRef};
    use crate::date::Date;

    fn corpus() -> Corpus {
        let issue = |number, date: Option<Date>, date_source| Issue {
            number,
            heading: String::new(),
            date,
            date_source,
            source: SourceRef {
                file: "f".into(),
                line: 1,
            },
            items: Vec::new(),
        };
        Corpus {
            issues: vec![
                issue(9, Date::from_ymd(2013, 9, 22), DateSource::Written),
                issue(10, None, DateSource::None),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn aligned() {
        let table = issues_table(&corpus());
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[1].starts_with("    9  2013-09-22  written"),
            "{table}"
        );
        assert!(lines[3].starts_with("total  2 issues"), "{table}");
        let width = lines[0].len();
        assert!(lines.iter().all(|l| l.len() == width), "{table}");
    }
}
