//! Chart theme (render stage): font, sizes, the colour-blind-friendly palette and the diverging
//! NPMI scale, so every chart looks like part of one report.

use plotters::style::RGBColor;

/// Resolved by fontconfig; on Debian this is DejaVu Sans. SVG viewers substitute their own sans.
pub const FONT: &str = "sans-serif";

pub const TITLE_SIZE: f64 = 30.0;
pub const SUBTITLE_SIZE: f64 = 18.0;
pub const AXIS_TITLE_SIZE: f64 = 19.0;
pub const TICK_SIZE: f64 = 17.0;
pub const LEGEND_SIZE: f64 = 17.0;
pub const VALUE_SIZE: f64 = 16.0;

/// Outer margin of every canvas, in pixels.
pub const MARGIN: i32 = 28;
/// Widest a category label may be before it is cut with an ellipsis.
pub const MAX_LABEL_WIDTH: u32 = 300;
/// Most bars or points a chart draws: the analysis cuts its chart frames to that many.
pub const MAX_ROWS: usize = crate::analysis::bars::MAX_BARS as usize;
/// Most series a line or area chart draws; more would reuse palette colours.
pub const MAX_SERIES: usize = 10;

pub const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const MUTED: RGBColor = RGBColor(0x5F, 0x5F, 0x5F);
pub const AXIS: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);
pub const GRID: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Tableau 10, in Tableau's order: ten hues told apart by lightness as well as hue, so
/// neighbours stay distinct for the common forms of colour blindness.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4E, 0x79, 0xA7),
    RGBColor(0xF2, 0x8E, 0x2B),
    RGBColor(0xE1, 0x57, 0x59),
    RGBColor(0x76, 0xB7, 0xB2),
    RGBColor(0x59, 0xA1, 0x4F),
    RGBColor(0xED, 0xC9, 0x48),
    RGBColor(0xB0, 0x7A, 0xA1),
    RGBColor(0xFF, 0x9D, 0xA7),
    RGBColor(0x9C, 0x75, 0x5F),
    RGBColor(0xBA, 0xB0, 0xAC),
];

/// Palette colour `i`, wrapping around.
pub fn palette(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// ColorBrewer RdBu (colour-blind safe) stops at -1, -0.5, 0, 0.5, 1: blue for pairs seen
/// together less than chance, red for more.
const DIVERGING: [RGBColor; 5] = [
    RGBColor(0x21, 0x66, 0xAC),
    RGBColor(0x92, 0xC5, 0xDE),
    RGBColor(0xF7, 0xF7, 0xF7),
    RGBColor(0xF4, 0xA5, 0x82),
    RGBColor(0xB2, 0x18, 0x2B),
];

/// Colour of `v` on the diverging scale; `v` is clamped to [-1, 1] (NaN maps to 0).
pub fn diverging(v: f64) -> RGBColor {
    let v = if v.is_nan() { 0.0 } else { v.clamp(-1.0, 1.0) };
    let pos = (v + 1.0) * 2.0; // 0..=4 over the five stops
    let i = (pos.floor() as usize).min(3);
    let t = pos - i as f64;
    let (a, b) = (DIVERGING[i], DIVERGING[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text colour that stays readable on `fill` (white on dark fills, near-black otherwise).
pub fn text_on(fill: RGBColor) -> RGBColor {
    let luma = 0.299 * fill.0 as f64 + 0.587 * fill.1 as f64 + 0.114 * fill.2 as f64;
    if luma < 140.0 {
        BACKGROUND
    } else {
        TEXT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_hits_its_stops_and_clamps() {
        assert_eq!(diverging(-1.0), DIVERGING[0]);
        assert_eq!(diverging(0.0), DIVERGING[2]);
        assert_eq!(diverging(1.0), DIVERGING[4]);
        assert_eq!(diverging(7.0), DIVERGING[4]);
        assert_eq!(diverging(f64::NAN), DIVERGING[2]);
    }

    #[test]
    fn text_contrast() {
        assert_eq!(text_on(DIVERGING[0]), BACKGROUND);
        assert_eq!(text_on(DIVERGING[2]), TEXT);
    }
}
