//! Curator targets: a CSV `topic,target_share` saying what share of technology coverage each
//! topic should get. Parsed once, with file:line errors; compared in `balance`.
//!
//! Format: header `topic,target_share`, then one row per topic. A share is a fraction in
//! [0, 1] (`0.2`) or a percentage (`20%`). Empty lines and lines starting with `#` are skipped.
//! Topic names are matched to the lexicon's technology topics ignoring case, and kept in the
//! lexicon's spelling (`Streaming` is the topic `streaming`).
//! Errors: a missing or wrong header (an empty file says so, without a line), a row without
//! two fields, a bad number, a topic listed twice, shares summing to more than 1, and a topic
//! no technology of the lexicon has: a usage error naming the file, the line and the known
//! topics, since a misspelt topic would otherwise become a made-up one at -target.

use super::AnalysisError;
use crate::lexicon::{Category, Lexicon};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Parsed targets, topic (in the lexicon's spelling) -> share in [0, 1].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targets {
    pub path: PathBuf,
    pub shares: BTreeMap<String, f64>,
}

impl Targets {
    /// Reads and parses a targets file.
    pub fn load(path: &Path, lexicon: &Lexicon) -> Result<Targets, AnalysisError> {
        let text = std::fs::read_to_string(path).map_err(|source| AnalysisError::TargetsIo {
            path: path.to_path_buf(),
            source,
        })?;
        Targets::parse(path, &text, lexicon)
    }

    /// Parses targets from `text`; `path` is used in messages.
    pub fn parse(path: &Path, text: &str, lexicon: &Lexicon) -> Result<Targets, AnalysisError> {
        let err = |line: usize, message: String| AnalysisError::Targets {
            path: path.to_path_buf(),
            line: line as u32,
            message,
        };
        // Lower-cased topic -> the lexicon's spelling.
        let known: BTreeMap<String, &str> = lexicon
            .entities
            .iter()
            .filter(|e| e.category == Category::Technology)
            .map(|e| (e.topic.to_lowercase(), e.topic.as_str()))
            .collect();
        let rows = (1..).zip(text.lines().map(str::trim));
        let mut rows = rows.filter(|(_, row)| !row.is_empty() && !row.starts_with('#'));
        let Some((line, header)) = rows.next() else {
            let path = path.to_path_buf();
            return Err(AnalysisError::TargetsEmpty { path });
        };
        if !is_header(header) {
            let message = format!("expected the header `topic,target_share`, found `{header}`");
            return Err(err(line, message));
        }
        let mut out = Targets {
            path: path.to_path_buf(),
            ..Targets::default()
        };
        let mut sum = 0.0;
        for (line, row) in rows {
            let (topic, value) = parse_row(row).map_err(|message| err(line, message))?;
            let Some(&name) = known.get(&topic.to_lowercase()) else {
                return Err(AnalysisError::UnknownTopic {
                    path: path.to_path_buf(),
                    line: line as u32,
                    topic,
                    known: known_list(&known),
                });
            };
            if out.shares.insert(name.to_string(), value).is_some() {
                return Err(err(line, format!("topic `{topic}` is listed twice")));
            }
            sum += value;
            if sum > 1.0 + 1e-9 {
                let message = format!("target shares sum to {sum:.3}, more than 1");
                return Err(err(line, message));
            }
        }
        Ok(out)
    }
}

/// Whether `row` is the header `topic,target_share` (in any case).
fn is_header(row: &str) -> bool {
    let fields = split_row(row);
    let is = |i: usize, name: &str| fields[i].eq_ignore_ascii_case(name);
    fields.len() == 2 && is(0, "topic") && is(1, "target_share")
}

/// A row's topic (not empty) and share, or what is wrong with it.
fn parse_row(row: &str) -> Result<(String, f64), String> {
    let fields = split_row(row);
    let [topic, share] = fields.as_slice() else {
        let n = fields.len();
        return Err(format!(
            "expected two fields `topic,target_share`, found {n}"
        ));
    };
    let Some(value) = parse_share(share) else {
        return Err(format!(
            "bad share `{share}`: want a number in 0..1 or a percentage"
        ));
    };
    if topic.is_empty() {
        return Err("empty topic".into());
    }
    Ok((topic.clone(), value))
}

/// The known topics for a message: `a, b, c`, in the lexicon's spelling, sorted.
fn known_list(known: &BTreeMap<String, &str>) -> String {
    if known.is_empty() {
        return "none: the lexicon has no technology".to_string();
    }
    let mut names: Vec<&str> = known.values().copied().collect();
    names.sort_unstable();
    names.join(", ")
}

/// Splits one CSV row (double quotes may wrap a field; `""` inside is a quote); fields trimmed.
fn split_row(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(rec)) => rec.iter().map(|f| f.trim().to_string()).collect(),
        _ => vec![line.to_string()],
    }
}

/// `0.2` or `20%` -> 0.2; `None` unless finite and within [0, 1].
fn parse_share(s: &str) -> Option<f64> {
    let (num, scale) = match s.strip_suffix('%') {
        Some(p) => (p.trim(), 100.0),
        None => (s, 1.0),
    };
    let v = num.parse::<f64>().ok()? / scale;
    (v.is_finite() && (0.0..=1.0).contains(&v)).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon whose technologies have the topics `a`, `b`, `ml` and `streaming`.
    fn lexicon() -> Lexicon {
        let tech = |topic: &str| crate::lexicon::Entity {
            name: format!("{topic} tool"),
            category: Category::Technology,
            topic: topic.to_string(),
            aliases: Vec::new(),
            case: crate::lexicon::CasePolicy::Insensitive,
            parent: None,
            rules: Vec::new(),
            country: None,
            continent: None,
            metro: None,
            origin: Default::default(),
            file: PathBuf::from("technologies.csv"),
            line: 2,
        };
        Lexicon {
            entities: ["streaming", "a", "ml", "b"].map(tech).to_vec(),
            changes: Vec::new(),
        }
    }

    #[test]
    fn parses_and_reports_lines() {
        let lex = lexicon();
        let p = Path::new("t.csv");
        let t = Targets::parse(
            p,
            "topic,target_share\n# c\nStreaming,0.3\n\"ml\",20%\n",
            &lex,
        )
        .unwrap();
        assert_eq!(t.shares.get("ml"), Some(&0.2));
        assert_eq!(t.shares.get("streaming"), Some(&0.3), "case is ignored");
        let bad = |text: &str| match Targets::parse(p, text, &lex) {
            Err(AnalysisError::Targets { line, .. }) => line,
            other => panic!("expected a targets error, got {other:?}"),
        };
        assert_eq!(bad("topic,target_share\nstreaming,abc\n"), 2);
        assert_eq!(bad("topic,target_share\nstreaming,1.5\n"), 2);
        assert_eq!(bad("topic,target_share\na,0.6\nb,0.6\n"), 3);
        assert_eq!(bad("topic,target_share\na,0.1\nA,0.1\n"), 3);
        assert_eq!(bad("topic,share\n"), 1);
    }

    /// An unknown topic is a usage error naming the file, the line and the known topics; an
    /// empty file names no line (there is none).
    #[test]
    fn unknown_topic_and_empty_file_are_errors() {
        let lex = lexicon();
        let p = Path::new("t.csv");
        let err = Targets::parse(p, "topic,target_share\na,0.1\nstreams,0.2\n", &lex)
            .expect_err("unknown topic");
        assert!(err.is_usage(), "{err:?}");
        assert_eq!(
            err.to_string(),
            "t.csv:3: unknown topic `streams`; the lexicon's technology topics are: \
             a, b, ml, streaming"
        );
        for empty in ["", "\n# only a comment\n"] {
            let err = Targets::parse(p, empty, &lex).expect_err("empty file");
            assert_eq!(
                err.to_string(),
                "t.csv: empty targets file (expected the header `topic,target_share`)"
            );
        }
    }
}
