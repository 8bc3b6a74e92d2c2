//! A named result table: a frame and the stable name it is exported under.

use polars::prelude::DataFrame;

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
