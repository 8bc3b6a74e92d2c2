//! The Cochran-Armitage test for a linear trend in proportions across ordered periods, with a
//! quasi-binomial correction for overdispersion: the linear component of the labels' shape
//! test (`shape::shape_test`), kept as the reference formula, and the test points' type.
//!
//! Period k has n_k article items, x_k of them mentioning the entity, and a score t_k (its
//! calendar ordinal, so a skipped month leaves a gap in the scores instead of being closed up).
//! With N = sum n_k, X = sum x_k, p = X / N and t_bar = sum n_k t_k / N:
//!
//! ```text
//! T   = sum x_k (t_k - t_bar)
//! Var = p (1 - p) sum n_k (t_k - t_bar)^2
//! z   = T / sqrt(Var)                         (trend chi-square = z^2, 1 df)
//! X2  = sum (x_k - n_k p)^2 / (n_k p (1 - p))  (homogeneity, K - 1 df)
//! phi = (X2 - z^2) / (K - 2)                   (departure from the line, per df)
//! z_adj = z / sqrt(max(1, phi))
//! ```
//!
//! Uneven issue lengths are handled natively: every period is weighted by its own n_k, and a
//! partial last period simply has a small n_k (its proportion is never extrapolated).
//! Periods with n_k = 0 contribute nothing and are skipped. Items of one issue are not
//! independent (a hot topic fills several items of an issue), which makes z too large; the
//! dispersion phi measured from the scatter around the fitted line scales it back, so a noisy
//! steady entity is not called rising. phi is only estimated when K > 2 (else 1).
//!
//! Edge cases: fewer than 2 periods with items, X = 0, X = N, or all scores equal: z = 0.

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

/// Result of the trend test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendTest {
    /// Cochran-Armitage z (positive = rising share).
    pub z: f64,
    /// Dispersion phi (>= 0; 1 when not estimable).
    pub dispersion: f64,
    /// z / sqrt(max(1, phi)): the statistic the labels use.
    pub z_adj: f64,
    /// Two-sided p-value of z_adj.
    pub p_value: f64,
}

impl TrendTest {
    const NONE: TrendTest = TrendTest {
        z: 0.0,
        dispersion: 1.0,
        z_adj: 0.0,
        p_value: 1.0,
    };
}

/// Runs the test on the periods with n > 0.
pub fn cochran_armitage(points: &[Point]) -> TrendTest {
    let pts: Vec<&Point> = points.iter().filter(|p| p.n > 0).collect();
    let n: f64 = pts.iter().map(|p| p.n as f64).sum();
    let x: f64 = pts.iter().map(|p| p.x as f64).sum();
    if pts.len() < 2 || x <= 0.0 || x >= n {
        return TrendTest::NONE;
    }
    let p = x / n;
    let t_bar = pts.iter().map(|q| q.n as f64 * q.t).sum::<f64>() / n;
    let s_tt: f64 = pts.iter().map(|q| q.n as f64 * (q.t - t_bar).powi(2)).sum();
    if s_tt <= 0.0 {
        return TrendTest::NONE;
    }
    let t: f64 = pts.iter().map(|q| q.x as f64 * (q.t - t_bar)).sum();
    let z = t / (p * (1.0 - p) * s_tt).sqrt();
    let x2: f64 = pts
        .iter()
        .map(|q| (q.x as f64 - q.n as f64 * p).powi(2) / (q.n as f64 * p * (1.0 - p)))
        .sum();
    let dispersion = if pts.len() > 2 {
        ((x2 - z * z) / (pts.len() - 2) as f64).max(0.0)
    } else {
        1.0
    };
    let z_adj = z / dispersion.max(1.0).sqrt();
    TrendTest {
        z,
        dispersion,
        z_adj,
        p_value: super::stats::normal_p(z_adj),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(x: &[u64], n: &[u64]) -> Vec<Point> {
        x.iter()
            .zip(n)
            .enumerate()
            .map(|(i, (x, n))| Point {
                t: i as f64,
                n: *n,
                x: *x,
            })
            .collect()
    }

    #[test]
    fn hand_worked_linear_series() {
        // x = 1,2,3 of n = 10 each, t = 0,1,2: p = 0.2, t_bar = 1, S_tt = 20, T = 2,
        // Var = 0.2 * 0.8 * 20 = 3.2, z = 2 / sqrt(3.2) = 1.118034; X2 = 0.625 + 0 + 0.625 = z^2,
        // so the departure is 0 and z_adj = z.
        let r = cochran_armitage(&pts(&[1, 2, 3], &[10, 10, 10]));
        assert!((r.z - 1.118_034).abs() < 1e-6);
        assert!(r.dispersion.abs() < 1e-12);
        assert_eq!(r.z_adj, r.z);
    }

    #[test]
    fn edge_cases_give_no_trend() {
        assert_eq!(cochran_armitage(&pts(&[3], &[10])), TrendTest::NONE);
        assert_eq!(
            cochran_armitage(&pts(&[0, 0, 0], &[5, 5, 5])),
            TrendTest::NONE
        );
        assert_eq!(cochran_armitage(&pts(&[5, 5], &[5, 5])), TrendTest::NONE);
        assert_eq!(cochran_armitage(&[]), TrendTest::NONE);
    }

    #[test]
    fn zero_periods_are_skipped_and_scatter_shrinks_z() {
        let with_gap = cochran_armitage(&pts(&[1, 0, 2, 3], &[10, 0, 10, 10]));
        assert!(with_gap.z > 0.0);
        // Up-down-up scatter around a weak slope: phi > 1, so |z_adj| < |z|.
        let noisy = cochran_armitage(&pts(&[0, 9, 0, 9, 1, 9], &[10; 6]));
        assert!(noisy.dispersion > 1.0 && noisy.z_adj.abs() < noisy.z.abs());
    }
}
