//! Periods: which period each issue falls in, the period keys (`#0330`, `2019-11`, `2019-Q4`,
//! `2019`), their calendar ordinals (the trend test's scores), and which are partial.
//!
//! Keys sort in time order as text: issue keys are `#` and the number zero-padded to 4 digits.
//! A period exists only if an issue falls in it: a month without issues is not a period of
//! zeros, it is a gap (`gap_before` counts the missing periods before each period). Undated
//! issues have no calendar period and are left out of month/quarter/year trends; with
//! `--period issue` every issue is its own period.
//!
//! [`periods`] gives two frames: `periods` (period str, ordinal i64, index u32, start str?,
//! end str?, issues u32, article_items u64, gap_before u32, partial bool; by ordinal) and
//! `of_issue` (issue u32, period u32: the index of the issue's period; undated issues absent
//! for calendar periods).

use super::query::{collect, count_u64, inner_join, lazy, polars, text};
use super::AnalysisError;
use crate::config::Period;
use crate::date::Date;
use polars::prelude::*;

/// `Month` when the dated issues span more than 365 days, else `Issue`. The first and last
/// dates are the text minimum and maximum of the date column (ISO dates, written by [`Date`],
/// sort as text, as the periods' `start`/`end` and the window filter also rely on); only
/// those two are parsed.
pub fn auto(issues: &DataFrame) -> Result<Period, AnalysisError> {
    let ends = lazy(issues).select([text("date").min().append(text("date").max(), false)]);
    let ends = collect("issue dates", ends)?;
    let ends = super::query::strs(&ends, "date").map_err(polars("issue dates"))?;
    let day = |d: Option<&Option<String>>| d?.as_deref().and_then(Date::parse_iso);
    Ok(match (day(ends.first()), day(ends.last())) {
        (Some(a), Some(b)) if b.days() - a.days() > 365 => Period::Month,
        _ => Period::Issue,
    })
}

/// The ordinal and key of an issue's period.
pub fn key(period: Period, number: u32, date: Option<Date>) -> Option<(i64, String)> {
    if period == Period::Issue {
        return Some((number as i64, format!("#{number:04}")));
    }
    let (y, m, _) = date?.ymd();
    let q = (m - 1) / 3 + 1;
    Some(match period {
        Period::Month => (y as i64 * 12 + m as i64 - 1, format!("{y:04}-{m:02}")),
        Period::Quarter => (y as i64 * 4 + q as i64 - 1, format!("{y:04}-Q{q}")),
        _ => (y as i64, format!("{y:04}")),
    })
}

/// Each issue's period ordinal and key (both null for an undated issue and a calendar
/// period): [`key`], a calendar function, over the issue and date columns, one row per issue
/// (hundreds). Not a query: the month and quarter need the date's parts, and the Polars build
/// has neither string slicing nor date parsing (features `strings`, `dtype-date`).
pub fn keyed(issues: &DataFrame, period: Period) -> Result<DataFrame, AnalysisError> {
    let err = polars("period keys");
    let numbers = issues.column("issue").and_then(|c| c.u32()).map_err(&err)?;
    let dates = super::query::strs(issues, "date").map_err(&err)?;
    let (ordinal, keys): (Vec<Option<i64>>, Vec<Option<String>>) = numbers
        .iter()
        .zip(&dates)
        .map(|(n, d)| n.and_then(|n| key(period, n, d.as_deref().and_then(Date::parse_iso))))
        .map(Option::unzip)
        .unzip();
    let cols = vec![
        numbers.clone().into_column(),
        Column::new("ordinal".into(), ordinal),
        Column::new("period".into(), keys),
    ];
    DataFrame::new(numbers.len(), cols).map_err(err)
}

/// The issues with a period: issue, ordinal, period (key), date, article.
pub fn dated(issues: &DataFrame, period: Period) -> Result<LazyFrame, AnalysisError> {
    let keyed = keyed(issues, period)?;
    let columns = lazy(issues).select([col("issue"), col("date"), col("article")]);
    Ok(inner_join(
        keyed.lazy().filter(col("ordinal").is_not_null()),
        columns,
        &["issue"],
    ))
}

/// The periods of a window and each issue's period; see the module doc.
pub fn periods(
    issues: &DataFrame,
    period: Period,
) -> Result<(DataFrame, DataFrame), AnalysisError> {
    let dated = dated(issues, period)?;
    let by_period = dated
        .clone()
        .group_by([col("ordinal")])
        .agg([
            col("period").first(),
            col("date").min().alias("start"),
            col("date").max().alias("end"),
            len().alias("issues"),
            count_u64(col("article")).sum().alias("article_items"),
        ])
        .sort(["ordinal"], SortMultipleOptions::default())
        .with_row_index("index", None)
        .with_columns([(col("ordinal") - col("ordinal").shift(lit(1)) - lit(1))
            .fill_null(lit(0))
            .cast(DataType::UInt32)
            .alias("gap_before")]);
    let mut table = collect("periods table", by_period)?;
    let partial = partial(period, &table).map_err(polars("partial periods"))?;
    table
        .with_column(Column::new("partial".into(), partial))
        .map_err(polars("partial periods"))?;
    let index = lazy(&table).select([col("ordinal"), col("index")]);
    let of_issue =
        inner_join(dated, index, &["ordinal"]).select([col("issue"), col("index").alias("period")]);
    Ok((table, collect("issue periods", of_issue)?))
}

/// Per period: the archive starts or ends inside it, i.e. a weekly issue one week before
/// the first issue (after the last) would still fall in it. Never set for `issue` periods.
/// A function, not a query: it reads two dates (the first period's start, the last's end)
/// and needs calendar arithmetic on them ([`Date::add_days`], [`key`]).
fn partial(period: Period, table: &DataFrame) -> PolarsResult<Vec<bool>> {
    let n = table.height();
    let mut out = vec![false; n];
    if period == Period::Issue || n == 0 {
        return Ok(out);
    }
    let ordinal: Vec<Option<i64>> = table.column("ordinal")?.i64()?.iter().collect();
    let start = super::query::strs(table, "start")?;
    let end = super::query::strs(table, "end")?;
    let same = |d: Option<&String>, days: i32, i: usize| {
        let shifted = d.and_then(|d| Date::parse_iso(d)).map(|d| d.add_days(days));
        shifted.and_then(|d| key(period, 0, Some(d))).map(|k| k.0) == ordinal[i]
    };
    out[0] = same(start[0].as_ref(), -7, 0);
    out[n - 1] |= same(end[n - 1].as_ref(), 7, n - 1);
    Ok(out)
}

/// The exported `periods` table: period, start, end, issues, article_items, gap_before,
/// partial.
pub fn export(table: &DataFrame) -> Result<DataFrame, AnalysisError> {
    let columns = "period start end issues article_items gap_before partial";
    table
        .select(columns.split_whitespace())
        .map_err(polars("periods table"))
}
