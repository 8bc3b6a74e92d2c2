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
/// continent are codes into `Base::places` (one list per field). Sixteen bytes: an archive
/// has millions of listings.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRec {
    /// Index into `Base::issues`.
    issue: u32,
    /// City, country and continent codes, `NO_PLACE` for none.
    places: [u32; 3],
}

const NO_PLACE: u32 = u32::MAX;

impl EventRec {
    pub fn new(
        issue: usize,
        city: Option<u32>,
        country: Option<u32>,
        continent: Option<u32>,
    ) -> EventRec {
        let code = |c: Option<u32>| c.unwrap_or(NO_PLACE);
        EventRec {
            // A window has far fewer than 4 billion issues.
            issue: u32::try_from(issue).unwrap_or(u32::MAX),
            places: [code(city), code(country), code(continent)],
        }
    }

    pub fn issue(&self) -> usize {
        self.issue as usize
    }

    fn place(&self, field: usize) -> Option<u32> {
        Some(self.places[field]).filter(|&c| c != NO_PLACE)
    }

    pub fn city(&self) -> Option<u32> {
        self.place(0)
    }

    pub fn country(&self) -> Option<u32> {
        self.place(1)
    }

    pub fn continent(&self) -> Option<u32> {
        self.place(2)
    }
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

/// A mention row as the analysis needs it: (issue number, item, section, entity code).
type Row = (u32, u32, Section, u32);

/// Mention rows in (issue, item) order, read by position.
trait Rows: Sync {
    fn len(&self) -> usize;
    /// Row `k`; `None` for a row without an entity or with an unknown section (skipped).
    fn row(&self, k: usize) -> Option<Row>;
    /// The (issue, item) key of row `k`, for cutting the rows between items.
    fn key(&self, k: usize) -> (u32, u32);
}

impl Rows for [Row] {
    fn len(&self) -> usize {
        <[Row]>::len(self)
    }

    fn row(&self, k: usize) -> Option<Row> {
        self.get(k).copied()
    }

    fn key(&self, k: usize) -> (u32, u32) {
        self.get(k).map_or((0, 0), |r| (r.0, r.1))
    }
}

/// The mention frame's columns, read in place: at archive scale a copy of the rows would
/// cost 16 bytes per mention (265 MB for 16.6 million mentions).
struct Columns<'a> {
    issue: &'a [u32],
    item: &'a [u32],
    /// The entity code per row, `NO_ENTITY` for null.
    entity: &'a [u32],
    /// The section per row (one byte), `None` for null or unknown.
    section: Vec<Option<Section>>,
    /// Row positions in (issue, item) order (stable), when the frame is not in that order.
    order: Option<Vec<u32>>,
}

const NO_ENTITY: u32 = u32::MAX;

impl Columns<'_> {
    fn at(&self, k: usize) -> usize {
        match &self.order {
            Some(order) => order[k] as usize,
            None => k,
        }
    }
}

impl Rows for Columns<'_> {
    fn len(&self) -> usize {
        self.issue.len()
    }

    fn row(&self, k: usize) -> Option<Row> {
        let i = self.at(k);
        let entity = self.entity[i];
        let section = self.section[i]?;
        (entity != NO_ENTITY).then_some((self.issue[i], self.item[i], section, entity))
    }

    fn key(&self, k: usize) -> (u32, u32) {
        let i = self.at(k);
        (self.issue[i], self.item[i])
    }
}

/// Codes of a categorical column as an array (not copied out: the mention frame is long),
/// with the names behind them.
fn cat_array(df: &DataFrame, name: &str) -> PolarsResult<(encode::CodeArray, Vec<String>)> {
    let c = df.column(name)?;
    Ok((encode::CodeArray::of(c)?, encode::names(c)?))
}

/// The values of a `u32` array in place when it is one chunk without nulls (as the frames
/// build it), else copied with nulls as `null`.
fn values(ca: &UInt32Chunked, null: u32) -> std::borrow::Cow<'_, [u32]> {
    match ca.cont_slice() {
        Ok(slice) => std::borrow::Cow::Borrowed(slice),
        Err(_) => ca.iter().map(|v| v.unwrap_or(null)).collect(),
    }
}

/// What the mention frame says about each entity (category, topic, family head), from the
/// first row naming it, with the entity names.
fn entity_meta(
    df: &DataFrame,
    entity: &UInt32Chunked,
) -> PolarsResult<(Vec<String>, Vec<Option<Meta>>)> {
    let names = encode::names(df.column("entity")?)?;
    let (category, category_names) = cat_array(df, "category")?;
    let (topic, topic_names) = cat_array(df, "topic")?;
    let (parent, parent_names) = cat_array(df, "parent")?;
    let by_name: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let name_of =
        |list: &[String], code: Option<u32>| code.and_then(|c| list.get(c as usize)).cloned();
    let mut meta: Vec<Option<Meta>> = vec![None; names.len()];
    let mut missing = names.len();
    for (i, e) in entity.iter().enumerate() {
        if missing == 0 {
            break;
        }
        let Some(e) = e else { continue };
        let Some(slot @ None) = meta.get_mut(e as usize) else {
            continue;
        };
        let family =
            name_of(&parent_names, parent.get(i)).and_then(|p| by_name.get(p.as_str()).copied());
        *slot = Some(Meta {
            category: name_of(&category_names, category.get(i)).unwrap_or_default(),
            topic: name_of(&topic_names, topic.get(i)).unwrap_or_default(),
            family: family.unwrap_or(e),
        });
        missing -= 1;
    }
    Ok((names, meta))
}

/// Items and the list of their entities, as in [`Base`].
type Grouped = (Vec<ItemRec>, Vec<(u32, u32)>);

/// Groups mention rows sorted by (issue, item) into items, entities sorted with their
/// mention counts (rows of issues missing from `index` are dropped).
fn group_items<R: Rows + ?Sized>(
    rows: &R,
    range: std::ops::Range<usize>,
    index: &HashMap<u32, usize>,
) -> Grouped {
    // Room for the most there can be (a row each): pages never written are never resident,
    // and the unused tail is handed back at the end without a copy.
    let mut items: Vec<ItemRec> = Vec::with_capacity(range.len());
    let mut entities: Vec<(u32, u32)> = Vec::with_capacity(range.len());
    let mut cached: Option<(u32, Option<usize>)> = None;
    for (issue, item, section, entity) in range.filter_map(|k| rows.row(k)) {
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
    items.shrink_to_fit();
    entities.shrink_to_fit();
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

fn first_article<R: Rows + ?Sized>(
    rows: &R,
    issues: &[IssueRec],
    n: usize,
) -> Vec<Option<(u32, Option<Date>)>> {
    let dates: HashMap<u32, Option<Date>> = issues.iter().map(|i| (i.number, i.date)).collect();
    let mut first: Vec<Option<(u32, Option<Date>)>> = vec![None; n];
    let articles = (0..rows.len())
        .filter_map(|k| rows.row(k))
        .filter(|r| r.2 == Section::Article);
    for (issue, _, _, e) in articles {
        if let Some(slot @ None) = first.get_mut(e as usize) {
            *slot = Some((issue, dates.get(&issue).copied().flatten()));
        }
    }
    first
}

type Events = (Vec<EventRec>, [Vec<String>; 3]);

fn events(df: &DataFrame, index: &HashMap<u32, usize>) -> PolarsResult<Events> {
    // Read in place: the events frame has a row per listing.
    let issue = df.column("issue")?.u32()?;
    let (city, cities) = cat_array(df, "city")?;
    let (country, countries) = cat_array(df, "country")?;
    let (continent, continents) = cat_array(df, "continent")?;
    let events = issue
        .iter()
        .enumerate()
        .filter_map(|(i, number)| {
            let &idx = index.get(&number?)?;
            Some(EventRec::new(
                idx,
                city.get(i),
                country.get(i),
                continent.get(i),
            ))
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
        let err = polars("reading the mentions frame");
        let df = &frames.mentions;
        let (issue, item) = (
            df.column("issue").and_then(|c| c.u32()).map_err(&err)?,
            df.column("item").and_then(|c| c.u32()).map_err(&err)?,
        );
        let (section, section_names) = cat_array(df, "section").map_err(&err)?;
        let entity = encode::code_array(df.column("entity").map_err(&err)?).map_err(&err)?;
        let (names, meta) = entity_meta(df, &entity).map_err(&err)?;
        let section_of: Vec<Option<Section>> = section_names
            .iter()
            .map(|n| Section::ALL.into_iter().find(|s| s.as_str() == n))
            .collect();
        let (issue, item, entity) = (
            values(issue, 0),
            values(item, 0),
            values(&entity, NO_ENTITY),
        );
        let mut rows = Columns {
            issue: &issue,
            item: &item,
            entity: &entity,
            section: section
                .iter()
                .map(|c| c.and_then(|c| section_of.get(c as usize).copied().flatten()))
                .collect(),
            order: None,
        };
        // The frame is sorted by (issue, item); sort only if it is not (stable: keeps start order).
        if !(1..rows.len()).all(|k| rows.key(k - 1) <= rows.key(k)) {
            let mut order: Vec<u32> = (0..rows.len() as u32).collect();
            order.sort_by_key(|&i| rows.key(i as usize));
            rows.order = Some(order);
        }
        let first = first_article(&rows, &issues, names.len());
        let index: HashMap<u32, usize> = issues
            .iter()
            .enumerate()
            .map(|(i, r)| (r.number, i))
            .collect();
        let ((items, entities), events) = rayon::join(
            || group_items(&rows, 0..rows.len(), &index),
            || events(&frames.events, &index),
        );
        let (events, places) = events.map_err(polars("reading the events frame"))?;
        Ok(Base {
            names,
            meta,
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
                    issue: u32::try_from(remap(e.issue())?).unwrap_or(u32::MAX),
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

    /// Rows group into items, each with its entities sorted and counted once, and rows of
    /// issues outside the index (the window) are dropped; a range groups as its rows alone.
    #[test]
    fn rows_group_into_items_with_counted_entities() {
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
        let (items, entities) = group_items(&rows[..], 0..rows.len(), &index);
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
        assert!(base.items.iter().all(|it| it.issue % 9 != 0));
        let grouped: usize = base.items.iter().map(|it| base.entities(it).len()).sum();
        assert_eq!(grouped, base.entities.len());
        for len in [0, 1, 2, 3, 10, rows.len() / 2, rows.len()] {
            let part = &rows[..len];
            assert_eq!(
                group_items(&rows[..], 0..len, &index),
                group_items(part, 0..part.len(), &index),
                "{len} rows"
            );
        }
    }
}
