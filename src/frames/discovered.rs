//! The `discovered` frame: the names discovery counts as entities, with its own figures, its
//! confidence and evidence, and an example line of each from the corpus text (see the
//! schema in `frames`).

use super::FramesError;
use crate::corpus::Corpus;
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
    let mut items = corpus.items();
    let mut example_issue: Vec<Option<u32>> = Vec::with_capacity(rows.len());
    let mut examples: Vec<String> = Vec::with_capacity(rows.len());
    // A name with no first mention has no example; a mention of an item the corpus lacks is
    // an error.
    for m in counted.iter().map(|&i| first[i]) {
        let text = m.map(|m| items.text(m.issue, m.item)).transpose();
        let text = text.map_err(FramesError::Texts)?;
        example_issue.push(m.map(|m| m.issue));
        examples.push(match (m, text) {
            (Some(m), Some(text)) => example(text, m.start as usize, m.end as usize),
            _ => String::new(),
        });
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
