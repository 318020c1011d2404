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
