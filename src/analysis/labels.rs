//! Trend labels per entity over the window: new, rising, falling, peaked, quiet, steady, sparse.
//!
//! In order, the first that holds (thresholds in `TrendRules`, defaults in brackets):
//! 1. `sparse`: fewer than `min_items` [8] article items in the window: too little to judge.
//! 2. `new`: first article mention in the whole archive falls inside the window after the
//!    warm-up (the issues holding the window's first `warmup` [25%] of article items), and
//!    the entity appears in at least `new_min_periods` [3] periods from then on (or in every
//!    period left, when fewer remain).
//! 3. `quiet`: absent from the last stretch (the trailing periods holding `quiet_tail` [20%]
//!    of the article items, at least `quiet_min_periods` [2] periods) after appearing in at
//!    least `quiet_regular` [30%] of the periods from its first appearance to the stretch, and
//!    in at least `new_min_periods` of them.
//! 4. `peaked`: the share changed (below) and the rolling share (`peak_months` [9] months; 3
//!    quarters, 5 issues, 1 year) peaks away from both ends at `peak_rise` [2] times the first
//!    and last tenth, with the curve bending down (z_cur < 0); `peak_period` is where
//!    (`shape::peak`).
//! 5. `rising` / `falling`: the share changed, z_lin says which way, and the share ratio last
//!    third / first third is >= `min_ratio` [1.75] (<= 1/1.75); `since` is where the change
//!    began (`shape::change_start`). Thirds are of article items: a period belongs to the
//!    third holding the midpoint of its items. Shares there are smoothed, (x + 0.5) / (n + 1),
//!    so a zero third stays finite; the ratio is 1 when a third is empty (fewer than 3
//!    periods) or the entity has no items.
//! 6. `steady`: everything else.
//!
//! "The share changed": the omnibus shape test (`shape::shape_test`, linear and curved score
//! tests, dispersion-corrected) gives p = min(1, p_lin / `linear_weight` [0.9], p_cur / 0.1);
//! the Benjamini-Hochberg q-value over every non-sparse entity of the window is <= `fdr`
//! [0.03]. Stretches are measured in article items, not periods, so uneven issue lengths,
//! skipped weeks and a partial last period move them only as much as the items they hold.

pub use super::label_frame::Frame;
use super::options::TrendRules;
use super::query::{collect, count_u64, lazy, left_join, named, polars, share, sort_by};
use super::shape::{self, Point, ShapeTest};
use super::AnalysisError;
use polars::prelude::*;
use rayon::prelude::*;
use std::sync::Arc;

/// A trend label; `as_str` is what the tables show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    New,
    Rising,
    Falling,
    Peaked,
    Quiet,
    Steady,
    Sparse,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        [
            "new", "rising", "falling", "peaked", "quiet", "steady", "sparse",
        ][self as usize]
    }
}

/// Every label in table order.
pub const LABELS: [Label; 7] = [
    Label::New,
    Label::Rising,
    Label::Falling,
    Label::Peaked,
    Label::Quiet,
    Label::Steady,
    Label::Sparse,
];

/// The `labels` table: entity, label, items, periods, z, z_curve, dispersion, z_adj,
/// p_value, q_value, first_share, last_share, ratio, peak_period, since; one row per entity
/// code of `entities` (those named in the window), ordered by label (new, rising, falling,
/// peaked, quiet, steady, sparse), items desc, entity asc. `z` is the linear z, `z_adj` it
/// after the dispersion correction, `p_value` the omnibus p, `q_value` its Benjamini-Hochberg
/// q (null for sparse entities); `peak_period` and `since` are period keys (null unless
/// peaked, resp. rising/falling). `series` is the trend series (entity, period, items).
pub fn labels(
    frame: &Frame,
    series: &DataFrame,
    entities: &Column,
    rules: &TrendRules,
    parallel: bool,
) -> Result<DataFrame, AnalysisError> {
    let err = polars("labels table");
    let per_entity = collect("labels table", per_entity(frame, series, entities))?;
    let empty = Empty::of(frame, parallel).map_err(&err)?;
    let tests = shape_columns(&per_entity, &empty, rules.linear_weight).map_err(&err)?;
    let tested = per_entity.hstack(&tests).map_err(&err)?.lazy();
    let flagged = q_values(flags(tested, frame, rules));
    let labelled = table(label(flagged, &empty, frame, rules), frame).map_err(&err)?;
    collect("labels table", labelled)
}

/// A row per entity of `entities`: items u64, periods u32 (with items), x0 / x2 (items in the
/// first / last third), first_period / last_period (null without items), the period and
/// items of its series as lists `cells_period`, `cells_items`, and n0 / n2, the article
/// items of the first / last third.
fn per_entity(frame: &Frame, series: &DataFrame, entities: &Column) -> LazyFrame {
    let thirds = lazy(&frame.periods).select([col("period"), col("third")]);
    let cells = lazy(series).select([col("entity"), col("period"), col("items")]);
    let x_of = |t: u8| {
        count_u64(col("items"))
            .filter(col("third").eq(lit(t)))
            .sum()
    };
    let stats = left_join(cells, thirds, &["period"])
        .group_by([col("entity")])
        .agg([
            count_u64(col("items")).sum().alias("items"),
            len().cast(DataType::UInt32).alias("periods"),
            x_of(0).alias("x0"),
            x_of(2).alias("x2"),
            col("period").min().alias("first_period"),
            col("period").max().alias("last_period"),
            col("period").alias("cells_period"),
            col("items").alias("cells_items"),
        ]);
    let n_of = |t: u8| col("n").filter(col("third").eq(lit(t))).sum();
    let sizes = lazy(&frame.periods).select([n_of(0).alias("n0"), n_of(2).alias("n2")]);
    let all = entities.clone().into_frame().lazy();
    let zero = |c: &str| col(c).fill_null(lit(0u32)).cast(DataType::UInt64);
    left_join(all.filter(col("entity").is_not_null()), stats, &["entity"])
        .with_columns([
            zero("items"),
            zero("periods").cast(DataType::UInt32),
            zero("x0"),
            zero("x2"),
        ])
        .cross_join(sizes, None)
}

/// The shares, the ratio and the labels that need no test: first_share / last_share are
/// x / n of the first / last third (0 when n = 0); ratio = s2 / s0 with the smoothed shares
/// s = (x + 0.5) / (n + 1), 1 when a third is empty or there are no items; sparse, new and
/// quiet as the module doc says.
fn flags(lf: LazyFrame, frame: &Frame, rules: &TrendRules) -> LazyFrame {
    let float = |c: &str| col(c).cast(DataType::Float64);
    let smoothed = |x: &str, n: &str| share(float(x) + lit(0.5), float(n) + lit(1.0));
    let has = col("n0").gt(lit(0)).and(col("n2").gt(lit(0)));
    let ratio = smoothed("x2", "n2") / smoothed("x0", "n0");
    left_join(lf, lazy(&frame.first), &["entity"]).with_columns([
        share(col("x0"), col("n0")).alias("first_share"),
        share(col("x2"), col("n2")).alias("last_share"),
        when(has.and(col("items").gt(lit(0))))
            .then(ratio)
            .otherwise(lit(1.0))
            .alias("ratio"),
        col("items")
            .lt(lit(u64::from(rules.min_items)))
            .alias("sparse"),
        is_new(frame, rules).alias("new"),
        is_quiet(frame, rules).alias("quiet"),
    ])
}

/// New: the first article issue is inside the window after the warm-up, and the entity has
/// items in at least `new_min_periods` periods (or in every period left from its first).
fn is_new(frame: &Frame, rules: &TrendRules) -> Expr {
    let Some(warm) = frame.warmup_end else {
        return lit(false);
    };
    let least = lit(i64::from(rules.new_min_periods));
    let left = lit(frame.periods.height() as i64) - col("first_period").cast(DataType::Int64);
    let need = when(left.clone().lt(least.clone()))
        .then(left)
        .otherwise(least);
    let enough = col("periods").cast(DataType::Int64).gt_eq(need);
    col("first_issue")
        .gt(lit(warm))
        .and(enough)
        .fill_null(lit(false))
}

/// Quiet: no items from the tail on, after items in at least `new_min_periods` periods and
/// in at least `quiet_regular` of the periods from the first to the tail.
fn is_quiet(frame: &Frame, rules: &TrendRules) -> Expr {
    let Some(tail) = frame.tail else {
        return lit(false);
    };
    let periods = col("periods");
    let stretch =
        (lit(i64::from(tail)) - col("first_period").cast(DataType::Int64)).cast(DataType::Float64);
    let regular = periods
        .clone()
        .cast(DataType::Float64)
        .gt_eq(lit(rules.quiet_regular) * stretch);
    col("last_period")
        .lt(lit(tail))
        .and(periods.gt_eq(lit(rules.new_min_periods)))
        .and(regular)
        .fill_null(lit(false))
}

/// Benjamini-Hochberg q-values over the rows not sparse (null for the others): with the m
/// p-values sorted ascending, q_(i) = min(1, min over j >= i of p_(j) m / j), a running
/// minimum from the end. Rejecting every q <= alpha controls the false discovery rate at
/// alpha (for independent or positively dependent tests). NaN counts as 1 (p_value, a
/// `min` with 1, is never NaN and lies in [0, 1]). Tied p-values get the same q in any
/// order (p m / j falls with j), so the sort needs no tie-break.
fn q_values(lf: LazyFrame) -> LazyFrame {
    let p = col("p_value").fill_nan(lit(1.0));
    let rank = p.clone().cum_count(false).cast(DataType::Float64);
    let running = (p * len().cast(DataType::Float64) / rank).cum_min(true);
    let q = when(running.clone().gt(lit(1.0)))
        .then(lit(1.0))
        .otherwise(running);
    let tested = lf
        .clone()
        .filter(col("sparse").not())
        .sort(["p_value"], SortMultipleOptions::default())
        .select([col("entity"), q.alias("q_value")]);
    left_join(lf, tested, &["entity"])
}

/// The label as its place in `LABELS` (`order`): sparse, new, quiet as flagged; a tested
/// entity whose share changed (q <= fdr) is peaked when `shape::peak` finds a peak and the
/// curve bends down, else rising / falling when z says which way and the ratio is at least
/// `min_ratio` (at most 1 / `min_ratio`); steady otherwise. With the peak period index
/// (`peak_at`, peaked only) and the start of the change (`since_at`, rising/falling only).
fn label(lf: LazyFrame, empty: &Empty, frame: &Frame, rules: &TrendRules) -> LazyFrame {
    let code = |l: Label| lit(l as u32);
    // Sparse rows have no q.
    let changed = col("q_value").lt_eq(lit(rules.fdr)).fill_null(lit(false));
    let up = col("z").gt(lit(0.0));
    let order = when(col("sparse"))
        .then(code(Label::Sparse))
        .when(col("new"))
        .then(code(Label::New))
        .when(col("quiet"))
        .then(code(Label::Quiet))
        .when(col("changed").not())
        .then(code(Label::Steady))
        .when(col("peak").is_not_null().and(col("z_curve").lt(lit(0.0))))
        .then(code(Label::Peaked))
        .when(up.clone().and(col("ratio").gt_eq(lit(rules.min_ratio))))
        .then(code(Label::Rising))
        .when(up.not().and(col("ratio").lt_eq(lit(1.0 / rules.min_ratio))))
        .then(code(Label::Falling))
        .otherwise(code(Label::Steady));
    let peaked = col("order").eq(code(Label::Peaked));
    let tested = col("new").or(col("quiet")).not();
    lf.with_column(changed.and(tested).alias("changed"))
        .with_column(peak(empty, frame.peak_window, rules.peak_rise).alias("peak"))
        .with_column(order.cast(DataType::UInt32).alias("order"))
        .with_columns([
            when(peaked)
                .then(col("peak"))
                .otherwise(lit(NULL))
                .alias("peak_at"),
            since(empty).alias("since_at"),
        ])
}

/// The table's columns in order, the labels and period keys by name, sorted.
fn table(lf: LazyFrame, frame: &Frame) -> PolarsResult<LazyFrame> {
    let keys = |at: &str, name: &str| {
        lazy(&frame.periods).select([col("period").alias(at), col("key").alias(name)])
    };
    let names: Vec<&str> = LABELS.iter().map(|l| l.as_str()).collect();
    let labels = df!("order" => LABELS.map(|l| l as u32), "label" => names)?;
    let lf = left_join(lf, keys("peak_at", "peak_period"), &["peak_at"]);
    let lf = left_join(lf, keys("since_at", "since"), &["since_at"]);
    let lf = left_join(lf, labels.lazy(), &["order"]);
    let lf = lf.with_column(col("entity").cast(DataType::String));
    let by = [("order", false), ("items", true), ("entity", false)];
    Ok(sort_by(lf, &by).select(named(COLUMNS)))
}

/// The columns of `labels`, in order.
const COLUMNS: &str = "entity label items periods z z_curve dispersion z_adj p_value q_value \
                       first_share last_share ratio peak_period since";

/// The window's periods as test points with x = 0, by index (an entity's series: these with
/// its items filled in), and whether to run entities in parallel. The statistics over a
/// series stay Rust: sequential float sums and fits, where Polars sums pairwise (other bits).
#[derive(Clone)]
struct Empty {
    points: Arc<[Point]>,
    parallel: bool,
}

impl Empty {
    fn of(frame: &Frame, parallel: bool) -> PolarsResult<Empty> {
        let (t, n) = (
            frame.periods.column("t")?.f64()?,
            frame.periods.column("n")?.u64()?,
        );
        let point = |(t, n): (Option<f64>, Option<u64>)| Point {
            t: t.unwrap_or(0.0),
            n: n.unwrap_or(0),
            x: 0,
        };
        let points = t.iter().zip(n.iter()).map(point).collect();
        Ok(Empty { points, parallel })
    }

    /// `f(row, series)` for each row where `want(row)`, null elsewhere; the row's series
    /// from the list columns `lists` = [cells_period, cells_items]. Rows are independent,
    /// so they run on rayon when `parallel`.
    fn each<T: Send>(
        &self,
        lists: &[Column],
        want: impl Fn(usize) -> bool + Sync,
        f: impl Fn(usize, &[Point]) -> Option<T> + Sync,
    ) -> PolarsResult<Vec<Option<T>>> {
        let (periods, items) = (lists[0].list()?, lists[1].list()?);
        let one = |i: usize| -> PolarsResult<Option<T>> {
            if !want(i) {
                return Ok(None);
            }
            let mut pts = self.points.to_vec();
            if let (Some(p), Some(x)) = (periods.get_as_series(i), items.get_as_series(i)) {
                for (p, x) in p.u32()?.iter().zip(x.u32()?.iter()) {
                    if let (Some(slot), Some(x)) = (p.and_then(|p| pts.get_mut(p as usize)), x) {
                        slot.x = u64::from(x);
                    }
                }
            }
            Ok(f(i, &pts))
        };
        if self.parallel {
            (0..periods.len()).into_par_iter().map(one).collect()
        } else {
            (0..periods.len()).map(one).collect()
        }
    }
}

/// The shape test of each row's series (`shape::shape_test`): columns z, z_curve,
/// dispersion, z_adj and p_value (the omnibus p with `linear_weight`).
fn shape_columns(df: &DataFrame, empty: &Empty, linear_weight: f64) -> PolarsResult<Vec<Column>> {
    let lists = [
        df.column("cells_period")?.clone(),
        df.column("cells_items")?.clone(),
    ];
    let tests = empty.each(&lists, |_| true, |_, pts| Some(shape::shape_test(pts)))?;
    let tests: Vec<ShapeTest> = tests.into_iter().flatten().collect();
    let f = |name: &str, g: &dyn Fn(&ShapeTest) -> f64| {
        Column::new(name.into(), tests.iter().map(g).collect::<Vec<f64>>())
    };
    Ok(vec![
        f("z", &|t| t.z_linear),
        f("z_curve", &|t| t.z_curve),
        f("dispersion", &|t| t.dispersion),
        f("z_adj", &|t| t.z_linear_adjusted()),
        f("p_value", &|t| t.p_value(linear_weight)),
    ])
}

/// The period index of the peak (`shape::peak`) of each `changed` row's series.
fn peak(empty: &Empty, window: usize, rise: f64) -> Expr {
    let empty = empty.clone();
    let run = move |c: &mut [Column]| {
        let want = c[2].bool()?;
        let at = empty.each(
            &c[..2],
            |i| want.get(i) == Some(true),
            |_, pts| shape::peak(pts, window, rise).map(|p| p as u32),
        )?;
        Ok(Column::new("peak".into(), at))
    };
    col("cells_period").map_many(run, &[col("cells_items"), col("changed")], index_field)
}

/// The period index where the change of each rising or falling row began
/// (`shape::change_start`, with the row's dispersion).
fn since(empty: &Empty) -> Expr {
    let empty = empty.clone();
    let run = move |c: &mut [Column]| {
        let (order, dispersion) = (c[2].u32()?, c[3].f64()?);
        let is = |i: usize, l: Label| order.get(i) == Some(l as u32);
        let want = |i| is(i, Label::Rising) || is(i, Label::Falling);
        let at = empty.each(&c[..2], want, |i, pts| {
            let phi = dispersion.get(i).unwrap_or(1.0);
            Some(shape::change_start(pts, is(i, Label::Rising), phi) as u32)
        })?;
        Ok(Column::new("since".into(), at))
    };
    let args = [col("cells_items"), col("order"), col("dispersion")];
    col("cells_period").map_many(run, &args, index_field)
}

/// The field of a period index column.
fn index_field(_: &Schema, fields: &[Field]) -> PolarsResult<Field> {
    Ok(Field::new(fields[0].name().clone(), DataType::UInt32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_values_match_hand_worked_values() {
        // Sorted p 0.01, 0.02, 0.03, 0.5 (m = 4): p m / rank = 0.04, 0.04, 0.04, 0.5; the
        // sparse row gets none. A larger p never gets a smaller q; NaN is 1.
        let q = |p: &[f64], sparse: &[bool]| {
            let entity = Vec::from_iter(0..p.len() as u32);
            let rows = df!("entity" => entity, "p_value" => p, "sparse" => sparse).unwrap();
            let q = q_values(rows.lazy()).sort(["entity"], Default::default());
            let q = q.collect().unwrap();
            q.column("q_value").unwrap().f64().unwrap().to_vec()
        };
        let got = q(
            &[0.5, 0.01, 0.03, 0.02, 0.1],
            &[false, false, false, false, true],
        );
        let near = |(g, w): (&Option<f64>, f64)| g.is_some_and(|g| (g - w).abs() < 1e-12);
        assert!(got.iter().zip([0.5, 0.04, 0.04, 0.04]).all(near), "{got:?}");
        assert_eq!(got[4], None);
        let got = q(&[0.001, 0.04, 0.039, f64::NAN], &[false; 4]);
        assert!(got[2] <= got[1] && got[0] <= got[2], "{got:?}");
        assert_eq!(got[3], Some(1.0));
    }
}
