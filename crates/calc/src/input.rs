//! Turning what a visitor typed into checked numbers, with messages that say
//! which field is wrong and how to fix it.

use thiserror::Error;

/// The largest amount accepted: beyond this an input is almost surely a typo,
/// and `f64` arithmetic would no longer be exact to the cent.
pub const MAX_AMOUNT: f64 = 1e12;
/// The largest count of customers accepted.
pub const MAX_COUNT: f64 = 1e10;

/// Why one field's value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("{field} is required")]
    Missing { field: &'static str },
    #[error("{field} must be a number, like 1200 or 1,200.50")]
    NotANumber { field: &'static str },
    #[error("{field} cannot be negative")]
    Negative { field: &'static str },
    #[error("{field} must be more than zero")]
    Zero { field: &'static str },
    #[error("{field} must be a whole number")]
    NotWhole { field: &'static str },
    #[error("{field} is unrealistically large; check for extra digits")]
    TooLarge { field: &'static str },
    #[error("{field} must be a percentage from 0 to 100")]
    PercentOutOfRange { field: &'static str },
}

/// Parses a number as people type it: surrounding spaces, thousands
/// separators (`1,200`, `1 200`, `1_200`) and a leading currency sign are
/// fine. Rejects NaN, infinities and exponents, which no visitor means.
pub fn parse_number(field: &'static str, text: &str) -> Result<f64, InputError> {
    // Fast path for plain numbers (CSV cells, URL parameters): no allocation.
    let trimmed = text.trim_ascii();
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed).as_bytes();
    let dots = digits.iter().filter(|&&b| b == b'.').count();
    if digits.iter().all(|&b| b.is_ascii_digit() || b == b'.') && dots <= 1 && digits.len() > dots {
        if let Some(value) = short_decimal(digits) {
            return Ok(if digits.len() < trimmed.len() {
                -value
            } else {
                value
            });
        }
        return trimmed
            .parse::<f64>()
            .map_err(|_| InputError::NotANumber { field });
    }
    let cleaned: String = text
        .trim()
        .trim_start_matches(['$', '€', '£', '¥'])
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(InputError::Missing { field });
    }
    let plain = cleaned
        .strip_prefix('-')
        .unwrap_or(&cleaned)
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    if !plain || cleaned.matches('.').count() > 1 || cleaned == "." || cleaned == "-" {
        return Err(InputError::NotANumber { field });
    }
    cleaned
        .parse::<f64>()
        .map_err(|_| InputError::NotANumber { field })
}

/// `123.45` from digits with at most one dot, when there are at most 15
/// digits: the digits as an integer and the power of ten are both exact in
/// an `f64`, so one (correctly rounded) division gives exactly what
/// `str::parse` would, without its general algorithm. Runs per CSV row.
fn short_decimal(digits: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut fraction_digits = None;
    for (i, &b) in digits.iter().enumerate() {
        if b == b'.' {
            fraction_digits = Some(digits.len() - i - 1);
        } else {
            mantissa = mantissa * 10 + u64::from(b - b'0');
        }
    }
    let places = fraction_digits.unwrap_or(0);
    (digits.len() - usize::from(fraction_digits.is_some()) <= 15)
        .then(|| mantissa as f64 / POWERS[places])
}

/// A money amount: zero or more, at most [`MAX_AMOUNT`].
pub fn amount(field: &'static str, text: &str) -> Result<f64, InputError> {
    let value = parse_number(field, text)?;
    check_amount(field, value)
}

/// A money amount that is divided by, so it must be more than zero.
pub fn positive_amount(field: &'static str, text: &str) -> Result<f64, InputError> {
    let value = amount(field, text)?;
    if value == 0.0 {
        return Err(InputError::Zero { field });
    }
    Ok(value)
}

/// Checks an amount already held as a number.
pub fn check_amount(field: &'static str, value: f64) -> Result<f64, InputError> {
    if !value.is_finite() {
        return Err(InputError::NotANumber { field });
    }
    if value < 0.0 {
        return Err(InputError::Negative { field });
    }
    if value > MAX_AMOUNT {
        return Err(InputError::TooLarge { field });
    }
    Ok(value)
}

/// A count of customers: a whole number, more than zero when `divides`.
pub fn count(field: &'static str, text: &str, divides: bool) -> Result<f64, InputError> {
    let value = parse_number(field, text)?;
    if value < 0.0 {
        return Err(InputError::Negative { field });
    }
    if value.fract() != 0.0 {
        return Err(InputError::NotWhole { field });
    }
    if value > MAX_COUNT {
        return Err(InputError::TooLarge { field });
    }
    if divides && value == 0.0 {
        return Err(InputError::Zero { field });
    }
    Ok(value)
}

/// A percentage typed as a percent number (`70` or `70%`), returned as a
/// fraction (`0.7`). Must lie in 0–100.
pub fn percent(field: &'static str, text: &str) -> Result<f64, InputError> {
    let value = parse_number(field, text.trim().trim_end_matches('%'))?;
    if !(0.0..=100.0).contains(&value) {
        return Err(InputError::PercentOutOfRange { field });
    }
    Ok(value / 100.0)
}

/// A percentage that is divided by, so it must be more than zero.
pub fn positive_percent(field: &'static str, text: &str) -> Result<f64, InputError> {
    let value = percent(field, text)?;
    if value == 0.0 {
        return Err(InputError::Zero { field });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_equal_the_standard_parse() {
        for text in [
            "0",
            "5.",
            ".5",
            "0.1",
            "0.3",
            "123.45",
            "999999999999999",
            "0.000000000000001",
            "12345678.9012345",
            "1.7976931348623157",
            "9007199254740993",
            "-2.675",
            "-0",
        ] {
            let parsed = parse_number("value", text).unwrap();
            let standard: f64 = text.parse().unwrap();
            assert_eq!(parsed.to_bits(), standard.to_bits(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_short_decimal_equals_the_standard_parse(whole in 0u64..10_000_000_000, fraction in 0u64..100_000, places in 0usize..6) {
            let text = if places == 0 {
                whole.to_string()
            } else {
                format!("{whole}.{:0places$}", fraction % 10u64.pow(places as u32))
            };
            let standard: f64 = text.parse().unwrap();
            proptest::prop_assert_eq!(parse_number("value", &text).unwrap().to_bits(), standard.to_bits());
        }
    }

    #[test]
    fn accepts_what_people_type() {
        for (text, expected) in [
            ("1200", 1200.0),
            (" 1,200.50 ", 1200.5),
            ("$3 000", 3000.0),
            ("1_000", 1000.0),
            ("0.5", 0.5),
            ("7.", 7.0),
        ] {
            assert_eq!(parse_number("x", text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_number() {
        for text in [
            "abc", "NaN", "inf", "1e3", "1.2.3", ".", "-", "12abc", "0x10",
        ] {
            assert_eq!(
                parse_number("Spend", text),
                Err(InputError::NotANumber { field: "Spend" }),
                "{text}"
            );
        }
        assert_eq!(
            parse_number("Spend", "  "),
            Err(InputError::Missing { field: "Spend" })
        );
    }

    #[test]
    fn checks_ranges() {
        assert_eq!(
            amount("Spend", "-5"),
            Err(InputError::Negative { field: "Spend" })
        );
        assert_eq!(
            positive_amount("Spend", "0"),
            Err(InputError::Zero { field: "Spend" })
        );
        assert_eq!(
            amount("Spend", "2000000000000"),
            Err(InputError::TooLarge { field: "Spend" })
        );
        assert_eq!(
            count("Customers", "2.5", true),
            Err(InputError::NotWhole { field: "Customers" })
        );
        assert_eq!(
            count("Customers", "0", true),
            Err(InputError::Zero { field: "Customers" })
        );
        assert_eq!(count("Customers", "0", false), Ok(0.0));
        assert_eq!(percent("Margin", "70"), Ok(0.7));
        assert_eq!(percent("Margin", "70%"), Ok(0.7));
        assert_eq!(
            percent("Margin", "101"),
            Err(InputError::PercentOutOfRange { field: "Margin" })
        );
        assert_eq!(
            positive_percent("Churn", "0"),
            Err(InputError::Zero { field: "Churn" })
        );
    }

    #[test]
    fn messages_name_the_field_and_the_fix() {
        assert_eq!(
            InputError::NotANumber { field: "Ad spend" }.to_string(),
            "Ad spend must be a number, like 1200 or 1,200.50"
        );
    }
}
