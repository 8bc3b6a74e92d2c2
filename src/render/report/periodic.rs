//! The periods the report's time charts use (render stage): the analysis period, made
//! coarser (issue -> month -> quarter -> year) until at most [`MAX_POINTS`] periods remain, so
//! a line or an area stays readable over an eight-year archive. Keys and article items per
//! period follow docs/METHODS.md section 3 (`analysis::period::key`); undated issues have no
//! calendar period and are left out of month, quarter and year charts.

use super::frame::View;
use super::model::PeriodRow;
use crate::analysis::period;
use crate::config::Period;
use crate::date::Date;
use crate::frames::Frames;
use crate::render::RenderError;
use std::collections::{BTreeMap, HashMap};

/// Most periods a time chart draws before the report coarsens its period.
pub const MAX_POINTS: usize = 40;

/// A period, each issue's key in it, and the article items of each key.
#[derive(Clone, Debug, PartialEq)]
pub struct Periodic {
    pub period: Period,
    /// Keys in time order with their article items.
    pub rows: Vec<PeriodRow>,
    /// Issue number -> period key.
    pub of_issue: BTreeMap<u64, String>,
}

fn coarser(p: Period) -> Option<Period> {
    match p {
        Period::Issue => Some(Period::Month),
        Period::Month => Some(Period::Quarter),
        Period::Quarter => Some(Period::Year),
        Period::Year => None,
    }
}

impl Periodic {
    /// `start`, or the first coarser period with at most [`MAX_POINTS`] periods.
    pub fn for_charts(frames: &Frames, start: Period) -> Result<Periodic, RenderError> {
        let mut p = Periodic::new(frames, start)?;
        while p.rows.len() > MAX_POINTS {
            match coarser(p.period) {
                Some(next) => p = Periodic::new(frames, next)?,
                None => break,
            }
        }
        Ok(p)
    }

    pub fn new(frames: &Frames, period: Period) -> Result<Periodic, RenderError> {
        let v = View::new("issues", &frames.issues);
        let (numbers, dates, article) = (v.u64("issue")?, v.opt_str("date")?, v.u64("article")?);
        let mut of_issue = BTreeMap::new();
        let mut items: BTreeMap<i64, (String, u64)> = BTreeMap::new();
        for i in 0..numbers.len() {
            let date = dates[i].as_deref().and_then(Date::parse_iso);
            let Some((ordinal, key)) = period::key(period, numbers[i] as u32, date) else {
                continue;
            };
            of_issue.insert(numbers[i], key.clone());
            items.entry(ordinal).or_insert((key, 0)).1 += article[i];
        }
        let rows = items
            .into_values()
            .map(|(period, article_items)| PeriodRow {
                period,
                article_items,
                gap_before: 0,
                partial: false,
            })
            .collect();
        Ok(Periodic {
            period,
            rows,
            of_issue,
        })
    }

    pub fn keys(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.period.clone()).collect()
    }
}

/// Distinct article items per (period key, `group` of the mention), where `group` maps a
/// mention's (entity, category, topic) to its group, if any.
///
/// Reads the mention columns in place (codes, not strings) and relies on the frame's order
/// (issue, item, ...): the groups of one item are gathered, deduplicated and counted once.
pub fn article_items(
    frames: &Frames,
    periodic: &Periodic,
    group: impl Fn(&str, &str, &str) -> Option<String>,
) -> Result<BTreeMap<(String, String), u64>, RenderError> {
    let v = View::new("mentions", &frames.mentions);
    let (issue, item) = (v.u32_array("issue")?, v.u32_array("item")?);
    let (section, sections) = v.cat_array("section")?;
    let (entity, entities) = v.cat_array("entity")?;
    let (category, categories) = v.cat_array("category")?;
    let (topic, topics) = v.cat_array("topic")?;
    let Some(article) = sections.iter().position(|s| s == "article") else {
        return Ok(BTreeMap::new());
    };
    // Period of each issue, as an index into `keys`.
    let keys: Vec<&str> = periodic.rows.iter().map(|r| r.period.as_str()).collect();
    let key_index: HashMap<&str, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();
    let period_of: HashMap<u32, u32> = periodic
        .of_issue
        .iter()
        .filter_map(|(n, k)| Some((u32::try_from(*n).ok()?, *key_index.get(k.as_str())?)))
        .collect();
    // `group` once per distinct (entity, category, topic); each group named once.
    let mut group_of: HashMap<[Option<u32>; 3], Option<u32>> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    let mut group_ids: HashMap<String, u32> = HashMap::new();
    let name = |names: &[String], code: Option<u32>| -> String {
        code.and_then(|c| names.get(c as usize))
            .cloned()
            .unwrap_or_default()
    };
    let mut counts: HashMap<(u32, u32), u64> = HashMap::new();
    let mut current: Option<(u32, u32, u32)> = None; // (issue, item, period)
    let mut in_item: Vec<u32> = Vec::new();
    let mut flush = |period: u32, in_item: &mut Vec<u32>| {
        in_item.sort_unstable();
        in_item.dedup();
        for g in in_item.drain(..) {
            *counts.entry((period, g)).or_insert(0) += 1;
        }
    };
    // Rows come issue by issue: look each issue's period up once.
    let mut last_issue: Option<(u32, Option<u32>)> = None;
    // The group of each entity code, valid while its category and topic are the same.
    type Memo = Option<([Option<u32>; 3], Option<u32>)>;
    let mut by_entity: Vec<Memo> = vec![None; entities.len()];
    let rows = issue
        .iter()
        .zip(item.iter())
        .zip(section.iter())
        .enumerate();
    for (i, ((is, it), sec)) in rows {
        let (Some(is), Some(it)) = (is, it) else {
            continue;
        };
        if sec.map(|c| c as usize) != Some(article) {
            continue;
        }
        let period = match last_issue {
            Some((n, p)) if n == is => p,
            _ => {
                let p = period_of.get(&is).copied();
                last_issue = Some((is, p));
                p
            }
        };
        let Some(period) = period else {
            continue;
        };
        if current.is_some_and(|(a, b, _)| (a, b) != (is, it)) {
            if let Some((_, _, p)) = current {
                flush(p, &mut in_item);
            }
        }
        current = Some((is, it, period));
        let codes = [entity.get(i), category.get(i), topic.get(i)];
        let memo = codes[0].and_then(|e| by_entity.get_mut(e as usize));
        let g = match memo {
            Some(Some((seen, g))) if *seen == codes => *g,
            memo => {
                let g = *group_of.entry(codes).or_insert_with(|| {
                    let g = group(
                        &name(&entities, codes[0]),
                        &name(&categories, codes[1]),
                        &name(&topics, codes[2]),
                    )?;
                    Some(*group_ids.entry(g.clone()).or_insert_with(|| {
                        groups.push(g);
                        groups.len() as u32 - 1
                    }))
                });
                if let Some(slot) = memo {
                    *slot = Some((codes, g));
                }
                g
            }
        };
        in_item.extend(g);
    }
    if let Some((_, _, p)) = current {
        flush(p, &mut in_item);
    }
    Ok(counts
        .into_iter()
        .map(|((p, g), n)| {
            (
                (keys[p as usize].to_string(), groups[g as usize].clone()),
                n,
            )
        })
        .collect())
}
