//! "Names the lexicon does not know" (render stage): the names discovery counted as
//! entities, ranked by article items (`csv/discovered.csv`, in its order), with the guessed
//! category, confidence, first seen, issues and an example line. Only with discovery on.

use crate::render::markdown::{Align, Table};
use crate::render::report::context::Ctx;
use crate::render::report::helpers::{cells, dashed, more, num, source, table_or, Fmt};
use crate::render::RenderError;

pub fn section(ctx: &Ctx) -> Result<String, RenderError> {
    if !ctx.config().discover {
        return Ok(String::new());
    }
    let v = ctx.table("discovered")?;
    let (example_issue, example) = (v.opt_u64("example_issue")?, v.str("example")?);
    let line = |(issue, text): (Option<u64>, String)| match issue {
        Some(issue) => format!("#{issue}: {text}"),
        None => "–".to_string(),
    };
    let n = ctx.config().top;
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
    let t = Table::of(columns, 0..v.height().min(n))?
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
        num(crate::discover::THRESHOLD, 2),
        crate::render::report::frame::MARK,
    ));
    out.push_str(&table_or(&t, "Discovery counted no name in this archive."));
    if v.height() > 0 {
        out.push_str(&source(&["discovered"]));
    }
    out.push_str(&more(v.height(), n, "more in `csv/discovered.csv`."));
    Ok(out)
}
