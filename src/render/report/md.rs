//! `report.md` (render stage): the title and lead, then the sections in reading order, each
//! written by its own module. Headings are stable so other documents can link to them.

use super::fmt::{file, int, plural};
use super::{md_balance, md_entities, md_files, md_meetups, md_methods, md_overview};
use super::{md_pairs, md_sources, md_trends, review_md, Ctx};
use crate::render::RenderError;

/// The whole report as Markdown.
pub fn report(ctx: &Ctx) -> Result<String, RenderError> {
    let mut out = String::new();
    out.push_str(&title(ctx));
    out.push_str(&contents(ctx));
    out.push_str(&md_overview::section(ctx)?);
    out.push_str(&md_entities::top(ctx)?);
    out.push_str(&md_trends::section(ctx)?);
    out.push_str(&md_balance::section(ctx)?);
    out.push_str(&md_entities::organisations(ctx)?);
    out.push_str(&md_sources::section(ctx)?);
    out.push_str(&md_pairs::section(ctx)?);
    out.push_str(&md_meetups::section(ctx)?);
    if let Some(r) = ctx.input.review {
        out.push_str(&review_md::summary_section(ctx, r));
    }
    out.push_str(&md_methods::section(ctx));
    out.push_str(&md_files::section(ctx));
    Ok(out)
}

/// `issues #326 to #330` (or the one issue).
pub fn numbers(ctx: &Ctx) -> String {
    let issues = &ctx.issues.numbers;
    match (issues.first(), issues.last()) {
        (Some(a), Some(b)) if a != b => format!("issues #{a} to #{b}"),
        (Some(a), _) => format!("issue #{a}"),
        _ => "no issues".to_string(),
    }
}

/// `2019-10-06 to 2019-11-03`, when any issue is dated.
pub fn dates(ctx: &Ctx) -> Option<String> {
    let s = &ctx.analysis().summary;
    match (s.first_date, s.last_date) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} to {b}")),
        (Some(a), _) => Some(a.to_string()),
        _ => None,
    }
}

fn title(ctx: &Ctx) -> String {
    let s = &ctx.analysis().summary;
    let when = dates(ctx).map_or(String::new(), |d| format!(", {d}"));
    let lead = format!(
        "What the newsletter covered in {}: {} article items, searched for the {} entities \
         of the lexicon. Every figure below comes from a CSV file in [`csv/`](csv/), listed \
         under [Data files](#data-files); the formulas are under [Methods](#methods).",
        plural(s.issues as u64, "issue"),
        int(s.article_items),
        int(ctx.input.lexicon.entities.len() as u64),
    );
    format!(
        "# Topic coverage report: {}{when}\n\n{lead}\n\n",
        numbers(ctx)
    )
}

fn contents(ctx: &Ctx) -> String {
    let mut items = vec![
        "[Overview](#overview)",
        "[Top entities](#top-entities)",
        "[Trends](#trends)",
        "[Coverage balance](#coverage-balance)",
        "[Organisations featured](#organisations-featured)",
        "[Sources featured](#sources-featured)",
        "[Notable co-mentions](#notable-co-mentions)",
        "[Meetups](#meetups)",
    ];
    if ctx.input.review.is_some() {
        items.push("[Year in review](#year-in-review)");
    }
    items.extend(["[Methods](#methods)", "[Data files](#data-files)"]);
    format!("Contents: {}.\n\n", items.join(" · "))
}

/// "Source: `csv/x.csv`." line under a table.
pub fn source(names: &[&str]) -> String {
    let links: Vec<String> = names
        .iter()
        .map(|n| file(&format!("csv/{n}.csv")))
        .collect();
    format!("<sub>Source: {}.</sub>\n\n", links.join(", "))
}

/// Co-mention units as a reader says them: (`article item`, `article items`), or issues, or
/// items of every section with `--all-sections`.
pub fn units(ctx: &Ctx) -> (&'static str, &'static str) {
    let c = ctx.config();
    if c.per_issue {
        ("issue", "issues")
    } else if c.all_sections {
        ("item", "items")
    } else {
        ("article item", "article items")
    }
}
