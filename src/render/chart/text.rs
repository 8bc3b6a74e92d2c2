//! Text on charts (render stage): font styles, measuring, fitting long names with an ellipsis,
//! the title block and the "no data" canvas.

use super::canvas::{Area, DrawResult, Res};
use super::theme::{self, MARGIN, MUTED, TEXT};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A text style of `size` pixels in `color`, anchored at (`h`, `v`).
pub fn style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let font: FontDesc<'static> = (theme::FONT, size).into_font();
    font.color(color).pos(Pos::new(h, v))
}

/// Bold variant of [`style`], for titles.
pub fn bold(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    let font: FontDesc<'static> = (theme::FONT, size, FontStyle::Bold).into_font();
    font.color(color).pos(Pos::new(h, v))
}

/// Width in pixels of `text` as `style` lays it out (the same on every backend).
pub fn width<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle) -> Res<u32, DB> {
    if text.is_empty() {
        return Ok(0);
    }
    Ok(area.estimate_text_size(text, style)?.0)
}

/// Widest of `texts` in pixels.
pub fn widest<'t, DB: DrawingBackend>(
    area: &Area<DB>,
    texts: impl IntoIterator<Item = &'t str>,
    style: &TextStyle,
) -> Res<u32, DB> {
    texts
        .into_iter()
        .try_fold(0, |max, t| Ok(max.max(width(area, t, style)?)))
}

/// `text` unchanged if it fits in `max` pixels, else its longest prefix that fits with "…".
pub fn fit<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle,
    max: u32,
) -> Res<String, DB> {
    if width(area, text, style)? <= max {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| format!("{}…", chars[..n].iter().collect::<String>().trim_end());
    // Binary search for the longest prefix whose cut form fits; width grows with length.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(area, &cut(mid), style)? <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Ok(cut(lo))
}

/// Draws the title (and optional subtitle) at the top left; returns the y where content starts.
pub fn header<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    subtitle: Option<&str>,
) -> Res<i32, DB> {
    let max = area.dim_in_pixel().0.saturating_sub(2 * MARGIN as u32);
    let title_style = bold(theme::TITLE_SIZE, &TEXT, HPos::Left, VPos::Top);
    let title = fit(area, title, &title_style, max)?;
    area.draw_text(&title, &title_style, (MARGIN, MARGIN - 6))?;
    let mut y = MARGIN - 6 + theme::TITLE_SIZE as i32 + 8;
    if let Some(sub) = subtitle.filter(|s| !s.is_empty()) {
        let sub_style = style(theme::SUBTITLE_SIZE, &MUTED, HPos::Left, VPos::Top);
        let sub = fit(area, sub, &sub_style, max)?;
        area.draw_text(&sub, &sub_style, (MARGIN, y))?;
        y += theme::SUBTITLE_SIZE as i32 + 8;
    }
    Ok(y + 8)
}

/// A canvas with the title and a centred "No data" note, for charts with nothing to show.
pub fn no_data<DB: DrawingBackend>(area: &Area<DB>, title: &str) -> DrawResult<DB> {
    header(area, title, None)?;
    let (w, h) = area.dim_in_pixel();
    let note = style(22.0, &MUTED, HPos::Center, VPos::Center);
    area.draw_text("No data", &note, (w as i32 / 2, h as i32 / 2))?;
    Ok(())
}

/// Font size for per-row text in bands `band` pixels tall: `base`, shrunk so rows never
/// touch when there are many.
pub fn row_size(base: f64, band: f64) -> f64 {
    base.min(band * 0.78).max(8.0)
}

/// Subtitle noting that the `shown` rows or series drawn are the first of `total`.
pub fn shown_note(shown: usize, total: Option<usize>, what: &str) -> Option<String> {
    let total = total.filter(|&t| t > shown)?;
    Some(format!("Showing the first {shown} of {total} {what}"))
}
