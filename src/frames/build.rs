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

/// One row per item, ordered by issue then item.
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
            "text",
            rows.iter()
                .map(|(_, it)| it.text.as_str())
                .collect::<Vec<_>>(),
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

/// Mention columns being gathered, in frame order.
#[derive(Default)]
struct MentionCols<'a> {
    issue: Vec<u32>,
    date: Vec<Option<u32>>,
    section: Vec<Option<u32>>,
    item: Vec<u32>,
    entity: Vec<Option<u32>>,
    category: Vec<Option<u32>>,
    topic: Vec<Option<u32>>,
    parent: Vec<Option<u32>>,
    surface: Vec<&'a str>,
    start: Vec<u32>,
    end: Vec<u32>,
}

impl<'a> MentionCols<'a> {
    fn push(&mut self, m: &Mention, index: &ItemIndex<'a>, v: &Vocab) -> Result<(), FramesError> {
        let (iss, it) = index.get(m.issue, m.item)?;
        let unknown = FramesError::UnknownEntity {
            entity: m.entity,
            context: "mention",
        };
        let codes = v.codes.get(m.entity as usize).ok_or(unknown)?;
        let span = FramesError::BadSpan {
            issue: m.issue,
            item: m.item,
            start: m.start,
            end: m.end,
        };
        let surface = it.text.get(m.start as usize..m.end as usize).ok_or(span)?;
        self.issue.push(m.issue);
        self.date.push(v.date(iso(iss)));
        self.section.push(section_code(it.section));
        self.item.push(m.item);
        self.entity.push(Some(codes.name));
        self.category.push(Some(codes.category));
        self.topic.push(Some(codes.topic));
        self.parent.push(Some(codes.family));
        self.surface.push(surface);
        self.start.push(m.start);
        self.end.push(m.end);
        Ok(())
    }

    fn into_frame(self, v: &Vocab) -> PolarsResult<DataFrame> {
        let n = self.issue.len();
        let cols = vec![
            col("issue", self.issue),
            cat_column("date", self.date, &v.date)?,
            cat_column("section", self.section, &v.section)?,
            col("item", self.item),
            cat_column("entity", self.entity, &v.entity)?,
            cat_column("category", self.category, &v.category)?,
            cat_column("topic", self.topic, &v.topic)?,
            cat_column("parent", self.parent, &v.entity)?,
            col("surface", self.surface),
            col("start", self.start),
            col("end", self.end),
        ];
        DataFrame::new(n, cols)
    }
}

/// One row per mention, ordered by issue, item, start (then end, entity).
pub(crate) fn mentions(
    corpus: &Corpus,
    found: &[Mention],
    v: &Vocab,
) -> Result<DataFrame, FramesError> {
    let index = ItemIndex::new(corpus);
    let mut sorted: Vec<&Mention> = found.iter().collect();
    sorted.sort_by_key(|m| (m.issue, m.item, m.start, m.end, m.entity));
    let mut cols = MentionCols::default();
    for m in sorted {
        cols.push(m, &index, v)?;
    }
    cols.into_frame(v).map_err(polars("mentions"))
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
