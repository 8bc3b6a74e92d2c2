//! "Top entities", "Organisations featured" and "Names the lexicon does not know" (render
//! stage): the most covered technologies and organisations by article items and the
//! organisations that appear as sponsors, all rows of `csv/frequency.csv` in its order (items
//! desc, mentions desc, name asc), and the names discovery counted (`csv/discovered.csv`).

use crate::render::error::RenderError;
use crate::render::markdown::{Align, Table};
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::{
    cells, chart, dashed, int, legend, more_rows, num, of, source, table_or, Fmt,
};

/// The covered entities of `category` (`technology` or `organisation`), at most `--top`, as a
/// table of their `frequency` columns, with the discovery legend, the source and how many
/// more the CSV holds. Technologies are ranked and show their mentions; an organisation's
/// topic is its kind.
fn listing(ctx: &ReportInput, category: &str) -> Result<String, RenderError> {
    let f = &ctx.table("top_listing")?;
    let shown = &f.part("category", category)?;
    let more = f.u64("more")?;
    let more = shown.first().map_or(0, |&i| more[i]);
    let tech = category == "technology";
    let names = f.marked("entity", "origin")?;
    let (entity_head, topic_head, plural) = if tech {
        ("Technology", "Topic", "technologies")
    } else {
        ("Organisation", "Kind", "organisations")
    };
    let mut columns = vec![
        (entity_head, names.clone()),
        (topic_head, cells(f, "topic", Fmt::Text)?),
        ("Items", cells(f, "items", Fmt::Int)?),
        ("Share", cells(f, "share", Fmt::Pct)?),
    ];
    if tech {
        columns.insert(0, ("#", cells(f, "category_rank", Fmt::Int)?));
        columns.push(("Mentions", cells(f, "mentions", Fmt::Int)?));
    }
    columns.push(("Issues", cells(f, "issues", Fmt::Int)?));
    columns.push(("Trend", cells(f, "trend", Fmt::Text)?));
    let last = columns.len() - 1;
    let t = Table::of(columns, shown.iter().copied())?
        .numbers_from(2 + usize::from(tech))
        .align(last, Align::Left);
    let t = if tech { t.align(0, Align::Right) } else { t };
    let mut out = table_or(&t, &format!("No {category} was named in an article item."));
    out.push_str(&legend(shown.iter().map(|&i| &names[i])));
    out.push_str(&source(&["frequency"]));
    let what = format!("more {plural} with article items are in `csv/frequency.csv`.");
    out.push_str(&more_rows(more, &what));
    Ok(out)
}

pub fn top(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::from("## Top entities\n\n");
    out.push_str(&lead(ctx)?);
    out += &chart("top_entities", "Most covered entities", &["frequency"]);
    out.push_str("### Technologies\n\n");
    out.push_str(&listing(ctx, "technology")?);
    out.push_str(
        "Organisations are listed under [Organisations featured](#organisations-featured); \
         cities appear only as meetup places, under [Meetups](#meetups).\n\n",
    );
    Ok(out)
}

/// "Kafka was named in the most article items: 12 of 96 (12.5%)." (`leaders`)
fn lead(ctx: &ReportInput) -> Result<String, RenderError> {
    let a = ctx.summary("article_items")?;
    let f = ctx.table("leaders")?;
    let (entity, items, share) = (
        f.marked("entity", "origin")?,
        f.u64("items")?,
        f.f64("share")?,
    );
    let mut leaders = (0..f.height()).map(|i| (&entity[i], of(items[i], a, share[i])));
    let Some((name, figure)) = leaders.next() else {
        return Ok("No entity of the lexicon was named in an article item.\n\n".to_string());
    };
    let mut s = format!("{name} was named in the most article items: {figure}.");
    if let Some((name, figure)) = leaders.next() {
        s.push_str(&format!(" Next came {name} with {figure}."));
    }
    Ok(format!(
        "{s} Items count once per entity however often they repeat its name; shares are of \
         all {} article items.\n\n",
        int(a)
    ))
}

pub fn organisations(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::from("## Organisations featured\n\n");
    out.push_str(&listing(ctx, "organisation")?);
    out.push_str(&sponsors(ctx)?);
    Ok(out)
}

/// Organisations named in sponsor items (`sponsors`, by sponsor items desc, name): shown
/// apart, never counted as coverage.
fn sponsors(ctx: &ReportInput) -> Result<String, RenderError> {
    let s = ctx.table("sponsors")?;
    if s.height() == 0 {
        return Ok("No organisation appeared in a sponsor item.\n\n".to_string());
    }
    let entity = s.marked("entity", "origin")?;
    let (sponsor, items) = (s.u64("sponsor_items")?, s.u64("items")?);
    let mut t = Table::new(["Sponsor", "Sponsor items", "Article items"]).numbers_from(1);
    for i in 0..s.height() {
        t.push([entity[i].clone(), int(sponsor[i]), int(items[i])])?;
    }
    Ok(format!(
        "Organisations named in sponsor items (the `sponsor_items` column), which never count \
         as coverage:\n\n{}{}{}",
        table_or(&t, ""),
        legend(&entity),
        source(&["frequency"])
    ))
}

/// "Names the lexicon does not know": the names discovery counted as entities, ranked by
/// article items (`csv/discovered.csv`, in its order). Only with discovery on.
pub fn discovered(ctx: &ReportInput) -> Result<String, RenderError> {
    if !ctx.config.discover {
        return Ok(String::new());
    }
    let v = ctx.table("discovered_shown")?;
    let (example_issue, example) = (v.opt_u64("example_issue")?, v.str("example")?);
    let line = |(issue, text): (Option<u64>, String)| match issue {
        Some(issue) => format!("#{issue}: {text}"),
        None => "–".to_string(),
    };
    let (_, more) = ctx.listed("discovered", None)?;
    let columns = vec![
        ("Name", cells(&v, "entity", Fmt::Text)?),
        ("Category", cells(&v, "category", Fmt::Text)?),
        ("Confidence", cells(&v, "confidence", Fmt::Num(2))?),
        ("Items", cells(&v, "items", Fmt::Int)?),
        ("First seen", dashed(&v, "first_seen", Fmt::Text)?),
        ("Issues", cells(&v, "issues", Fmt::Int)?),
        (
            "Example",
            example_issue.into_iter().zip(example).map(line).collect(),
        ),
    ];
    let t = Table::of(columns, 0..v.height())?
        .numbers_from(2)
        .align(4, Align::Left)
        .align(6, Align::Left);
    let mut out = String::from("## Names the lexicon does not know\n\n");
    out.push_str(&format!(
        "Names that discovery found in the text and counts as entities beside the lexicon's \
         (confidence at least {}; topic `unclassified`), ranked by article items. They are \
         marked {} in the tables above and below. To keep one, paste its row from \
         `topictrend candidates --format lexicon` into the lexicon; to drop one, add it to \
         `data/lexicon/not-entities.csv`.\n\n",
        num(ctx.analysis.discovery_threshold, 2),
        crate::render::report::frame::MARK,
    ));
    out.push_str(&table_or(&t, "Discovery counted no name in this archive."));
    if v.height() > 0 {
        out.push_str(&source(&["discovered"]));
    }
    out.push_str(&more_rows(more, "more in `csv/discovered.csv`."));
    Ok(out)
}
