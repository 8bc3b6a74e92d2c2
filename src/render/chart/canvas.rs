//! What every chart kind shares (render stage): the drawing area and result types, the
//! [`Draw`] trait, the SVG and PNG writers and the `outputs!` macro giving a chart type its
//! `svg()` and `png()`. A leaf beside the chart kinds: it imports only the leaves `theme`
//! and `bitmap`, never the chart module that declares it.

use super::{bitmap, theme};
use crate::render::error::RenderError;
use image::{codecs::png::PngEncoder, ColorType, ImageEncoder};
use plotters::coord::Shift;
use plotters::prelude::*;

pub type Area<DB> = DrawingArea<DB, Shift>;
pub type Res<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;
pub type DrawResult<DB> = Res<(), DB>;

/// What every chart kind provides to the shared SVG and PNG writers.
pub(crate) trait Draw {
    /// Names the chart kind in errors.
    const KIND: &'static str;
    /// Canvas size in pixels (width, height).
    const SIZE: (u32, u32);
    /// Draws the whole chart on a white canvas of [`Draw::SIZE`].
    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>) -> DrawResult<DB>;
    /// Rejects input that is a caller bug (not merely empty or odd data).
    fn check(&self) -> Result<(), RenderError> {
        Ok(())
    }
}

/// Adds the public `SIZE`, `svg()` and `png()` to a chart type.
macro_rules! outputs {
    ($t:ty) => {
        impl $t {
            /// Canvas size in pixels (width, height), fixed for this chart kind.
            pub const SIZE: (u32, u32) = <$t as $crate::render::chart::canvas::Draw>::SIZE;

            /// Renders the chart as a standalone SVG document.
            pub fn svg(&self) -> Result<String, $crate::render::error::RenderError> {
                $crate::render::chart::canvas::to_svg(self)
            }

            /// Renders the chart as PNG bytes (8-bit RGB, [`Self::SIZE`] pixels).
            pub fn png(&self) -> Result<Vec<u8>, $crate::render::error::RenderError> {
                $crate::render::chart::canvas::to_png(self)
            }
        }
    };
}
pub(crate) use outputs;

/// A chart error of kind `C`: a caller bug the chart refuses to draw.
pub(crate) fn chart_error<C: Draw>(e: impl std::fmt::Display) -> RenderError {
    RenderError::Chart {
        chart: C::KIND.to_string(),
        message: e.to_string(),
    }
}

fn paint<C: Draw, DB: DrawingBackend>(chart: &C, area: &Area<DB>) -> DrawResult<DB> {
    area.fill(&theme::BACKGROUND)?;
    chart.draw(area)?;
    area.present()
}

pub(crate) fn to_svg<C: Draw>(chart: &C) -> Result<String, RenderError> {
    chart.check()?;
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, C::SIZE).into_drawing_area();
        paint(chart, &area).map_err(chart_error::<C>)?;
    }
    Ok(out)
}

pub(crate) fn to_png<C: Draw>(chart: &C) -> Result<Vec<u8>, RenderError> {
    chart.check()?;
    let (w, h) = C::SIZE;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let canvas = bitmap::Bitmap(BitMapBackend::with_buffer(&mut rgb, (w, h)));
        let area = canvas.into_drawing_area();
        paint(chart, &area).map_err(chart_error::<C>)?;
    }
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&rgb, w, h, ColorType::Rgb8)
        .map_err(chart_error::<C>)?;
    Ok(out)
}

/// `charts/<name>.svg` and `charts/<name>.png` of `chart`, as (path, bytes).
pub(crate) fn files<C: Draw>(name: &str, chart: &C) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    Ok(vec![
        (format!("charts/{name}.svg"), to_svg(chart)?.into_bytes()),
        (format!("charts/{name}.png"), to_png(chart)?),
    ])
}

/// Rejects rows a chart of kind `C` cannot draw, a caller bug: more than
/// [`theme::MAX_ROWS`] (the analysis cuts its chart frames to that many) or a NaN or
/// infinite value (the analysis' chart values are finite).
pub fn drawable<C: Draw>(
    rows: usize,
    mut values: impl Iterator<Item = f64>,
) -> Result<(), RenderError> {
    at_most::<C>(rows, theme::MAX_ROWS, "rows")?;
    match values.find(|v| !v.is_finite()) {
        Some(v) => Err(chart_error::<C>(format!(
            "a value is {v}; chart values must be finite"
        ))),
        None => Ok(()),
    }
}

/// Rejects more than `max` `what` (rows, series, entities) for a chart of kind `C`: the
/// analysis picks at most that many, so more is a caller bug, not something to cut here.
pub fn at_most<C: Draw>(n: usize, max: usize, what: &str) -> Result<(), RenderError> {
    if n <= max {
        return Ok(());
    }
    Err(chart_error::<C>(format!(
        "{n} {what}, more than the {max} a chart draws"
    )))
}

/// Values that can be drawn: finite ones. NaN and infinities count as missing.
pub fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}
