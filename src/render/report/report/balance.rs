//! "Coverage balance" (render stage): article items per technology topic with their shares
//! and deviations from curator targets (`csv/balance.csv`), how concentrated each dimension
//! is (`csv/balance_summary.csv`), and the topic mix over time (`csv/topic_trends.csv`).

use crate::render::markdown::Table;
use crate::render::report::context::Ctx;
use crate::render::report::frame::View;
use crate::render::report::helpers::{chart, int, opt, pct, pp, source, table_or};
use crate::render::RenderError;

/// The `balance` rows of one dimension, column by column (count desc, key asc).
pub struct Dimension {
    pub key: Vec<String>,
    pub count: Vec<u64>,
    pub share: Vec<f64>,
    pub norm_share: Vec<f64>,
    pub target: Vec<Option<f64>>,
    pub deviation: Vec<Option<f64>>,
}

impl Dimension {
    pub fn read(ctx: &Ctx, dimension: &str) -> Result<Dimension, RenderError> {
        let v = ctx.table("balance")?;
        let rows: Vec<usize> = {
            let dim = v.str("dimension")?;
            (0..v.height()).filter(|&i| dim[i] == dimension).collect()
        };
        fn pick<T: Clone>(rows: &[usize], all: Vec<T>) -> Vec<T> {
            rows.iter().map(|&i| all[i].clone()).collect()
        }
        Ok(Dimension {
            key: pick(&rows, v.str("key")?),
            count: pick(&rows, v.u64("count")?),
            share: pick(&rows, v.f64("share")?),
            norm_share: pick(&rows, v.f64("norm_share")?),
            target: pick(&rows, v.opt_f64("target")?),
            deviation: pick(&rows, v.opt_f64("deviation")?),
        })
    }

    pub fn len(&self) -> usize {
        self.key.len()
    }
}

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let mut out = String::from("## Coverage balance\n\n");
    out.push_str(&categories(ctx)?);
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
fn categories(ctx: &Ctx) -> Result<String, RenderError> {
    let d = Dimension::read(ctx, "category")?;
    let parts: Vec<String> = (0..d.len())
        .map(|i| format!("{} in {} ({})", d.key[i], int(d.count[i]), pct(d.share[i])))
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

fn topics(ctx: &Ctx) -> Result<String, RenderError> {
    let d = Dimension::read(ctx, "topic")?;
    let targets = d.target.iter().any(Option::is_some);
    let shown: Vec<usize> = (0..d.len())
        .filter(|&i| d.count[i] > 0 || d.target[i].is_some())
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
    for &i in &shown {
        let mut cells = vec![
            d.key[i].clone(),
            int(d.count[i]),
            pct(d.share[i]),
            pct(d.norm_share[i]),
        ];
        if targets {
            cells.push(d.target[i].map_or("–".into(), pct));
            cells.push(d.deviation[i].map_or("–".into(), pp));
        }
        t.push(cells)?;
    }
    let mut out = String::from("### Topics\n\n");
    out.push_str(&table_or(&t, "No technology topic is covered."));
    out.push_str(&source(&["balance"]));
    let idle: Vec<&str> = (0..d.len())
        .filter(|&i| d.count[i] == 0 && d.target[i].is_none())
        .map(|i| d.key[i].as_str())
        .collect();
    if !idle.is_empty() {
        out.push_str(&format!(
            "Topics of the lexicon with no coverage: {}.\n\n",
            idle.join(", ")
        ));
    }
    out.push_str(&target_sentence(ctx, targets)?);
    Ok(out)
}

fn concentration(ctx: &Ctx) -> Result<String, RenderError> {
    let c = ctx.table("balance_summary")?;
    let mut t = Table::new([
        "Dimension",
        "Keys",
        "Total",
        "Evenness",
        "HHI",
        "Top-5 share",
    ])
    .numbers_from(1);
    let (dimension, keys, total) = (c.str("dimension")?, c.u64("keys")?, c.u64("total")?);
    let (evenness, hhi, top5) = (
        c.opt_f64("evenness")?,
        c.opt_f64("hhi")?,
        c.opt_f64("top5_share")?,
    );
    for i in 0..c.height() {
        t.push([
            dimension[i].clone(),
            int(keys[i]),
            int(total[i]),
            opt(evenness[i], 2),
            opt(hhi[i], 2),
            top5[i].map_or("–".into(), pct),
        ])?;
    }
    let mut out = String::from("### Concentration\n\n");
    out.push_str(&topic_sentence(ctx, &c)?);
    out.push_str(&table_or(&t, ""));
    out.push_str(&source(&["balance_summary"]));
    Ok(out)
}

/// "Technology coverage spread over 12 topics with evenness 0.78 (1 = perfectly even) ..."
fn topic_sentence(ctx: &Ctx, c: &View) -> Result<String, RenderError> {
    let dimension = c.str("dimension")?;
    let keys = c.u64("keys")?;
    let Some(i) = (0..c.height()).find(|&i| dimension[i] == "topic" && keys[i] > 0) else {
        return Ok("There is no topic coverage to measure.\n\n".to_string());
    };
    let (evenness, hhi, top5) = (
        c.opt_f64("evenness")?[i],
        c.opt_f64("hhi")?[i],
        c.opt_f64("top5_share")?[i],
    );
    Ok(format!(
        "Technology coverage spread over {} topics with evenness {} (1 = perfectly even, 0 = \
         all in one topic) and HHI {} (1/{} = {} would be even); the five largest topics held \
         {} of it. Evenness is Pielou's J; the counts are topic-items, so an item naming two \
         topics counts for both.\n\n",
        int(keys[i]),
        opt(evenness, 2),
        opt(hhi, 2),
        int(keys[i]),
        opt(ctx.table("overview")?.opt_f64("topic_even_hhi")?[0], 2),
        top5.map_or("–".into(), pct),
    ))
}

/// The largest gap to a curator target (`widest_gap`), or how to give targets.
fn target_sentence(ctx: &Ctx, targets: bool) -> Result<String, RenderError> {
    if !targets {
        return Ok(
            "No curator targets were given (`--targets FILE` adds target and deviation \
                columns)."
                .to_string()
                + "\n\n",
        );
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
