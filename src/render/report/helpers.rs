//! What the report's and the review's sections share (render stage): number and link
//! formatting, source lines, chart embeds and the chart files. A leaf: it imports nothing
//! from the sections, which import it.
//!
//! Percents are rounded once, from the exact value (as the charts do), never from the
//! 4-decimal CSV value: rounding twice would turn 3/74 = 4.054% into 4.0%, not 4.1%.

use super::frame::View;
use crate::config::Config;
use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::number::{decimal, points};

/// The sections' short names for the number formats: `pct` a share in [0, 1] as a percent
/// with one decimal, `int` a count with thousands separators, `num` a statistic with `d`
/// decimals (z, NPMI, lift, G2).
pub use crate::render::number::{decimal as num, fraction_percent as pct, thousands as int};

/// A change of share (fractions) in percentage points: `0.0123` -> `+1.2 pp`.
pub fn pp(change: f64) -> String {
    points(change * 100.0)
}

/// A p-value the way a reader wants it: `< 0.0001` or four decimals.
pub fn p(v: f64) -> String {
    if !v.is_finite() {
        "n/a".to_string()
    } else if v < 0.0001 {
        "< 0.0001".to_string()
    } else {
        decimal(v, 4)
    }
}

/// How [`cells`] writes the values of a column.
#[derive(Clone, Copy, Debug)]
pub enum Fmt {
    /// Text as it is.
    Text,
    /// A count, [`int`].
    Int,
    /// A share, [`pct`].
    Pct,
    /// A change of share, [`pp`].
    Pp,
    /// A statistic with this many decimals, [`num`].
    Num(usize),
    /// A p-value, [`p`].
    P,
}

/// Column `name` of `v` as Markdown cells, one per row, written as `fmt` says; nulls as the
/// typed readers give them (empty text, 0, or NaN written `n/a`).
pub fn cells(v: &View, name: &str, fmt: Fmt) -> Result<Vec<String>, RenderError> {
    cells_or(v, name, fmt, None)
}

/// [`cells`] with a dash for nulls.
pub fn dashed(v: &View, name: &str, fmt: Fmt) -> Result<Vec<String>, RenderError> {
    cells_or(v, name, fmt, Some("–"))
}

fn cells_or(
    v: &View,
    name: &str,
    fmt: Fmt,
    null: Option<&str>,
) -> Result<Vec<String>, RenderError> {
    fn each<T>(
        values: Vec<Option<T>>,
        null: Option<&str>,
        f: impl Fn(Option<T>) -> String,
    ) -> Vec<String> {
        let cell = |x: Option<T>| match (x, null) {
            (None, Some(dash)) => dash.to_string(),
            (x, _) => f(x),
        };
        values.into_iter().map(cell).collect()
    }
    Ok(match fmt {
        Fmt::Text => each(v.opt_str(name)?, null, Option::unwrap_or_default),
        Fmt::Int => each(v.opt_u64(name)?, null, |x| int(x.unwrap_or(0))),
        _ => each(v.opt_f64(name)?, null, |x| {
            let x = x.unwrap_or(f64::NAN);
            match fmt {
                Fmt::Pct => pct(x),
                Fmt::Pp => pp(x),
                Fmt::Num(d) => num(x, d),
                _ => p(x),
            }
        }),
    })
}

/// The association columns of a pair table (`comentions`, `year_pairs`): expected, NPMI,
/// lift, G2 and p.
pub fn association(v: &View) -> Result<Vec<(&'static str, Vec<String>)>, RenderError> {
    Ok(vec![
        ("Expected", cells(v, "expected", Fmt::Num(2))?),
        ("NPMI", cells(v, "npmi", Fmt::Num(3))?),
        ("Lift", cells(v, "lift", Fmt::Num(2))?),
        ("G2", cells(v, "g2", Fmt::Num(2))?),
        ("p", cells(v, "p_value", Fmt::P)?),
    ])
}

/// "`n` `what`" when the analysis counts `n` > 0 rows beyond those shown, else nothing.
pub fn more_rows(n: u64, what: &str) -> String {
    if n > 0 {
        format!("{} {what}\n\n", int(n))
    } else {
        String::new()
    }
}

/// `count` of `total` with `share` (count / total) as a percent: `38 of 412 (9.2%)`.
pub fn of(count: u64, total: u64, share: f64) -> String {
    format!("{} of {} ({})", int(count), int(total), pct(share))
}

/// A Markdown link to a file of the output folder, shown as its path.
pub fn file(path: &str) -> String {
    format!("[`{path}`]({path})")
}

/// Singular or plural noun for `n`: `plural(1, "issue")` -> `1 issue`.
pub fn plural(n: u64, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", int(n))
}

/// A table followed by a blank line, or `empty` as a sentence when it has no rows (nothing
/// when `empty` is empty too).
pub fn table_or(table: &Table, empty: &str) -> String {
    match (table.is_empty(), empty) {
        (false, _) => format!("{}\n", table.render()),
        (true, "") => String::new(),
        (true, _) => format!("{empty}\n\n"),
    }
}

/// An embedded chart (PNG, which every Markdown viewer shows) with links to its SVG and data.
pub fn chart(name: &str, alt: &str, csv: &[&str]) -> String {
    let data = csv_links(csv);
    format!(
        "![{alt}](charts/{name}.png)\n\n\
         <sub>Chart: [SVG](charts/{name}.svg) · data: {data}</sub>\n\n"
    )
}

/// Links to the CSV files of `tables`, comma-separated.
fn csv_links(tables: &[&str]) -> String {
    let links: Vec<String> = tables
        .iter()
        .map(|t| file(&format!("csv/{t}.csv")))
        .collect();
    links.join(", ")
}

/// A list of names joined for a sentence: `a`, `a and b`, `a, b and c`.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A statistic or a dash.
pub fn opt(v: Option<f64>, d: usize) -> String {
    v.map_or("–".to_string(), |x| num(x, d))
}

/// The legend line under a table where a shown name carries the discovery mark (nothing
/// otherwise, so a lexicon-only report is unchanged).
pub fn legend<'s>(shown: impl IntoIterator<Item = &'s String>) -> String {
    if shown.into_iter().any(|n| n.contains(super::frame::MARK)) {
        format!(
            "<sub>{} a name the lexicon does not know, counted from discovery: see \
             [Names the lexicon does not know](report.md#names-the-lexicon-does-not-know).</sub>\n\n",
            super::frame::MARK
        )
    } else {
        String::new()
    }
}

/// "Source: `csv/x.csv`." line under a table.
pub fn source(names: &[&str]) -> String {
    format!("<sub>Source: {}.</sub>\n\n", csv_links(names))
}

/// Co-mention units as a reader says them: (`article item`, `article items`), or issues, or
/// items of every section with `--all-sections`.
pub fn units(config: &Config) -> (&'static str, &'static str) {
    if config.per_issue {
        ("issue", "issues")
    } else if config.all_sections {
        ("item", "items")
    } else {
        ("article item", "article items")
    }
}

/// A rendered file: path relative to the output folder, and its bytes.
pub type File = (String, Vec<u8>);

pub(crate) use crate::render::chart::canvas::files;

/// Per row of `v`, the trend label of column `label` in words with its period (columns
/// `peak_period` and `since`, as the labels table gives them): `peaked in 2016-Q2`, `rising
/// since 2018-01`; the bare label otherwise, a dash where there is none.
pub fn shapes(v: &View, label: &str) -> Result<Vec<String>, RenderError> {
    let (label, peak, since) = (
        v.str(label)?,
        v.opt_str("peak_period")?,
        v.opt_str("since")?,
    );
    let words = |i: usize| match (label[i].as_str(), peak[i].as_deref(), since[i].as_deref()) {
        ("", _, _) => "–".to_string(),
        ("peaked", Some(at), _) => format!("peaked in {at}"),
        (l @ ("rising" | "falling"), _, Some(at)) => format!("{l} since {at}"),
        (l, _, _) => l.to_string(),
    };
    Ok((0..v.height()).map(words).collect())
}

/// The entity names of `v` (marked when discovered), each followed by its rename or merger
/// note (column `note`) in brackets when it has one: `Calcite (named Optiq until 2014-09)`.
pub fn noted(v: &View) -> Result<Vec<String>, RenderError> {
    let names = v.marked("entity", "origin")?.into_iter();
    let name = |(entity, note): (String, Option<String>)| match note {
        Some(note) => format!("{entity} ({note})"),
        None => entity,
    };
    Ok(names.zip(v.opt_str("note")?).map(name).collect())
}
