//! `review-YYYY.md`, the year in review (render stage): the year against the one before, each
//! section opened by a quotable sentence, then its table (a `csv/review_YYYY_*.csv` file) and
//! chart. Also the short "Year in review" section of `report.md` that links to it.

use super::fmt::{int, num, pct, pp, table_or};
use super::review_say as say;
use super::review_tables as tables;
use super::Ctx;
use crate::analysis::YearReview;
use crate::render::markdown::Table;
use crate::render::RenderError;

pub fn file_name(r: &YearReview) -> String {
    format!("review-{}.md", r.current.year)
}

/// How co-mention units read in a sentence.
pub fn units(ctx: &Ctx) -> &'static str {
    super::md::units(ctx).1
}

/// `csv/review_2019_top.csv` as a source line.
pub fn source(r: &YearReview, table: &str) -> String {
    let path = format!("csv/review_{}_{table}.csv", r.current.year);
    format!("<sub>Source: [`{path}`]({path}).</sub>\n\n")
}

/// A chart of the review with links to its SVG and data.
pub fn chart(r: &YearReview, name: &str, alt: &str, table: &str) -> String {
    let y = r.current.year;
    format!(
        "![{alt}](charts/review_{y}_{name}.png)\n\n<sub>Chart: [SVG](charts/review_{y}_{name}.svg) \
         · data: [`csv/review_{y}_{table}.csv`](csv/review_{y}_{table}.csv)</sub>\n\n"
    )
}

fn quote(sentence: &str) -> String {
    format!("> {sentence}\n\n")
}

pub fn markdown(ctx: &Ctx, r: &YearReview) -> Result<String, RenderError> {
    let (y0, y1) = (r.previous.year, r.current.year);
    let mut out = format!(
        "# The year in data engineering: {y1}\n\n{y1} against {y0}, from the newsletter archive. \
         Shares are of each year's article items; every table is a CSV file in \
         [`csv/`](csv/); the full report is [report.md](report.md) and the formulas are under \
         its [Methods](report.md#methods).\n\n"
    );
    out.push_str(&quote(&say::issues(r)));
    out.push_str(&tables::issues(r)?);
    out.push_str(&format!("## Top 10 of {y1}\n\n"));
    out.push_str(&quote(&say::top(r)));
    out.push_str(&tables::top(r)?);
    out.push_str("## Biggest movers\n\n");
    if say::has_previous(r) {
        out.push_str(&quote(&say::risers(r)));
        out.push_str(&quote(&say::fallers(r)));
        out.push_str(&tables::movers(r)?);
    } else {
        out.push_str(&quote(&say::no_movers(r)));
    }
    out.push_str("## Newcomers\n\n");
    out.push_str(&quote(&say::newcomers(r)));
    out.push_str(&tables::newcomers(r, ctx.config().top)?);
    out.push_str("## Most associated pairs\n\n");
    out.push_str(&quote(&say::pairs(r, units(ctx))));
    out.push_str(&tables::pairs(r, units(ctx))?);
    out.push_str("## Meetups by continent\n\n");
    out.push_str(&quote(&say::meetups(r)));
    out.push_str(&tables::meetups(r)?);
    out.push_str("## Coverage balance\n\n");
    out.push_str(&quote(&say::balance(r)));
    out.push_str(&tables::topics(r)?);
    out.push_str(&tables::concentration(r)?);
    Ok(out)
}

/// The "Year in review" section of report.md: the headline sentences and the link.
pub fn summary_section(ctx: &Ctx, r: &YearReview) -> String {
    let name = file_name(r);
    let movers = if say::has_previous(r) {
        vec![say::risers(r), say::fallers(r)]
    } else {
        vec![say::no_movers(r)]
    };
    let mut lines = vec![say::issues(r), say::top(r)];
    lines.extend(movers);
    lines.extend([say::newcomers(r), say::pairs(r, units(ctx))]);
    let mut out = format!(
        "## Year in review\n\n{} against {}, in full in [{name}]({name}):\n\n",
        r.current.year, r.previous.year
    );
    for l in lines {
        out.push_str(&format!("- {l}\n"));
    }
    out.push('\n');
    out
}

/// `a -> b` for two shares, and the change in points.
pub fn change(a: f64, b: f64) -> [String; 3] {
    [pct(a), pct(b), pp(b - a)]
}

/// A rank or a dash.
pub fn rank(r: Option<u32>) -> String {
    r.map_or("–".to_string(), |r| int(r as u64))
}

/// A statistic or a dash.
pub fn opt(v: Option<f64>) -> String {
    v.map_or("–".to_string(), |x| num(x, 2))
}

/// A table whose columns marked `true` (the year before) are left out when the archive has
/// no issue in the year before; numbers right-aligned from column `numbers_from`.
pub fn table(
    r: &YearReview,
    heads: &[(String, bool)],
    rows: Vec<Vec<String>>,
    numbers_from: usize,
) -> Result<Table, RenderError> {
    let keep: Vec<bool> = heads.iter().map(|h| !h.1 || say::has_previous(r)).collect();
    let pick = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c)
            .collect()
    };
    let mut t =
        Table::new(pick(heads.iter().map(|h| h.0.clone()).collect())).numbers_from(numbers_from);
    for row in rows {
        t.push(pick(row))?;
    }
    Ok(t)
}

/// The table, or a sentence when it is empty.
pub fn or(t: &crate::render::markdown::Table, empty: &str) -> String {
    table_or(t, empty)
}
