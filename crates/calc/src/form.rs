//! The calculators' forms without the DOM: which fields each has, how each
//! field's text is checked, and the result lines a page shows. The browser
//! views only bind these to inputs and the URL query.

use std::collections::BTreeMap;

use crate::input::{self, InputError};

/// How a field's text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Money, zero or more.
    Amount,
    /// Money that is divided by: more than zero.
    PositiveAmount,
    /// Whole customers, more than zero.
    PositiveCount,
    /// A percent number (`70` = 70%), 0–100.
    Percent,
    /// A percent number that is divided by: more than zero.
    PositivePercent,
}

/// One input of a calculator form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The URL query parameter, e.g. `spend`.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// One line under the input saying what to enter.
    pub help: &'static str,
}

impl Field {
    /// Checks the field's text: `Ok(None)` for an empty optional field.
    pub fn parse(&self, text: Option<&str>) -> Result<Option<f64>, InputError> {
        let text = text.unwrap_or("").trim();
        if text.is_empty() {
            return if self.required {
                Err(InputError::Missing { field: self.label })
            } else {
                Ok(None)
            };
        }
        let value = match self.kind {
            Kind::Amount => input::amount(self.label, text),
            Kind::PositiveAmount => input::positive_amount(self.label, text),
            Kind::PositiveCount => input::count(self.label, text, true),
            Kind::Percent => input::percent(self.label, text),
            Kind::PositivePercent => input::positive_percent(self.label, text),
        }?;
        Ok(Some(value))
    }

    /// Whether the value is a percentage, for the `%` shown beside the input.
    pub fn is_percent(&self) -> bool {
        matches!(self.kind, Kind::Percent | Kind::PositivePercent)
    }
}

/// The checked values of a form's filled-in fields, by key.
pub type Values = BTreeMap<&'static str, f64>;

/// Checks every field; the values if all are valid, else each field's error.
pub fn parse_all<'a>(
    fields: &[Field],
    text_of: impl Fn(&str) -> Option<&'a str>,
) -> Result<Values, Vec<(&'static str, InputError)>> {
    let mut values = Values::new();
    let mut errors = Vec::new();
    for field in fields {
        match field.parse(text_of(field.key)) {
            Ok(Some(value)) => {
                values.insert(field.key, value);
            }
            Ok(None) => {}
            Err(error) => errors.push((field.key, error)),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// One displayed result: what it is, its value, and how it was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine {
    /// Stable id: pages render it as `data-testid="result-{id}"`.
    pub id: &'static str,
    pub label: &'static str,
    /// Formatted for reading; never NaN or ∞.
    pub value: String,
    /// The formula in words, e.g. `revenue ÷ ad spend`.
    pub formula: &'static str,
    /// What the number means for this visitor's figures.
    pub explanation: String,
}

/// A calculator as the pages see it: its fields and how to turn their
/// values into result lines.
#[derive(Debug, Clone, Copy)]
pub struct Calculator {
    /// URL segment under `/calculators/`.
    pub slug: &'static str,
    pub name: &'static str,
    pub fields: &'static [Field],
    pub results: fn(&Values) -> Result<Vec<ResultLine>, InputError>,
}

/// A required value; the form already reported it missing if it is absent.
pub(crate) fn required(values: &Values, field: &Field) -> Result<f64, InputError> {
    values
        .get(field.key)
        .copied()
        .ok_or(InputError::Missing { field: field.label })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEND: Field = Field {
        key: "spend",
        label: "Ad spend",
        kind: Kind::PositiveAmount,
        required: true,
        help: "",
    };
    const TARGET: Field = Field {
        key: "target",
        label: "Target",
        kind: Kind::Percent,
        required: false,
        help: "",
    };

    #[test]
    fn empty_optional_fields_are_absent_and_required_ones_missing() {
        assert_eq!(TARGET.parse(None), Ok(None));
        assert_eq!(TARGET.parse(Some("  ")), Ok(None));
        assert_eq!(
            SPEND.parse(Some("")),
            Err(InputError::Missing { field: "Ad spend" })
        );
        assert_eq!(TARGET.parse(Some("12.5")), Ok(Some(0.125)));
    }

    #[test]
    fn parse_all_reports_every_bad_field() {
        let texts = [("spend", "0"), ("target", "150")];
        let lookup = |k: &str| texts.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        let errors = parse_all(&[SPEND, TARGET], lookup).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0], ("spend", InputError::Zero { field: "Ad spend" }));
    }
}
