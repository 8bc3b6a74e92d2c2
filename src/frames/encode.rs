//! Categorical columns for the frames: Polars `Categorical` dtypes over a fixed list of names,
//! and the readers that later stages use to get codes and names back.
//!
//! A categorical column stores one code per row and each name once, so a mention row costs a
//! few bytes whatever the entity's name. The code is as narrow as the list allows: one byte
//! for up to 255 names (sections, categories, topics, countries), two for up to 65,535
//! (entities, matched spellings, cities), four beyond (issue dates). At archive scale that
//! is 15 bytes less per mention row than four-byte codes throughout (250 MB for 16.6
//! million mentions). Every list gets its own fresh `Categories` (random id) filled in list
//! order, so the code of a value is its position in the list: deterministic, and independent
//! of Polars' process-wide string cache. Sorting a categorical column sorts by name, not by
//! code. Readers see every code as a `u32` ([`CodeArray`]) without copying the column.

use polars::prelude::*;

/// The code width for a list of `n` names (a code per name, and room to spare).
fn physical_for(n: usize) -> CategoricalPhysical {
    if n < u8::MAX as usize {
        CategoricalPhysical::U8
    } else if n < u16::MAX as usize {
        CategoricalPhysical::U16
    } else {
        CategoricalPhysical::U32
    }
}

/// A categorical dtype over `names` (which must be unique); the code of `names[i]` is `i`.
pub fn cat_dtype<'a>(names: impl IntoIterator<Item = &'a str>) -> PolarsResult<DataType> {
    let names: Vec<&str> = names.into_iter().collect();
    let dtype = DataType::from_categories(Categories::random(
        "topictrend".into(),
        physical_for(names.len()),
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
    cat_column_from(name, codes.into_iter(), dtype)
}

/// A categorical column from an iterator of codes (nulls as `None`), without an intermediate
/// vector: the long frames build each column straight from their rows. A code outside the
/// dtype's list is an error.
pub fn cat_column_from(
    name: &str,
    codes: impl Iterator<Item = Option<u32>>,
    dtype: &DataType,
) -> PolarsResult<Column> {
    let n = dtype.cat_mapping()?.num_cats_upper_bound();
    let mut bad = None;
    let mut check = |c: Option<u32>| {
        c.filter(|&c| {
            let ok = (c as usize) < n;
            if !ok {
                bad = Some(c);
            }
            ok
        })
    };
    let name: PlSmallStr = name.into();
    let physical = match dtype.cat_physical()? {
        CategoricalPhysical::U8 => {
            let codes = codes.map(|c| check(c).map(|c| c as u8));
            UInt8Chunked::from_iter_options(name, codes).into_series()
        }
        CategoricalPhysical::U16 => {
            let codes = codes.map(|c| check(c).map(|c| c as u16));
            UInt16Chunked::from_iter_options(name, codes).into_series()
        }
        CategoricalPhysical::U32 => {
            UInt32Chunked::from_iter_options(name, codes.map(&mut check)).into_series()
        }
    };
    match bad {
        Some(code) => polars_bail!(OutOfBounds: "category code {code} is not in the list of {n}"),
        None => categorical(physical, dtype),
    }
}

/// The column of categorical dtype `dtype` over `physical`, codes in the dtype's width.
fn categorical(physical: Series, dtype: &DataType) -> PolarsResult<Column> {
    Ok(Series::from_cats_and_dtype(&physical, dtype, false)?.into_column())
}

/// A categorical column without nulls from `codes` (taken over as its storage when the codes
/// are four bytes wide; narrower codes are copied into their width, with no validity mask).
pub fn cat_column_from_vec(name: &str, codes: Vec<u32>, dtype: &DataType) -> PolarsResult<Column> {
    let n = dtype.cat_mapping()?.num_cats_upper_bound();
    if let Some(&code) = codes.iter().find(|&&c| c as usize >= n) {
        polars_bail!(OutOfBounds: "category code {code} is not in the list of {n}");
    }
    let name: PlSmallStr = name.into();
    // Every code is below `n`, which fits the dtype's width.
    let physical = match dtype.cat_physical()? {
        CategoricalPhysical::U8 => {
            let narrow: Vec<u8> = codes.iter().map(|&c| c as u8).collect();
            drop(codes);
            UInt8Chunked::from_vec(name, narrow).into_series()
        }
        CategoricalPhysical::U16 => {
            let narrow: Vec<u16> = codes.iter().map(|&c| c as u16).collect();
            drop(codes);
            UInt16Chunked::from_vec(name, narrow).into_series()
        }
        CategoricalPhysical::U32 => UInt32Chunked::from_vec(name, codes).into_series(),
    };
    categorical(physical, dtype)
}

/// The distinct values of a column in first-seen order, each coded by its position: the
/// category list of a column built row by row.
#[derive(Default)]
pub struct FirstSeen {
    names: Vec<String>,
    code_of: std::collections::HashMap<String, u32, crate::corpus::FastHash>,
}

impl FirstSeen {
    /// The code of `value`, listed now if it is new.
    pub fn code(&mut self, value: &str) -> u32 {
        match self.code_of.get(value) {
            Some(&code) => code,
            None => {
                // Fewer distinct values than rows, and rows fit a frame.
                let code = self.names.len() as u32;
                self.code_of.insert(value.to_string(), code);
                self.names.push(value.to_string());
                code
            }
        }
    }

    /// The categorical dtype over the values seen, in that order.
    pub fn dtype(&self) -> PolarsResult<DataType> {
        cat_dtype(self.names.iter().map(String::as_str))
    }
}

/// Builds a categorical column over the values it is given, in first-seen order: for text
/// columns with few distinct values (places, publishers) among many rows, where a string
/// per row would cost a 16-byte view even for a null.
#[derive(Default)]
pub struct Interner {
    seen: FirstSeen,
    codes: Vec<Option<u32>>,
}

impl Interner {
    pub fn with_capacity(rows: usize) -> Interner {
        Interner {
            codes: Vec::with_capacity(rows),
            ..Interner::default()
        }
    }

    /// Appends a row: `value`, or null.
    pub fn push(&mut self, value: Option<&str>) {
        let code = value.map(|v| self.seen.code(v));
        self.codes.push(code);
    }

    /// The column, its categories the values in first-seen order.
    pub fn finish(self, name: &str) -> PolarsResult<Column> {
        cat_column(name, self.codes, &self.seen.dtype()?)
    }
}

/// The codes of a categorical column, as `u32` (`None` for nulls).
pub fn codes(col: &Column) -> PolarsResult<Vec<Option<u32>>> {
    Ok(CodeArray::of(col)?.iter().collect())
}

/// The codes of a categorical column in their own width, one chunk, read in place as `u32`.
#[derive(Clone, Debug)]
pub enum CodeArray {
    U8(UInt8Chunked),
    U16(UInt16Chunked),
    U32(UInt32Chunked),
}

impl CodeArray {
    pub fn of(col: &Column) -> PolarsResult<CodeArray> {
        polars_ensure!(col.dtype().is_categorical(), SchemaMismatch: "column `{}` is not categorical", col.name());
        let phys = col.as_materialized_series().to_physical_repr();
        Ok(match phys.dtype() {
            DataType::UInt8 => CodeArray::U8(phys.u8()?.rechunk().into_owned()),
            DataType::UInt16 => CodeArray::U16(phys.u16()?.rechunk().into_owned()),
            _ => CodeArray::U32(phys.cast(&DataType::UInt32)?.u32()?.rechunk().into_owned()),
        })
    }

    pub fn len(&self) -> usize {
        match self {
            CodeArray::U8(ca) => ca.len(),
            CodeArray::U16(ca) => ca.len(),
            CodeArray::U32(ca) => ca.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code of row `i` (`None` for a null or past the end).
    #[inline]
    pub fn get(&self, i: usize) -> Option<u32> {
        fn at<T: PolarsNumericType>(ca: &ChunkedArray<T>, i: usize) -> Option<T::Native> {
            let arr = ca.downcast_as_array();
            (i < arr.len() && arr.validity().is_none_or(|v| v.get_bit(i))).then(|| arr.value(i))
        }
        match self {
            CodeArray::U8(ca) => at(ca, i).map(u32::from),
            CodeArray::U16(ca) => at(ca, i).map(u32::from),
            CodeArray::U32(ca) => at(ca, i),
        }
    }

    /// Every row's code in order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Option<u32>> + '_> {
        match self {
            CodeArray::U8(ca) => Box::new(ca.iter().map(|c| c.map(u32::from))),
            CodeArray::U16(ca) => Box::new(ca.iter().map(|c| c.map(u32::from))),
            CodeArray::U32(ca) => Box::new(ca.iter()),
        }
    }
}

/// The names of a categorical column's categories, indexed by code.
pub fn names(col: &Column) -> PolarsResult<Vec<String>> {
    let mapping = col.dtype().cat_mapping()?;
    let n = mapping.num_cats_upper_bound();
    let name = |i: usize| mapping.cat_to_str(i as CatSize).unwrap_or_default();
    Ok((0..n).map(|i| name(i).to_string()).collect())
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
    fn an_interner_codes_values_in_first_seen_order() {
        let mut column = Interner::with_capacity(5);
        for v in [
            Some("Sydney"),
            None,
            Some("Berlin"),
            Some("Sydney"),
            Some(""),
        ] {
            column.push(v);
        }
        let col = column.finish("place").unwrap();
        assert_eq!(names(&col).unwrap(), vec!["Sydney", "Berlin", ""]);
        assert_eq!(
            codes(&col).unwrap(),
            vec![Some(0), None, Some(1), Some(0), Some(2)]
        );
        assert_eq!(col.name().as_str(), "place");
    }

    /// Codes are one byte wide for short lists, two for longer ones, four beyond; every width
    /// reads back the same codes and names (in list order, not sorted: `n10` before `n2`) and
    /// turns back into text with its nulls, and a code past the list is an error, not a wrong
    /// name.
    #[test]
    fn codes_are_as_narrow_as_the_list_allows() {
        for (n, physical) in [
            (5, CategoricalPhysical::U8),
            (300, CategoricalPhysical::U16),
            (70_000, CategoricalPhysical::U32),
        ] {
            let names_in_order: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
            let dt = cat_dtype(names_in_order.iter().map(String::as_str)).unwrap();
            assert_eq!(dt.cat_physical().unwrap(), physical);
            let last = n as u32 - 1;
            let col = cat_column("x", vec![Some(last), None, Some(0)], &dt).unwrap();
            assert_eq!(codes(&col).unwrap(), vec![Some(last), None, Some(0)]);
            assert_eq!(names(&col).unwrap(), names_in_order);
            let from_vec = cat_column_from_vec("x", vec![last, 1], &dt).unwrap();
            let array = CodeArray::of(&from_vec).unwrap();
            assert_eq!(
                (array.len(), array.get(0), array.get(1), array.get(2)),
                (2, Some(last), Some(1), None)
            );
            let df = DataFrame::new(3, vec![col]).unwrap();
            let text = stringify(&df).unwrap();
            let text: Vec<_> = text.column("x").unwrap().str().unwrap().iter().collect();
            let last_name = names_in_order[last as usize].as_str();
            assert_eq!(text, vec![Some(last_name), None, Some("n0")]);
            assert!(cat_column("x", vec![Some(n as u32)], &dt).is_err());
            assert!(cat_column_from_vec("x", vec![n as u32], &dt).is_err());
        }
    }

    #[test]
    fn dedup_keeps_first_order() {
        let (u, c) = dedup(["x", "y", "x", "z"]);
        assert_eq!(u, vec!["x", "y", "z"]);
        assert_eq!(c, vec![0, 1, 0, 2]);
    }
}
