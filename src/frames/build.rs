//! Builders for the four frames: rows gathered from the corpus and the extraction, sorted in
//! Rust, then turned into Polars columns once (see the schemas in `frames`).

use super::encode::{cat_column, cat_column_from, cat_column_from_vec, FirstSeen, Interner};
use super::vocab::{polars, EntityCodes, Vocab, DATE_SOURCES};
use super::FramesError;
use crate::corpus::{Corpus, Issue, Item, ItemCursor, Section};
use crate::extract::{Event, Mention, Via};
use crate::lexicon::Lexicon;
use polars::prelude::*;

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

/// The issues frame's columns that `csv/issues.csv` shows: number, date, date source, items
/// per section, items.
pub const ISSUE_COLUMNS: [&str; 9] = [
    "issue",
    "date",
    "date_source",
    "intro",
    "article",
    "sponsor",
    "event",
    "other",
    "items",
];

/// One row per issue, ordered by issue number.
pub(crate) fn issues(corpus: &Corpus, v: &Vocab) -> Result<DataFrame, FramesError> {
    fn each<T>(rows: &[&Issue], f: impl Fn(&Issue) -> T) -> Vec<T> {
        rows.iter().map(|i| f(i)).collect()
    }
    let mut rows: Vec<&Issue> = corpus.issues.iter().collect();
    rows.sort_by_key(|i| i.number);
    let count = |s: Section| each(&rows, |i| i.count(s) as u32);
    let source = each(&rows, |i| {
        let at = DATE_SOURCES.iter().position(|d| *d == i.date_source);
        at.map(|p| p as u32)
    });
    let cols = vec![
        col("issue", each(&rows, |i| i.number)),
        col("date", each(&rows, iso)),
        cat_column("date_source", source, &v.date_source).map_err(polars("issues"))?,
        col("year", each(&rows, |i| i.date.map(|d| d.year()))),
        col("items", each(&rows, |i| i.items.len() as u32)),
        col("intro", count(Section::Intro)),
        col("article", count(Section::Article)),
        col("sponsor", count(Section::Sponsor)),
        col("event", count(Section::Event)),
        col("other", count(Section::Other)),
        col("file", each(&rows, |i| i.source.file.display().to_string())),
        col("line", each(&rows, |i| i.source.line)),
    ];
    DataFrame::new(rows.len(), cols).map_err(polars("issues"))
}

/// One row per item, ordered by issue then item (the corpus order). The text stays in the
/// corpus: `csv/items.csv` takes it from there, so the archive is not held twice.
pub(crate) fn items(corpus: &Corpus, v: &Vocab) -> Result<DataFrame, FramesError> {
    // The issue's date code is looked up once per issue, not per item.
    let in_corpus_order = || {
        corpus.issues.iter().flat_map(|i| {
            let date = v.issue_date(i);
            i.items.iter().map(move |it| (i, it, date))
        })
    };
    // The corpus is in row order already (checked first): its items are read in place, with
    // no list of rows (24 bytes per item, 130 MB for 5.5 million); else they are sorted.
    let key = |r: &(&Issue, &Item, Option<u32>)| (r.0.number, r.1.index);
    let sorted: Option<Vec<(&Issue, &Item, Option<u32>)>> =
        if in_corpus_order().is_sorted_by_key(|r| key(&r)) {
            None
        } else {
            let mut rows: Vec<_> = in_corpus_order().collect();
            rows.sort_by_key(key);
            Some(rows)
        };
    type Row<'c> = (&'c Issue, &'c Item, Option<u32>);
    let height = corpus.item_count();
    // The row count is told to every column's builder, so each is allocated once at its
    // size (a column grown by doubling keeps up to twice its size).
    let rows = || -> Counted<Box<dyn Iterator<Item = Row<'_>> + '_>> {
        let rows: Box<dyn Iterator<Item = Row<'_>> + '_> = match &sorted {
            Some(rows) => Box::new(rows.iter().copied()),
            None => Box::new(in_corpus_order()),
        };
        Counted { rows, left: height }
    };
    let err = polars("items");
    let cols = vec![
        // Each column straight into Polars' storage (no vector copied into the frame).
        owned_u32("issue", rows().map(|(i, _, _)| i.number).collect()),
        owned_u32("item", rows().map(|(_, it, _)| it.index).collect()),
        cat_column_from(
            "section",
            rows().map(|(_, it, _)| section_code(it.section)),
            &v.section,
        )
        .map_err(&err)?,
        cat_column_from("date", rows().map(|(_, _, date)| date), &v.date).map_err(&err)?,
        owned_u32("line", rows().map(|(_, it, _)| it.line).collect()),
        StringChunked::from_iter_options(
            "link".into(),
            rows().map(|(_, it, _)| it.links.first().map(String::as_str)),
        )
        .into_column(),
        owned_u32(
            "links",
            rows().map(|(_, it, _)| it.links.len() as u32).collect(),
        ),
        publishers(rows().map(|(_, it, _)| it.links.first().map(String::as_str))).map_err(&err)?,
    ];
    DataFrame::new(height, cols).map_err(err)
}

/// The corpus' item cursor ([`ItemCursor`]: rows come grouped by issue), failing with the
/// frames' errors, with the issue's date code (looked up once per issue, like the issue).
struct Items<'a> {
    cursor: ItemCursor<'a>,
    vocab: &'a Vocab,
    date: Option<(u32, Option<u32>)>,
}

impl<'a> Items<'a> {
    fn new(corpus: &'a Corpus, vocab: &'a Vocab) -> Self {
        Items {
            cursor: corpus.items(),
            vocab,
            date: None,
        }
    }

    /// The issue, the item and the issue's date code.
    fn get(
        &mut self,
        issue: u32,
        item: u32,
    ) -> Result<(&'a Issue, &'a Item, Option<u32>), FramesError> {
        let (iss, it) = self
            .cursor
            .get(issue, item)
            .map_err(|_| FramesError::UnknownItem { issue, item })?;
        let date = match self.date {
            Some((number, date)) if number == issue => date,
            _ => {
                let date = self.vocab.issue_date(iss);
                self.date = Some((issue, date));
                date
            }
        };
        Ok((iss, it, date))
    }

    /// The item's text, in memory or read back from the report's scratch file.
    fn text(&mut self, issue: u32, item: u32) -> Result<&str, FramesError> {
        self.cursor.text(issue, item).map_err(FramesError::Texts)
    }
}

/// One row per mention, ordered by issue, item, start (then end, entity), with the matched
/// text (`surface`) as a category. The extraction already comes in that order (it is sorted,
/// in place, only when it is not). Each mention's item is looked up once; then the list is
/// turned into the frame's columns a block at a time from its end, each block's rows freed
/// as soon as they are moved, so the list and the frame are never held whole at once (at
/// archive scale the list alone is 24 bytes per mention, about 400 MB for 16.6 million).
pub(crate) fn mentions(
    corpus: &Corpus,
    mut found: Vec<Mention>,
    v: &Vocab,
) -> Result<DataFrame, FramesError> {
    if !found.is_sorted_by_key(Mention::order_key) {
        found.sort_by_key(Mention::order_key);
    }
    // One pass checks every row and gathers what the rows do not carry: the section and issue
    // date codes of each mentioned item (rows of one item are adjacent) and the matched
    // text. Spans are checked here, before they slice the item text.
    let mut items = Items::new(corpus, v);
    let mut item_codes: Vec<ItemCodes> = Vec::new();
    // The matched text as written, interned: an archive has few distinct spellings (the
    // lexicon's aliases in a few cases), so the column costs a code per row and keeps no
    // archive text. Codes in first-seen order, so the list is deterministic.
    let mut spellings = FirstSeen::default();
    let mut surface: Vec<u32> = Vec::with_capacity(found.len());
    let mut last: Option<(u32, u32, &Item)> = None;
    for m in &found {
        let it = match last {
            Some((issue, item, it)) if (issue, item) == (m.issue, m.item) => it,
            _ => {
                let (_, it, date) = items.get(m.issue, m.item)?;
                item_codes.push((section_code(it.section), date));
                last = Some((m.issue, m.item, it));
                it
            }
        };
        v.check_entity(m.entity, "mention")?;
        if m.via == Via::Link {
            // No span: the surface is the site of the link that named it.
            let link = it.links.get(m.start as usize).filter(|_| m.end == m.start);
            let link = link.ok_or(FramesError::BadLink {
                issue: m.issue,
                item: m.item,
                link: m.start,
            })?;
            let site = crate::corpus::publisher(link);
            surface.push(spellings.code(site.as_deref().unwrap_or(link)));
            continue;
        }
        let item_text = items.text(m.issue, m.item)?;
        let Some(text) = item_text.get(m.start as usize..m.end as usize) else {
            return Err(FramesError::BadSpan {
                issue: m.issue,
                item: m.item,
                start: m.start,
                end: m.end,
            });
        };
        surface.push(spellings.code(text));
    }
    drop(items);
    let surface_dtype = spellings.dtype().map_err(polars("mentions"))?;
    drop(spellings);
    let n = found.len();
    // The via codes (`Via::ALL` order) before the list is taken over.
    let via: Vec<u32> = found.iter().map(|m| m.via as u32).collect();
    let [issue, item, entity, start, end] = columns_from_back(found, BLOCK);
    // Row i's item is the k-th mentioned item, k counting changes of (issue, item).
    let item_codes = &item_codes;
    let (issue_ref, item_ref) = (&issue, &item);
    let per_item = |pick: fn(&ItemCodes) -> Option<u32>| {
        let mut k = 0usize;
        (0..n).map(move |i| {
            if i > 0 && (issue_ref[i - 1], item_ref[i - 1]) != (issue_ref[i], item_ref[i]) {
                k += 1;
            }
            item_codes.get(k).and_then(pick)
        })
    };
    // Checked above: every entity id has codes.
    let codes = |e: u32| v.codes[e as usize];
    let err = polars("mentions");
    let cats = |name: &str, f: &dyn Fn(u32) -> u32, dtype: &DataType| {
        cat_column_from_vec(name, entity.iter().map(|&e| f(e)).collect(), dtype)
    };
    let date = cat_column_from("date", per_item(|c| c.1), &v.date).map_err(&err)?;
    let section = cat_column_from("section", per_item(|c| c.0), &v.section).map_err(&err)?;
    let category = cats("category", &|e| codes(e).category, &v.category).map_err(&err)?;
    let topic = cats("topic", &|e| codes(e).topic, &v.topic).map_err(&err)?;
    let parent = cats("parent", &|e| codes(e).family, &v.entity).map_err(&err)?;
    let origin = cats("origin", &|e| codes(e).origin, &v.origin).map_err(&err)?;
    // The entity ids become their name codes in place: the column takes over the list.
    let mut entity = entity;
    for e in &mut entity {
        *e = codes(*e).name;
    }
    let cols = vec![
        owned_u32("issue", issue),
        date,
        section,
        owned_u32("item", item),
        cat_column_from_vec("entity", entity, &v.entity).map_err(&err)?,
        category,
        topic,
        parent,
        origin,
        cat_column_from_vec("surface", surface, &surface_dtype).map_err(&err)?,
        owned_u32("start", start),
        owned_u32("end", end),
        cat_column_from_vec("via", via, &v.via).map_err(&err)?,
    ];
    DataFrame::new(n, cols).map_err(err)
}

/// The `publisher` column: the publisher of each first link, as a category over the
/// publishers found, in first-seen order (a few hundred sites for millions of items: a
/// string per row would cost 16 bytes even where there is no link).
fn publishers<'a>(links: impl Iterator<Item = Option<&'a str>>) -> PolarsResult<Column> {
    let mut column = Interner::with_capacity(links.size_hint().0);
    for link in links {
        column.push(link.and_then(crate::corpus::publisher).as_deref());
    }
    column.finish("publisher")
}

/// An iterator of a known number of items, which it tells through `size_hint`, so vectors
/// and Polars builders collecting it allocate once at the right size.
struct Counted<I> {
    rows: I,
    left: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let next = self.rows.next()?;
        self.left = self.left.saturating_sub(1);
        Some(next)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

/// A `u32` column taking over `values` as its storage (`Column::new` would copy them).
fn owned_u32(name: &str, values: Vec<u32>) -> Column {
    UInt32Chunked::from_vec(name.into(), values)
        .into_series()
        .into_column()
}

/// Rows moved into the columns per block (20 MB of mentions).
const BLOCK: usize = 1 << 20;

/// The mentions' issue, item, entity, start and end as five columns. The columns are
/// allocated zeroed (pages the OS maps only when first written) and filled a block at a time
/// from the end of the list, which is shortened and shrunk after each block (a shrink of a
/// large allocation hands its tail back to the OS), so memory grows by what the columns gain
/// less what the list loses: about one block.
fn columns_from_back(mut found: Vec<Mention>, block: usize) -> [Vec<u32>; 5] {
    let n = found.len();
    let mut cols: [Vec<u32>; 5] = std::array::from_fn(|_| vec![0u32; n]);
    while !found.is_empty() {
        let start = found.len().saturating_sub(block.max(1));
        for (i, m) in found[start..].iter().enumerate() {
            let at = start + i;
            cols[0][at] = m.issue;
            cols[1][at] = m.item;
            cols[2][at] = m.entity;
            cols[3][at] = m.start;
            cols[4][at] = m.end;
        }
        found.truncate(start);
        found.shrink_to_fit();
    }
    cols
}

/// A mentioned item's section and issue date codes.
type ItemCodes = (Option<u32>, Option<u32>);

/// The events' dates as ISO text, written through one reused buffer (no string per row).
fn event_dates(sorted: &[&Event]) -> Series {
    use std::fmt::Write;
    let mut b = StringChunkedBuilder::new("event_date".into(), sorted.len());
    let mut buf = String::with_capacity(10);
    for e in sorted {
        match e.event_date {
            Some(d) => {
                buf.clear();
                // Writing to a String cannot fail.
                let _ = write!(buf, "{d}");
                b.append_value(&buf);
            }
            None => b.append_null(),
        }
    }
    b.finish().into_series()
}

/// One row per meetup listing, ordered by issue then item.
pub(crate) fn events(
    corpus: &Corpus,
    lexicon: &Lexicon,
    found: &[Event],
    v: &Vocab,
) -> Result<DataFrame, FramesError> {
    let mut items = Items::new(corpus, v);
    let mut sorted: Vec<&Event> = found.iter().collect();
    if !sorted.is_sorted_by_key(|e| (e.issue, e.item)) {
        sorted.sort_by_key(|e| (e.issue, e.item));
    }
    // One pass checks every row and finds its listing and issue date code, and writes the
    // title and place as written (pieces of the item's text, which may be read back from the
    // report's scratch file); then each other column goes straight into Polars' storage.
    let mut rows: Vec<(&Event, Option<u32>)> = Vec::with_capacity(sorted.len());
    let mut titles = StringChunkedBuilder::new("title".into(), sorted.len());
    let mut places_written = Interner::with_capacity(sorted.len());
    for e in sorted {
        let (_, it, issue_date) = items.get(e.issue, e.item)?;
        let listing = it.listing.as_deref().ok_or(FramesError::NotListing {
            issue: e.issue,
            item: e.item,
        })?;
        if let Some(id) = e.city {
            v.check_entity(id, "event city")?;
        }
        let text = items.text(e.issue, e.item)?;
        titles.append_value(listing.title(text));
        places_written.push(Some(listing.city(text)));
        rows.push((e, issue_date));
    }
    drop(items);
    // Checked above: every city id has codes.
    let city = |e: &Event| e.city.map(|id| v.codes[id as usize]);
    let err = polars("events");
    let places = |name: &str, pick: fn(&EntityCodes) -> Option<u32>, dtype: &DataType| {
        cat_column_from(
            name,
            rows.iter().map(|(e, _)| city(e).as_ref().and_then(pick)),
            dtype,
        )
    };
    let events: Vec<&Event> = rows.iter().map(|r| r.0).collect();
    let mut metros = Interner::with_capacity(rows.len());
    for (e, _) in &rows {
        metros.push(
            e.city
                .and_then(|id| lexicon.entities[id as usize].metro.as_deref()),
        );
    }
    let cols = vec![
        owned_u32("issue", rows.iter().map(|r| r.0.issue).collect()),
        cat_column_from("date", rows.iter().map(|r| r.1), &v.date).map_err(&err)?,
        owned_u32("item", rows.iter().map(|r| r.0.item).collect()),
        event_dates(&events).into_column(),
        titles.finish().into_column(),
        places_written.finish("place").map_err(&err)?,
        places("city", |c| c.city, &v.places).map_err(&err)?,
        places("country", |c| c.country, &v.countries).map_err(&err)?,
        places("continent", |c| c.continent, &v.continents).map_err(&err)?,
        metros.finish("metro").map_err(&err)?,
        col(
            "resolved",
            rows.iter().map(|r| r.0.city.is_some()).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(rows.len(), cols).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Block by block from the end, every field lands in its row, whatever the block size.
    #[test]
    fn columns_from_back_keep_every_row_in_place() {
        let found: Vec<Mention> = (0..10u32)
            .map(|i| Mention {
                issue: i / 3,
                item: i % 3,
                entity: 100 + i,
                start: 2 * i,
                end: 2 * i + 1,
                via: Via::Text,
            })
            .collect();
        let expected: [Vec<u32>; 5] = [
            found.iter().map(|m| m.issue).collect(),
            found.iter().map(|m| m.item).collect(),
            found.iter().map(|m| m.entity).collect(),
            found.iter().map(|m| m.start).collect(),
            found.iter().map(|m| m.end).collect(),
        ];
        for block in [0, 1, 3, 10, 64] {
            assert_eq!(
                columns_from_back(found.clone(), block),
                expected,
                "block {block}"
            );
        }
        assert_eq!(columns_from_back(Vec::new(), 4), <[Vec<u32>; 5]>::default());
    }
}
