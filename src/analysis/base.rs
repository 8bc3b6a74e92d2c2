//! The frames every measure reads, for one window: its issues, one row per (item, entity)
//! (`cells`), what the frames say about each entity, and its meetup listings. Every measure
//! is a query over a `Base`, so all of them see the same window and the same counts.
//!
//! | frame | columns | order |
//! |---|---|---|
//! | `issues` | the issues frame's columns (issue, date, year, items, intro, article, ...) | issue |
//! | `cells` | issue u32, unit u32, section cat, entity cat, category cat, topic cat, via cat, mentions u32 | issue, item, entity code |
//! | `entities` | entity cat, category cat, topic cat, family cat (over the entity names), origin cat | (none) |
//! | `first_article` | entity cat, first_issue u32, first_date str? | (none) |
//! | `events` | the events frame's columns | issue, item |
//!
//! A cell is an item naming an entity: `mentions` counts how often, `unit` numbers the item
//! (distinct per item), and `section`, `category`, `topic` are those of the item's first
//! mention of the entity; `via` is how the item names it at best: `text` if any of its rows
//! is, else `link`, else `maker` (co-mentions leave maker-only cells out). `entities` takes
//! category, topic and family head from the first mention row naming the entity.
//! `first_article` is over the whole archive, whatever the window. Mention rows without an
//! entity or section are left out.

use super::options::Window;
use super::query::{collect, lazy, polars};
use super::AnalysisError;
use crate::frames::{encode::CodeArray, Frames};
use polars::prelude::*;

/// The window's frames; see the module doc.
#[derive(Clone, Debug)]
pub struct Base {
    /// Per entity code, the rank of its name in name order: sorting by it sorts by name
    /// without comparing strings (the trend table has a row per entity and period).
    pub name_rank: Series,
    /// `entities` by entity code (a row per code, nulls for entities never named): the
    /// lookup behind [`Base::key_code`].
    pub by_code: DataFrame,
    pub issues: DataFrame,
    pub cells: DataFrame,
    pub entities: DataFrame,
    pub first_article: DataFrame,
    pub events: DataFrame,
}

/// Rows of one (item, entity): the mention row of its first mention, and how many there are.
struct Runs {
    first_row: Vec<IdxSize>,
    mentions: Vec<u32>,
    unit: Vec<u32>,
}

/// Groups the mention rows into cells. A hand-written pass instead of a Polars
/// `group_by([issue, item, entity])`: the frame is already in (issue, item) order, so one pass
/// sorting each item's few rows by entity does it, where the group-by row-encodes and hashes
/// every mention. Measured on the 100 MiB synthetic archive (1.64 million mentions, 1.45
/// million cells; release, 2 cores, idle, inside the report run): this pass 29-32 ms; the
/// lazy `group_by([issue, item, entity]).agg([section.first()])` 180-260 ms, and 284-373 ms
/// as `group_by_stable`, which keeps the order the cells need (and both do less than this
/// pass, which also picks each cell's best `via`): +7-10% of the whole run alone, against
/// a 10% budget the run already uses to +8.5% (docs/PERFORMANCE.md, "Which kernels remain").
///
/// `rank` orders each row's `via` (text 0, link 1, maker 2; empty: every row is text): a
/// cell's row is its best-ranked row, then its first. All rows of a cell share section,
/// category and topic, so only its `via` depends on the choice.
fn runs(issue: &[u32], item: &[u32], entity: &CodeArray, section: &CodeArray, rank: &[u8]) -> Runs {
    let n = issue.len();
    let key = |i: usize| (issue[i], item[i]);
    // The frames are built in (issue, item) order; any other order is sorted here (stably).
    let order: Option<Vec<u32>> = (!(1..n).all(|k| key(k - 1) <= key(k))).then(|| {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| key(i as usize));
        order
    });
    let at = |k: usize| order.as_ref().map_or(k, |o| o[k] as usize);
    let mut out = Runs {
        first_row: Vec::with_capacity(n),
        mentions: Vec::with_capacity(n),
        unit: Vec::with_capacity(n),
    };
    let mut in_item: Vec<(u32, u8, u32)> = Vec::new();
    let mut units = 0u32;
    let mut start = 0;
    while start < n {
        let k0 = key(at(start));
        let mut end = start;
        in_item.clear();
        while end < n && key(at(end)) == k0 {
            let row = at(end);
            if let (Some(e), Some(_)) = (entity.get(row), section.get(row)) {
                in_item.push((e, rank.get(row).copied().unwrap_or(0), row as u32));
            }
            end += 1;
        }
        if !in_item.is_empty() {
            in_item.sort_unstable();
            for (i, &(e, _, row)) in in_item.iter().enumerate() {
                match out.mentions.last_mut() {
                    Some(m) if i > 0 && in_item[i - 1].0 == e => *m += 1,
                    _ => {
                        out.first_row.push(row as IdxSize);
                        out.mentions.push(1);
                        out.unit.push(units);
                    }
                }
            }
            units += 1;
        }
        start = end;
    }
    out.first_row.shrink_to_fit();
    out.mentions.shrink_to_fit();
    out.unit.shrink_to_fit();
    out
}

/// The values of a `u32` column in place when it is one chunk without nulls (as the frames
/// build it), else copied with nulls as 0.
pub(crate) fn values(ca: &UInt32Chunked) -> std::borrow::Cow<'_, [u32]> {
    match ca.cont_slice() {
        Ok(slice) => std::borrow::Cow::Borrowed(slice),
        Err(_) => ca.iter().map(|v| v.unwrap_or(0)).collect(),
    }
}

/// One row per (item, entity) of the mention frame (`cells` in the module doc).
pub fn cells(mentions: &DataFrame) -> PolarsResult<DataFrame> {
    let (issue, item) = (
        mentions.column("issue")?.u32()?,
        mentions.column("item")?.u32()?,
    );
    let entity = CodeArray::of(mentions.column("entity")?)?;
    let section = CodeArray::of(mentions.column("section")?)?;
    let ranks = via_ranks(mentions)?;
    let rank = ranks.cont_slice()?;
    let r = runs(&values(issue), &values(item), &entity, &section, rank);
    drop(ranks);
    let rows = IdxCa::from_vec("row".into(), r.first_row);
    let mut out = mentions
        .select(["issue", "section", "entity", "category", "topic", "via"])?
        .take(&rows)?;
    drop(rows);
    out.insert_column(1, Column::new("unit".into(), r.unit))?;
    out.with_column(Column::new("mentions".into(), r.mentions))?;
    Ok(out)
}

/// Per mention row, the rank of its `via` for [`runs`] (text 0, link 1, maker 2; null 0): a
/// gather of the few categories' ranks by each row's code, not a closure per row.
fn via_ranks(mentions: &DataFrame) -> PolarsResult<UInt8Chunked> {
    let via = mentions.column("via")?;
    let rank_of: UInt8Chunked = crate::frames::encode::names(via)?
        .iter()
        .map(|n| match n.as_str() {
            "text" => 0u8,
            "link" => 1,
            _ => 2,
        })
        .collect_ca("rank".into());
    let rank = lit(rank_of.into_series())
        .gather(col("via").to_physical().cast(IDX_DTYPE), false)
        .fill_null(lit(0u8));
    let ranks = lazy(mentions).select([rank.alias("rank")]).collect()?;
    Ok(ranks.column("rank")?.u8()?.rechunk().into_owned())
}

/// `entities`: each entity's first mention row (category, topic, parent as `family`, origin),
/// taken whole so the columns keep their categories; by entity code. A query: the first row
/// per entity (`unique_stable`, keep first), sorted by code.
fn entity_meta(mentions: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let cols = ["entity", "category", "topic", "parent", "origin"].map(col);
    let q = lazy(mentions)
        .select(cols)
        .filter(col("entity").is_not_null())
        .unique_stable_generic(Some(vec![col("entity")]), UniqueKeepStrategy::First)
        .sort_by_exprs(
            [col("entity").to_physical()],
            SortMultipleOptions::default(),
        )
        .rename(["parent"], ["family"], true);
    collect("entity metadata", q)
}

/// The code of the `article` section in the cells' `section` column (`None` if none is).
pub(crate) fn article_code(cells: &DataFrame) -> PolarsResult<Option<u32>> {
    let names = crate::frames::encode::names(cells.column("section")?)?;
    let article = crate::frames::Section::Article.as_str();
    Ok(names.iter().position(|n| n == article).map(|p| p as u32))
}

/// `first_article` (see the module doc): each entity's lowest article issue, by entity code,
/// with that issue's date.
fn first_article(cells: &DataFrame, issues: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let article = crate::frames::Section::Article.as_str();
    let first = lazy(cells)
        .filter(
            col("section")
                .eq(lit(article))
                .and(col("entity").is_not_null()),
        )
        .group_by([col("entity")])
        .agg([col("issue").min().alias("first_issue")])
        .sort_by_exprs(
            [col("entity").to_physical()],
            SortMultipleOptions::default(),
        );
    let dates = lazy(issues).select([
        col("issue").alias("first_issue"),
        col("date").alias("first_date"),
    ]);
    collect(
        "first article mentions",
        super::query::left_join_ordered(first, dates, &["first_issue"]),
    )
}

/// `entities` with a row per entity code, in code order.
fn by_code(entities: &DataFrame, entity: &Column) -> Result<DataFrame, AnalysisError> {
    let err = polars("entity metadata");
    let n = crate::frames::encode::names(entity).map_err(&err)?.len() as u32;
    let all =
        crate::frames::encode::cat_column_from_vec("entity", (0..n).collect(), entity.dtype())
            .map_err(&err)?;
    let all = DataFrame::new(n as usize, vec![all]).map_err(&err)?;
    let q = super::query::left_join(all.lazy(), lazy(entities), &["entity"]).sort_by_exprs(
        [col("entity").to_physical()],
        SortMultipleOptions::default(),
    );
    collect("entity metadata", q)
}

/// Per entity code, the rank of its name in name order (0 first): an ordinal rank over the
/// names in code order. Names are unique (a category is listed once), so no ties.
fn name_rank(entity: &Column) -> Result<Series, AnalysisError> {
    let err = polars("entity names");
    let names = super::query::code_names(entity).map_err(&err)?;
    let ordinal = RankOptions {
        method: RankMethod::Ordinal,
        descending: false,
    };
    let rank = col("key").rank(ordinal, None).cast(DataType::UInt32) - lit(1u32);
    let q = lazy(&names).select([rank.alias("name_rank")]);
    let rank = collect("entity names", q)?.drop_in_place("name_rank");
    Ok(rank.map_err(&err)?.take_materialized_series())
}

impl Base {
    /// Reads the frames, keeping the issues inside `window`.
    pub fn new(frames: &Frames, window: &Window) -> Result<Base, AnalysisError> {
        let all = Base::read(frames)?;
        if window.is_all() {
            Ok(all)
        } else {
            all.within(window)
        }
    }

    /// The whole archive.
    pub fn read(frames: &Frames) -> Result<Base, AnalysisError> {
        // Both read the mentions only: side by side they shorten the analysis' serial start.
        let (cells, entities) = rayon::join(
            || cells(&frames.mentions).map_err(polars("grouping mentions by item")),
            || entity_meta(&frames.mentions),
        );
        let (cells, entities) = (cells?, entities?);
        let entity = cells.column("entity").map_err(polars("entity names"))?;
        let (name_rank, by_code) = (name_rank(entity)?, by_code(&entities, entity)?);

        Ok(Base {
            name_rank,
            by_code,
            entities,
            first_article: first_article(&cells, &frames.issues)?,
            issues: frames.issues.clone(),
            cells,
            events: frames.events.clone(),
        })
    }

    /// The same data restricted to the issues dated inside `window` (entity metadata and
    /// the archive-wide first mentions are kept whole).
    pub fn within(&self, window: &Window) -> Result<Base, AnalysisError> {
        let date = col("date");
        let mut inside = date.clone().is_not_null();
        if let Some(from) = window.from {
            inside = inside.and(date.clone().gt_eq(lit(from.to_string())));
        }
        if let Some(to) = window.to {
            inside = inside.and(date.lt_eq(lit(to.to_string())));
        }
        let issues = collect("window issues", lazy(&self.issues).filter(inside))?;
        let numbers = issues.column("issue").map_err(polars("window issues"))?;
        let kept = || {
            col("issue").is_in(
                lit(numbers.as_materialized_series().clone()).implode(false),
                false,
            )
        };
        Ok(Base {
            cells: collect("window cells", lazy(&self.cells).filter(kept()))?,
            events: collect("window events", lazy(&self.events).filter(kept()))?,
            issues,
            name_rank: self.name_rank.clone(),
            by_code: self.by_code.clone(),
            entities: self.entities.clone(),
            first_article: self.first_article.clone(),
        })
    }

    /// The rank of the entity's name (column `entity`) in name order, to sort by.
    pub fn by_name(&self) -> Expr {
        lit(self.name_rank.clone()).gather(col("entity").to_physical().cast(IDX_DTYPE), false)
    }

    /// The code of the entity's `category`, `topic` or `family` (column `entity`) as `u64`,
    /// the key [`super::distinct::per_key`] counts by, looked up by the entity's code and
    /// cast once, not every looked-up row (700,000 article cells at 100 MiB).
    pub fn key_code(&self, field: &str) -> Expr {
        let codes = self
            .by_code
            .column(field)
            .and_then(|c| c.to_physical_repr().cast(&DataType::UInt64));
        match codes {
            Ok(c) => lit(c.as_materialized_series().clone())
                .gather(col("entity").to_physical().cast(IDX_DTYPE), false),
            Err(_) => lit(NULL).cast(DataType::UInt64),
        }
    }

    /// Article items in the window: the denominator of every share.
    pub fn article_items(&self) -> u64 {
        self.issues
            .column("article")
            .ok()
            .and_then(|c| c.cast(&DataType::UInt64).ok())
            .and_then(|c| c.u64().ok().map(|ca| ca.sum().unwrap_or(0)))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[Option<u32>]) -> CodeArray {
        CodeArray::U32(UInt32Chunked::from_iter_options(
            "c".into(),
            v.iter().copied(),
        ))
    }

    /// Rows group into one cell per (item, entity), entities in code order within an item,
    /// each with its mentions and the row of its first mention; rows without an entity or a
    /// section are left out; rows out of order group as if sorted.
    #[test]
    fn rows_group_into_cells() {
        let issue = [1, 1, 1, 1, 2, 2, 1];
        let item = [0, 0, 0, 1, 0, 0, 0];
        let entity = codes(&[Some(5), Some(2), Some(5), None, Some(3), Some(3), Some(2)]);
        let section = codes(&[Some(1), Some(1), Some(1), Some(1), Some(0), None, Some(1)]);
        let r = runs(&issue, &item, &entity, &section, &[]);
        assert_eq!(r.first_row, [1, 0, 4]);
        assert_eq!(r.mentions, [2, 2, 1]);
        assert_eq!(r.unit, [0, 0, 1], "issue 1 item 1 names nothing");
        // With ranks, a cell's row is its best-ranked one: entity 5's maker row 0 (rank 2)
        // gives way to its text row 2; entity 2's rows are both text, the first is kept.
        let r = runs(&issue, &item, &entity, &section, &[2, 0, 0, 0, 1, 0, 0]);
        assert_eq!(r.first_row, [1, 2, 4]);
        assert_eq!(r.mentions, [2, 2, 1]);
    }

    /// Each row's `via` rank is its category name's (maker 2, text 0, link 1) whatever the
    /// category's code, a null's 0.
    #[test]
    fn via_ranks_follow_the_category() -> PolarsResult<()> {
        let dtype = crate::frames::encode::cat_dtype(["maker", "link", "text"])?;
        let via = crate::frames::encode::cat_column(
            "via",
            vec![Some(0), None, Some(2), Some(1)],
            &dtype,
        )?;
        let ranks = via_ranks(&DataFrame::new(4, vec![via])?)?;
        assert_eq!(ranks.cont_slice()?, [2, 0, 0, 1]);
        Ok(())
    }
}
