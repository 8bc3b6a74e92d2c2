//! Helpers that turn sorted typed rows into result frames (plain `str`/`u32`/`u64`/`f64`/`bool`
//! columns, no categoricals, so writers need no dtype knowledge), and named tables.

use super::base::polars;
use super::AnalysisError;
use crate::date::Date;
use polars::prelude::*;

/// A result table and the stable name it is exported under (`csv/<name>.csv`).
#[derive(Clone, Debug)]
pub struct Table {
    pub name: &'static str,
    pub frame: DataFrame,
}

pub(crate) fn col<T, P>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
    P: ?Sized,
{
    Column::new(name.into(), values)
}

/// A column of strings from anything `Display`-free: `&str` per row.
pub(crate) fn str_col<'a, R: 'a>(
    name: &str,
    rows: &'a [R],
    f: impl Fn(&'a R) -> &'a str,
) -> Column {
    col(name, rows.iter().map(f).collect::<Vec<&str>>())
}

/// A frame of `height` rows from columns; `step` names the table for errors.
pub(crate) fn frame(
    step: &'static str,
    height: usize,
    cols: Vec<Column>,
) -> Result<DataFrame, AnalysisError> {
    DataFrame::new(height, cols).map_err(polars(step))
}

/// ISO date or null.
pub(crate) fn iso(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// `num / den`, 0 when `den` is 0.
pub(crate) fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}
