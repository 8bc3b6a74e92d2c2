//! "Trends" (render stage): how many entities got each label, then the rising, falling,
//! peaked, new and quiet ones ("rising since 2018-01", "peaked in 2016-05") with the figures
//! behind each label (rows of `csv/labels.csv`), the trend lines and how their entities were
//! chosen, and the movers chart. Thin data is said plainly, with the reason.

use crate::analysis::{Label, TrendRules};
use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::report::context::{ReportInput, MOVING};
use crate::render::report::frame::View;
use crate::render::report::helpers::{
    and_list, cells, chart, dashed, int, legend, more_rows, noted, plural, shapes, source,
    table_or, Fmt,
};

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::from("## Trends\n\n");
    out.push_str(&counts(ctx)?);
    for label in MOVING {
        out.push_str(&labelled(ctx, label)?);
    }
    out.push_str(&lines(ctx)?);
    out.push_str(&movers_note(ctx)?);
    let alt = "Movers between the first and last third";
    out += &chart("movers", alt, &["labels"]);
    Ok(out)
}

/// Label counts, and the reason when nothing moves.
fn counts(ctx: &ReportInput) -> Result<String, RenderError> {
    let v = ctx.table("label_counts")?;
    let (label, n) = (v.str("label")?, v.u64("entities")?);
    // Every entity found has a label: `labels` has a row per row of `frequency`.
    let total = ctx.overview("entities")?;
    let some: Vec<String> = (v.part("seen", "some")?.into_iter().enumerate())
        .map(|(k, i)| {
            let verb = match (k, n[i]) {
                (0, 1) => " is",
                (0, _) => " are",
                _ => "",
            };
            format!("{}{verb} {}", int(n[i]), label[i])
        })
        .collect();
    let none: Vec<String> = v
        .part("seen", "none")?
        .iter()
        .map(|&i| label[i].clone())
        .collect();
    let periods = ctx.summary("periods")?;
    let mut out = format!(
        "Trends are measured by {} over {}. Of the {} entities found, {}",
        ctx.period(),
        plural(periods, "period"),
        int(total),
        and_list(&some)
    );
    if !none.is_empty() {
        let none = and_list(&none).replacen(" and ", " or ", 1);
        out.push_str(&format!("; none is {none}"));
    }
    out.push('.');
    let rules = &ctx.analysis.rules;
    if ctx.label_count(Label::Sparse)? > 0 {
        out.push_str(&format!(
            " Sparse entities have fewer than {} article items: too few to judge.",
            rules.min_items
        ));
    }
    if ctx.overview("moving_entities")? == 0 {
        out.push_str(&format!(" {}", why_still(ctx)?));
    }
    out.push_str("\n\n");
    Ok(out)
}

/// Why no entity is new, rising, falling, peaked or quiet.
fn why_still(ctx: &ReportInput) -> Result<String, RenderError> {
    let periods = ctx.summary("periods")?;
    if periods < 2 {
        return Ok(
            "With a single period there is no change to measure, so every entity with \
                enough items is steady."
                .to_string(),
        );
    }
    if ctx.table("overview")?.one_bool("little_data")? {
        return Ok(format!(
            "That is expected here: {} and {} article items are too little data for any change \
             to pass the tests (a trend needs a false-discovery q-value of at most {} and at \
             least {} article items); a longer archive gives these labels meaning.",
            plural(periods, "period"),
            int(ctx.summary("article_items")?),
            ctx.analysis.rules.fdr,
            ctx.analysis.rules.min_items
        ));
    }
    Ok("Coverage was stable over the archive.".to_string())
}

fn empty_sentence(l: Label, r: &TrendRules) -> String {
    match l {
        Label::Rising => format!("No entity rose significantly (q <= {}, with a last-third share at least {} times the first-third share).", r.fdr, r.min_ratio),
        Label::Falling => format!("No entity fell significantly (q <= {}, with a last-third share at most 1/{} of the first-third share).", r.fdr, r.min_ratio),
        Label::Peaked => format!("No entity rose to a peak at least {} times its share at both ends and fell back (q <= {}).", r.peak_rise, r.fdr),
        Label::New => format!("No entity first appeared after the warm-up (the first {:.0}% of article items) and then held on for {} periods.", r.warmup * 100.0, r.new_min_periods),
        _ => format!("No regularly covered entity went missing from the last stretch (the last {:.0}% of article items).", r.quiet_tail * 100.0),
    }
}

/// `### Rising`: the label's name, capitalised (label names are ASCII).
fn title(l: Label) -> String {
    let name = l.as_str();
    format!("### {}{}", name[..1].to_uppercase(), &name[1..])
}

fn labelled(ctx: &ReportInput, l: Label) -> Result<String, RenderError> {
    let v = ctx.table("labels_seen")?;
    let rows = v.part("label", l.as_str())?;
    let (_, more) = ctx.listed("labels", Some(l.as_str()))?;
    let t = table(&v, l, &rows)?;
    let mut out = format!("{}\n\n", title(l));
    out.push_str(&table_or(&t, &empty_sentence(l, &ctx.analysis.rules)));
    let names = v.marked("entity", "origin")?;
    out.push_str(&legend(rows.iter().map(|&i| &names[i])));
    if !rows.is_empty() {
        out.push_str(&source(&["labels", "frequency"]));
    }
    out.push_str(&more_rows(more, "more in `csv/labels.csv`."));
    Ok(out)
}

/// The rows `rows` of `labels_seen` (the labels with the entity's first and last seen dates),
/// each entity with its rename or merger note.
fn table(v: &View, l: Label, rows: &[usize]) -> Result<Table, RenderError> {
    let mut columns = vec![("Entity", noted(v)?)];
    match l {
        Label::New => columns.push(("First seen", dashed(v, "first_seen", Fmt::Text)?)),
        Label::Quiet => columns.push(("Last seen", dashed(v, "last_seen", Fmt::Text)?)),
        _ => columns.push(("Trend", shapes(v, "label")?)),
    }
    columns.push(("Items", cells(v, "items", Fmt::Int)?));
    columns.push(("Periods", cells(v, "periods", Fmt::Int)?));
    match l {
        Label::New => columns.push(("Last third", cells(v, "last_share", Fmt::Pct)?)),
        Label::Quiet => columns.push(("First third", cells(v, "first_share", Fmt::Pct)?)),
        _ => {
            let (head, z) = match l {
                Label::Peaked => ("z_cur", "z_curve"),
                _ => ("z_adj", "z_adj"),
            };
            columns.extend([
                ("First third", cells(v, "first_share", Fmt::Pct)?),
                ("Last third", cells(v, "last_share", Fmt::Pct)?),
                (head, cells(v, z, Fmt::Num(2))?),
                ("Ratio", cells(v, "ratio", Fmt::Num(2))?),
                ("q", dashed(v, "q_value", Fmt::P)?),
            ]);
        }
    }
    let judged = !matches!(l, Label::New | Label::Quiet);
    Ok(Table::of(columns, rows.iter().copied())?.numbers_from(1 + usize::from(judged)))
}

/// Why the time charts use a coarser period than the trend tables, if they do.
fn coarser(ctx: &ReportInput) -> Result<String, RenderError> {
    if ctx.analysis.chart_period == ctx.analysis.period {
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
fn lines(ctx: &ReportInput) -> Result<String, RenderError> {
    let entities = ctx.table("lines")?.str("entity")?;
    let mut out = String::from("### Trend lines\n\n");
    if let Some(sel) = &ctx.config.entities {
        out.push_str(&format!(
            "Lines for the entities asked for with `--entities`: {}.",
            and_list(&entities)
        ));
        if sel.cut > 0 {
            out.push_str(&format!(
                " {} more were asked for; at most {} lines are drawn.",
                int(sel.cut as u64),
                crate::config::MAX_LINES
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
    } else if ctx.overview("moving_entities")? == 0 {
        out.push_str(&format!(
            "No entity is labelled new, rising, falling, peaked or quiet, so the lines show the \
             most covered entities: {}. Use `--entities A,B` to choose others.",
            and_list(&entities)
        ));
    } else {
        out.push_str(&format!(
            "Lines for the labelled movers (new, rising, falling, peaked, quiet in turn), then the \
             most covered entities: {}. Use `--entities A,B` to choose others.",
            and_list(&entities)
        ));
    }
    out.push_str(&format!(
        " A line is the entity's share of each {}'s article items.{}\n\n",
        ctx.chart_period(),
        coarser(ctx)?
    ));
    out += &chart(
        "trends",
        "Share of article items per period",
        &["trend_lines"],
    );
    Ok(out)
}

/// What the movers chart shows, and whether thin (sparse) entities had to fill it.
fn movers_note(ctx: &ReportInput) -> Result<String, RenderError> {
    let thin = ctx.table("overview")?.one_u64("movers_sparse")?;
    let mut s = String::from(
        "### Movers\n\nThe movers chart compares each entity's share of article items in the \
         first and the last third of the archive's article items (`first_share` and \
         `last_share`), labelled entities first, then the steady ones that changed most.",
    );
    if thin > 0 {
        s.push_str(&format!(
            " Too few entities could be judged, so the {} most covered sparse entities are \
             shown too; with so few items their change is noise, not a trend.",
            int(thin)
        ));
    }
    s.push_str("\n\n");
    Ok(s)
}
