//! Which entities get a trend line (render stage): those named with `--entities` (looked up
//! in the lexicon by name or alias, ignoring case), else the labelled movers (new, rising,
//! falling, quiet, in turns) topped up with the most covered entities; at most 8.

use super::model::Model;
use super::ReportInput;
use crate::analysis::Label;

/// Most trend lines drawn; more make the chart unreadable.
pub const MAX_LINES: usize = 8;

/// The chosen entities and how they were chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub entities: Vec<String>,
    /// `--entities` names the lexicon does not know.
    pub unknown: Vec<String>,
    /// Names given with `--entities` (true) or picked from the analysis (false).
    pub asked: bool,
    /// Requested entities left out because of [`MAX_LINES`].
    pub cut: usize,
}

impl Selection {
    pub fn new(input: &ReportInput, model: &Model) -> Selection {
        if input.config.entities.is_empty() {
            return Selection {
                entities: picked(input, model),
                ..Selection::default()
            };
        }
        let mut s = Selection {
            asked: true,
            ..Selection::default()
        };
        for query in &input.config.entities {
            let ids = input.lexicon.lookup(query);
            if ids.is_empty() {
                s.unknown.push(query.clone());
            }
            for id in ids {
                let name = input.lexicon.name(id).to_string();
                if !s.entities.contains(&name) {
                    s.entities.push(name);
                }
            }
        }
        s.cut = s.entities.len().saturating_sub(MAX_LINES);
        s.entities.truncate(MAX_LINES);
        s
    }
}

/// Labelled movers first, taken in turns (the biggest new, rising, falling and quiet entity,
/// then the second of each, ...), then entities by article items (frequency order).
fn picked(input: &ReportInput, model: &Model) -> Vec<String> {
    let moving = [Label::New, Label::Rising, Label::Falling, Label::Quiet];
    let groups: Vec<Vec<&str>> = moving
        .iter()
        .map(|l| {
            let of = input
                .analysis
                .trends_by_entity
                .iter()
                .filter(|t| t.label == *l);
            of.map(|t| t.entity.as_str()).collect()
        })
        .collect();
    let rounds = groups.iter().map(Vec::len).max().unwrap_or(0);
    let turns = (0..rounds).flat_map(|i| groups.iter().filter_map(move |g| g.get(i).copied()));
    let covered = model
        .freq
        .iter()
        .filter(|f| f.items > 0)
        .map(|f| f.entity.as_str());
    let mut out: Vec<String> = Vec::new();
    for name in turns.chain(covered) {
        if out.len() >= MAX_LINES {
            break;
        }
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}
