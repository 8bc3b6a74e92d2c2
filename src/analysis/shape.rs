//! Trend shapes beyond a straight line: the statistics behind the `peaked` label, the `since`
//! period of `rising`/`falling` and the smoothed trend lines (the control of false alarms
//! across entities, the Benjamini-Hochberg q-values, is a query in `labels`). Pure functions
//! of an entity's period series (docs/METHODS.md section 6 collects the formulas).
//!
//! A series is the periods with article items, in time order: period k has n_k article items,
//! x_k of them naming the entity, and a score t_k (its calendar ordinal, so a gap keeps its
//! width).

use super::stats::{normal_p, ratio};

/// One period of an entity's series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Period score (calendar ordinal).
    pub t: f64,
    /// Article items in the period.
    pub n: u64,
    /// Of which mention the entity.
    pub x: u64,
}

/// The omnibus test of "the share is not constant": a linear and a curved component, each a
/// score test under a constant share, with one dispersion correction for both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapeTest {
    /// Cochran-Armitage z of the linear component (positive: rising).
    pub z_linear: f64,
    /// z of the quadratic component (negative: the share bends down, as a peak does).
    pub z_curve: f64,
    /// phi: scatter beyond both components per degree of freedom (1 when not estimable).
    pub dispersion: f64,
    /// Two-sided p of each component after the dispersion correction.
    pub p_linear: f64,
    pub p_curve: f64,
}

impl ShapeTest {
    const NONE: ShapeTest = ShapeTest {
        z_linear: 0.0,
        z_curve: 0.0,
        dispersion: 1.0,
        p_linear: 1.0,
        p_curve: 1.0,
    };

    /// The omnibus p by weighted Bonferroni over the two components, the linear one getting
    /// `linear_weight` of the error budget: `min(1, p_lin / w, p_cur / (1 - w))`. A weight
    /// outside (0, 1) is clamped to [0.01, 0.99].
    pub fn p_value(&self, linear_weight: f64) -> f64 {
        let w = linear_weight.clamp(0.01, 0.99);
        (self.p_linear / w).min(self.p_curve / (1.0 - w)).min(1.0)
    }

    /// z_lin / sqrt(max(1, phi)): the linear component after the dispersion correction.
    pub fn z_linear_adjusted(&self) -> f64 {
        self.z_linear / self.dispersion.max(1.0).sqrt()
    }
}

/// Runs the omnibus test on the periods with n > 0.
///
/// ```text
/// N = sum n_k, p = sum x_k / N, c_k = t_k - t_bar (t_bar weighted by n_k)
/// q_k = c_k^2, made orthogonal to 1 and c under the weights n_k:
///       q_k -= sum n q / N;  q_k -= (sum n q c / sum n c^2) c_k
/// z_lin = sum x_k c_k / sqrt(p (1 - p) sum n_k c_k^2)
/// z_cur = sum x_k q_k / sqrt(p (1 - p) sum n_k q_k^2)
/// X2    = sum (x_k - n_k p)^2 / (n_k p (1 - p))
/// phi   = max(0, X2 - z_lin^2 - z_cur^2) / (K - 3)      (K > 3, else 1)
/// p_lin = P(|Z| >= |z_lin| / s), p_cur = P(|Z| >= |z_cur| / s),  s = sqrt(max(1, phi))
/// ```
///
/// Under a constant share both z are standard normal and independent (orthogonal scores);
/// a straight-line change leaves z_cur near 0, a rise and fall makes it strongly negative.
/// Edge cases: fewer than 3 periods, X = 0 or X = N, or all scores equal: no evidence (p = 1).
pub fn shape_test(points: &[Point]) -> ShapeTest {
    let pts: Vec<&Point> = points.iter().filter(|p| p.n > 0).collect();
    let n: f64 = pts.iter().map(|p| p.n as f64).sum();
    let x: f64 = pts.iter().map(|p| p.x as f64).sum();
    if pts.len() < 3 || x <= 0.0 || x >= n {
        return ShapeTest::NONE;
    }
    let p = x / n;
    let var = p * (1.0 - p);
    let t_bar = pts.iter().map(|q| q.n as f64 * q.t).sum::<f64>() / n;
    let c: Vec<f64> = pts.iter().map(|q| q.t - t_bar).collect();
    let s_cc = weighted(&pts, |k| c[k] * c[k]);
    if s_cc <= 0.0 {
        return ShapeTest::NONE;
    }
    let mut q: Vec<f64> = c.iter().map(|c| c * c).collect();
    let q_bar = weighted(&pts, |k| q[k]) / n;
    q.iter_mut().for_each(|v| *v -= q_bar);
    let along = weighted(&pts, |k| q[k] * c[k]) / s_cc;
    q.iter_mut().zip(&c).for_each(|(v, c)| *v -= along * c);
    let s_qq = weighted(&pts, |k| q[k] * q[k]);
    let z_linear = score(&pts, &c) / (var * s_cc).sqrt();
    let z_curve = if s_qq > 1e-12 * s_cc * s_cc.max(1.0) {
        score(&pts, &q) / (var * s_qq).sqrt()
    } else {
        0.0
    };
    let x2: f64 = pts
        .iter()
        .map(|k| (k.x as f64 - k.n as f64 * p).powi(2) / (k.n as f64 * var))
        .sum();
    let dispersion = if pts.len() > 3 {
        ((x2 - z_linear * z_linear - z_curve * z_curve) / (pts.len() - 3) as f64).max(0.0)
    } else {
        1.0
    };
    let s = dispersion.max(1.0).sqrt();
    ShapeTest {
        z_linear,
        z_curve,
        dispersion,
        p_linear: normal_p(z_linear / s),
        p_curve: normal_p(z_curve / s),
    }
}

/// sum over periods of n_k f(k).
fn weighted(pts: &[&Point], f: impl Fn(usize) -> f64) -> f64 {
    pts.iter().enumerate().map(|(k, p)| p.n as f64 * f(k)).sum()
}

/// sum over periods of x_k s_k.
fn score(pts: &[&Point], s: &[f64]) -> f64 {
    pts.iter().zip(s).map(|(p, s)| p.x as f64 * s).sum()
}

/// The centred rolling share: for each period, sum x / sum n over the `window` periods centred
/// on it (window rounded up to odd; at the ends, the part of the window that exists). Pooling
/// the counts weighs each period by its items, so a thin partial period moves the line little.
/// A period with n = 0 in the window adds nothing; a window with no items gives 0.
pub fn rolling_share(x: &[u64], n: &[u64], window: usize) -> Vec<f64> {
    let half = window.max(1) / 2;
    let len = x.len().min(n.len());
    (0..len)
        .map(|i| {
            let (lo, hi) = (i.saturating_sub(half), (i + half + 1).min(len));
            ratio(x[lo..hi].iter().sum(), n[lo..hi].iter().sum())
        })
        .collect()
}

/// How far a peak must stand above both ends of the smoothed series to count (2: the share
/// at the peak is at least twice the share at the start and at the end).
pub const PEAK_RISE: f64 = 2.0;

/// The period where the share peaked, if it rose to a maximum and fell back: the maximum of
/// the rolling share (`window` periods) is not among the first or last two periods and is at
/// least `rise` (`PEAK_RISE` by default) times the mean rolling share of both the first and the last tenth of the
/// periods (at least one period each). Index into `points`; ties take the earliest.
pub fn peak(points: &[Point], window: usize, rise: f64) -> Option<usize> {
    let k = points.len();
    if k < 5 {
        return None;
    }
    let x: Vec<u64> = points.iter().map(|p| p.x).collect();
    let n: Vec<u64> = points.iter().map(|p| p.n).collect();
    let line = rolling_share(&x, &n, window);
    let top = (0..k).fold(0, |best, i| if line[i] > line[best] { i } else { best });
    let tenth = (k / 10).max(1);
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let (start, end) = (mean(&line[..tenth]), mean(&line[k - tenth..]));
    let interior = top >= 2 && top + 2 < k;
    (interior && line[top] > 0.0 && line[top] >= rise * start && line[top] >= rise * end)
        .then_some(top)
}

/// Where a rise or fall began. Two models of the share are fitted by binomial likelihood
/// (identity link): a straight line over the whole window, and a hinge, flat up to a break
/// period tau then a straight line (`p = a + b max(0, t - tau)`), with tau each period but the
/// first and last two. The hinge's best tau is the start when it beats the line by the BIC's
/// price for one more parameter, `2 (ll_hinge - ll_line) / max(1, phi) > ln K`, and its slope
/// has the sign of `rising`; otherwise the change ran the whole window and starts at the
/// first period. Index into `points` (periods with n > 0).
pub fn change_start(points: &[Point], rising: bool, dispersion: f64) -> usize {
    let pts: Vec<&Point> = points.iter().filter(|p| p.n > 0).collect();
    let k = pts.len();
    if k < 6 {
        return 0;
    }
    let t: Vec<f64> = pts.iter().map(|p| p.t).collect();
    let line = fit_line(&pts, &t);
    let hinge_at = |at: usize| {
        let h: Vec<f64> = t.iter().map(|&v| (v - t[at]).max(0.0)).collect();
        fit_line(&pts, &h)
    };
    let Some((at, hinge)) = best_break(2..k - 2, hinge_at) else {
        return 0;
    };
    let gain = 2.0 * (hinge.ll - line.ll) / dispersion.max(1.0);
    let direction = if rising {
        hinge.slope > 0.0
    } else {
        hinge.slope < 0.0
    };
    let nth = if gain > (k as f64).ln() && direction {
        at
    } else {
        0
    };
    // Index among all points of the nth period with items.
    let mut with_items = points.iter().enumerate().filter(|(_, p)| p.n > 0);
    with_items.nth(nth).map_or(0, |(i, _)| i)
}

/// Breaks tried one by one up to this many candidates (every series of up to 21 years of
/// months); beyond, coarse to fine (`best_break`).
const EXHAUSTIVE: usize = 256;

/// The break in `range` whose hinge fits best (highest log-likelihood; ties: the earliest).
/// Each fit costs O(K), so trying all K breaks is O(K^2): fine for the periods of a real
/// archive, but the 100 MiB synthetic one has 5,000 months. With more than `EXHAUSTIVE`
/// candidates: every step-th break (64 in all), then the breaks within one step of the best
/// at a sixteenth of the step, and so on down to step 1: O(K log K) fits' worth of work, and
/// the same answer whenever the likelihood has one peak at the coarse scale.
fn best_break(range: std::ops::Range<usize>, fit: impl Fn(usize) -> Fit) -> Option<(usize, Fit)> {
    let (mut lo, mut hi) = (range.start, range.end);
    let span = hi.saturating_sub(lo);
    let mut step = if span <= EXHAUSTIVE {
        1
    } else {
        span.div_ceil(64)
    };
    loop {
        let mut best: Option<(usize, Fit)> = None;
        for at in (lo..hi).step_by(step) {
            let f = fit(at);
            if best.as_ref().is_none_or(|(_, b)| f.ll > b.ll) {
                best = Some((at, f));
            }
        }
        let (at, f) = best?;
        if step == 1 {
            return Some((at, f));
        }
        (lo, hi) = (
            at.saturating_sub(step).max(range.start),
            (at + step + 1).min(range.end),
        );
        step = (step / 16).max(1);
    }
}

/// A fitted straight line of the share against one regressor, and its log-likelihood.
struct Fit {
    slope: f64,
    ll: f64,
}

/// Binomial maximum likelihood with an identity link, `p_k = a + b h_k`, by iteratively
/// reweighted least squares (weights n_k / (p_k (1 - p_k)), fitted shares kept inside
/// [1e-4, 1 - 1e-4]); four iterations from the constant share settle it to far below the
/// differences the BIC compares.
fn fit_line(pts: &[&Point], h: &[f64]) -> Fit {
    let (nx, nn): (f64, f64) = pts
        .iter()
        .fold((0.0, 0.0), |(a, b), p| (a + p.x as f64, b + p.n as f64));
    let p0 = (nx / nn).clamp(1e-4, 1.0 - 1e-4);
    let mut mu: Vec<f64> = vec![p0; pts.len()];
    let mut b = 0.0;
    for _ in 0..4 {
        let (mut sw, mut swh, mut swhh, mut swy, mut swhy) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for ((p, &h), &m) in pts.iter().zip(h).zip(&mu) {
            let w = p.n as f64 / (m * (1.0 - m));
            let y = p.x as f64 / p.n as f64;
            sw += w;
            swh += w * h;
            swhh += w * h * h;
            swy += w * y;
            swhy += w * h * y;
        }
        let det = sw * swhh - swh * swh;
        if det.abs() < 1e-12 {
            break;
        }
        b = (sw * swhy - swh * swy) / det;
        let a = (swy - b * swh) / sw;
        for (m, &h) in mu.iter_mut().zip(h) {
            *m = (a + b * h).clamp(1e-4, 1.0 - 1e-4);
        }
    }
    let ll = pts
        .iter()
        .zip(&mu)
        .map(|(p, &m)| p.x as f64 * m.ln() + (p.n - p.x) as f64 * (1.0 - m).ln())
        .sum();
    Fit { slope: b, ll }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(x: &[u64], n: &[u64]) -> Vec<Point> {
        x.iter()
            .zip(n)
            .enumerate()
            .map(|(i, (&x, &n))| Point { t: i as f64, n, x })
            .collect()
    }

    #[test]
    fn rolling_share_pools_counts_and_shrinks_at_the_ends() {
        let r = rolling_share(&[1, 3, 0, 4], &[10, 10, 0, 20], 3);
        // (1+3)/20, (1+3+0)/20, (3+0+4)/30, (0+4)/20
        for (got, want) in r.iter().zip([0.2, 0.2, 7.0 / 30.0, 0.2]) {
            assert!((got - want).abs() < 1e-12, "{r:?}");
        }
        assert_eq!(rolling_share(&[2], &[0], 5), [0.0]);
        assert_eq!(rolling_share(&[1, 1], &[4, 4], 1), [0.25, 0.25]);
    }

    #[test]
    fn a_rise_and_fall_bends_down_and_peaks_inside() {
        let x = [2, 3, 6, 12, 20, 24, 20, 12, 6, 3, 2, 2];
        let series = pts(&x, &[100; 12]);
        let test = shape_test(&series);
        assert!(test.z_curve < -5.0 && test.z_linear.abs() < 2.0, "{test:?}");
        assert!(test.p_value(0.9) < 1e-3 && test.p_curve < 1e-3, "{test:?}");
        assert_eq!(peak(&series, 3, PEAK_RISE), Some(5));
        // A straight rise has no peak and no bend.
        let rise = pts(&[2, 4, 6, 8, 10, 12, 14, 16, 18, 20], &[100; 10]);
        let t = shape_test(&rise);
        assert!(t.z_linear > 5.0 && t.z_curve.abs() < 1.0, "{t:?}");
        assert_eq!(peak(&rise, 3, PEAK_RISE), None);
    }

    #[test]
    fn hand_worked_linear_series() {
        // x = 1,2,3 of n = 10 each, t = 0,1,2: p = 0.2, t_bar = 1, S_cc = 20, T = 2,
        // z_lin = 2 / sqrt(0.2 * 0.8 * 20) = 1.118034 (the Cochran-Armitage z); K = 3 leaves
        // no degree of freedom for phi, so it is 1.
        let t = shape_test(&pts(&[1, 2, 3], &[10, 10, 10]));
        assert!((t.z_linear - 1.118_034).abs() < 1e-6, "{t:?}");
        assert_eq!((t.dispersion, t.z_linear_adjusted()), (1.0, t.z_linear));
    }

    #[test]
    fn a_constant_share_has_no_evidence() {
        let flat = pts(&[5; 8], &[100; 8]);
        let t = shape_test(&flat);
        assert!(t.z_linear.abs() < 1e-9 && t.z_curve.abs() < 1e-9 && t.p_value(0.9) == 1.0);
        assert_eq!(shape_test(&pts(&[0, 0, 0], &[5, 5, 5])), ShapeTest::NONE);
        assert_eq!(shape_test(&pts(&[1, 2], &[5, 5])), ShapeTest::NONE);
    }

    #[test]
    fn a_late_rise_starts_where_it_left_the_flat() {
        // Flat at 1% for 12 periods, then up 3 points a period: the line leaves the flat at
        // the last flat period, 11.
        let mut x = vec![1; 12];
        x.extend((1..=8).map(|i| 1 + 3 * i));
        let series = pts(&x, &[100; 20]);
        assert_eq!(change_start(&series, true, 1.0), 11);
        // A straight rise from the start starts at the first period.
        let rise = pts(&[2, 4, 6, 8, 10, 12, 14, 16, 18, 20], &[100; 10]);
        assert_eq!(change_start(&rise, true, 1.0), 0);
        // The hinge must have the asked direction.
        assert_eq!(change_start(&series, false, 1.0), 0);
    }

    #[test]
    fn a_long_series_finds_its_break_coarse_to_fine() {
        // 600 periods (beyond the exhaustive search): flat at 1% to period 400, then up a
        // point every 15 periods. Coarse to fine finds the break trying every one would.
        let x: Vec<u64> = (0..600u64)
            .map(|i| 1 + i.saturating_sub(400) / 15)
            .collect();
        let series = pts(&x, &[100; 600]);
        let refs: Vec<&Point> = series.iter().collect();
        let t: Vec<f64> = series.iter().map(|p| p.t).collect();
        let ll = |at: usize| {
            let h: Vec<f64> = t.iter().map(|&v| (v - t[at]).max(0.0)).collect();
            fit_line(&refs, &h).ll
        };
        let lls: Vec<f64> = (2..598).map(ll).collect();
        let every = 2 + (0..lls.len()).fold(0, |b, i| if lls[i] > lls[b] { i } else { b });
        assert_eq!(change_start(&series, true, 1.0), every);
        assert!((400..=415).contains(&every), "{every}");
    }
}
