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
use crate::frames::encode;
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

/// Renders `df` as CSV bytes; `table` names it in errors. See [`write_csv`].
pub fn to_csv(table: &str, df: &DataFrame, spec: &CsvSpec) -> Result<Vec<u8>, RenderError> {
    let mut out = Vec::new();
    write_csv(table, df, spec, &mut out)?;
    Ok(out)
}

/// Streams `df` as CSV into `out`, row by row, without building the text in memory first
/// (the mention table of a large archive is hundreds of megabytes). A frame without columns
/// gives no bytes; one without rows gives the header alone. Columns may be String, Boolean,
/// any integer, Float32/64, Categorical or Enum. A spec that names a column the frame lacks
/// is an error, since it is almost surely a typo.
pub fn write_csv(
    table: &str,
    df: &DataFrame,
    spec: &CsvSpec,
    out: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    write_csv_with_text(table, df, spec, None, out)
}

/// A text column kept outside the frame (the item text, which the corpus already holds):
/// written as column `name` at position `at`, one value per frame row, in frame order.
pub struct TextColumn<'a> {
    pub at: usize,
    pub name: &'a str,
    pub values: Box<dyn Iterator<Item = &'a str> + 'a>,
}

/// [`write_csv`] with an extra text column from outside the frame. Too few values is an
/// error (the column would not line up with the rows).
pub fn write_csv_with_text(
    table: &str,
    df: &DataFrame,
    spec: &CsvSpec,
    text: Option<TextColumn<'_>>,
    out: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    let mut names: Vec<&str> = df.columns().iter().map(|c| c.name().as_str()).collect();
    if let Some(missing) = spec.floats.keys().find(|k| !names.contains(&k.as_str())) {
        let message = format!("CSV spec names column {missing:?}, which the table does not have");
        return Err(RenderError::Table {
            table: table.to_string(),
            message,
        });
    }
    if names.is_empty() {
        return Ok(());
    }
    let series: Vec<Series> = df
        .columns()
        .iter()
        .map(|c| c.as_materialized_series().rechunk())
        .collect();
    let mut columns = series
        .iter()
        .map(|s| Cells::new(table, s, spec.float_format(s.name())))
        .collect::<Result<Vec<_>, _>>()?;
    let mut extra = None;
    if let Some(t) = text {
        let at = t.at.min(names.len());
        names.insert(at, t.name);
        // Re-boxed so the item lifetime shortens to the local columns'.
        let values = t.values.map(|v| -> Option<&str> { Some(v) });
        columns.insert(at, Cells::Text(Box::new(values)));
        extra = Some(at);
    }
    let terminator = match spec.line_ending {
        LineEnding::Lf => ::csv::Terminator::Any(b'\n'),
        LineEnding::CrLf => ::csv::Terminator::CRLF,
    };
    let err = |source| RenderError::Csv {
        table: table.to_string(),
        source,
    };
    let mut w = ::csv::WriterBuilder::new()
        .terminator(terminator)
        .buffer_capacity(1 << 16)
        .from_writer(out);
    w.write_record(&names).map_err(err)?;
    let mut cell = String::new();
    for row in 0..df.height() {
        for (c, col) in columns.iter_mut().enumerate() {
            cell.clear();
            if !col.next(&mut cell) && extra == Some(c) {
                let message = format!("the text column has no value for row {row}");
                return Err(RenderError::Table {
                    table: table.to_string(),
                    message,
                });
            }
            w.write_field(cell.as_bytes()).map_err(err)?;
        }
        w.write_record(None::<&[u8]>).map_err(err)?;
    }
    w.flush().map_err(|e| err(e.into()))
}

/// One column being written: an iterator over its values, and how to spell them.
enum Cells<'a> {
    Text(Box<dyn Iterator<Item = Option<&'a str>> + 'a>),
    Bool(Box<dyn Iterator<Item = Option<bool>> + 'a>),
    Float(Box<dyn Iterator<Item = Option<f64>> + 'a>, FloatFormat),
    Signed(Box<dyn Iterator<Item = Option<i64>> + 'a>),
    Unsigned(Box<dyn Iterator<Item = Option<u64>> + 'a>),
    Owned(std::vec::IntoIter<Option<String>>),
    /// Category codes and the names they index.
    Category(polars::prelude::UInt32Chunked, usize, Vec<String>),
}

impl<'a> Cells<'a> {
    fn new(table: &str, s: &'a Series, float: FloatFormat) -> Result<Cells<'a>, RenderError> {
        let perr = |step| {
            move |source| RenderError::Polars {
                table: table.to_string(),
                step,
                source,
            }
        };
        Ok(match s.dtype() {
            DataType::String => Cells::Text(Box::new(s.str().map_err(perr("read text"))?.iter())),
            DataType::Boolean => {
                Cells::Bool(Box::new(s.bool().map_err(perr("read booleans"))?.iter()))
            }
            DataType::Float32 => Cells::Float(
                Box::new(
                    s.f32()
                        .map_err(perr("read floats"))?
                        .iter()
                        .map(|x| x.map(f64::from)),
                ),
                float,
            ),
            DataType::Float64 => Cells::Float(
                Box::new(s.f64().map_err(perr("read floats"))?.iter()),
                float,
            ),
            DataType::Enum(..) => {
                let text = s
                    .cast(&DataType::String)
                    .map_err(perr("categories to text"))?;
                let values: Vec<Option<String>> = text
                    .str()
                    .map_err(perr("read text"))?
                    .iter()
                    .map(|v| v.map(str::to_string))
                    .collect();
                Cells::Owned(values.into_iter())
            }
            DataType::Categorical(..) => {
                let col = s.clone().into_column();
                let names = encode::names(&col).map_err(perr("read categories"))?;
                let codes = encode::code_array(&col).map_err(perr("read categories"))?;
                Cells::Category(codes.rechunk().into_owned(), 0, names)
            }
            DataType::UInt32 => Cells::Unsigned(Box::new(
                s.u32()
                    .map_err(perr("read integers"))?
                    .iter()
                    .map(|x| x.map(u64::from)),
            )),
            DataType::Int32 => Cells::Signed(Box::new(
                s.i32()
                    .map_err(perr("read integers"))?
                    .iter()
                    .map(|x| x.map(i64::from)),
            )),
            DataType::UInt64 => {
                Cells::Unsigned(Box::new(s.u64().map_err(perr("read integers"))?.iter()))
            }
            DataType::Int64 => {
                Cells::Signed(Box::new(s.i64().map_err(perr("read integers"))?.iter()))
            }
            d if d.is_unsigned_integer() => {
                let wide = s.cast(&DataType::UInt64).map_err(perr("widen integers"))?;
                let values: Vec<Option<u64>> =
                    wide.u64().map_err(perr("read integers"))?.iter().collect();
                Cells::Unsigned(Box::new(values.into_iter()))
            }
            d if d.is_signed_integer() => {
                let wide = s.cast(&DataType::Int64).map_err(perr("widen integers"))?;
                let values: Vec<Option<i64>> =
                    wide.i64().map_err(perr("read integers"))?.iter().collect();
                Cells::Signed(Box::new(values.into_iter()))
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

    /// Appends the next value's field text to `cell` (nothing for a null); false when the
    /// column has no more values.
    fn next(&mut self, cell: &mut String) -> bool {
        use std::fmt::Write;
        fn put<T>(v: Option<Option<T>>, mut show: impl FnMut(T)) -> bool {
            match v {
                Some(Some(x)) => {
                    show(x);
                    true
                }
                Some(None) => true,
                None => false,
            }
        }
        // Writing to a String cannot fail.
        match self {
            Cells::Text(it) => put(it.next(), |v| cell.push_str(v)),
            Cells::Owned(it) => put(it.next(), |v| cell.push_str(&v)),
            Cells::Bool(it) => put(it.next(), |b| {
                let _ = write!(cell, "{b}");
            }),
            Cells::Float(it, format) => {
                put(it.next(), |x| cell.push_str(&format_float(x, *format)))
            }
            Cells::Signed(it) => put(it.next(), |x| {
                let _ = write!(cell, "{x}");
            }),
            Cells::Unsigned(it) => put(it.next(), |x| {
                let _ = write!(cell, "{x}");
            }),
            Cells::Category(codes, row, names) => {
                if *row >= codes.len() {
                    return false;
                }
                if let Some(name) = codes.get(*row).and_then(|c| names.get(c as usize)) {
                    cell.push_str(name);
                }
                *row += 1;
                true
            }
        }
    }
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
