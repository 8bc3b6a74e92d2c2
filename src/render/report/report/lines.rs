//! The chart parts of "Trends" (render stage): the trend lines and how their entities were
//! chosen (`--entities` or the labelled movers), the chart period when it is coarser than
//! the trend period, and the movers chart between the first and last third.

use super::trends::any_moving;
use crate::analysis::Label;
use crate::render::report::context::Ctx;
use crate::render::report::helpers::{and_list, chart, int};
use crate::render::RenderError;

/// Why the time charts use a coarser period than the trend tables, if they do.
pub fn coarser(ctx: &Ctx) -> Result<String, RenderError> {
    if ctx.analysis().chart_period == ctx.analysis().period {
        return Ok(String::new());
    }
    Ok(format!(
        " The time charts are drawn by {} because {} {}s are too many points to read; the \
         labels above are computed by {}.",
        ctx.chart_period(),
        int(ctx.summary("periods")?),
        ctx.period(),
        ctx.period()
    ))
}

/// The trend-lines chart and how its entities were chosen.
pub fn lines(ctx: &Ctx) -> Result<String, RenderError> {
    let asked = !ctx.config().entities.is_empty();
    let sel = &ctx.config().lines;
    let entities = ctx.table("lines")?.str("entity")?;
    let mut out = String::from("### Trend lines\n\n");
    if asked {
        out.push_str(&format!(
            "Lines for the entities asked for with `--entities`: {}.",
            and_list(&entities)
        ));
        if sel.cut > 0 {
            out.push_str(&format!(
                " {} more were asked for; at most 8 lines are drawn.",
                int(sel.cut as u64)
            ));
        }
        if !sel.unknown.is_empty() {
            let names: Vec<String> = sel.unknown.iter().map(|u| format!("`{u}`")).collect();
            out.push_str(&format!(
                " Not in the lexicon, so not drawn: {}.",
                and_list(&names)
            ));
        }
    } else if entities.is_empty() {
        out.push_str("No entity has article items, so there is nothing to draw.");
    } else if !any_moving(ctx)? {
        out.push_str(&format!(
            "No entity is labelled new, rising, falling or quiet, so the lines show the most \
             covered entities: {}. Use `--entities A,B` to choose others.",
            and_list(&entities)
        ));
    } else {
        out.push_str(&format!(
            "Lines for the labelled movers (new, rising, falling, quiet in turn), then the most \
             covered entities: {}. Use `--entities A,B` to choose others.",
            and_list(&entities)
        ));
    }
    out.push_str(&format!(
        " A line is the entity's share of each {}'s article items.{}\n\n",
        ctx.chart_period(),
        coarser(ctx)?
    ));
    out.push_str(&chart(
        "trends",
        "Share of article items per period",
        &["trend_lines"],
    ));
    Ok(out)
}

/// What the movers chart shows, and whether thin (sparse) entities had to fill it.
pub fn movers_note(ctx: &Ctx) -> Result<String, RenderError> {
    let shown = ctx.table("movers_chart")?.str("label")?;
    let thin = shown
        .iter()
        .filter(|l| *l == Label::Sparse.as_str())
        .count();
    let mut s = String::from(
        "### Movers\n\nThe movers chart compares each entity's share of article items in the \
         first and the last third of the archive's article items (`first_share` and \
         `last_share`), labelled entities first, then the steady ones that changed most.",
    );
    if thin > 0 {
        s.push_str(&format!(
            " Too few entities could be judged, so the {} most covered sparse entities are \
             shown too; with so few items their change is noise, not a trend.",
            int(thin as u64)
        ));
    }
    s.push_str("\n\n");
    Ok(s)
}
