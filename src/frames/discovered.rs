//! The `discovered` frame: the names discovery counts as entities, with its own figures, its
//! confidence and evidence, and an example line of each from the corpus text (see the
//! schema in `frames`).

use super::FramesError;
use crate::corpus::{Corpus, ItemIndex};
use crate::discover::{example, Discovery};
use polars::prelude::*;

/// One row per entity of `discovery` listed in `counted` (indices into its entities, the
/// names `Discovery::counted` appended), in that order; with no names, the empty frame with
/// the same schema.
pub(crate) fn discovered(
    corpus: &Corpus,
    discovery: &Discovery,
    counted: &[usize],
) -> Result<DataFrame, FramesError> {
    let rows: Vec<&crate::discover::Discovered> =
        counted.iter().map(|&i| &discovery.entities[i]).collect();
    let first = discovery.first_mentions();
    let index = ItemIndex::new(corpus);
    let mut items = index.cursor();
    let mut texts = corpus.texts();
    let mut example_issue: Vec<Option<u32>> = Vec::with_capacity(rows.len());
    let mut examples: Vec<String> = Vec::with_capacity(rows.len());
    for &i in counted {
        let found = first[i].and_then(|m| Some((m, items.get(m.issue, m.item)?)));
        let Some((m, (issue, item))) = found else {
            example_issue.push(None);
            examples.push(String::new());
            continue;
        };
        let text = texts.text(issue, item).map_err(FramesError::Texts)?;
        example_issue.push(Some(m.issue));
        examples.push(example(text, m.start as usize, m.end as usize));
    }
    let u32s = |f: fn(&crate::discover::Discovered) -> u32| rows.iter().map(|d| f(d)).collect();
    let cols = vec![
        column(
            "entity",
            rows.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ),
        column(
            "category",
            rows.iter().map(|d| d.category.as_str()).collect::<Vec<_>>(),
        ),
        column(
            "confidence",
            rows.iter().map(|d| d.confidence).collect::<Vec<_>>(),
        ),
        column::<Vec<u32>, _>("mentions", u32s(|d| d.evidence.mentions)),
        column::<Vec<u32>, _>("items", u32s(|d| d.items)),
        column::<Vec<u32>, _>("issues", u32s(|d| d.issues)),
        column::<Vec<u32>, _>("first_issue", u32s(|d| d.first_issue)),
        column::<Vec<u32>, _>("last_issue", u32s(|d| d.last_issue)),
        column(
            "evidence",
            rows.iter()
                .map(|d| d.evidence_summary())
                .collect::<Vec<_>>(),
        ),
        column("example_issue", example_issue),
        column("example", examples),
    ];
    DataFrame::new(rows.len(), cols).map_err(|source| FramesError::Polars {
        frame: "discovered",
        source,
    })
}

fn column<T, P>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
    P: ?Sized,
{
    Column::new(name.into(), values)
}
