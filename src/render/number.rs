//! Number formatting for reports and charts (render stage): thousands separators, fixed
//! decimals and percentages, written the same way everywhere and never as "-0.0".

/// Written for NaN and infinities, which have no meaningful rounded form.
pub const NOT_AVAILABLE: &str = "n/a";

/// An integer with comma thousands separators: `1234567` -> `1,234,567`.
pub fn thousands(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let grouped = group_digits(&n.unsigned_abs().to_string());
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// `"1234567"` -> `"1,234,567"`; `digits` must be ASCII digits.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `v` rounded to `decimals` places with thousands separators: `12345.678, 1` -> `12,345.7`.
/// Rounding is Rust's (round half to even on the binary value); a result that rounds to zero
/// is written without a minus sign. NaN and infinities give [`NOT_AVAILABLE`].
pub fn decimal(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let fixed = strip_negative_zero(format!("{:.*}", decimals, v));
    let (sign, body) = match fixed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", fixed.as_str()),
    };
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    let grouped = group_digits(int);
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value that is already a percentage, with one decimal: `12.345` -> `12.3%`.
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    format!("{}%", decimal(p, 1))
}

/// A fraction in [0, 1] as a percentage with one decimal: `0.12345` -> `12.3%`.
pub fn fraction_percent(f: f64) -> String {
    percent(f * 100.0)
}

/// A difference of percentages, signed, in percentage points: `1.25` -> `+1.2 pp`.
pub fn points(d: f64) -> String {
    if !d.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let s = decimal(d, 1);
    if s.starts_with('-') || s.trim_start_matches(['0', '.']).is_empty() {
        format!("{s} pp")
    } else {
        format!("+{s} pp")
    }
}

/// `-0.00` -> `0.00`: a value that rounds to zero has no sign.
pub(crate) fn strip_negative_zero(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_by_three() {
        assert_eq!(thousands(0u32), "0");
        assert_eq!(thousands(999u32), "999");
        assert_eq!(thousands(1000u32), "1,000");
        assert_eq!(thousands(-1234567i64), "-1,234,567");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn decimals_round_and_drop_negative_zero() {
        assert_eq!(decimal(12345.678, 1), "12,345.7");
        assert_eq!(decimal(-0.004, 2), "0.00");
        assert_eq!(decimal(-1234.5, 0), "-1,234");
        assert_eq!(decimal(f64::NAN, 2), "n/a");
    }

    #[test]
    fn percents_and_points() {
        assert_eq!(percent(12.345), "12.3%");
        assert_eq!(fraction_percent(0.5), "50.0%");
        assert_eq!(percent(f64::INFINITY), "n/a");
        assert_eq!(points(1.25), "+1.2 pp");
        assert_eq!(points(-0.04), "0.0 pp");
        assert_eq!(points(-2.0), "-2.0 pp");
    }
}
