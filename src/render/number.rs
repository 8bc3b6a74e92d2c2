//! Number formatting for reports and charts (render stage): thousands separators, fixed
//! decimals and percentages, written the same way everywhere and never as "-0.0".

/// Written for NaN and infinities, which have no meaningful rounded form.
pub const NOT_AVAILABLE: &str = "n/a";

/// An integer with comma thousands separators: `1234567` -> `1,234,567`.
pub fn thousands(n: impl Into<i128>) -> String {
    let n: i128 = n.into();
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(&n.unsigned_abs().to_string()))
}

/// A count as prose writes it: in words to twelve (`7` -> `seven`), digits after.
pub fn in_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| thousands(n as u64), |w| w.to_string())
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

/// `x` with `decimals` decimals, exactly as `format!("{x:.decimals$}")` writes it (round half
/// to even on the binary value), but several times faster for the values tables hold: Rust's
/// exact formatting often falls back to big-number arithmetic, which showed in profiles of
/// the large CSVs. The shortest round-trip form is rounded as a decimal instead. That gives
/// the same digits unless the shortest form is itself a tie (`0.12345` to 4 decimals): for
/// `|x| < 1e6` and up to 6 decimals a float's rounding interval (under 2^-33 wide) is far
/// narrower than the spacing of ties (1e-7), so a tie inside it would be the shortest form.
/// Ties, larger values and more decimals take the exact path.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !(decimals <= 6 && x.abs() < 1e6) {
        return format!("{x:.decimals$}");
    }
    let shortest = format!("{}", x.abs());
    let (int, frac) = shortest.split_once('.').unwrap_or((&shortest, ""));
    if frac.len() == decimals + 1 && frac.ends_with('5') {
        return format!("{x:.decimals$}");
    }
    let mut digits: Vec<u8> = Vec::with_capacity(int.len() + decimals + 3);
    digits.extend_from_slice(int.as_bytes());
    let kept = &frac.as_bytes()[..frac.len().min(decimals)];
    digits.extend_from_slice(kept);
    digits.resize(int.len() + decimals, b'0');
    if frac.as_bytes().get(decimals).is_some_and(|&d| d >= b'5') {
        // Not a tie (checked above), so a 5 here has more digits after it: round up. The
        // trailing 9s become 0s and the digit before them goes up (a leading 1 if none).
        let last = digits.iter().rposition(|&d| d != b'9');
        digits[last.map_or(0, |i| i + 1)..].fill(b'0');
        match last {
            Some(i) => digits[i] += 1,
            None => digits.insert(0, b'1'),
        }
    }
    let int_len = digits.len() - decimals;
    let mut out = String::with_capacity(digits.len() + 2);
    if x.is_sign_negative() {
        out.push('-');
    }
    // Only ASCII digits were pushed.
    out.extend(digits[..int_len].iter().map(|&b| b as char));
    if decimals > 0 {
        out.push('.');
        out.extend(digits[int_len..].iter().map(|&b| b as char));
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
    let (int, frac) = body.split_at(body.find('.').unwrap_or(body.len()));
    format!("{sign}{}{frac}", group_digits(int))
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

    /// `fixed` agrees with `format!` byte for byte: on shares i/n, on values next to ties
    /// (one ulp either side), on exact ties, and on a spread of pseudo-random values.
    #[test]
    fn fixed_matches_exact_formatting() {
        let mut values: Vec<f64> = Vec::new();
        for n in 1..=200u32 {
            for i in 0..=n {
                values.push(f64::from(i) / f64::from(n));
                values.push(-f64::from(i) / f64::from(n));
            }
        }
        for k in 0..5_000u32 {
            let tie = (f64::from(k) + 0.5) / 10_000.0;
            for v in [
                tie,
                f64::from(k) / 1e5 + 5e-6,
                (f64::from(k) + 0.5) / 1000.0,
            ] {
                values.extend([v, v.next_up(), v.next_down(), -v, 1.0 + v, 999.0 + v]);
            }
        }
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..50_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            let scale = [1e-9, 1e-4, 1.0, 37.0, 1e3, 9.99e5, 1e7][(state % 7) as usize];
            values.push((unit - 0.3) * scale);
        }
        values.extend([
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            999_999.999_999_5,
            9.999_95,
            0.999_95,
        ]);
        for v in values {
            for d in 0..=7 {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} to {d}");
            }
        }
    }

    #[test]
    fn thousands_groups_by_three() {
        assert_eq!(thousands(0u32), "0");
        assert_eq!(thousands(999u32), "999");
        assert_eq!(thousands(1000u32), "1,000");
        assert_eq!(thousands(-1234567i64), "-1,234,567");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn small_counts_in_words() {
        assert_eq!(in_words(7), "seven");
        assert_eq!(in_words(12), "twelve");
        assert_eq!(in_words(1300), "1,300");
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
