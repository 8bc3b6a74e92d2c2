//! "Notable co-mentions" (render stage): the entity pairs most associated by NPMI, with the
//! support behind each (`csv/comentions.csv`, in its order), and the NPMI heatmap.

use super::fmt::{chart, int, num, p, table_or};
use super::md::source;
use super::Ctx;
use crate::render::markdown::Table;
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    let s = &ctx.analysis().summary;
    let (unit, units) = super::md::units(ctx);
    let n = ctx.config().top;
    let pairs = &ctx.model.pairs;
    let mut t = Table::new([
        "#", "Pair", "Together", "Items A", "Items B", "Expected", "NPMI", "Lift", "G2", "p",
    ])
    .numbers_from(2)
    .align(0, crate::render::markdown::Align::Right);
    for (i, r) in pairs.iter().take(n).enumerate() {
        let fam = if r.same_family { " (same family)" } else { "" };
        t.push([
            (i + 1).to_string(),
            format!("{} + {}{fam}", r.a, r.b),
            int(r.items),
            int(r.a_items),
            int(r.b_items),
            num(r.expected, 2),
            num(r.npmi, 3),
            num(r.lift, 2),
            num(r.g2, 2),
            p(r.p_value),
        ])?;
    }
    let mut out = String::from("## Notable co-mentions\n\n");
    out.push_str(&format!(
        "Pairs of entities named in the same {unit}, ranked by NPMI (1 = always together, 0 = \
         as often as chance, below 0 = apart), over {} {units}. Only pairs sharing at least {} \
         {units} are kept: {} pairs. \"Together\" is the support, the {units} naming both; \
         \"Items A\" and \"Items B\" count the {units} naming each; \"Expected\" is what \
         chance alone would give; G2 and p say whether the association is more than chance.\n\n",
        int(s.comention_units),
        ctx.config().min_support,
        int(pairs.len() as u64),
    ));
    let empty = format!(
        "No pair of entities was named together in at least {} {units}.",
        ctx.config().min_support
    );
    out.push_str(&table_or(&t, &empty));
    if !pairs.is_empty() {
        out.push_str(&source(&["comentions"]));
    }
    if pairs.len() > n {
        out.push_str(&format!(
            "{} more pairs in `csv/comentions.csv`.\n\n",
            int((pairs.len() - n) as u64)
        ));
    }
    out.push_str(
        "The heatmap shows NPMI among the most covered entities that have a kept pair; \
         hatched cells are pairs below the support threshold.\n\n",
    );
    out.push_str(&chart(
        "comentions_heatmap",
        "NPMI heatmap of the most covered entities",
        &["comentions", "frequency"],
    ));
    Ok(out)
}
