//! Display of results: rounded to what a person reads, never NaN or ∞.

/// Rounds to cents, half away from zero (the way invoices round).
pub fn round_cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// `1234.5` → `1,234.50`; negative amounts get a leading minus.
pub fn money(value: f64) -> String {
    grouped(round_cents(value), 2)
}

/// A count with thousands separators and its noun: `1200, "row"` → `1,200 rows`.
pub fn count(n: u64, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", grouped(n as f64, 0))
}

/// A rounded amount for chart axes: `1234.5` → `1,235`.
pub fn whole(value: f64) -> String {
    grouped(value.round(), 0)
}

/// `3.456` → `3.46×`.
pub fn multiple(value: f64) -> String {
    format!("{}×", grouped(value, 2))
}

/// A plain ratio with two decimals: `3.0` → `3.00`.
pub fn ratio(value: f64) -> String {
    grouped(value, 2)
}

/// A fraction as a percentage: `0.1234` → `12.3%`.
pub fn percent(fraction: f64) -> String {
    format!("{}%", grouped(fraction * 100.0, 1))
}

/// Months with one decimal: `10.04` → `10.0 months`.
pub fn months(value: f64) -> String {
    let text = grouped(value, 1);
    if text == "1.0" {
        "1.0 month".into()
    } else {
        format!("{text} months")
    }
}

/// `value` with `decimals` places and thousands separators. Non-finite values
/// never reach here (the calculators return types instead), but a dash is a
/// safer last resort than "NaN".
fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    // "-0.00" reads as a loss where there is none.
    if value < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// `text` with its first letter in capitals (a message starting a sentence).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_to_the_cent() {
        assert_eq!(money(1234.5), "1,234.50");
        assert_eq!(money(0.1 + 0.2), "0.30");
        assert_eq!(money(-2500.0), "-2,500.00");
        assert_eq!(money(-0.001), "0.00");
        assert_eq!(money(1_000_000.005), "1,000,000.01");
        assert_eq!(money(999.995), "1,000.00");
    }

    #[test]
    fn formats_ratios() {
        assert_eq!(multiple(3.456), "3.46×");
        assert_eq!(percent(0.1234), "12.3%");
        assert_eq!(months(10.04), "10.0 months");
        assert_eq!(months(1.0), "1.0 month");
        assert_eq!(money(f64::NAN), "—");
    }
}
