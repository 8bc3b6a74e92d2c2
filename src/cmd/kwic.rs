//! `topictrend kwic ENTITY`: every mention of an entity in context (keyword in context), one
//! line each: issue, section, item, left context, [surface], right context. For auditing what
//! the matcher counts: a maker counted from a product's name is marked, a name only in a link
//! shows the link.

use super::reading::{read, Want};
use super::{Error, Outcome};
use crate::cli::InputArgs;
use crate::config::InputConfig;
use crate::extract::Via;
use crate::lexicon::{self, EntityId, Lexicon};
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
    let (corpus, extraction, _) = read(&config, Want::extracting(&lexicon))?;
    let outcome = super::report_warnings(&corpus, quiet);
    let mut items = corpus.items();
    let mut text = String::new();
    let mut count = 0;
    for m in extraction
        .mentions
        .iter()
        .filter(|m| ids.contains(&m.entity))
    {
        let (_, item) = items.get(m.issue, m.item)?;
        let mut owner = if ids.len() > 1 {
            format!("  ({})", lexicon.name(m.entity))
        } else {
            String::new()
        };
        // A link row has no span in the text (its start is the link's index): show the link.
        let line = if m.via == Via::Link {
            let link = item.links.get(m.start as usize).map_or("", String::as_str);
            format!("only in a link: {link}")
        } else {
            kwic_line(
                items.text(m.issue, m.item)?,
                m.start as usize,
                m.end as usize,
                width,
            )
        };
        if m.via == Via::Maker {
            owner.push_str("  (maker of the product named)");
        }
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

/// `left [surface] right` of `text[start..end]`, the left side right-aligned to `width`
/// characters.
fn kwic_line(text: &str, start: usize, end: usize, width: usize) -> String {
    match context(text, start, end, width) {
        Some(c) => format!("{:>width$}[{}]{}", c.left, c.surface, c.right),
        None => String::new(),
    }
}

/// A mention and the text around it, whitespace flattened to spaces so each mention stays
/// on one line.
#[derive(Debug, PartialEq)]
struct Context {
    left: String,
    surface: String,
    right: String,
    /// Characters of the item read: at most `width` on each side plus the surface, whatever
    /// the item's length (reading the whole left side at each mention made `kwic Kafka` on a
    /// 1 MiB paragraph take 76 s).
    read: usize,
}

/// The context of `text[start..end]`; `None` when that is not a piece of `text`.
fn context(text: &str, start: usize, end: usize, width: usize) -> Option<Context> {
    let (before, surface, after) = (text.get(..start)?, text.get(start..end)?, text.get(end..)?);
    let mut read = 0;
    let mut flat = |c: char| {
        read += 1;
        if c.is_whitespace() {
            ' '
        } else {
            c
        }
    };
    let mut left: Vec<char> = before.chars().rev().take(width).map(&mut flat).collect();
    left.reverse();
    let surface = surface.chars().map(&mut flat).collect();
    let right = after.chars().take(width).map(&mut flat).collect();
    Some(Context {
        left: left.into_iter().collect(),
        surface,
        right,
        read,
    })
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
    fn context_is_the_width_on_each_side() {
        let c = context("a\tb Kafka\nrocks here", 4, 9, 3).unwrap();
        assert_eq!((&*c.left, &*c.surface, &*c.right), (" b ", "Kafka", " ro"));
        let c = context("Kafka", 0, 5, 10).unwrap();
        assert_eq!((&*c.left, &*c.right, c.read), ("", "", 5));
        assert_eq!(context("Kafka", 2, 9, 3), None);
        let c = context("çaféKafkaçafé", 6, 11, 2).unwrap();
        assert_eq!((&*c.left, &*c.surface, &*c.right), ("fé", "Kafka", "ça"));
    }

    /// Case K of issue 16: the work per mention (characters read) does not grow with the
    /// item, shown at 1 MiB and 8 MiB in one paragraph, for mentions at the start, the middle
    /// and the end; so `kwic` is linear in the number of mentions.
    #[test]
    fn work_per_mention_does_not_grow_with_the_item() {
        let reads = |size: usize| -> Vec<usize> {
            let filler = "data é\tengineering ".repeat(size / 20);
            let text = format!("Kafka {filler}Kafka {filler}Kafka");
            let middle = 6 + filler.len();
            let last = text.len() - 5;
            [0, middle, last]
                .iter()
                .map(|&at| context(&text, at, at + 5, 40).unwrap().read)
                .collect()
        };
        let small = reads(1 << 20);
        assert_eq!(small, [45, 85, 45]);
        assert_eq!(reads(8 << 20), small);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kafka", "kafka"), 0);
        assert_eq!(distance("kafak", "kafka"), 2);
        assert_eq!(distance("amudsen", "amundsen"), 1);
        assert_eq!(distance("", "abc"), 3);
    }
}
