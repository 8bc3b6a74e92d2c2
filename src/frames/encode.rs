//! Categorical columns for the frames: Polars `Categorical` dtypes over a fixed list of names,
//! and the readers that later stages use to get codes and names back.
//!
//! A categorical column stores one `u32` code per row and each name once, so a mention row
//! costs a few bytes whatever the entity's name. Every list gets its own fresh `Categories`
//! (random id, u32 codes) filled in list order, so the code of a value is its position in the
//! list: deterministic, and independent of Polars' process-wide string cache. (`Enum` would
//! pick u8/u16 codes for short lists, which need the `dtype-u8`/`dtype-u16` features we do not
//! build.) Sorting a categorical column sorts by name, not by code.

use polars::prelude::*;

/// A categorical dtype over `names` (which must be unique); the code of `names[i]` is `i`.
pub fn cat_dtype<'a>(names: impl IntoIterator<Item = &'a str>) -> PolarsResult<DataType> {
    let dtype = DataType::from_categories(Categories::random(
        "topictrend".into(),
        CategoricalPhysical::U32,
    ));
    let mapping = dtype.cat_mapping()?.clone();
    for (i, name) in names.into_iter().enumerate() {
        let code = mapping.insert_cat(name)?;
        polars_ensure!(code as usize == i, Duplicate: "category `{name}` is listed twice");
    }
    Ok(dtype)
}

/// A column of the categorical dtype `dtype` (from [`cat_dtype`]) from codes (`None` is null).
pub fn cat_column(name: &str, codes: Vec<Option<u32>>, dtype: &DataType) -> PolarsResult<Column> {
    polars_ensure!(dtype.cat_physical()? == CategoricalPhysical::U32, SchemaMismatch: "expected u32 categories");
    let ca = UInt32Chunked::from_iter_options(name.into(), codes.into_iter());
    Ok(Categorical32Chunked::from_cats_and_dtype(ca, dtype.clone())
        .into_series()
        .into_column())
}

/// A categorical column from an iterator of codes (nulls as `None`), without an intermediate
/// vector: the long frames build each column straight from their rows.
pub fn cat_column_from(
    name: &str,
    codes: impl Iterator<Item = Option<u32>>,
    dtype: &DataType,
) -> PolarsResult<Column> {
    polars_ensure!(dtype.cat_physical()? == CategoricalPhysical::U32, SchemaMismatch: "expected u32 categories");
    let ca = UInt32Chunked::from_iter_options(name.into(), codes);
    Ok(Categorical32Chunked::from_cats_and_dtype(ca, dtype.clone())
        .into_series()
        .into_column())
}

/// A categorical column without nulls, taking over `codes` as its storage (no copy).
pub fn cat_column_from_vec(name: &str, codes: Vec<u32>, dtype: &DataType) -> PolarsResult<Column> {
    polars_ensure!(dtype.cat_physical()? == CategoricalPhysical::U32, SchemaMismatch: "expected u32 categories");
    let ca = UInt32Chunked::from_vec(name.into(), codes);
    Ok(Categorical32Chunked::from_cats_and_dtype(ca, dtype.clone())
        .into_series()
        .into_column())
}

/// The codes of a categorical column, as `u32` (`None` for nulls).
pub fn codes(col: &Column) -> PolarsResult<Vec<Option<u32>>> {
    Ok(code_array(col)?.iter().collect())
}

/// The codes of a categorical column as a `u32` array, without copying them out: iterate
/// it to read a long column cheaply.
pub fn code_array(col: &Column) -> PolarsResult<UInt32Chunked> {
    polars_ensure!(col.dtype().is_categorical(), SchemaMismatch: "column `{}` is not categorical", col.name());
    let phys = col.to_physical_repr().cast(&DataType::UInt32)?;
    Ok(phys.u32()?.clone())
}

/// The names of a categorical column's categories, indexed by code.
pub fn names(col: &Column) -> PolarsResult<Vec<String>> {
    let mapping = col.dtype().cat_mapping()?;
    let n = mapping.num_cats_upper_bound();
    Ok((0..n)
        .map(|i| {
            mapping
                .cat_to_str(i as CatSize)
                .unwrap_or_default()
                .to_string()
        })
        .collect())
}

/// Names in first-seen order without repeats, with each input's index into that list.
pub fn dedup<'a>(values: impl IntoIterator<Item = &'a str>) -> (Vec<&'a str>, Vec<u32>) {
    let mut uniq: Vec<&str> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let codes = values
        .into_iter()
        .map(|v| {
            *index.entry(v).or_insert_with(|| {
                uniq.push(v);
                uniq.len() as u32 - 1
            })
        })
        .collect();
    (uniq, codes)
}

/// The same frame with every `Enum`/`Categorical` column cast to `String`, for writers that
/// want plain text (CSV) without knowing the dtypes.
pub fn stringify(df: &DataFrame) -> PolarsResult<DataFrame> {
    let cols = df
        .columns()
        .iter()
        .map(|c| match c.dtype() {
            DataType::Enum(..) | DataType::Categorical(..) => c.cast(&DataType::String),
            _ => Ok(c.clone()),
        })
        .collect::<PolarsResult<Vec<_>>>()?;
    DataFrame::new(df.height(), cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_codes_and_names() {
        let dt = cat_dtype(["b", "a", "c"]).unwrap();
        let col = cat_column("x", vec![Some(0), None, Some(2), Some(1)], &dt).unwrap();
        assert_eq!(codes(&col).unwrap(), vec![Some(0), None, Some(2), Some(1)]);
        assert_eq!(names(&col).unwrap(), vec!["b", "a", "c"]);
        let df = DataFrame::new(4, vec![col]).unwrap();
        let s = stringify(&df).unwrap();
        let v: Vec<_> = s.column("x").unwrap().str().unwrap().iter().collect();
        assert_eq!(v, vec![Some("b"), None, Some("c"), Some("a")]);
    }

    #[test]
    fn dedup_keeps_first_order() {
        let (u, c) = dedup(["x", "y", "x", "z"]);
        assert_eq!(u, vec!["x", "y", "z"]);
        assert_eq!(c, vec![0, 1, 0, 2]);
    }
}
