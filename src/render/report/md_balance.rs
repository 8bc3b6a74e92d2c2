//! "Coverage balance" (render stage): article items per technology topic with their shares
//! and deviations from curator targets (`csv/balance.csv`), how concentrated each dimension
//! is (`csv/balance_summary.csv`), and the topic mix over time (`csv/topic_trends.csv`).

use super::fmt::{chart, int, num, pct, pp, table_or};
use super::md::source;
use super::model::BalanceRow;
use super::Ctx;
use crate::analysis::Concentration;
use crate::render::markdown::Table;
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let mut out = String::from("## Coverage balance\n\n");
    out.push_str(&categories(ctx));
    out.push_str(&topics(ctx)?);
    out.push_str(&concentration(ctx)?);
    out.push_str(
        "The topic mix stacks each topic's part of all topic coverage per period \
         (`norm_share`); the seven largest topics are drawn, the rest summed as \"other topics\".\n\n",
    );
    out.push_str(&chart(
        "topic_share",
        "Topic mix of technology coverage over time",
        &["topic_trends"],
    ));
    Ok(out)
}

/// "Technologies were named in 80 of 96 article items (83.3%), organisations in ..."
fn categories(ctx: &Ctx) -> String {
    let rows = ctx.model.dimension("category");
    let parts: Vec<String> = rows
        .iter()
        .map(|r| format!("{} in {} ({})", r.key, int(r.count), pct(r.share)))
        .collect();
    if parts.is_empty() {
        return "No article item names an entity of the lexicon.\n\n".to_string();
    }
    format!(
        "Article items naming each category: {} of {} article items.\n\n",
        parts.join(", "),
        int(ctx.analysis().summary.article_items)
    )
}

fn topics(ctx: &Ctx) -> Result<String, RenderError> {
    let rows = ctx.model.dimension("topic");
    let targets = rows.iter().any(|r| r.target.is_some());
    let shown: Vec<&&BalanceRow> = rows
        .iter()
        .filter(|r| r.count > 0 || r.target.is_some())
        .collect();
    let mut head = vec![
        "Topic",
        "Items",
        "Share of items",
        "Share of topic coverage",
    ];
    if targets {
        head.extend(["Target", "Deviation"]);
    }
    let mut t = Table::new(head).numbers_from(1);
    for r in &shown {
        let mut cells = vec![r.key.clone(), int(r.count), pct(r.share), pct(r.norm_share)];
        if targets {
            cells.push(r.target.map_or("–".into(), pct));
            cells.push(r.deviation.map_or("–".into(), pp));
        }
        t.push(cells)?;
    }
    let mut out = String::from("### Topics\n\n");
    out.push_str(&table_or(&t, "No technology topic is covered."));
    out.push_str(&source(&["balance"]));
    let idle: Vec<&str> = rows
        .iter()
        .filter(|r| r.count == 0 && r.target.is_none())
        .map(|r| r.key.as_str())
        .collect();
    if !idle.is_empty() {
        out.push_str(&format!(
            "Topics of the lexicon with no coverage: {}.\n\n",
            idle.join(", ")
        ));
    }
    out.push_str(&target_sentence(&rows, targets));
    Ok(out)
}

fn concentration(ctx: &Ctx) -> Result<String, RenderError> {
    let c = &ctx.analysis().concentration;
    let opt = |v: Option<f64>| v.map_or("–".to_string(), |x| num(x, 2));
    let mut t = Table::new([
        "Dimension",
        "Keys",
        "Total",
        "Evenness",
        "HHI",
        "Top-5 share",
    ])
    .numbers_from(1);
    for r in c {
        t.push([
            r.dimension.to_string(),
            int(r.keys),
            int(r.total),
            opt(r.evenness),
            opt(r.hhi),
            r.top5_share.map_or("–".into(), pct),
        ])?;
    }
    let mut out = String::from("### Concentration\n\n");
    out.push_str(&topic_sentence(c.iter().find(|r| r.dimension == "topic")));
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["balance_summary"]));
    Ok(out)
}

/// "Technology coverage spread over 12 topics with evenness 0.78 (1 = perfectly even) ..."
fn topic_sentence(c: Option<&Concentration>) -> String {
    let Some(c) = c.filter(|c| c.keys > 0) else {
        return "There is no topic coverage to measure.\n\n".to_string();
    };
    format!(
        "Technology coverage spread over {} topics with evenness {} (1 = perfectly even, 0 = \
         all in one topic) and HHI {} (1/{} = {} would be even); the five largest topics held \
         {} of it. Evenness is Pielou's J; the counts are topic-items, so an item naming two \
         topics counts for both.\n\n",
        int(c.keys),
        c.evenness.map_or("–".into(), |v| num(v, 2)),
        c.hhi.map_or("–".into(), |v| num(v, 2)),
        int(c.keys),
        num(1.0 / c.keys as f64, 2),
        c.top5_share.map_or("–".into(), pct),
    )
}

/// The largest gap to a curator target, or how to give targets.
fn target_sentence(rows: &[&BalanceRow], targets: bool) -> String {
    if !targets {
        return "No curator targets were given (`--targets FILE` adds target and deviation \
                columns)."
            .to_string()
            + "\n\n";
    }
    let gap = |r: &&&BalanceRow| r.deviation.map_or(0.0, f64::abs);
    let widest = rows
        .iter()
        .filter(|r| r.deviation.is_some())
        .max_by(|a, b| gap(a).total_cmp(&gap(b)).then_with(|| b.key.cmp(&a.key)));
    match widest {
        Some(r) => format!(
            "Deviation is the topic's share of topic coverage minus its target. The widest gap: \
             {} at {} against a target of {} ({}).\n\n",
            r.key,
            pct(r.norm_share),
            r.target.map_or("–".into(), pct),
            r.deviation.map_or("–".into(), pp)
        ),
        None => String::new(),
    }
}
