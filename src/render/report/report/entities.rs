//! "Top entities" and "Organisations featured" (render stage): the most covered technologies
//! and organisations by article items, and the organisations that appear as sponsors, all
//! rows of `csv/frequency.csv` in its order (items desc, mentions desc, name asc).

use crate::render::markdown::{Align, Table};
use crate::render::report::context::Ctx;
use crate::render::report::helpers::{chart, int, legend, of, pct, source, table_or};
use crate::render::RenderError;

/// The `frequency` columns the sections show, read by name (table order).
struct Freq {
    entity: Vec<String>,
    category: Vec<String>,
    topic: Vec<String>,
    mentions: Vec<u64>,
    items: Vec<u64>,
    issues: Vec<u64>,
    share: Vec<f64>,
    trend: Vec<String>,
}

impl Freq {
    fn read(ctx: &Ctx) -> Result<Freq, RenderError> {
        let v = ctx.table("frequency")?;
        Ok(Freq {
            entity: v.marked("entity", "origin")?,
            category: v.str("category")?,
            topic: v.str("topic")?,
            mentions: v.u64("mentions")?,
            items: v.u64("items")?,
            issues: v.u64("issues")?,
            share: v.f64("share")?,
            trend: v.str("trend")?,
        })
    }

    /// Rows of `category` with article items, in table order.
    fn covered(&self, category: &str) -> Vec<usize> {
        (0..self.entity.len())
            .filter(|&i| self.category[i] == category && self.items[i] > 0)
            .collect()
    }

    /// A label for the trend column: the label, or a dash for entities without article items.
    fn trend(&self, i: usize) -> String {
        if self.items[i] == 0 {
            "–".to_string()
        } else {
            self.trend[i].clone()
        }
    }
}

fn more(shown: usize, total: usize, what: &str) -> String {
    if total > shown {
        format!(
            "{} more {what} are in `csv/frequency.csv`.\n\n",
            int((total - shown) as u64)
        )
    } else {
        String::new()
    }
}

pub fn top(ctx: &Ctx) -> Result<String, RenderError> {
    let n = ctx.config().top;
    let f = Freq::read(ctx)?;
    let techs = f.covered("technology");
    let mut t = Table::new([
        "#",
        "Technology",
        "Topic",
        "Items",
        "Share",
        "Mentions",
        "Issues",
        "Trend",
    ])
    .numbers_from(3)
    .align(0, Align::Right)
    .align(7, Align::Left);
    for (rank, &i) in techs.iter().take(n).enumerate() {
        t.push([
            (rank + 1).to_string(),
            f.entity[i].clone(),
            f.topic[i].clone(),
            int(f.items[i]),
            pct(f.share[i]),
            int(f.mentions[i]),
            int(f.issues[i]),
            f.trend(i),
        ])?;
    }
    let mut out = String::from("## Top entities\n\n");
    out.push_str(&lead(ctx, &f)?);
    out.push_str(&chart(
        "top_entities",
        "Most covered entities",
        &["frequency"],
    ));
    out.push_str("### Technologies\n\n");
    out.push_str(&table_or(&t, "No technology was named in an article item."));
    out.push_str(&legend(techs.iter().take(n).map(|&i| &f.entity[i])));
    out.push_str(&source(&["frequency"]));
    out.push_str(&more(
        n.min(techs.len()),
        techs.len(),
        "technologies with article items",
    ));
    out.push_str(
        "Organisations are listed under [Organisations featured](#organisations-featured); \
         cities appear only as meetup places, under [Meetups](#meetups).\n\n",
    );
    Ok(out)
}

/// "Kafka was named in the most article items: 12 of 96 (12.5%)."
fn lead(ctx: &Ctx, f: &Freq) -> Result<String, RenderError> {
    let a = ctx.summary("article_items")?;
    let covered: Vec<usize> = (0..f.entity.len()).filter(|&i| f.items[i] > 0).collect();
    let Some(&first) = covered.first() else {
        return Ok("No entity of the lexicon was named in an article item.\n\n".to_string());
    };
    let mut s = format!(
        "{} was named in the most article items: {}.",
        f.entity[first],
        of(f.items[first], a, f.share[first])
    );
    if let Some(&second) = covered.get(1) {
        s.push_str(&format!(
            " Next came {} with {}.",
            f.entity[second],
            of(f.items[second], a, f.share[second])
        ));
    }
    Ok(format!(
        "{s} Items count once per entity however often they repeat its name; shares are of \
         all {} article items.\n\n",
        int(a)
    ))
}

pub fn organisations(ctx: &Ctx) -> Result<String, RenderError> {
    let n = ctx.config().top;
    let f = Freq::read(ctx)?;
    let orgs = f.covered("organisation");
    let mut t = Table::new(["Organisation", "Kind", "Items", "Share", "Issues", "Trend"])
        .numbers_from(2)
        .align(5, Align::Left);
    for &i in orgs.iter().take(n) {
        t.push([
            f.entity[i].clone(),
            f.topic[i].clone(),
            int(f.items[i]),
            pct(f.share[i]),
            int(f.issues[i]),
            f.trend(i),
        ])?;
    }
    let mut out = String::from("## Organisations featured\n\n");
    out.push_str(&table_or(
        &t,
        "No organisation was named in an article item.",
    ));
    out.push_str(&legend(orgs.iter().take(n).map(|&i| &f.entity[i])));
    out.push_str(&source(&["frequency"]));
    out.push_str(&more(
        n.min(orgs.len()),
        orgs.len(),
        "organisations with article items",
    ));
    out.push_str(&sponsors(ctx)?);
    Ok(out)
}

/// Organisations named in sponsor items (`sponsors`, by sponsor items desc, name): shown
/// apart, never counted as coverage.
fn sponsors(ctx: &Ctx) -> Result<String, RenderError> {
    let s = ctx.table("sponsors")?;
    if s.height() == 0 {
        return Ok("No organisation appeared in a sponsor item.\n\n".to_string());
    }
    let entity = s.marked("entity", "origin")?;
    let (sponsor, items) = (s.u64("sponsor_items")?, s.u64("items")?);
    let mut t = Table::new(["Sponsor", "Sponsor items", "Article items"]).numbers_from(1);
    let shown = s.height().min(ctx.config().top);
    for i in 0..shown {
        t.push([entity[i].clone(), int(sponsor[i]), int(items[i])])?;
    }
    Ok(format!(
        "Organisations named in sponsor items (the `sponsor_items` column), which never count \
         as coverage:\n\n{}{}{}",
        table_or(&t, ""),
        legend(&entity[..shown]),
        source(&["frequency"])
    ))
}
