//! The frames read once into compact records for one window: issues with their section
//! counts, mentioned items with their entities, events, and entity metadata. Every measure
//! is computed from a `Base`, so all of them see the same window and the same counts.

use super::options::Window;
use super::AnalysisError;
use crate::corpus::Section;
use crate::date::Date;
use crate::frames::{encode, Frames};
use polars::prelude::*;
use std::collections::HashMap;

/// One issue of the window.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueRec {
    pub number: u32,
    pub date: Option<Date>,
    /// Items per section, indexed like `Section::ALL`.
    pub sections: [u32; 5],
}

impl IssueRec {
    pub fn count(&self, s: Section) -> u32 {
        self.sections[s as usize]
    }
}

/// One item with at least one mention: its issue (index into `Base::issues`), section, and
/// where its entities are in `Base::entities` ([`Base::entities`] gives them).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRec {
    pub issue: usize,
    pub item: u32,
    pub section: Section,
    /// The item's entities are `Base::entities[first..first + count]`.
    first: usize,
    count: u32,
}

/// What the frames say about an entity (from its mention rows).
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub category: String,
    pub topic: String,
    /// Entity code of the family head.
    pub family: u32,
}

/// One meetup listing of the window; unresolved places have no city. City, country and
/// continent are codes into `Base::places` (one list per field).
#[derive(Clone, Debug, PartialEq)]
pub struct EventRec {
    pub issue: usize,
    pub city: Option<u32>,
    pub country: Option<u32>,
    pub continent: Option<u32>,
}

/// The window's data. Entity codes index `names` and `meta`.
#[derive(Clone, Debug)]
pub struct Base {
    pub names: Vec<String>,
    pub meta: Vec<Option<Meta>>,
    pub issues: Vec<IssueRec>,
    pub items: Vec<ItemRec>,
    /// Every item's entities (code, mentions), item after item, each item's sorted by code:
    /// one list instead of one per item (millions at archive scale).
    entities: Vec<(u32, u32)>,
    /// Per entity, over the whole archive: first issue (number, date) with an article mention.
    pub first_article: Vec<Option<(u32, Option<Date>)>>,
    pub events: Vec<EventRec>,
    /// Names behind the event codes: cities, countries, continents.
    pub places: [Vec<String>; 3],
}

pub(crate) fn polars(step: &'static str) -> impl Fn(PolarsError) -> AnalysisError {
    move |source| AnalysisError::Polars { step, source }
}

pub(crate) fn u32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u32>> {
    Ok(df
        .column(name)?
        .u32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect())
}

pub(crate) fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?.iter().map(|s| s.map(str::to_string)).collect())
}

/// Codes of a categorical column with the names behind them.
pub(crate) fn cats(df: &DataFrame, name: &str) -> PolarsResult<(Vec<Option<u32>>, Vec<String>)> {
    let c = df.column(name)?;
    Ok((encode::codes(c)?, encode::names(c)?))
}

/// Every issue of the archive, by number.
fn all_issues(df: &DataFrame) -> PolarsResult<Vec<IssueRec>> {
    let number = u32s(df, "issue")?;
    let date = strs(df, "date")?;
    let counts: Vec<Vec<u32>> = Section::ALL
        .iter()
        .map(|s| u32s(df, s.as_str()))
        .collect::<PolarsResult<_>>()?;
    let mut out: Vec<IssueRec> = (0..number.len())
        .map(|i| IssueRec {
            number: number[i],
            date: date[i].as_deref().and_then(Date::parse_iso),
            sections: std::array::from_fn(|s| counts[s][i]),
        })
        .collect();
    out.sort_by_key(|r| r.number);
    Ok(out)
}

/// Mention rows as (issue number, item, section, entity code), sorted, with entity metadata.
struct Rows {
    rows: Vec<(u32, u32, Section, u32)>,
    names: Vec<String>,
    meta: Vec<Option<Meta>>,
}

/// Codes of a categorical column as an array (not copied out: the mention frame is long),
/// with the names behind them.
fn cat_array(df: &DataFrame, name: &str) -> PolarsResult<(UInt32Chunked, Vec<String>)> {
    let c = df.column(name)?;
    Ok((encode::code_array(c)?, encode::names(c)?))
}

fn mention_rows(df: &DataFrame) -> PolarsResult<Rows> {
    let (issue, item) = (df.column("issue")?.u32()?, df.column("item")?.u32()?);
    let (section, section_names) = cat_array(df, "section")?;
    let (entity, names) = cat_array(df, "entity")?;
    let (category, category_names) = cat_array(df, "category")?;
    let (topic, topic_names) = cat_array(df, "topic")?;
    let (parent, parent_names) = cat_array(df, "parent")?;
    let by_name: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let sections: Vec<Option<Section>> = section_names
        .iter()
        .map(|n| Section::ALL.into_iter().find(|s| s.as_str() == n))
        .collect();
    let name_of =
        |list: &[String], code: Option<u32>| code.and_then(|c| list.get(c as usize)).cloned();
    let mut meta: Vec<Option<Meta>> = vec![None; names.len()];
    let mut rows = Vec::with_capacity(issue.len());
    let columns = issue
        .iter()
        .zip(item.iter())
        .zip(section.iter())
        .zip(entity.iter())
        .enumerate();
    for (i, (((issue, item), section), entity)) in columns {
        let (Some(e), Some(s)) = (
            entity,
            section.and_then(|c| sections.get(c as usize).copied().flatten()),
        ) else {
            continue;
        };
        rows.push((issue.unwrap_or(0), item.unwrap_or(0), s, e));
        if meta[e as usize].is_none() {
            let family = name_of(&parent_names, parent.get(i))
                .and_then(|p| by_name.get(p.as_str()).copied());
            meta[e as usize] = Some(Meta {
                category: name_of(&category_names, category.get(i)).unwrap_or_default(),
                topic: name_of(&topic_names, topic.get(i)).unwrap_or_default(),
                family: family.unwrap_or(e),
            });
        }
    }
    // The frame is sorted by (issue, item); sort only if it is not (stable: keeps start order).
    if !rows.is_sorted_by_key(|&(is, it, _, _)| (is, it)) {
        rows.sort_by_key(|&(is, it, _, _)| (is, it));
    }
    Ok(Rows { rows, names, meta })
}

/// Items and the list of their entities, as in [`Base`].
type Grouped = (Vec<ItemRec>, Vec<(u32, u32)>);

/// Groups mention rows sorted by (issue, item) into items, entities sorted with their
/// mention counts (rows of issues missing from `index` are dropped).
fn group_items(rows: &[(u32, u32, Section, u32)], index: &HashMap<u32, usize>) -> Grouped {
    let mut items: Vec<ItemRec> = Vec::new();
    let mut entities: Vec<(u32, u32)> = Vec::new();
    let mut cached: Option<(u32, Option<usize>)> = None;
    for &(issue, item, section, entity) in rows {
        let idx = match cached {
            Some((number, idx)) if number == issue => idx,
            _ => {
                let idx = index.get(&issue).copied();
                cached = Some((issue, idx));
                idx
            }
        };
        let Some(idx) = idx else { continue };
        match items.last_mut() {
            Some(last) if last.issue == idx && last.item == item => {
                entities.push((entity, 1));
            }
            _ => {
                if let Some(last) = items.last_mut() {
                    close_item(last, &mut entities);
                }
                items.push(ItemRec {
                    issue: idx,
                    item,
                    section,
                    first: entities.len(),
                    count: 0,
                });
                entities.push((entity, 1));
            }
        }
    }
    if let Some(last) = items.last_mut() {
        close_item(last, &mut entities);
    }
    (items, entities)
}

/// Sorts the rows of the last item (from `item.first` to the end of `entities`) by entity,
/// adds up the mentions of each entity into one row and records how many rows are left.
fn close_item(item: &mut ItemRec, entities: &mut Vec<(u32, u32)>) {
    let rows = &mut entities[item.first..];
    rows.sort_unstable();
    let mut kept = 0;
    for i in 0..rows.len() {
        if kept > 0 && rows[kept - 1].0 == rows[i].0 {
            rows[kept - 1].1 += rows[i].1;
        } else {
            rows[kept] = rows[i];
            kept += 1;
        }
    }
    entities.truncate(item.first + kept);
    // An item's entities are distinct lexicon entries: far fewer than 4 billion.
    item.count = u32::try_from(kept).unwrap_or(u32::MAX);
}

/// [`group_items`] on pieces of the rows cut between items, in parallel, joined in order:
/// the same items (each item's rows are in one piece).
fn group_items_parallel(rows: &[(u32, u32, Section, u32)], index: &HashMap<u32, usize>) -> Grouped {
    use rayon::prelude::*;
    let pieces = 2 * rayon::current_num_threads();
    let mut cuts = vec![0];
    for k in 1..pieces {
        let mut at = (rows.len() * k / pieces).max(*cuts.last().unwrap_or(&0));
        let key = |r: &(u32, u32, Section, u32)| (r.0, r.1);
        while at > 0 && at < rows.len() && key(&rows[at - 1]) == key(&rows[at]) {
            at += 1;
        }
        cuts.push(at);
    }
    cuts.push(rows.len());
    let pieces: Vec<Grouped> = cuts
        .par_windows(2)
        .map(|w| group_items(&rows[w[0]..w[1]], index))
        .collect();
    let mut items = Vec::with_capacity(pieces.iter().map(|p| p.0.len()).sum());
    let mut entities = Vec::with_capacity(pieces.iter().map(|p| p.1.len()).sum());
    for (piece_items, piece_entities) in pieces {
        let offset = entities.len();
        items.extend(piece_items.into_iter().map(|it| ItemRec {
            first: it.first + offset,
            ..it
        }));
        entities.extend(piece_entities);
    }
    (items, entities)
}

fn first_article(
    rows: &[(u32, u32, Section, u32)],
    issues: &[IssueRec],
    n: usize,
) -> Vec<Option<(u32, Option<Date>)>> {
    let dates: HashMap<u32, Option<Date>> = issues.iter().map(|i| (i.number, i.date)).collect();
    let mut first: Vec<Option<(u32, Option<Date>)>> = vec![None; n];
    for &(issue, _, _, e) in rows.iter().filter(|r| r.2 == Section::Article) {
        if first[e as usize].is_none() {
            first[e as usize] = Some((issue, dates.get(&issue).copied().flatten()));
        }
    }
    first
}

type Events = (Vec<EventRec>, [Vec<String>; 3]);

fn events(df: &DataFrame, index: &HashMap<u32, usize>) -> PolarsResult<Events> {
    let issue = u32s(df, "issue")?;
    let (city, cities) = cats(df, "city")?;
    let (country, countries) = cats(df, "country")?;
    let (continent, continents) = cats(df, "continent")?;
    let events = (0..issue.len())
        .filter_map(|i| {
            index.get(&issue[i]).map(|&idx| EventRec {
                issue: idx,
                city: city[i],
                country: country[i],
                continent: continent[i],
            })
        })
        .collect();
    Ok((events, [cities, countries, continents]))
}

impl Base {
    /// Reads the frames, keeping the issues inside `window`.
    pub fn new(frames: &Frames, window: &Window) -> Result<Base, AnalysisError> {
        let all = Base::read(frames)?;
        Ok(if window.is_all() {
            all
        } else {
            all.within(window)
        })
    }

    /// Reads the whole archive.
    pub fn read(frames: &Frames) -> Result<Base, AnalysisError> {
        let issues = all_issues(&frames.issues).map_err(polars("reading the issues frame"))?;
        let rows = mention_rows(&frames.mentions).map_err(polars("reading the mentions frame"))?;
        let first = first_article(&rows.rows, &issues, rows.names.len());
        let index: HashMap<u32, usize> = issues
            .iter()
            .enumerate()
            .map(|(i, r)| (r.number, i))
            .collect();
        let ((items, entities), events) = rayon::join(
            || group_items_parallel(&rows.rows, &index),
            || events(&frames.events, &index),
        );
        let (events, places) = events.map_err(polars("reading the events frame"))?;
        Ok(Base {
            names: rows.names,
            meta: rows.meta,
            issues,
            items,
            entities,
            first_article: first,
            events,
            places,
        })
    }

    /// The same data restricted to the issues inside `window` (entity metadata and the
    /// archive-wide first mentions are kept whole).
    pub fn within(&self, window: &Window) -> Base {
        let mut new_index = vec![None; self.issues.len()];
        let mut issues = Vec::new();
        for (i, issue) in self
            .issues
            .iter()
            .enumerate()
            .filter(|(_, r)| window.contains(r.date))
        {
            new_index[i] = Some(issues.len());
            issues.push(issue.clone());
        }
        let remap = |i: usize| new_index[i];
        let items = self
            .items
            .iter()
            .filter_map(|it| {
                Some(ItemRec {
                    issue: remap(it.issue)?,
                    ..it.clone()
                })
            })
            .collect();
        let events = self
            .events
            .iter()
            .filter_map(|e| {
                Some(EventRec {
                    issue: remap(e.issue)?,
                    ..e.clone()
                })
            })
            .collect();
        Base {
            names: self.names.clone(),
            meta: self.meta.clone(),
            issues,
            items,
            // Kept whole: the items' positions stay valid.
            entities: self.entities.clone(),
            first_article: self.first_article.clone(),
            events,
            places: self.places.clone(),
        }
    }

    /// The entities of `item` (an item of this base) with their mentions, sorted by code.
    pub fn entities(&self, item: &ItemRec) -> &[(u32, u32)] {
        let end = item.first + item.count as usize;
        self.entities.get(item.first..end).unwrap_or_default()
    }

    /// Article items in the window: the denominator of every share.
    pub fn article_items(&self) -> u64 {
        self.issues
            .iter()
            .map(|i| i.count(Section::Article) as u64)
            .sum()
    }

    /// The window's issue index of an issue number (issues are sorted by number).
    pub fn issue_index(&self, number: u32) -> Option<usize> {
        self.issues.binary_search_by_key(&number, |i| i.number).ok()
    }

    pub fn category(&self, e: u32) -> &str {
        self.meta[e as usize]
            .as_ref()
            .map_or("", |m| m.category.as_str())
    }

    pub fn topic(&self, e: u32) -> &str {
        self.meta[e as usize]
            .as_ref()
            .map_or("", |m| m.topic.as_str())
    }

    pub fn family(&self, e: u32) -> u32 {
        self.meta[e as usize].as_ref().map_or(e, |m| m.family)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Grouping in parallel pieces gives the sequential grouping: items whose rows straddle
    /// a naive cut stay whole, and rows of issues outside the window are dropped alike. An
    /// item's entities are sorted, each once with its mentions.
    #[test]
    fn parallel_grouping_matches_sequential() {
        let sections = [Section::Intro, Section::Article, Section::Event];
        let mut rows = Vec::new();
        for issue in 1..=40u32 {
            for item in 0..(issue % 7) {
                for k in 0..(1 + (issue + item) % 5) {
                    let entity = (issue * 31 + item * 7 + k * 3) % 11;
                    rows.push((issue, item, sections[(item % 3) as usize], entity));
                }
            }
        }
        // An entity named twice in an item is one entry with both mentions.
        rows.extend([5, 2, 5].map(|e| (41, 0, Section::Article, e)));
        let index: HashMap<u32, usize> = (1..=41u32)
            .filter(|n| n % 9 != 0)
            .map(|n| (n, n as usize))
            .collect();
        let (items, entities) = group_items(&rows, &index);
        let base = Base {
            names: vec![String::new(); 11],
            meta: vec![None; 11],
            issues: Vec::new(),
            entities,
            items,
            first_article: Vec::new(),
            events: Vec::new(),
            places: Default::default(),
        };
        let last = base.items.last().expect("items");
        assert_eq!((last.issue, last.item), (41, 0));
        assert_eq!(base.entities(last), [(2, 1), (5, 2)]);
        for len in [0, 1, 2, 3, 10, rows.len() / 2, rows.len()] {
            let part = &rows[..len];
            assert_eq!(
                group_items_parallel(part, &index),
                group_items(part, &index),
                "{len} rows"
            );
        }
    }
}
