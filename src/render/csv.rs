//! CSV tables (render stage): a Polars frame to RFC 4180 bytes with fixed float formats.
//!
//! Choices, for spreadsheets and diff-friendly goldens:
//! - UTF-8 without a byte-order mark (a BOM confuses most tools other than Excel, and Excel
//!   and LibreOffice both import UTF-8 CSV correctly when asked for it).
//! - `\r\n` line ends by default, as RFC 4180 says; `\n` is one [`LineEnding::Lf`] away.
//!   Both import into LibreOffice and Excel.
//! - A header row; fields quoted only when they hold a comma, a quote or a line break, with
//!   quotes doubled. Line breaks inside a field are kept as they are.
//! - Nulls are empty fields; booleans are `true`/`false`; integers in full; floats with a
//!   fixed number of decimals per column (default 4) or in scientific notation (for
//!   p-values), never as `-0.0000`; NaN and infinities as `NaN`, `inf`, `-inf`.
//! - Row order is the frame's: sort it first. Output depends on nothing else.

use super::number::strip_negative_zero;
use super::RenderError;
use polars::prelude::*;
use std::collections::BTreeMap;

/// How one float column is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFormat {
    /// This many decimals: `0.1235`.
    Fixed(usize),
    /// Scientific with this many mantissa decimals and a signed two-digit exponent:
    /// `1.235e-05`, as C's `%e` writes it and spreadsheets read it.
    Scientific(usize),
}

/// Record terminator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    #[default]
    CrLf,
}

/// Per-table CSV options: a float format per column name, a default for the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvSpec {
    pub default_float: FloatFormat,
    pub floats: BTreeMap<String, FloatFormat>,
    pub line_ending: LineEnding,
}

impl Default for CsvSpec {
    fn default() -> Self {
        CsvSpec {
            default_float: FloatFormat::Fixed(4),
            floats: BTreeMap::new(),
            line_ending: LineEnding::CrLf,
        }
    }
}

impl CsvSpec {
    /// Writes float column `column` with `decimals` decimals.
    pub fn fixed(mut self, column: &str, decimals: usize) -> Self {
        self.floats
            .insert(column.to_string(), FloatFormat::Fixed(decimals));
        self
    }

    /// Writes float column `column` in scientific notation with `decimals` mantissa decimals.
    pub fn scientific(mut self, column: &str, decimals: usize) -> Self {
        self.floats
            .insert(column.to_string(), FloatFormat::Scientific(decimals));
        self
    }

    pub fn line_ending(mut self, line_ending: LineEnding) -> Self {
        self.line_ending = line_ending;
        self
    }

    fn float_format(&self, column: &str) -> FloatFormat {
        self.floats
            .get(column)
            .copied()
            .unwrap_or(self.default_float)
    }
}

/// Renders `df` as CSV bytes; `table` names it in errors. A frame without columns gives no
/// bytes; one without rows gives the header alone. Columns may be String, Boolean, any
/// integer, Float32/64, Categorical or Enum. A spec that names a column the frame lacks is
/// an error, since it is almost surely a typo.
pub fn to_csv(table: &str, df: &DataFrame, spec: &CsvSpec) -> Result<Vec<u8>, RenderError> {
    let names: Vec<&str> = df.columns().iter().map(|c| c.name().as_str()).collect();
    if let Some(missing) = spec.floats.keys().find(|k| !names.contains(&k.as_str())) {
        let message = format!("CSV spec names column {missing:?}, which the table does not have");
        return Err(RenderError::Table {
            table: table.to_string(),
            message,
        });
    }
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let columns = df
        .columns()
        .iter()
        .map(|c| {
            cells(
                table,
                c.as_materialized_series(),
                spec.float_format(c.name()),
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    write(table, &names, &columns, df.height(), spec.line_ending)
}

fn write(
    table: &str,
    names: &[&str],
    columns: &[Vec<String>],
    height: usize,
    le: LineEnding,
) -> Result<Vec<u8>, RenderError> {
    let terminator = match le {
        LineEnding::Lf => ::csv::Terminator::Any(b'\n'),
        LineEnding::CrLf => ::csv::Terminator::CRLF,
    };
    let err = |source| RenderError::Csv {
        table: table.to_string(),
        source,
    };
    let mut w = ::csv::WriterBuilder::new()
        .terminator(terminator)
        .from_writer(Vec::new());
    w.write_record(names).map_err(err)?;
    for row in 0..height {
        w.write_record(columns.iter().map(|col| col[row].as_str()))
            .map_err(err)?;
    }
    w.into_inner().map_err(|e| err(e.into_error().into()))
}

/// One column as its CSV fields, nulls as empty strings.
fn cells(table: &str, s: &Series, float: FloatFormat) -> Result<Vec<String>, RenderError> {
    let perr = |step| {
        move |source| RenderError::Polars {
            table: table.to_string(),
            step,
            source,
        }
    };
    let cast = |to: &DataType, step| s.cast(to).map_err(perr(step));
    Ok(match s.dtype() {
        DataType::String => fields(s.str().map_err(perr("read text"))?.iter(), str::to_string),
        DataType::Boolean => fields(s.bool().map_err(perr("read booleans"))?.iter(), |b| {
            b.to_string()
        }),
        DataType::Float32 | DataType::Float64 => {
            let f = cast(&DataType::Float64, "widen floats")?;
            fields(f.f64().map_err(perr("read floats"))?.iter(), |x| {
                format_float(x, float)
            })
        }
        DataType::Categorical(..) | DataType::Enum(..) => {
            return cells(
                table,
                &cast(&DataType::String, "categories to text")?,
                float,
            );
        }
        d if d.is_integer() => {
            integer_cells(s, d.is_signed_integer()).map_err(perr("read integers"))?
        }
        other => {
            let message = format!(
                "column {:?} has type {other}, which CSV export does not support",
                s.name().as_str()
            );
            return Err(RenderError::Table {
                table: table.to_string(),
                message,
            });
        }
    })
}

/// Integers in full, widened to 64 bits first so every width takes one path.
fn integer_cells(s: &Series, signed: bool) -> PolarsResult<Vec<String>> {
    Ok(if signed {
        fields(s.cast(&DataType::Int64)?.i64()?.iter(), |x| x.to_string())
    } else {
        fields(s.cast(&DataType::UInt64)?.u64()?.iter(), |x| x.to_string())
    })
}

fn fields<T>(values: impl Iterator<Item = Option<T>>, show: impl Fn(T) -> String) -> Vec<String> {
    values.map(|v| v.map_or_else(String::new, &show)).collect()
}

/// A float as [`FloatFormat`] says; NaN and infinities spelled as Polars and pandas read them.
pub fn format_float(x: f64, format: FloatFormat) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let x = if x == 0.0 { 0.0 } else { x }; // -0.0 is written as 0
    match format {
        FloatFormat::Fixed(d) => strip_negative_zero(format!("{x:.d$}")),
        FloatFormat::Scientific(d) => scientific(x, d),
    }
}

/// `1.2346e-5` (Rust) -> `1.2346e-05` (C `%e`): signed exponent of at least two digits.
fn scientific(x: f64, d: usize) -> String {
    let s = format!("{x:.d$e}");
    let Some((mantissa, exp)) = s.split_once('e') else {
        return s;
    };
    let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |rest| ("-", rest));
    format!("{mantissa}e{sign}{digits:0>2}")
}
