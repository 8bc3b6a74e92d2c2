//! "Methods" (render stage): one paragraph per formula the report uses (shares, the trend
//! test and its thresholds, the labels, PMI/NPMI/lift/Jaccard/G2, evenness/HHI/top-5), the
//! lexicon size per category and the corpus range. docs/METHODS.md has the full text.

use crate::render::error::RenderError;
use crate::render::report::context::ReportInput;
use crate::render::report::helpers::int;

pub fn section(ctx: &ReportInput) -> Result<String, RenderError> {
    let mut out = String::from("## Methods\n\n");
    out.push_str(&corpus(ctx)?);
    for para in paragraphs(ctx)? {
        out.push_str(&para);
        out.push_str("\n\n");
    }
    out.push_str(
        "The full definitions, edge cases and tie-breaks are in \
         [docs/METHODS.md](../docs/METHODS.md) of the topictrend repository.\n\n",
    );
    Ok(out)
}

fn corpus(ctx: &ReportInput) -> Result<String, RenderError> {
    let v = ctx.table("lexicon_size")?;
    let (category, entities) = (v.str("category")?, v.u64("entities")?);
    let per: Vec<String> = (0..v.height())
        .map(|i| format!("{} {}", int(entities[i]), category[i]))
        .collect();
    Ok(format!(
        "**Data.** The corpus is {}{}. The lexicon holds {} entities ({}); an entity is \
         found by its name or an alias, with context rules against false matches, and cities \
         only in the place of a meetup listing. An organisation also counts where the text \
         names one of its products by a name that begins with the organisation's (`Confluent \
         Cloud`: `via = maker` in `csv/mentions.csv`, left out of co-mentions), and a lexicon \
         name an item gives only in a link counts too (`via = link`).\n\n",
        ctx.numbers()?,
        ctx.dates()?.map_or(String::new(), |d| format!(", {d}")),
        int(ctx.overview("lexicon_entities")?),
        per.join(", "),
    ))
}

fn paragraphs(ctx: &ReportInput) -> Result<Vec<String>, RenderError> {
    let r = &ctx.analysis.rules;
    let unit = ctx
        .table("summary")?
        .one_str("comention_unit")?
        .unwrap_or_default();
    Ok(vec![
        "**Share.** Editorial coverage is article items: sponsor lines, meetup listings and \
         the intro are never counted as coverage. An entity's items are the article items \
         naming it at least once; its share is items / A, where A is the article items of the \
         window (or of the period, for trends). Shares of different entities or topics need \
         not sum to 1, since one item can name several."
            .to_string(),
        format!(
            "**Shape test.** For each entity, one test of \"the share is constant\" over the \
             {} periods: period k has n_k article items, x_k naming the entity, and its \
             calendar position t_k as score (a skipped period keeps its width). A linear \
             score z_lin (the Cochran-Armitage statistic) and a curved one z_cur (quadratic \
             scores made orthogonal to the linear ones) are divided by the square root of the \
             dispersion phi (the homogeneity chi-square beyond both, per degree of freedom, at \
             least 1), since items of one issue are not independent. p = min(1, p_lin / {}, \
             p_cur / {}), and the Benjamini-Hochberg q-value over every non-sparse entity \
             controls the false discovery rate: an entity changed when q <= {}.",
            ctx.period(),
            r.linear_weight,
            format!("{:.1}", r.curved_weight()),
            r.fdr
        ),
        format!(
            "**Labels.** The first rule that holds: *sparse*, fewer than {} article items; \
             *new*, first named in the archive after the warm-up (the first {:.0}% of article \
             items) and then seen in at least {} periods; *quiet*, absent from the last \
             stretch (the trailing {:.0}% of article items, at least {} periods) after \
             appearing in at least {:.0}% of the periods before it; *peaked*, changed and the \
             rolling share ({} periods) peaks away from the first and last two periods at \
             least {} times its mean over the first and the last tenth, bending down \
             (z_cur < 0); *rising* or *falling*, changed, by the sign of z_lin, with the share \
             in the last third of article items at least {} times (at most 1/{} of) the share \
             in the first third (shares smoothed as (x + 0.5) / (n + 1)); else *steady*. \
             *Since* is where a rise or fall began: the break of a flat-then-straight fit \
             when it beats a straight line by the BIC, else the first period.",
            r.min_items,
            r.warmup * 100.0,
            r.new_min_periods,
            r.quiet_tail * 100.0,
            r.quiet_min_periods,
            r.quiet_regular * 100.0,
            ctx.analysis.peak_window,
            r.peak_rise,
            r.min_ratio,
            r.min_ratio
        ),
        format!(
            "**Co-mentions.** Over N {unit}s, with a and b the {unit}s naming each entity and \
             ab those naming both: expected = a b / N; PMI = log2(ab N / (a b)); NPMI = PMI / \
             -log2(ab / N), from -1 to 1; lift = ab N / (a b); Jaccard = ab / (a + b - ab); G2 \
             = 2 sum O ln(O / E) over the 2x2 table of observed and expected counts, with p \
             from the chi-square distribution with 1 degree of freedom. Pairs need at least {} \
             shared {unit}s; NPMI ranks them because PMI favours rare pairs and raw counts \
             favour frequent entities.",
            ctx.config.min_support,
            unit = unit.as_str()
        ),
        "**Balance.** For topics, categories and organisations, the count is article items \
         naming any entity of the key; for continents, countries and cities, meetup listings. \
         Over the K keys with counts c_i and s_i = c_i / sum c: entropy H = -sum s_i ln s_i; \
         evenness J = H / ln K (Pielou; 1 is perfectly even, 0 all in one key); HHI = sum \
         s_i² (from 1/K, even, to 1); top-5 share = the five largest counts over the total. \
         Unresolved meetup places are left out of these figures. A curator target is compared \
         with the topic's part of all topic coverage: deviation = norm_share - target."
            .to_string(),
        format!(
            "**Year in review.** Each year is its calendar window. A mover's change of share \
             is tested with the two-proportion z test, z = (p1 - p0) / sqrt(p (1 - p) (1/n0 + \
             1/n1)) with the pooled p, and kept when |z| >= {} and the two years together hold \
             at least {} of its article items. A newcomer is first named in the archive in \
             that year.",
            r.mover_z, r.min_items
        ),
    ])
}
