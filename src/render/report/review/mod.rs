//! `review-YYYY.md`, the year in review (render stage): the year against the one before, each
//! section opened by a quotable sentence ([`say`]), then its table ([`tables`], a
//! `csv/review_YYYY_*.csv` file) and chart ([`charts`]). Also the short "Year in review"
//! section of `report.md` that links to it. Every figure is a cell of a review frame or a
//! parameter the review states (`mover_z`, `top_rows`, `momentum_rows`).

pub mod charts;
mod common;
mod say;
mod tables;

use crate::analysis::YearReview;
use crate::render::error::RenderError;
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::units;
use common::{chart, Figures};

pub fn file_name(r: &YearReview) -> String {
    format!("review-{}.md", r.year)
}

fn quote(sentence: &str) -> String {
    format!("> {sentence}\n\n")
}

pub fn markdown(ctx: &ReportInput, r: &YearReview) -> Result<String, RenderError> {
    let f = Figures::read(r)?;
    let units = units(ctx.config).1;
    let [y0, y1] = f.year;
    let mut out = format!(
        "# The year in data engineering: {y1}\n\n{y1} against {y0}, from the newsletter archive. \
         Shares are of each year's article items; every table is a CSV file in \
         [`csv/`](csv/); the full report is [report.md](report.md) and the formulas are under \
         its [Methods](report.md#methods).\n\n"
    );
    out.push_str(&quote(&say::issues(&f)?));
    out.push_str(&tables::issues(r, &f)?);
    out.push_str(&format!("## Top {} of {y1}\n\n", r.top_rows));
    out.push_str(&quote(&say::top(r, &f)?));
    out.push_str(&tables::top(r, &f)?);
    out.push_str("## Biggest movers\n\n");
    for sentence in say::movers(r, &f)? {
        out.push_str(&quote(&sentence));
    }
    if f.has_previous() {
        out.push_str(&tables::movers(r, &f)?);
    }
    out.push_str(&momentum(r, &f)?);
    out.push_str("## Newcomers\n\n");
    out.push_str(&quote(&say::newcomers(r, &f)?));
    if ctx.config.discover {
        out.push_str(&say::discovered_newcomers(r)?);
    }
    out.push_str(&tables::newcomers(r)?);
    out.push_str("## Most associated pairs\n\n");
    out.push_str(&quote(&say::pairs(r, &f, units)?));
    out.push_str(&tables::pairs(r, units)?);
    out.push_str("## Meetups by continent\n\n");
    out.push_str(&quote(&say::meetups(r, &f)?));
    out.push_str(&tables::meetups(r, &f)?);
    out.push_str("## Coverage balance\n\n");
    out.push_str(&quote(&say::balance(r, &f)?));
    out.push_str(&tables::topics(r, &f)?);
    out.push_str(&tables::concentration(r, &f)?);
    Ok(out)
}

/// The "Year in review" section of report.md: the headline sentences and the link.
pub fn summary_section(ctx: &ReportInput, r: &YearReview) -> Result<String, RenderError> {
    let f = Figures::read(r)?;
    let name = file_name(r);
    let mut lines = vec![say::issues(&f)?, say::top(r, &f)?];
    lines.extend(say::movers(r, &f)?);
    lines.extend([
        say::newcomers(r, &f)?,
        say::pairs(r, &f, units(ctx.config).1)?,
    ]);
    let mut out = format!(
        "## Year in review\n\n{} against {}, in full in [{name}]({name}):\n\n",
        f.year[1], f.year[0]
    );
    for l in lines {
        out.push_str(&format!("- {l}\n"));
    }
    out.push('\n');
    Ok(out)
}

/// "Momentum map": the sentence, the chart and its source (only with a year before).
fn momentum(r: &YearReview, f: &Figures) -> Result<String, RenderError> {
    if !f.has_previous() || r.momentum.height() == 0 {
        return Ok(String::new());
    }
    let mut out = String::from("## Momentum map\n\n");
    out.push_str(&quote(&say::momentum(r, f)?));
    out.push_str(&chart(r, "momentum", "Momentum map"));
    Ok(out)
}
