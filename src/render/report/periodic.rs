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
use std::collections::{BTreeMap, HashMap, HashSet};

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
pub fn article_items(
    frames: &Frames,
    periodic: &Periodic,
    group: impl Fn(&str, &str, &str) -> Option<String>,
) -> Result<BTreeMap<(String, String), u64>, RenderError> {
    let v = View::new("mentions", &frames.mentions);
    let (issue, item) = (v.u64("issue")?, v.u64("item")?);
    let (section, sections) = v.cat("section")?;
    let (entity, entities) = v.cat("entity")?;
    let (category, categories) = v.cat("category")?;
    let (topic, topics) = v.cat("topic")?;
    let article = sections.iter().position(|s| s == "article");
    // `group` once per distinct (entity, category, topic), each group named once.
    let mut group_of: HashMap<[Option<u32>; 3], Option<usize>> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    let mut group_ids: HashMap<String, usize> = HashMap::new();
    let name = |names: &[String], code: Option<u32>| -> String {
        code.and_then(|c| names.get(c as usize))
            .cloned()
            .unwrap_or_default()
    };
    // (period key, group, issue, item), each article item counted once per key and group.
    let mut seen: HashSet<(&str, usize, u64, u64)> = HashSet::new();
    for i in 0..v.height() {
        if article.is_none() || section[i].map(|c| c as usize) != article {
            continue;
        }
        let Some(key) = periodic.of_issue.get(&issue[i]) else {
            continue;
        };
        let codes = [entity[i], category[i], topic[i]];
        let g = *group_of.entry(codes).or_insert_with(|| {
            let g = group(
                &name(&entities, codes[0]),
                &name(&categories, codes[1]),
                &name(&topics, codes[2]),
            )?;
            Some(*group_ids.entry(g.clone()).or_insert_with(|| {
                groups.push(g);
                groups.len() - 1
            }))
        });
        if let Some(g) = g {
            seen.insert((key.as_str(), g, issue[i], item[i]));
        }
    }
    let mut counts = BTreeMap::new();
    for (key, g, _, _) in seen {
        *counts
            .entry((key.to_string(), groups[g].clone()))
            .or_insert(0) += 1;
    }
    Ok(counts)
}
