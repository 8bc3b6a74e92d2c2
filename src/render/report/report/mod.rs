//! `report.md` (render stage): the title and lead, then the sections in reading order, each
//! written by its own module, and the report's charts ([`charts`]). Headings are stable so
//! other documents can link to them.

mod balance;
pub mod charts;
mod entities;
mod files;
mod meetups;
mod methods;
mod overview;
mod pairs;
mod sources;
mod trends;

use super::context::ReportInput;
use super::helpers::{int, plural};
use super::review;
use crate::render::error::RenderError;

/// The whole report as Markdown.
pub fn markdown(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::new();
    out.push_str(&title(ctx)?);
    out.push_str(&contents(ctx));
    out.push_str(&overview::section(ctx)?);
    out.push_str(&entities::top(ctx)?);
    out.push_str(&trends::section(ctx)?);
    out.push_str(&balance::section(ctx)?);
    out.push_str(&entities::organisations(ctx)?);
    out.push_str(&entities::discovered(ctx)?);
    out.push_str(&sources::section(ctx)?);
    out.push_str(&pairs::section(ctx)?);
    out.push_str(&meetups::section(ctx)?);
    if let Some(r) = ctx.review {
        out.push_str(&review::summary_section(ctx, r)?);
    }
    out.push_str(&methods::section(ctx)?);
    out.push_str(&files::section(ctx)?);
    Ok(out)
}

fn title(ctx: &ReportInput) -> Result<String, RenderError> {
    let when = ctx.dates()?.map_or(String::new(), |d| format!(", {d}"));
    let lead = format!(
        "What the newsletter covered in {}: {} article items, searched for the {} entities \
         of the lexicon. Every figure below comes from a CSV file in [`csv/`](csv/), listed \
         under [Data files](#data-files); the formulas are under [Methods](#methods).",
        plural(ctx.summary("issues")?, "issue"),
        int(ctx.summary("article_items")?),
        int(ctx.overview("lexicon_entities")?),
    );
    Ok(format!(
        "# Topic coverage report: {}{when}\n\n{lead}\n\n",
        ctx.numbers()?
    ))
}

fn contents(ctx: &ReportInput) -> String {
    let mut items = vec![
        "[Overview](#overview)",
        "[Top entities](#top-entities)",
        "[Trends](#trends)",
        "[Coverage balance](#coverage-balance)",
        "[Organisations featured](#organisations-featured)",
    ];
    if ctx.config.discover {
        items.push("[Names the lexicon does not know](#names-the-lexicon-does-not-know)");
    }
    items.extend([
        "[Sources featured](#sources-featured)",
        "[Notable co-mentions](#notable-co-mentions)",
        "[Meetups](#meetups)",
    ]);
    if ctx.review.is_some() {
        items.push("[Year in review](#year-in-review)");
    }
    items.extend(["[Methods](#methods)", "[Data files](#data-files)"]);
    format!("Contents: {}.\n\n", items.join(" · "))
}
