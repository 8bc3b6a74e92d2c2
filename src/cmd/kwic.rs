//! `topictrend kwic ENTITY`: every mention of an entity in context (keyword in context), one
//! line each: issue, section, item, left context, [surface], right context. For auditing what
//! the matcher counts.

use super::{Error, Outcome};
use crate::cli::InputArgs;
use crate::config::InputConfig;
use crate::corpus::{self, Corpus, Item};
use crate::extract::Extractor;
use crate::lexicon::{self, EntityId, Lexicon};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// Prints every mention of `entity` (canonical name or alias, any case) with `width`
/// characters of context on each side. An unknown entity is a usage error with suggestions.
pub fn run(entity: &str, input: &InputArgs, width: usize, quiet: bool) -> Result<Outcome, Error> {
    let config = InputConfig::from(input);
    let lexicon = lexicon::load_from(&config.lexicon)?;
    let ids = lexicon.lookup(entity);
    if ids.is_empty() {
        return Err(Error::Usage(unknown_entity(&lexicon, entity)));
    }
    let corpus = corpus::load(&config.paths, &config.load)?;
    let outcome = super::report_warnings(&corpus, quiet);
    let extraction = Extractor::new(&lexicon)?.extract(&corpus);
    let items = item_index(&corpus);
    let mut text = String::new();
    let mut count = 0;
    for m in extraction
        .mentions
        .iter()
        .filter(|m| ids.contains(&m.entity))
    {
        let Some(item) = items.get(&(m.issue, m.item)) else {
            continue;
        };
        let owner = if ids.len() > 1 {
            format!("  ({})", lexicon.name(m.entity))
        } else {
            String::new()
        };
        let line = kwic_line(item, m.start as usize, m.end as usize, width);
        let _ = writeln!(
            text,
            "#{:<4} {:<8}{:>4}  {line}{owner}",
            m.issue,
            item.section.as_str(),
            m.item
        );
        count += 1;
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Stdout)?;
    if !quiet {
        let names: Vec<&str> = ids.iter().map(|&id| lexicon.name(id)).collect();
        eprintln!("topictrend: {count} mention(s) of {}", names.join(", "));
    }
    Ok(outcome)
}

fn item_index(corpus: &Corpus) -> HashMap<(u32, u32), &Item> {
    corpus
        .issues
        .iter()
        .flat_map(|issue| {
            issue
                .items
                .iter()
                .map(move |i| ((issue.number, i.index), i))
        })
        .collect()
}

/// `left [surface] right`, the left side right-aligned to `width` characters.
fn kwic_line(item: &Item, start: usize, end: usize, width: usize) -> String {
    let text = &item.text;
    let (Some(before), Some(surface), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return String::new();
    };
    let left: Vec<char> = flatten(before).chars().collect();
    let left: String = left[left.len().saturating_sub(width)..].iter().collect();
    let right: String = flatten(after).chars().take(width).collect();
    format!("{left:>width$}[{}]{right}", flatten(surface))
}

/// Newlines and tabs to spaces, so each mention stays on one line.
fn flatten(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The usage message for a name the lexicon lacks, with up to five close names or aliases.
fn unknown_entity(lexicon: &Lexicon, query: &str) -> String {
    let close = suggestions(lexicon, query);
    if close.is_empty() {
        format!("unknown entity `{query}` (not a name or alias in the lexicon)")
    } else {
        format!(
            "unknown entity `{query}`; did you mean: {}?",
            close.join(", ")
        )
    }
}

/// Names and aliases within a small edit distance of `query`, or containing it, closest first.
fn suggestions(lexicon: &Lexicon, query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    let limit = (q.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, String)> = Vec::new();
    for (id, e) in lexicon.iter() {
        let best = e
            .surfaces()
            .map(|s| (distance(&q, &s.to_lowercase()), s))
            .min_by_key(|(d, _)| *d);
        let Some((d, surface)) = best else { continue };
        let contains = q.len() >= 3 && e.surfaces().any(|s| s.to_lowercase().contains(&q));
        if d <= limit || contains {
            scored.push((
                if d <= limit { d } else { limit + 1 },
                label(lexicon, id, surface),
            ));
        }
    }
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, s)| s).collect()
}

fn label(lexicon: &Lexicon, id: EntityId, surface: &str) -> String {
    let name = lexicon.name(id);
    if surface == name {
        name.to_string()
    } else {
        format!("{surface} ({name})")
    }
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kafka", "kafka"), 0);
        assert_eq!(distance("kafak", "kafka"), 2);
        assert_eq!(distance("amudsen", "amundsen"), 1);
        assert_eq!(distance("", "abc"), 3);
    }
}
