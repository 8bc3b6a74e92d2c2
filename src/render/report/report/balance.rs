//! "Coverage balance" (render stage): article items per technology topic with their shares
//! and deviations from curator targets (`csv/balance.csv`), how concentrated each dimension
//! is (`csv/balance_summary.csv`), and the topic mix over time (`csv/topic_trends.csv`).

use crate::analysis::charts::AREA_TOPICS;
use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::number::in_words;
use crate::render::report::context::ReportInput;
use crate::render::report::frame::View;
use crate::render::report::helpers::{
    cells, chart, dashed, int, opt, pct, pp, source, table_or, Fmt,
};

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::from("## Coverage balance\n\n");
    out.push_str(&categories(ctx)?);
    out.push_str(&topics(ctx)?);
    out.push_str(&concentration(ctx)?);
    out.push_str(&format!(
        "The topic mix stacks each topic's part of all topic coverage per period \
         (`norm_share`); the {} largest topics are drawn, the rest summed as \"other topics\".\n\n",
        in_words(AREA_TOPICS)
    ));
    let alt = "Topic mix of technology coverage over time";
    out += &chart("topic_share", alt, &["topic_trends"]);
    Ok(out)
}

/// "Technologies were named in 80 of 96 article items (83.3%), organisations in ..."
fn categories(ctx: &ReportInput) -> Result<String, RenderError> {
    let v = ctx.table("balance")?;
    let (key, count, share) = (v.str("key")?, v.u64("count")?, v.f64("share")?);
    let parts: Vec<String> = v
        .part("dimension", "category")?
        .into_iter()
        .map(|i| format!("{} in {} ({})", key[i], int(count[i]), pct(share[i])))
        .collect();
    if parts.is_empty() {
        return Ok("No article item names an entity of the lexicon.\n\n".to_string());
    }
    Ok(format!(
        "Article items naming each category: {} of {} article items.\n\n",
        parts.join(", "),
        int(ctx.summary("article_items")?)
    ))
}

fn topics(ctx: &ReportInput) -> Result<String, RenderError> {
    let v = ctx.table("balance_topics")?;
    let o = ctx.table("overview")?;
    let targets = o.one_bool("targets")?;
    let norm = cells(&v, "norm_share", Fmt::Pct)?;
    let mut columns = vec![
        ("Topic", cells(&v, "key", Fmt::Text)?),
        ("Items", cells(&v, "count", Fmt::Int)?),
        ("Share of items", cells(&v, "share", Fmt::Pct)?),
        ("Share of topic coverage", norm),
    ];
    if targets {
        columns.push(("Target", dashed(&v, "target", Fmt::Pct)?));
        columns.push(("Deviation", dashed(&v, "deviation", Fmt::Pp)?));
    }
    let t = Table::of(columns, 0..v.height())?.numbers_from(1);
    let mut out = String::from("### Topics\n\n");
    out.push_str(&table_or(&t, "No technology topic is covered."));
    out.push_str(&source(&["balance"]));
    if let Some(idle) = o.one_str("idle_topics")?.filter(|s| !s.is_empty()) {
        out += &format!("Topics of the lexicon with no coverage: {idle}.\n\n");
    }
    out.push_str(&target_sentence(ctx, targets)?);
    Ok(out)
}

fn concentration(ctx: &ReportInput) -> Result<String, RenderError> {
    let c = ctx.table("balance_summary")?;
    let columns = vec![
        ("Dimension", cells(&c, "dimension", Fmt::Text)?),
        ("Keys", cells(&c, "keys", Fmt::Int)?),
        ("Total", cells(&c, "total", Fmt::Int)?),
        ("Evenness", dashed(&c, "evenness", Fmt::Num(2))?),
        ("HHI", dashed(&c, "hhi", Fmt::Num(2))?),
        ("Top-5 share", dashed(&c, "top5_share", Fmt::Pct)?),
    ];
    let t = Table::of(columns, 0..c.height())?.numbers_from(1);
    let mut out = String::from("### Concentration\n\n");
    out.push_str(&topic_sentence(ctx, &c)?);
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["balance_summary"]));
    Ok(out)
}

/// "Technology coverage spread over 12 topics with evenness 0.78 (1 = perfectly even) ..."
fn topic_sentence(ctx: &ReportInput, c: &View) -> Result<String, RenderError> {
    let (keys, evenness) = (c.u64("keys")?, c.opt_f64("evenness")?);
    // Evenness is null exactly when no topic has a count (K = 0).
    let topic = c.part("dimension", "topic")?.into_iter().next();
    let Some(i) = topic.filter(|&i| evenness[i].is_some()) else {
        return Ok("There is no topic coverage to measure.\n\n".to_string());
    };
    let (hhi, top5) = (c.opt_f64("hhi")?[i], c.opt_f64("top5_share")?[i]);
    Ok(format!(
        "Technology coverage spread over {} topics with evenness {} (1 = perfectly even, 0 = \
         all in one topic) and HHI {} (1/{} = {} would be even); the five largest topics held \
         {} of it. Evenness is Pielou's J; the counts are topic-items, so an item naming two \
         topics counts for both.\n\n",
        int(keys[i]),
        opt(evenness[i], 2),
        opt(hhi, 2),
        int(keys[i]),
        opt(ctx.table("overview")?.opt_f64("topic_even_hhi")?[0], 2),
        top5.map_or("–".into(), pct),
    ))
}

/// The largest gap to a curator target (`widest_gap`), or how to give targets.
fn target_sentence(ctx: &ReportInput, targets: bool) -> Result<String, RenderError> {
    if !targets {
        let hint = "(`--targets FILE` adds target and deviation columns)";
        return Ok(format!("No curator targets were given {hint}.\n\n"));
    }
    let w = ctx.table("widest_gap")?;
    if w.height() == 0 {
        return Ok(String::new());
    }
    let (key, norm) = (w.str("key")?, w.f64("norm_share")?);
    let (target, deviation) = (w.opt_f64("target")?, w.opt_f64("deviation")?);
    Ok(format!(
        "Deviation is the topic's share of topic coverage minus its target. The widest gap: \
         {} at {} against a target of {} ({}).\n\n",
        key[0],
        pct(norm[0]),
        target[0].map_or("–".into(), pct),
        deviation[0].map_or("–".into(), pp)
    ))
}
