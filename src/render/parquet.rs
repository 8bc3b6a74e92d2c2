//! Parquet tables (render stage): a Polars frame to Parquet bytes, when the binary is built
//! with the `parquet` cargo feature; without it, a clear error that says how to get it.
//!
//! The feature is off by default because it compiles Polars' Parquet reader and writer and
//! their compression codecs (zstd, lz4, brotli, snappy, gzip): about ten more minutes on a
//! 2-core machine, measured once with a warm dependency cache. Columns keep their Polars
//! types, unlike CSV where everything becomes text.

use crate::render::error::RenderError;
use polars::prelude::DataFrame;

/// Renders `df` as Parquet bytes with Polars' default writer settings (Zstd compression,
/// column statistics); `table` names it in errors. Row order is the frame's.
#[cfg(feature = "parquet")]
pub fn to_parquet(table: &str, df: &DataFrame) -> Result<Vec<u8>, RenderError> {
    use polars::prelude::ParquetWriter;
    let mut frame = df.clone();
    let mut out = Vec::new();
    ParquetWriter::new(&mut out)
        .finish(&mut frame)
        .map_err(|source| RenderError::Polars {
            table: table.to_string(),
            step: "write Parquet",
            source,
        })?;
    Ok(out)
}

/// Without the `parquet` feature: always [`RenderError::ParquetUnavailable`].
#[cfg(not(feature = "parquet"))]
pub fn to_parquet(table: &str, _df: &DataFrame) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::ParquetUnavailable {
        table: table.to_string(),
    })
}

/// Whether this build can write Parquet, so the CLI can refuse `--table-format parquet`
/// before doing any work.
pub const fn available() -> bool {
    cfg!(feature = "parquet")
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    fn frame() -> DataFrame {
        let entity = Column::new("entity".into(), ["Kafka", "Spark"]);
        let items = Column::new("items".into(), [12u32, 7]);
        DataFrame::new_infer_height(vec![entity, items]).expect("frame")
    }

    #[cfg(not(feature = "parquet"))]
    #[test]
    fn without_feature_the_error_says_how_to_get_it() {
        let err = to_parquet("entities", &frame()).expect_err("no parquet in this build");
        let text = err.to_string();
        assert!(
            text.contains("entities") && text.contains("--features parquet"),
            "{text}"
        );
        assert!(!available());
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn writes_a_parquet_file_deterministically() {
        let a = to_parquet("entities", &frame()).expect("parquet");
        let b = to_parquet("entities", &frame()).expect("parquet");
        assert_eq!(&a[..4], b"PAR1");
        assert_eq!(&a[a.len() - 4..], b"PAR1");
        assert_eq!(a, b);
        assert!(available());
        let back = ParquetReader::new(std::io::Cursor::new(a))
            .finish()
            .expect("reads back");
        assert!(back.equals(&frame()), "{back}");
    }
}
