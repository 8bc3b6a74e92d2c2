//! Reading result frames by column name as plain Rust columns (render stage): the report's
//! Markdown and charts read the very frames its CSVs are written from, so every number traces
//! to a CSV row. Imports nothing from the report's sections.

use crate::render::error::RenderError;
use polars::prelude::*;

/// The mark after a discovered name in the report's tables (an escaped `*`).
pub const MARK: &str = "\\*";

/// A named frame with typed column readers; errors name the table and the column.
pub struct View<'a> {
    pub table: &'a str,
    pub df: &'a DataFrame,
}

impl<'a> View<'a> {
    pub fn new(table: &'a str, df: &'a DataFrame) -> View<'a> {
        View { table, df }
    }

    pub fn height(&self) -> usize {
        self.df.height()
    }

    fn err(&self, step: &'static str) -> impl Fn(PolarsError) -> RenderError + '_ {
        move |source| RenderError::Polars {
            table: self.table.to_string(),
            step,
            source,
        }
    }

    fn cast(&self, name: &str, to: &DataType) -> Result<Series, RenderError> {
        let col = self.df.column(name).map_err(self.err("find column"))?;
        col.as_materialized_series()
            .cast(to)
            .map_err(self.err("convert column"))
    }

    /// A `u32` column in place.
    pub fn u32_array(&self, name: &str) -> Result<&UInt32Chunked, RenderError> {
        let col = self.df.column(name).map_err(self.err("find column"))?;
        col.u32().map_err(self.err("read integers"))
    }

    /// Text (or categorical) column; nulls as `None`.
    pub fn opt_str(&self, name: &str) -> Result<Vec<Option<String>>, RenderError> {
        let s = self.cast(name, &DataType::String)?;
        let ca = s.str().map_err(self.err("read text"))?;
        Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
    }

    /// Text column; nulls as empty strings.
    pub fn str(&self, name: &str) -> Result<Vec<String>, RenderError> {
        Ok(or(self.opt_str(name)?, String::new()))
    }

    /// The rows of the part of a long table whose column `name` is `value` (a `dimension`,
    /// a `label`, a `year`): the analysis sorts such tables by that column, so a part is one
    /// run of rows, found by its key; none when the key is absent. This picks a named part
    /// and cannot filter: rows of `value` outside one run are an error.
    pub fn part(&self, name: &str, value: &str) -> Result<Vec<usize>, RenderError> {
        let column = self.str(name)?;
        let start = column
            .iter()
            .position(|c| c == value)
            .unwrap_or(column.len());
        let run = column[start..].iter().take_while(|c| *c == value).count();
        if column[start + run..].iter().any(|c| c == value) {
            return Err(RenderError::Table {
                table: self.table.to_string(),
                message: format!("the rows of {name} `{value}` are not one run"),
            });
        }
        Ok((start..start + run).collect())
    }

    /// Entity names (column `entity`), each discovered one (column `origin` is
    /// `discovered`) followed by [`MARK`]; unmarked when the frame has no `origin` column.
    pub fn marked(&self, entity: &str, origin: &str) -> Result<Vec<String>, RenderError> {
        let mut names = self.str(entity)?;
        if self.df.column(origin).is_ok() {
            for (name, o) in names.iter_mut().zip(self.str(origin)?) {
                if o == crate::analysis::Origin::Discovered.as_str() {
                    name.push_str(MARK);
                }
            }
        }
        Ok(names)
    }

    /// Unsigned integer column; nulls as `None`.
    pub fn opt_u64(&self, name: &str) -> Result<Vec<Option<u64>>, RenderError> {
        let s = self.cast(name, &DataType::UInt64)?;
        Ok(s.u64().map_err(self.err("read integers"))?.iter().collect())
    }

    /// Unsigned integer column; nulls as 0.
    pub fn u64(&self, name: &str) -> Result<Vec<u64>, RenderError> {
        Ok(or(self.opt_u64(name)?, 0))
    }

    /// Float column; nulls as `None`.
    pub fn opt_f64(&self, name: &str) -> Result<Vec<Option<f64>>, RenderError> {
        let s = self.cast(name, &DataType::Float64)?;
        Ok(s.f64().map_err(self.err("read floats"))?.iter().collect())
    }

    /// Float column; nulls as NaN (rendered as "n/a").
    pub fn f64(&self, name: &str) -> Result<Vec<f64>, RenderError> {
        Ok(or(self.opt_f64(name)?, f64::NAN))
    }

    /// The first row's value of an integer column (0 when null or without rows): the reader
    /// of one-row tables such as `summary`.
    pub fn one_u64(&self, name: &str) -> Result<u64, RenderError> {
        Ok(self.u64(name)?.first().copied().unwrap_or(0))
    }

    /// The first row's float (NaN when null or without rows).
    pub fn one_f64(&self, name: &str) -> Result<f64, RenderError> {
        Ok(self.f64(name)?.first().copied().unwrap_or(f64::NAN))
    }

    /// The first row's text (`None` when null or without rows).
    pub fn one_str(&self, name: &str) -> Result<Option<String>, RenderError> {
        Ok(self.opt_str(name)?.into_iter().next().flatten())
    }

    /// The first row's flag (false when null or without rows).
    pub fn one_bool(&self, name: &str) -> Result<bool, RenderError> {
        Ok(self.bool(name)?.first().copied().unwrap_or(false))
    }

    /// A list column, each row's list (null as empty) read by `read` as the one column
    /// `name` of a view.
    pub fn lists<T>(
        &self,
        name: &str,
        read: impl Fn(&View) -> Result<Vec<T>, RenderError>,
    ) -> Result<Vec<Vec<T>>, RenderError> {
        let col = self.df.column(name).map_err(self.err("find column"))?;
        let ca = col.list().map_err(self.err("read lists"))?;
        let row = |l: Option<Series>| {
            let df = l.unwrap_or_default().with_name(name.into()).into_frame();
            read(&View::new(self.table, &df))
        };
        ca.series_iter().map(row).collect()
    }

    pub fn bool(&self, name: &str) -> Result<Vec<bool>, RenderError> {
        let s = self.cast(name, &DataType::Boolean)?;
        let ca = s.bool().map_err(self.err("read booleans"))?;
        Ok(ca.iter().map(|v| v.unwrap_or(false)).collect())
    }
}

/// `values` with each null replaced by `null`.
fn or<T: Clone>(values: Vec<Option<T>>, null: T) -> Vec<T> {
    let value = |v: Option<T>| v.unwrap_or_else(|| null.clone());
    values.into_iter().map(value).collect()
}
