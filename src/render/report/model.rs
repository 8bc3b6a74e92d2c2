//! The analysis frames read back as typed rows for the Markdown and the charts (render stage).
//! Each row type mirrors one CSV the report writes (`csv/<table>.csv`), column for column.

use super::frame::View;
use crate::analysis::Analysis;
use crate::frames::Frames;
use crate::render::RenderError;
use std::collections::BTreeMap;

/// One row of `frequency.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Freq {
    pub entity: String,
    pub category: String,
    pub topic: String,
    pub mentions: u64,
    pub items: u64,
    pub issues: u64,
    pub share: f64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub sponsor_items: u64,
    pub event_items: u64,
    pub trend: String,
}

/// One row of `comentions.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub a: String,
    pub b: String,
    pub items: u64,
    pub a_items: u64,
    pub b_items: u64,
    pub expected: f64,
    pub npmi: f64,
    pub lift: f64,
    pub g2: f64,
    pub p_value: f64,
    pub same_family: bool,
}

/// One row of `balance.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct BalanceRow {
    pub dimension: String,
    pub key: String,
    pub count: u64,
    pub share: f64,
    pub norm_share: f64,
    pub target: Option<f64>,
    pub deviation: Option<f64>,
}

/// One row of `periods.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodRow {
    pub period: String,
    pub article_items: u64,
    pub gap_before: u64,
    pub partial: bool,
}

/// The meetup listings of `events.csv`, summed by place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listings {
    /// Meetup listings (rows of `csv/events.csv`).
    pub count: u64,
    /// Listings whose place resolved to a city.
    pub resolved: u64,
    /// Resolved listings per (country, continent), by country then continent.
    pub by_country: Vec<(String, String, u64)>,
    /// Listings per unresolved place as written, by place.
    pub unresolved: Vec<(String, u64)>,
}

/// Everything the report reads from the analysis frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub freq: Vec<Freq>,
    pub pairs: Vec<PairRow>,
    pub balance: Vec<BalanceRow>,
    pub periods: Vec<PeriodRow>,
    pub listings: Listings,
}

impl Model {
    pub fn read(analysis: &Analysis, frames: &Frames) -> Result<Model, RenderError> {
        Ok(Model {
            freq: freq(&View::new("frequency", &analysis.frequency))?,
            pairs: pairs(&View::new("comentions", &analysis.comentions))?,
            balance: balance(&View::new("balance", &analysis.balance))?,
            periods: periods(&View::new("periods", &analysis.periods))?,
            listings: listings(&View::new("events", &frames.events))?,
        })
    }

    /// Balance rows of one dimension, in table order (count desc, key asc).
    pub fn dimension(&self, dimension: &str) -> Vec<&BalanceRow> {
        self.balance
            .iter()
            .filter(|r| r.dimension == dimension)
            .collect()
    }

    pub fn entity(&self, name: &str) -> Option<&Freq> {
        self.freq.iter().find(|f| f.entity == name)
    }
}

fn freq(v: &View) -> Result<Vec<Freq>, RenderError> {
    let (entity, category, topic) = (v.str("entity")?, v.str("category")?, v.str("topic")?);
    let (mentions, items, issues) = (v.u64("mentions")?, v.u64("items")?, v.u64("issues")?);
    let (share, first, last) = (
        v.f64("share")?,
        v.opt_str("first_seen")?,
        v.opt_str("last_seen")?,
    );
    let (sponsor, event, trend) = (
        v.u64("sponsor_items")?,
        v.u64("event_items")?,
        v.str("trend")?,
    );
    Ok((0..v.height())
        .map(|i| Freq {
            entity: entity[i].clone(),
            category: category[i].clone(),
            topic: topic[i].clone(),
            mentions: mentions[i],
            items: items[i],
            issues: issues[i],
            share: share[i],
            first_seen: first[i].clone(),
            last_seen: last[i].clone(),
            sponsor_items: sponsor[i],
            event_items: event[i],
            trend: trend[i].clone(),
        })
        .collect())
}

fn pairs(v: &View) -> Result<Vec<PairRow>, RenderError> {
    let (a, b) = (v.str("entity_a")?, v.str("entity_b")?);
    let (items, a_items, b_items) = (v.u64("items")?, v.u64("a_items")?, v.u64("b_items")?);
    let (expected, npmi, lift) = (v.f64("expected")?, v.f64("npmi")?, v.f64("lift")?);
    let (g2, p, fam) = (v.f64("g2")?, v.f64("p_value")?, v.bool("same_family")?);
    Ok((0..v.height())
        .map(|i| PairRow {
            a: a[i].clone(),
            b: b[i].clone(),
            items: items[i],
            a_items: a_items[i],
            b_items: b_items[i],
            expected: expected[i],
            npmi: npmi[i],
            lift: lift[i],
            g2: g2[i],
            p_value: p[i],
            same_family: fam[i],
        })
        .collect())
}

fn balance(v: &View) -> Result<Vec<BalanceRow>, RenderError> {
    let (dim, key, count) = (v.str("dimension")?, v.str("key")?, v.u64("count")?);
    let (share, norm) = (v.f64("share")?, v.f64("norm_share")?);
    let (target, deviation) = (v.opt_f64("target")?, v.opt_f64("deviation")?);
    Ok((0..v.height())
        .map(|i| BalanceRow {
            dimension: dim[i].clone(),
            key: key[i].clone(),
            count: count[i],
            share: share[i],
            norm_share: norm[i],
            target: target[i],
            deviation: deviation[i],
        })
        .collect())
}

fn periods(v: &View) -> Result<Vec<PeriodRow>, RenderError> {
    let (period, items) = (v.str("period")?, v.u64("article_items")?);
    let (gap, partial) = (v.u64("gap_before")?, v.bool("partial")?);
    Ok((0..v.height())
        .map(|i| PeriodRow {
            period: period[i].clone(),
            article_items: items[i],
            gap_before: gap[i],
            partial: partial[i],
        })
        .collect())
}

/// The events frame summed (it has a row per listing: read as codes, not strings).
fn listings(v: &View) -> Result<Listings, RenderError> {
    let (country, countries) = v.cat_array("country")?;
    let (continent, continents) = v.cat_array("continent")?;
    let resolved = v.bool("resolved")?;
    let (place, places) = v.cat_array("place")?;
    let mut by_country: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut unresolved: BTreeMap<&str, u64> = BTreeMap::new();
    fn name(names: &[String], code: Option<u32>) -> Option<&str> {
        code.and_then(|c| names.get(c as usize).map(String::as_str))
    }
    for (i, &ok) in resolved.iter().enumerate() {
        if !ok {
            *unresolved
                .entry(name(&places, place.get(i)).unwrap_or_default())
                .or_insert(0) += 1;
        } else if let (Some(country), Some(continent)) = (
            name(&countries, country.get(i)),
            name(&continents, continent.get(i)),
        ) {
            *by_country.entry((country, continent)).or_insert(0) += 1;
        }
    }
    let count = resolved.len() as u64;
    Ok(Listings {
        count,
        resolved: resolved.iter().filter(|r| **r).count() as u64,
        by_country: by_country
            .into_iter()
            .map(|((c, k), n)| (c.to_string(), k.to_string(), n))
            .collect(),
        unresolved: unresolved
            .into_iter()
            .map(|(p, n)| (p.to_string(), n))
            .collect(),
    })
}
