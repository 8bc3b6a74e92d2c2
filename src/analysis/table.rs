//! A named result table: a frame and the stable name it is exported under.

use super::query::polars;
use super::AnalysisError;
use polars::prelude::{df, DataFrame};

/// A result table and the stable name it is exported under (`csv/<name>.csv`).
#[derive(Clone, Debug)]
pub struct Table {
    pub name: &'static str,
    pub frame: DataFrame,
}

impl Table {
    /// `frame` (cloned: frames share their columns) exported as `name`.
    pub fn new(name: &'static str, frame: &DataFrame) -> Table {
        let frame = frame.clone();
        Table { name, frame }
    }
}

/// `data_files`: a row per table in the order given, its export name (table) and its rows,
/// which the report's "Data files" lists (not exported).
pub fn data_files(tables: &[Table]) -> Result<DataFrame, AnalysisError> {
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    let rows: Vec<u64> = tables.iter().map(|t| t.frame.height() as u64).collect();
    df!("table" => names, "rows" => rows).map_err(polars("data files"))
}
