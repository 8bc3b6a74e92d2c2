//! Small pieces the analysis queries share: the error of a failed step, shares as a column
//! expression, sorting with explicit tie-breaks, and reading a column of a small result.

use super::AnalysisError;
use polars::prelude::*;

/// Maps a Polars error to the analysis step that failed.
pub(crate) fn polars(step: &'static str) -> impl Fn(PolarsError) -> AnalysisError {
    move |source| AnalysisError::Polars { step, source }
}

/// Runs a lazy query; `step` names it in errors.
pub(crate) fn collect(step: &'static str, lf: LazyFrame) -> Result<DataFrame, AnalysisError> {
    lf.collect().map_err(polars(step))
}

/// `num / den` as a float column, 0 where `den` is 0 (the ratio behind every share), either
/// side a column or a single value. A small function over the columns rather than the `/`
/// expression: Polars divides a float column by a single value as a multiplication by its
/// reciprocal, which is not always the quotient (92 / 640 = 0.14375 exactly as a decimal,
/// 92 * (1 / 640) a hair above: 0.1438 where the division gives 0.1437).
pub(crate) fn share(num: Expr, den: Expr) -> Expr {
    num.map_many(ratio_columns, &[den], |_, fields: &[Field]| {
        Ok(Field::new(fields[0].name().clone(), DataType::Float64))
    })
}

/// `a as f64 / b as f64` row by row (a single value is broadcast), 0 where `b` is 0.
fn ratio_columns(columns: &mut [Column]) -> PolarsResult<Column> {
    let name = columns[0].name().clone();
    let float = |c: &Column| -> PolarsResult<Float64Chunked> {
        Ok(c.cast(&DataType::Float64)?.f64()?.rechunk().into_owned())
    };
    let (num, den) = (float(&columns[0])?, float(&columns[1])?);
    // A single value broadcasts over the other side (which may have no rows).
    let len = if num.len() == 1 { den.len() } else { num.len() };
    let at = |ca: &Float64Chunked, i: usize| ca.get(if ca.len() == 1 { 0 } else { i });
    let out: Float64Chunked = (0..len)
        .map(|i| match (at(&num, i), at(&den, i)) {
            (Some(a), Some(b)) => Some(if b == 0.0 { 0.0 } else { a / b }),
            _ => None,
        })
        .collect();
    Ok(out.with_name(name).into_column())
}

/// A text column from a categorical (or text) one.
pub(crate) fn text(name: &str) -> Expr {
    col(name).cast(DataType::String)
}

/// The columns `names` (space-separated) as expressions: a table's column list.
pub(crate) fn named(names: &str) -> Vec<Expr> {
    names.split_whitespace().map(col).collect()
}

/// A query over `df` (a clone shares its columns: nothing is copied).
pub(crate) fn lazy(df: &DataFrame) -> LazyFrame {
    df.clone().lazy()
}

/// A count column as `u64`, the type every count of the result tables has.
pub(crate) fn count_u64(e: Expr) -> Expr {
    e.cast(DataType::UInt64)
}

/// Sorts by `by`, each descending or not, stable (ties keep their order) and nulls first.
pub(crate) fn sort_by(lf: LazyFrame, by: &[(&str, bool)]) -> LazyFrame {
    let names: Vec<PlSmallStr> = by.iter().map(|(n, _)| (*n).into()).collect();
    let descending: Vec<bool> = by.iter().map(|(_, d)| *d).collect();
    lf.sort(
        names,
        SortMultipleOptions::default()
            .with_order_descending_multi(descending)
            .with_maintain_order(true),
    )
}

/// A join on equal key columns; `ordered` keeps the left frame's row order (which costs a
/// sort of the result: only where no sort or group-by follows).
fn join(left: LazyFrame, right: LazyFrame, on: &[&str], how: JoinType, ordered: bool) -> LazyFrame {
    let keys: Vec<Expr> = on.iter().map(|k| col(*k)).collect();
    let args = JoinArgs {
        maintain_order: if ordered {
            MaintainOrderJoin::Left
        } else {
            MaintainOrderJoin::None
        },
        ..JoinArgs::new(how)
    };
    left.join(right, keys.clone(), keys, args)
}

/// A left join on equal key columns, in no particular row order.
pub(crate) fn left_join(left: LazyFrame, right: LazyFrame, on: &[&str]) -> LazyFrame {
    join(left, right, on, JoinType::Left, false)
}

/// A left join on equal key columns that keeps the left frame's row order.
pub(crate) fn left_join_ordered(left: LazyFrame, right: LazyFrame, on: &[&str]) -> LazyFrame {
    join(left, right, on, JoinType::Left, true)
}

/// An inner join on equal key columns, in no particular row order.
pub(crate) fn inner_join(left: LazyFrame, right: LazyFrame, on: &[&str]) -> LazyFrame {
    join(left, right, on, JoinType::Inner, false)
}

/// Two codes as one integer key, `a * span + b` (`b < span`): a group-by over it hashes one
/// integer, where over two key columns Polars row-encodes every row first. Used for the
/// group-bys over a row per (item, entity); the key columns are taken back with `first()`.
pub(crate) fn pair_key(a: Expr, b: Expr, span: u64) -> Expr {
    a.cast(DataType::UInt64) * lit(span) + b.cast(DataType::UInt64)
}

/// The values of column `name` of a (small) result as `u64`, nulls as 0.
pub(crate) fn u64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    let c = df.column(name)?.cast(&DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// The values of column `name` of a (small) result as text (categories by name).
pub(crate) fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?.iter().map(|s| s.map(str::to_string)).collect())
}

/// The names of a categorical column's codes as a frame: code u64, key str.
pub(crate) fn code_names(column: &Column) -> PolarsResult<DataFrame> {
    let names = crate::frames::encode::names(column)?;
    df!(
        "code" => (0..names.len() as u64).collect::<Vec<u64>>(),
        "key" => names,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A share is the quotient, bit for bit, also over a single denominator (which Polars'
    /// `/` turns into a multiplication by the reciprocal: 92 / 640 printed 0.1438, not 0.1437).
    #[test]
    fn share_is_the_exact_quotient() {
        let df = df!("n" => [92u64, 1, 0], "d" => [640u64, 3, 0]).unwrap();
        let out = df
            .lazy()
            .select([
                share(col("n"), lit(640u64)).alias("single"),
                share(col("n"), col("d")).alias("rows"),
            ])
            .collect()
            .unwrap();
        let values = |c: &str| -> Vec<f64> {
            out.column(c)
                .unwrap()
                .f64()
                .unwrap()
                .into_no_null_iter()
                .collect()
        };
        assert_eq!(values("single")[0].to_bits(), (92.0f64 / 640.0).to_bits());
        assert_eq!(values("rows"), [92.0 / 640.0, 1.0 / 3.0, 0.0]);
        let empty = df!("n" => Vec::<u64>::new()).unwrap();
        let none = empty.lazy().select([share(col("n"), lit(3u64))]).collect();
        assert_eq!(none.unwrap().height(), 0);
    }
}
