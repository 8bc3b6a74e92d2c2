//! "Notable co-mentions" (render stage): the entity pairs most associated by NPMI, with the
//! support behind each (`csv/comentions.csv`, in its order), and the NPMI heatmap.

use crate::render::error::RenderError;
use crate::render::markdown::Table;
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::{
    association, cells, chart, int, legend, more_rows, source, table_or, units, Fmt,
};

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let (unit, units) = units(ctx.config);
    let v = ctx.table("comentions_shown")?;
    let (a, b, family) = (
        v.marked("entity_a", "origin_a")?,
        v.marked("entity_b", "origin_b")?,
        v.bool("same_family")?,
    );
    let (pairs, shown) = (ctx.overview("pairs")?, v.height());
    let pair = |i: usize| {
        let fam = if family[i] { " (same family)" } else { "" };
        format!("{} + {}{fam}", a[i], b[i])
    };
    let mut columns = vec![
        ("#", (1..=shown).map(|r| r.to_string()).collect()),
        ("Pair", (0..shown).map(pair).collect()),
        ("Together", cells(&v, "items", Fmt::Int)?),
        ("Items A", cells(&v, "a_items", Fmt::Int)?),
        ("Items B", cells(&v, "b_items", Fmt::Int)?),
    ];
    columns.extend(association(&v)?);
    let (_, more) = ctx.listed("comentions", None)?;
    let t = Table::of(columns, 0..shown)?
        .numbers_from(2)
        .align(0, crate::render::markdown::Align::Right);
    let mut out = String::from("## Notable co-mentions\n\n");
    out.push_str(&format!(
        "Pairs of entities named in the same {unit}, ranked by NPMI (1 = always together, 0 = \
         as often as chance, below 0 = apart), over {} {units}. Only pairs sharing at least {} \
         {units} are kept: {} pairs. \"Together\" is the support, the {units} naming both; \
         \"Items A\" and \"Items B\" count the {units} naming each; \"Expected\" is what \
         chance alone would give; G2 and p say whether the association is more than chance.\n\n",
        int(ctx.summary("comention_units")?),
        ctx.config.min_support,
        int(pairs),
    ));
    let empty = format!(
        "No pair of entities was named together in at least {} {units}.",
        ctx.config.min_support
    );
    out.push_str(&table_or(&t, &empty));
    out.push_str(&legend(a.iter().chain(&b)));
    if pairs > 0 {
        out.push_str(&source(&["comentions"]));
    }
    out.push_str(&more_rows(more, "more pairs in `csv/comentions.csv`."));
    out.push_str(
        "The heatmap shows NPMI among the most covered entities that have a kept pair; \
         hatched cells are pairs below the support threshold.\n\n",
    );
    let alt = "NPMI heatmap of the most covered entities";
    out += &chart("comentions_heatmap", alt, &["comentions", "frequency"]);
    Ok(out)
}
