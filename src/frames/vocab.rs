//! The category lists behind the frames' categorical columns, fixed once per build from the
//! lexicon and the corpus, and the per-entity codes (name, category, topic, family head).

use super::encode::{cat_dtype, dedup};
use super::FramesError;
use crate::corpus::{Corpus, DateSource, Issue, Section};
use crate::date::Date;
use crate::extract::Via;
use crate::lexicon::{Category, Lexicon, Origin};
use polars::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// categorical dtypes and the codes of every lexicon entity in them.
pub(crate) struct Vocab {
    pub section: DataType,
    pub date_source: DataType,
    /// Unique issue dates, ISO, ascending (so code order is date order).
    pub date: DataType,
    /// Code of each issue date in `date`.
    pub code_of_date: HashMap<Date, u32>,
    /// Unique entity names in lexicon order (same-named entries share a code).
    pub entity: DataType,
    pub category: DataType,
    /// `lexicon`, `discovered`.
    pub origin: DataType,
    /// `text`, `maker`, `link` (`extract::Via`).
    pub via: DataType,
    /// Unique topics, sorted.
    pub topic: DataType,
    pub places: DataType,
    pub countries: DataType,
    pub continents: DataType,
    /// Per `EntityId`: codes in `entity`, `category`, `topic`, and the family head's `entity` code.
    pub codes: Vec<EntityCodes>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct EntityCodes {
    pub name: u32,
    pub category: u32,
    pub topic: u32,
    pub family: u32,
    pub origin: u32,
    /// Codes in `places`, `countries`, `continents` (cities only).
    pub city: Option<u32>,
    pub country: Option<u32>,
    pub continent: Option<u32>,
}

/// The `section` category's values in code order (`corpus::Section::ALL`), which are also the
/// issues frame's per-section count columns.
pub fn section_names() -> [&'static str; 5] {
    Section::ALL.map(Section::as_str)
}

/// Wraps a Polars error with the frame it was building.
pub(super) fn polars(frame: &'static str) -> impl Fn(PolarsError) -> FramesError {
    move |source| FramesError::Polars { frame, source }
}

impl Vocab {
    pub fn new(corpus: &Corpus, lexicon: &Lexicon) -> Result<Vocab, FramesError> {
        let err = polars("vocabulary");
        // Dates in order are ISO strings in order.
        let dates: BTreeSet<Date> = corpus.issues.iter().filter_map(|i| i.date).collect();
        let code_of_date = dates
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i as u32))
            .collect();
        let dates: Vec<String> = dates.iter().map(Date::to_string).collect();
        let (names, name_code) = dedup(lexicon.entities.iter().map(|e| e.name.as_str()));
        let topics: BTreeSet<&str> = lexicon.entities.iter().map(|e| e.topic.as_str()).collect();
        let topics: Vec<&str> = topics.into_iter().collect();
        let cities = city_lists(lexicon);
        let codes = entity_codes(lexicon, &name_code, &topics, &cities)?;
        Ok(Vocab {
            section: cat_dtype(section_names()).map_err(&err)?,
            date_source: cat_dtype(DATE_SOURCES.iter().map(|s| s.as_str())).map_err(&err)?,
            date: cat_dtype(dates.iter().map(String::as_str)).map_err(&err)?,
            code_of_date,
            entity: cat_dtype(names).map_err(&err)?,
            category: cat_dtype(Category::ALL.iter().map(|c| c.as_str())).map_err(&err)?,
            origin: cat_dtype(Origin::ALL.iter().map(|o| o.as_str())).map_err(&err)?,
            via: cat_dtype(Via::ALL.iter().map(|v| v.as_str())).map_err(&err)?,
            topic: cat_dtype(topics).map_err(&err)?,
            places: cat_dtype(cities[0].iter().map(String::as_str)).map_err(&err)?,
            countries: cat_dtype(cities[1].iter().map(String::as_str)).map_err(&err)?,
            continents: cat_dtype(cities[2].iter().map(String::as_str)).map_err(&err)?,
            codes,
        })
    }

    /// An entity id the lexicon does not have (named in `context`) is an error.
    pub fn check_entity(&self, id: u32, context: &'static str) -> Result<(), FramesError> {
        match self.codes.get(id as usize) {
            Some(_) => Ok(()),
            None => Err(FramesError::UnknownEntity {
                entity: id,
                context,
            }),
        }
    }

    /// Code of an issue's date in `date` (`None` when undated).
    pub fn issue_date(&self, issue: &Issue) -> Option<u32> {
        issue.date.and_then(|d| self.code_of_date.get(&d).copied())
    }
}

/// Category order of `date_source`; `Filename` last, so the codes of the others stay.
pub(crate) const DATE_SOURCES: [DateSource; 6] = [
    DateSource::Written,
    DateSource::Metadata,
    DateSource::Events,
    DateSource::Interpolated,
    DateSource::None,
    DateSource::Filename,
];

/// Sorted unique city names, countries and continents of the city entities.
fn city_lists(lexicon: &Lexicon) -> [Vec<String>; 3] {
    let mut sets: [BTreeSet<String>; 3] = Default::default();
    for e in lexicon
        .entities
        .iter()
        .filter(|e| e.category == Category::City)
    {
        sets[0].insert(e.name.clone());
        sets[1].extend(e.country.clone());
        sets[2].extend(e.continent.clone());
    }
    sets.map(|s| s.into_iter().collect())
}

fn position(list: &[String], value: Option<&String>) -> Option<u32> {
    value
        .and_then(|v| list.binary_search(v).ok())
        .map(|i| i as u32)
}

fn entity_codes(
    lexicon: &Lexicon,
    name_code: &[u32],
    topics: &[&str],
    cities: &[Vec<String>; 3],
) -> Result<Vec<EntityCodes>, FramesError> {
    let mut out = Vec::with_capacity(lexicon.entities.len());
    for (id, e) in lexicon.entities.iter().enumerate() {
        let family = family_head(lexicon, id as u32)?;
        let is_city = e.category == Category::City;
        let place =
            |list: usize, v: Option<&String>| position(&cities[list], v.filter(|_| is_city));
        out.push(EntityCodes {
            name: name_code[id],
            category: Category::ALL
                .iter()
                .position(|c| *c == e.category)
                .unwrap_or(0) as u32,
            topic: topics.binary_search(&e.topic.as_str()).unwrap_or(0) as u32,
            family: name_code[family as usize],
            origin: Origin::ALL.iter().position(|o| *o == e.origin).unwrap_or(0) as u32,
            city: place(0, Some(&e.name)),
            country: place(1, e.country.as_ref()),
            continent: place(2, e.continent.as_ref()),
        });
    }
    Ok(out)
}

/// The root of the parent chain of `id` (itself when it has no parent). A cycle (which
/// `lexicon` rejects on load) stops at the entity where it closes, so this never loops.
pub(crate) fn family_head(lexicon: &Lexicon, id: u32) -> Result<u32, FramesError> {
    let mut head = id;
    for _ in 0..lexicon.entities.len() {
        match lexicon.entities[head as usize].parent {
            None => return Ok(head),
            Some(p) if (p as usize) < lexicon.entities.len() => head = p,
            Some(p) => {
                return Err(FramesError::UnknownEntity {
                    entity: p,
                    context: "parent",
                })
            }
        }
    }
    Ok(head)
}
