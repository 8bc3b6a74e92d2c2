//! The issues table's rows for `topictrend issues`: per issue its number, date, date source,
//! items per section, items and the warnings about it, then a total row. Plain text cells in
//! the order of `frames::ISSUE_COLUMNS` plus `warnings`; render lays them out.

use super::types::{Corpus, Issue, Section};

/// One issue's cells; an undated issue has an empty date.
fn row(issue: &Issue, warnings: usize) -> Vec<String> {
    let mut cells = vec![
        issue.number.to_string(),
        issue.date.map(|d| d.to_string()).unwrap_or_default(),
        issue.date_source.to_string(),
    ];
    cells.extend(Section::ALL.map(|s| issue.count(s).to_string()));
    cells.extend([issue.items.len(), warnings].map(|n| n.to_string()));
    cells
}

/// A row per issue, in corpus order, then the total row. The last cell counts the warnings
/// about the issue (`Warning::issue`: a heading date, date line or listing not read as
/// written, an issue without items); the total counts every warning, those about no issue
/// included.
pub fn issue_rows(corpus: &Corpus) -> Vec<Vec<String>> {
    let mut warnings = std::collections::HashMap::new();
    for number in corpus.warnings.iter().filter_map(|w| w.issue) {
        *warnings.entry(number).or_insert(0usize) += 1;
    }
    let mut rows: Vec<Vec<String>> = corpus
        .issues
        .iter()
        .map(|i| row(i, warnings.get(&i.number).copied().unwrap_or(0)))
        .collect();
    rows.push(total_row(corpus));
    rows
}

/// Sums of the per-section counts, the items and the warnings, labelled with the number of
/// issues.
fn total_row(corpus: &Corpus) -> Vec<String> {
    let issues = corpus.issues.len();
    let plural = if issues == 1 { "" } else { "s" };
    let mut cells = vec![
        "total".into(),
        format!("{issues} issue{plural}"),
        String::new(),
    ];
    let sum = |s: Section| corpus.issues.iter().map(|i| i.count(s)).sum::<usize>();
    cells.extend(Section::ALL.map(|s| sum(s).to_string()));
    cells.extend([corpus.item_count(), corpus.warnings.len()].map(|n| n.to_string()));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::types::{DateSource, SourceRef};
    use crate::date::Date;

    #[test]
    fn a_row_per_issue_then_the_total() {
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
        let corpus = Corpus {
            issues: vec![
                issue(9, Date::from_ymd(2013, 9, 22), DateSource::Written),
                issue(10, None, DateSource::None),
            ],
            ..Corpus::default()
        };
        let rows = issue_rows(&corpus);
        let cells = |r: &[String]| r.join(",");
        assert_eq!(rows.len(), 3);
        assert_eq!(cells(&rows[0]), "9,2013-09-22,written,0,0,0,0,0,0,0");
        assert_eq!(cells(&rows[1]), "10,,none,0,0,0,0,0,0,0");
        assert_eq!(cells(&rows[2]), "total,2 issues,,0,0,0,0,0,0,0");
    }
}
