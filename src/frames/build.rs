//! Builders for the four frames: rows gathered from the corpus and the extraction, sorted in
//! Rust, then turned into Polars columns once (see the schemas in `frames`).

use super::encode::cat_column;
use super::vocab::{Vocab, DATE_SOURCES};
use super::FramesError;
use crate::corpus::{Corpus, Issue, Item, Section};
use crate::extract::{Event, Mention};
use crate::lexicon::Lexicon;
use polars::prelude::*;
use std::collections::HashMap;

fn polars(frame: &'static str) -> impl Fn(PolarsError) -> FramesError {
    move |source| FramesError::Polars { frame, source }
}

fn col<T, P>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
    P: ?Sized,
{
    Column::new(name.into(), values)
}

fn section_code(s: Section) -> Option<u32> {
    Section::ALL.iter().position(|x| *x == s).map(|i| i as u32)
}

fn iso(issue: &Issue) -> Option<String> {
    issue.date.map(|d| d.to_string())
}

/// One row per issue, ordered by issue number.
pub(crate) fn issues(corpus: &Corpus, v: &Vocab) -> Result<DataFrame, FramesError> {
    let mut rows: Vec<&Issue> = corpus.issues.iter().collect();
    rows.sort_by_key(|i| i.number);
    let count = |s: Section| rows.iter().map(|i| i.count(s) as u32).collect::<Vec<_>>();
    let source = rows
        .iter()
        .map(|i| {
            DATE_SOURCES
                .iter()
                .position(|d| *d == i.date_source)
                .map(|p| p as u32)
        })
        .collect();
    let cols = vec![
        col("issue", rows.iter().map(|i| i.number).collect::<Vec<_>>()),
        col("date", rows.iter().map(|i| iso(i)).collect::<Vec<_>>()),
        cat_column("date_source", source, &v.date_source).map_err(polars("issues"))?,
        col(
            "year",
            rows.iter()
                .map(|i| i.date.map(|d| d.year()))
                .collect::<Vec<_>>(),
        ),
        col(
            "items",
            rows.iter()
                .map(|i| i.items.len() as u32)
                .collect::<Vec<_>>(),
        ),
        col("intro", count(Section::Intro)),
        col("article", count(Section::Article)),
        col("sponsor", count(Section::Sponsor)),
        col("event", count(Section::Event)),
        col("other", count(Section::Other)),
        col(
            "file",
            rows.iter()
                .map(|i| i.source.file.display().to_string())
                .collect::<Vec<_>>(),
        ),
        col(
            "line",
            rows.iter().map(|i| i.source.line).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(rows.len(), cols).map_err(polars("issues"))
}

/// One row per item, ordered by issue then item (the corpus order). The text stays in the
/// corpus: `csv/items.csv` takes it from there, so the archive is not held twice.
pub(crate) fn items(corpus: &Corpus, v: &Vocab) -> Result<DataFrame, FramesError> {
    let mut rows: Vec<(&Issue, &Item)> = corpus
        .issues
        .iter()
        .flat_map(|i| i.items.iter().map(move |it| (i, it)))
        .collect();
    rows.sort_by_key(|(i, it)| (i.number, it.index));
    let err = polars("items");
    let cols = vec![
        col(
            "issue",
            rows.iter().map(|(i, _)| i.number).collect::<Vec<_>>(),
        ),
        col(
            "item",
            rows.iter().map(|(_, it)| it.index).collect::<Vec<_>>(),
        ),
        cat_column(
            "section",
            rows.iter()
                .map(|(_, it)| section_code(it.section))
                .collect(),
            &v.section,
        )
        .map_err(&err)?,
        cat_column(
            "date",
            rows.iter().map(|(i, _)| v.date(iso(i))).collect(),
            &v.date,
        )
        .map_err(&err)?,
        col(
            "line",
            rows.iter().map(|(_, it)| it.line).collect::<Vec<_>>(),
        ),
        col(
            "link",
            rows.iter()
                .map(|(_, it)| it.links.first().map(String::as_str))
                .collect::<Vec<_>>(),
        ),
        col(
            "links",
            rows.iter()
                .map(|(_, it)| it.links.len() as u32)
                .collect::<Vec<_>>(),
        ),
        col(
            "publisher",
            rows.iter()
                .map(|(_, it)| it.links.first().and_then(|l| crate::corpus::publisher(l)))
                .collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(rows.len(), cols).map_err(err)
}

/// Finds items by (issue number, item index).
pub(crate) struct ItemIndex<'a> {
    issues: HashMap<u32, &'a Issue>,
}

impl<'a> ItemIndex<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        ItemIndex {
            issues: corpus.issues.iter().map(|i| (i.number, i)).collect(),
        }
    }

    pub fn get(&self, issue: u32, item: u32) -> Result<(&'a Issue, &'a Item), FramesError> {
        let iss = self
            .issues
            .get(&issue)
            .ok_or(FramesError::UnknownItem { issue, item })?;
        let found = iss.items.get(item as usize).filter(|it| it.index == item);
        let found = found.or_else(|| iss.items.iter().find(|it| it.index == item));
        found
            .map(|it| (*iss, it))
            .ok_or(FramesError::UnknownItem { issue, item })
    }
}

/// The item a run of mentions is in, its section code and its issue's date code.
type ItemCodes<'a> = (&'a Item, Option<u32>, Option<u32>);

/// One row per mention, ordered by issue, item, start (then end, entity). The extraction
/// already comes in that order (it is sorted only when it is not); each issue is looked up
/// once, and every column is built straight from codes.
pub(crate) fn mentions(
    corpus: &Corpus,
    found: &[Mention],
    v: &Vocab,
) -> Result<DataFrame, FramesError> {
    let key = |m: &Mention| (m.issue, m.item, m.start, m.end, m.entity);
    let sorted_copy;
    let found: &[Mention] = if found.is_sorted_by_key(key) {
        found
    } else {
        let mut copy = found.to_vec();
        copy.sort_by_key(key);
        sorted_copy = copy;
        &sorted_copy
    };
    let index = ItemIndex::new(corpus);
    let n = found.len();
    let mut issue = Vec::with_capacity(n);
    let mut date = Vec::with_capacity(n);
    let mut section = Vec::with_capacity(n);
    let mut item = Vec::with_capacity(n);
    let mut entity = Vec::with_capacity(n);
    let mut category = Vec::with_capacity(n);
    let mut topic = Vec::with_capacity(n);
    let mut parent = Vec::with_capacity(n);
    let mut surface: Vec<&str> = Vec::with_capacity(n);
    let mut start = Vec::with_capacity(n);
    let mut end = Vec::with_capacity(n);
    let mut last: Option<((u32, u32), ItemCodes)> = None;
    for m in found {
        let (it, sec, day) = match last {
            Some((k, found)) if k == (m.issue, m.item) => found,
            _ => {
                let (iss, it) = index.get(m.issue, m.item)?;
                let found = (it, section_code(it.section), v.date(iso(iss)));
                last = Some(((m.issue, m.item), found));
                found
            }
        };
        let codes = v
            .codes
            .get(m.entity as usize)
            .ok_or(FramesError::UnknownEntity {
                entity: m.entity,
                context: "mention",
            })?;
        let span = it.text.get(m.start as usize..m.end as usize);
        surface.push(span.ok_or(FramesError::BadSpan {
            issue: m.issue,
            item: m.item,
            start: m.start,
            end: m.end,
        })?);
        issue.push(m.issue);
        date.push(day);
        section.push(sec);
        item.push(m.item);
        entity.push(Some(codes.name));
        category.push(Some(codes.category));
        topic.push(Some(codes.topic));
        parent.push(Some(codes.family));
        start.push(m.start);
        end.push(m.end);
    }
    let err = polars("mentions");
    let cols = vec![
        col("issue", issue),
        cat_column("date", date, &v.date).map_err(&err)?,
        cat_column("section", section, &v.section).map_err(&err)?,
        col("item", item),
        cat_column("entity", entity, &v.entity).map_err(&err)?,
        cat_column("category", category, &v.category).map_err(&err)?,
        cat_column("topic", topic, &v.topic).map_err(&err)?,
        cat_column("parent", parent, &v.entity).map_err(&err)?,
        col("surface", surface),
        col("start", start),
        col("end", end),
    ];
    DataFrame::new(n, cols).map_err(err)
}

/// One row per meetup listing, ordered by issue then item.
pub(crate) fn events(
    corpus: &Corpus,
    lexicon: &Lexicon,
    found: &[Event],
    v: &Vocab,
) -> Result<DataFrame, FramesError> {
    let index = ItemIndex::new(corpus);
    let mut sorted: Vec<&Event> = found.iter().collect();
    sorted.sort_by(|a, b| (a.issue, a.item, &a.title).cmp(&(b.issue, b.item, &b.title)));
    let mut date = Vec::with_capacity(sorted.len());
    let mut place = [Vec::new(), Vec::new(), Vec::new()];
    let mut metro = Vec::with_capacity(sorted.len());
    for e in &sorted {
        let (iss, _) = index.get(e.issue, e.item)?;
        date.push(v.date(iso(iss)));
        let city = match e.city {
            Some(id) => Some(v.codes.get(id as usize).ok_or(FramesError::UnknownEntity {
                entity: id,
                context: "event city",
            })?),
            None => None,
        };
        place[0].push(city.and_then(|c| c.city));
        place[1].push(city.and_then(|c| c.country));
        place[2].push(city.and_then(|c| c.continent));
        metro.push(
            e.city
                .and_then(|id| lexicon.entities[id as usize].metro.clone()),
        );
    }
    let err = polars("events");
    let [city, country, continent] = place;
    let cols = vec![
        col("issue", sorted.iter().map(|e| e.issue).collect::<Vec<_>>()),
        cat_column("date", date, &v.date).map_err(&err)?,
        col("item", sorted.iter().map(|e| e.item).collect::<Vec<_>>()),
        col(
            "event_date",
            sorted
                .iter()
                .map(|e| e.event_date.map(|d| d.to_string()))
                .collect::<Vec<_>>(),
        ),
        col(
            "title",
            sorted.iter().map(|e| e.title.as_str()).collect::<Vec<_>>(),
        ),
        col(
            "place",
            sorted.iter().map(|e| e.place.as_str()).collect::<Vec<_>>(),
        ),
        cat_column("city", city, &v.places).map_err(&err)?,
        cat_column("country", country, &v.countries).map_err(&err)?,
        cat_column("continent", continent, &v.continents).map_err(&err)?,
        col("metro", metro),
        col(
            "resolved",
            sorted.iter().map(|e| e.city.is_some()).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(sorted.len(), cols).map_err(err)
}
