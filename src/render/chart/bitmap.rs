//! The PNG canvas (render stage): plotters' bitmap backend, except for lines wider than a
//! pixel, which it draws unevenly.
//!
//! plotters turns a wide path into a polygon whose corners it rounds to whole pixels, so each
//! edge of a 3-pixel line lands up to half a pixel in or out: on a trend line some segments
//! came out 3 pixels thick and others 5, depending on their slope and position. Here a wide
//! path covers exactly the pixels whose centre lies within half the stroke width of one of
//! its segments (each segment a capsule, so joins and ends are round), each pixel once, so
//! every segment is equally thick, as in the SVG, whose viewers stroke the path themselves.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, DrawingErrorKind};
use std::collections::BTreeSet;

/// [`BitMapBackend`] with even wide lines.
pub struct Bitmap<'a>(pub BitMapBackend<'a>);

type Drawn = Result<(), DrawingErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;

impl DrawingBackend for Bitmap<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Drawn {
        self.0.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, s: &S) -> Drawn {
        self.0.draw_line(from, to, s)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        self.0.blit_bitmap(pos, size, src)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if style.stroke_width() <= 1 {
            return self.0.draw_path(path, style);
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let r = f64::from(style.stroke_width()) / 2.0;
        let mut covered = BTreeSet::new();
        for pair in points.windows(2) {
            capsule(pair[0], pair[1], r, &mut covered);
        }
        for p in covered {
            self.0.draw_pixel(p, style.color())?;
        }
        Ok(())
    }
}

/// Adds to `covered` the pixels within `r` of the segment from `a` to `b`.
fn capsule(a: BackendCoord, b: BackendCoord, r: f64, covered: &mut BTreeSet<BackendCoord>) {
    let reach = r.ceil() as i32;
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let len2 = dx * dx + dy * dy;
    for x in a.0.min(b.0) - reach..=a.0.max(b.0) + reach {
        for y in a.1.min(b.1) - reach..=a.1.max(b.1) + reach {
            let (px, py) = (f64::from(x - a.0), f64::from(y - a.1));
            // The nearest point of the segment is a + t (b - a), t clamped to [0, 1].
            let t = if len2 == 0.0 {
                0.0
            } else {
                ((px * dx + py * dy) / len2).clamp(0.0, 1.0)
            };
            let (ex, ey) = (px - t * dx, py - t * dy);
            if ex * ex + ey * ey <= r * r {
                covered.insert((x, y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trend line of the 3 MiB synth archive's chart (Kafka), whose segments plotters'
    /// own bitmap backend drew between 1.9 and 4.1 pixels thick.
    const KAFKA: [BackendCoord; 13] = [
        (103, 170),
        (180, 173),
        (257, 210),
        (333, 205),
        (410, 175),
        (487, 160),
        (564, 119),
        (640, 161),
        (717, 149),
        (794, 190),
        (871, 183),
        (947, 200),
        (1024, 196),
    ];

    #[test]
    fn segments_of_every_slope_are_equally_thick() {
        let (w, h) = (1100, 300);
        let mut rgb = vec![255u8; w * h * 3];
        {
            let canvas = Bitmap(BitMapBackend::with_buffer(&mut rgb, (w as u32, h as u32)));
            let style = ShapeStyle::from(BLACK).stroke_width(3);
            let area = canvas.into_drawing_area();
            area.draw(&PathElement::new(KAFKA.to_vec(), style))
                .expect("draws");
        }
        for s in KAFKA.windows(2) {
            // Painted pixels per column, away from the joins, times the cosine of the slope.
            let ((x0, y0), (x1, y1)) = (s[0], s[1]);
            let slope = f64::from(y1 - y0) / f64::from(x1 - x0);
            let columns = (x0 + 8) as usize..(x1 - 8) as usize;
            let painted: usize = columns
                .clone()
                .map(|x| (0..h).filter(|y| rgb[(y * w + x) * 3] == 0).count())
                .sum();
            let across = painted as f64 / columns.len() as f64 / (1.0 + slope * slope).sqrt();
            assert!((2.9..=3.1).contains(&across), "{s:?}: {across}");
        }
    }
}
