//! The statistics behind every figure, each with its formula and edge cases (collected again
//! in docs/METHODS.md): pure functions of counts and values, and [`over`], which maps one of
//! them over a float column of a query.

use super::query::share;
use polars::prelude::*;

/// `f` of every value of a float column, nulls kept: the steps the Polars build has no
/// expression for (`log2`, `ln`: no `log` feature) and the distribution tails.
pub fn over(e: Expr, f: fn(f64) -> f64) -> Expr {
    let apply = move |c: Column| -> PolarsResult<Column> {
        let values = c.cast(&DataType::Float64)?;
        Ok(values.f64()?.apply_values(f).into_column())
    };
    e.map(apply, |_, field| {
        Ok(Field::new(field.name().clone(), DataType::Float64))
    })
}

/// Complementary error function, erfc(x) = 1 - erf(x).
///
/// Numerical Recipes `erfcc` (Chebyshev fit, Press et al. 2nd ed. §6.2): fractional error
/// below 1.2e-7 for every real x. For x < 0 uses erfc(x) = 2 - erfc(-x).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * (-z * z + poly).exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// Upper tail of the chi-square distribution with 1 degree of freedom:
/// P(X >= x) = erfc(sqrt(x / 2)). x <= 0 (or NaN) gives 1.
pub fn chi2_1_sf(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        1.0
    } else {
        erfc((x / 2.0).sqrt())
    }
}

/// Two-sided normal p-value of a z score: P(|Z| >= |z|) = erfc(|z| / sqrt 2).
pub fn normal_p(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// The two-sided p of |z| >= `z` rounded up to one significant digit, so that "p < bound"
/// holds for every |z| >= `z` (2.576 -> 0.00999... -> 0.01; 1.96 -> 0.05). Rounding goes
/// through the decimal text, so the bound prints as it reads (`0.01`, not `0.010000...02`).
pub fn p_bound(z: f64) -> f64 {
    let p = normal_p(z);
    let exp = p.log10().floor() as i32;
    let digit = (p / 10f64.powi(exp)).ceil();
    format!("{digit}e{exp}").parse().unwrap_or(p)
}

/// `num / den` of two counts, 0 when `den` is 0 (as the queries' [`share`]).
pub fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Shares s_i = c_i / sum c of the non-zero counts; empty when the total is 0.
fn shares(counts: &[u64]) -> Vec<f64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return Vec::new();
    }
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| *c as f64 / total as f64)
        .collect()
}

/// Shannon entropy H = -sum s_i ln s_i over the non-zero shares (nats). `None` when empty.
pub fn entropy(counts: &[u64]) -> Option<f64> {
    let s = shares(counts);
    (!s.is_empty()).then(|| -s.iter().map(|p| p * p.ln()).sum::<f64>())
}

/// Evenness (Pielou's J) = H / ln K, K = number of non-zero counts; 1 = perfectly even.
/// K = 0: `None`. K = 1: 0, since all coverage in one bucket is total concentration (HHI = 1).
pub fn evenness(counts: &[u64]) -> Option<f64> {
    let k = counts.iter().filter(|c| **c > 0).count();
    match k {
        0 => None,
        1 => Some(0.0),
        _ => entropy(counts).map(|h| (h / (k as f64).ln()).clamp(0.0, 1.0)),
    }
}

/// Herfindahl-Hirschman index HHI = sum s_i^2 over shares normalised to sum 1, in (0, 1];
/// 1/K for K equal buckets, 1 for one bucket. `None` when the total is 0.
pub fn hhi(counts: &[u64]) -> Option<f64> {
    let s = shares(counts);
    (!s.is_empty()).then(|| s.iter().map(|p| p * p).sum())
}

/// Share of the total held by the `k` largest counts. `None` when the total is 0.
pub fn top_share(counts: &[u64], k: usize) -> Option<f64> {
    let total: u64 = counts.iter().sum();
    let mut sorted = counts.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    (total > 0).then(|| sorted.iter().take(k).sum::<u64>() as f64 / total as f64)
}

/// Two-proportion z test of x1/n1 against x0/n0, `x0` and `x1` count columns, with the
/// pooled proportion p = (x0 + x1) / (n0 + n1): z = (x1/n1 - x0/n0) / sqrt(p (1 - p) (1/n0 +
/// 1/n1)). Null when n0 or n1 is 0; 0 when p is 0 or 1 (no variation to test). Every
/// quotient is `share`, the exact one.
pub fn two_proportion_z(x0: &str, n0: u64, x1: &str, n1: u64) -> Expr {
    if n0 == 0 || n1 == 0 {
        return lit(NULL).cast(DataType::Float64);
    }
    let (p0, p1) = (share(col(x0), lit(n0)), share(col(x1), lit(n1)));
    let p = share(col(x0) + col(x1), lit(n0 + n1));
    let var = p.clone() * (lit(1.0) - p) * lit(1.0 / n0 as f64 + 1.0 / n1 as f64);
    when(var.clone().lt_eq(lit(0.0)))
        .then(lit(0.0))
        .otherwise(share(p1 - p0, var.sqrt()))
}

/// Standard competition ranks ("1224") of values already sorted best first: equal values
/// share the rank of the first of them.
pub fn competition_ranks<T: PartialEq>(sorted: &[T]) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(sorted.len());
    for (i, v) in sorted.iter().enumerate() {
        let rank = if i > 0 && sorted[i - 1] == *v {
            ranks[i - 1]
        } else {
            i as u32 + 1
        };
        ranks.push(rank);
    }
    ranks
}
