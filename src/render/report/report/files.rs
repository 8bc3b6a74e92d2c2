//! "Data files" (render stage): every CSV the report writes with its row count and one line
//! on what it holds; docs/CSV.md documents them column by column.

use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::report::context::ReportInput;
use crate::render::report::exports::csv_name;
use crate::render::report::frame::View;
use crate::render::report::helpers::{file, int};

/// One line per table, by export name (review tables by their `year_` name).
pub fn describe(table: &str) -> &'static str {
    match table {
        "issues" => "One row per issue: number, date and how it was found, items per section.",
        "items" => "One row per item: issue, section, date, source line, text, first link and its publisher.",
        "mentions" => "One row per entity match: issue, item, section, entity, category, topic, family head, text as written, byte span and via (text, maker, link).",
        "events" => "One row per meetup listing: event date, title, place and the city, country and continent it resolved to.",
        "summary" => "One row of headline figures: issues, dates, periods, co-mention units and entities per trend label.",
        "frequency" => "One row per entity found: mentions, article items, issues, share, first and last seen, items in other sections, trend label.",
        "rollups" => "Article coverage rolled up by family, topic and category.",
        "periods" => "One row per trend period: first and last issue date, issues, article items, skipped periods before it, partial flag.",
        "trends" => "Per period and entity: article items, share of the period's article items, rank and change since the previous period.",
        "labels" => "One row per entity: its trend label and the statistics behind it (z, z_curve, dispersion, z_adj, p, q, third shares, ratio) with the peak or start period.",
        "comentions" => "One row per entity pair with enough support: counts, expected, PMI, NPMI, lift, Jaccard, G2, p.",
        "balance" => "Counts and shares per key of each balance dimension (topic, category, organisation, continent, country, city), with targets.",
        "balance_summary" => "Concentration per balance dimension: keys, total, entropy, evenness, HHI, top-5 share.",
        "sources" => "Per year and for `all`: article items whose first link is to each publisher, and their share of linked article items.",
        "topic_trends" => "Per chart period and technology topic: article items naming the topic, share, and part of all topic coverage.",
        "trend_lines" => "Per chart period and entity of the trend lines: article items naming it and share.",
        "year_summary" => "Issues, article items and meetup listings of the year and the year before.",
        "year_top" => "The year's top entities with items, share and rank in both years.",
        "year_movers" => "Entities whose share changed significantly between the years, risers then fallers.",
        "year_newcomers" => "Entities first named in the archive during the year.",
        "year_pairs" => "The year's most associated entity pairs by NPMI.",
        "year_meetups" => "Meetup listings per continent in both years.",
        "year_topics" => "Article items per technology topic in both years.",
        "year_concentration" => "Concentration per balance dimension in both years.",
        _ => "",
    }
}

/// The table: the four frames' files (their rows from `overview`), then the analysis' and
/// the review's tables (rows from their `data_files`).
pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut t = Table::new(["File", "Rows", "What it holds"])
        .align(1, crate::render::markdown::Align::Right);
    let mut push = |name: &str, n: u64, what: String| {
        let path = format!("csv/{name}.csv");
        t.push([file(&path), int(n), what])
    };
    for name in ["issues", "items", "mentions", "events"] {
        let n = ctx.overview(&format!("{name}_rows"))?;
        push(name, n, describe(name).to_string())?;
    }
    let review = ctx.review.map(|r| (&r.data_files, Some(r)));
    for (files, r) in std::iter::once((&ctx.analysis.data_files, None)).chain(review) {
        let v = View::new("data_files", files);
        for (name, n) in v.str("table")?.iter().zip(v.u64("rows")?) {
            let what = match r {
                Some(r) if name == "year_momentum" => format!(
                    "The momentum map: the year's {} most covered entities by share and change \
                     in points, with their quadrant.",
                    r.momentum_rows
                ),
                _ => describe(name).to_string(),
            };
            push(&csv_name(name, r.map(|r| r.year)), n, what)?;
        }
    }
    Ok(format!(
        "## Data files\n\nUTF-8 CSV (RFC 4180), a header row, ISO dates, fixed decimals; empty \
         fields are nulls. Column-by-column documentation: \
         [docs/CSV.md](../docs/CSV.md). Charts are in [`charts/`](charts/) as SVG and PNG.\n\n{}\n",
        t.render()
    ))
}
