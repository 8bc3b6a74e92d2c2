//! Where each entity comes from, `lexicon` or `discovered` (the mention frame's `origin`
//! column, see `frames`): a column beside the entity names of the result tables, and the
//! filter balance uses to keep its figures to the curator's entities.

use super::base::Base;
use super::query::{collect, lazy, left_join_ordered, text};
use super::AnalysisError;
use crate::lexicon::Origin;
use polars::prelude::*;

/// One row per entity of the base: entity str, origin str.
fn origins(base: &Base) -> LazyFrame {
    lazy(&base.entities).select([text("entity"), text("origin")])
}

/// `frame` with a column `name` giving the origin of the entity named in column `on`
/// (text or categorical), in the frame's row order; `lexicon` for a name the base lacks.
/// Entity codes (categorical) look it up by code, names are joined: the trends table (415,000
/// rows at 100 MiB) took 27 ms of CPU casting its codes to text for the join, 5 ms this way.
pub(crate) fn with_origin(
    frame: &DataFrame,
    base: &Base,
    on: &str,
    name: &str,
) -> Result<DataFrame, AnalysisError> {
    if frame.column(on).is_ok_and(|c| c.dtype().is_categorical()) {
        let origin = base
            .by_code
            .column("origin")
            .and_then(|c| c.cast(&DataType::String));
        let origin = origin.map_err(super::query::polars("origin column"))?;
        let by_code = col(on).to_physical().cast(IDX_DTYPE);
        let origin = lit(origin.take_materialized_series()).gather(by_code, false);
        let q =
            lazy(frame).with_column(origin.fill_null(lit(Origin::Lexicon.as_str())).alias(name));
        return collect("origin column", q);
    }
    const KEY: &str = "origin_key";
    let right = origins(base).select([col("entity").alias(KEY), col("origin").alias(name)]);
    let left = lazy(frame).with_column(text(on).alias(KEY));
    let q = left_join_ordered(left, right, &[KEY])
        .with_column(col(name).fill_null(lit(Origin::Lexicon.as_str())))
        .drop(by_name([KEY], true, false));
    collect("origin column", q)
}

/// True for the rows of `by_code` (column `origin`) of an entity of the lexicon, false for
/// discovered ones.
pub(crate) fn of_lexicon() -> Expr {
    text("origin")
        .neq(lit(Origin::Discovered.as_str()))
        .fill_null(lit(true))
}
