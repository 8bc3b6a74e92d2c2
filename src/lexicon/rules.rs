//! Parsing the `context` cell into guard rules (docs/LEXICON.md, "Context guards").
//!
//! The rules are evaluated by `extract::guard`; this file only reads and ranks them.

use super::read::split_list;
use super::types::Rule;

/// Parses `near:A|B;mid-sentence` into rules; terms are trimmed and lower-cased.
pub(crate) fn parse_rules(cell: &str) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    for part in cell.split(';') {
        let part = part.trim();
        if part.is_empty() {
            if cell.trim().is_empty() {
                continue;
            }
            return Err(format!("empty rule in context `{cell}`"));
        }
        rules.push(parse_rule(part)?);
    }
    Ok(rules)
}

fn parse_rule(part: &str) -> Result<Rule, String> {
    let (kind, terms) = match part.split_once(':') {
        Some((k, t)) => (k.trim().to_ascii_lowercase(), Some(t)),
        None => (part.to_ascii_lowercase(), None),
    };
    if kind == "mid-sentence" {
        return match terms {
            None => Ok(Rule::MidSentence),
            Some(_) => Err("rule `mid-sentence` takes no terms".into()),
        };
    }
    let make: fn(Vec<String>) -> Rule = match kind.as_str() {
        "near" => Rule::Near,
        "not-near" => Rule::NotNear,
        "prev" => Rule::Prev,
        "not-prev" => Rule::NotPrev,
        "next" => Rule::Next,
        "not-next" => Rule::NotNext,
        _ => {
            return Err(format!(
                "unknown context rule `{kind}` (expected near, not-near, prev, not-prev, next, not-next, mid-sentence)"
            ))
        }
    };
    let terms = terms.ok_or_else(|| format!("rule `{kind}` needs terms, e.g. `{kind}:A|B`"))?;
    let terms = split_list(terms, "term")?;
    if terms.is_empty() {
        return Err(format!("rule `{kind}` has no terms"));
    }
    Ok(make(terms.into_iter().map(|t| t.to_lowercase()).collect()))
}

/// How specific an entry's guards are, for choosing between entries that share an alias:
/// prev/next (2) over near (1) over only negative rules or mid-sentence (0).
pub fn specificity(rules: &[Rule]) -> u8 {
    rules
        .iter()
        .map(|r| match r {
            Rule::Prev(_) | Rule::Next(_) => 2,
            Rule::Near(_) => 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_rule_kind() {
        let rules = parse_rules("near:Databricks|Time Travel; not-prev:the ;mid-sentence").unwrap();
        assert_eq!(
            rules,
            vec![
                Rule::Near(vec!["databricks".into(), "time travel".into()]),
                Rule::NotPrev(vec!["the".into()]),
                Rule::MidSentence,
            ]
        );
        assert_eq!(parse_rules("").unwrap(), vec![]);
        assert_eq!(specificity(&rules), 1);
        assert_eq!(specificity(&parse_rules("next:Flight").unwrap()), 2);
    }

    #[test]
    fn rejects_bad_rules() {
        for bad in [
            "near",
            "near:",
            "near:A||B",
            "close:A",
            "mid-sentence:x",
            "near:A;;prev:B",
        ] {
            assert!(parse_rules(bad).is_err(), "{bad} should fail");
        }
    }
}
