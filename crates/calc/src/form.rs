//! The calculators' forms without the DOM: which fields each has, how each
//! field's text is checked, and the result lines a page shows. The browser
//! views only bind these to inputs and the URL query.

use std::collections::BTreeMap;

use crate::format::NumberFormat;
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

/// Every field's text checked on its own: the values of the valid ones, and
/// the error of each field whose text is not usable. An empty field is
/// neither: a result that needs it waits for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub values: Values,
    pub errors: Vec<(&'static str, InputError)>,
}

/// Checks each field's text (see [`Parsed`]).
pub fn parse_each<'a>(fields: &[Field], text_of: impl Fn(&str) -> Option<&'a str>) -> Parsed {
    let mut parsed = Parsed::default();
    for field in fields {
        let text = text_of(field.key).unwrap_or("");
        if text.trim().is_empty() {
            continue;
        }
        match field.parse(Some(text)) {
            Ok(Some(value)) => {
                parsed.values.insert(field.key, value);
            }
            Ok(None) => {}
            Err(error) => parsed.errors.push((field.key, error)),
        }
    }
    parsed
}

/// [`parse_each`] for the fields' texts in the form's order (a missing
/// text counts as empty).
pub fn parse_in_order<S: AsRef<str>>(fields: &[Field], texts: &[S]) -> Parsed {
    parse_each(fields, |key| {
        fields
            .iter()
            .position(|field| field.key == key)
            .and_then(|i| texts.get(i))
            .map(AsRef::as_ref)
    })
}

/// Checks every field; the values if all are valid and every required one
/// is there, else each field's error.
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
#[derive(Debug, Clone, PartialEq)]
pub struct ResultLine {
    /// Stable id: pages render it as `data-testid="result-{id}"`.
    pub id: &'static str,
    pub label: &'static str,
    /// Formatted for reading; never NaN or ∞.
    pub value: String,
    /// The number behind `value`, for a spreadsheet; `None` for a result
    /// that is a sentence ("not reachable").
    pub amount: Option<Amount>,
    /// The formula in words, e.g. `revenue ÷ ad spend`.
    pub formula: &'static str,
    /// What the number means for this visitor's figures.
    pub explanation: String,
}

/// A result's value and what it means, as a [`ResultSpec`] works it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub value: String,
    pub amount: Option<Amount>,
    pub explanation: String,
}

/// A result's number and what it counts, so a download can carry the
/// number itself beside the text the page shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub unit: Unit,
}

/// What an [`Amount`] counts; each is rounded as the page rounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// In the page's currency, to its smallest unit.
    Money,
    /// Revenue or profit per unit of spend (`4.00×`), two places.
    Multiple,
    /// `x:1`, two places.
    Ratio,
    /// A fraction shown as a percentage, one place.
    Percent,
    /// Months, one place.
    Months,
}

impl Amount {
    pub fn money(value: f64) -> Option<Amount> {
        Some(Amount {
            value,
            unit: Unit::Money,
        })
    }
    pub fn multiple(value: f64) -> Option<Amount> {
        Some(Amount {
            value,
            unit: Unit::Multiple,
        })
    }
    pub fn ratio(value: f64) -> Option<Amount> {
        Some(Amount {
            value,
            unit: Unit::Ratio,
        })
    }
    pub fn percent(fraction: f64) -> Option<Amount> {
        Some(Amount {
            value: fraction,
            unit: Unit::Percent,
        })
    }
    pub fn months(value: f64) -> Option<Amount> {
        Some(Amount {
            value,
            unit: Unit::Months,
        })
    }

    /// The number as the page rounds it, in plain digits (`1800.00`,
    /// `40.0` for 40%): what a spreadsheet parses in any locale.
    pub fn plain(&self, fmt: &NumberFormat) -> String {
        let (value, decimals) = match self.unit {
            Unit::Money => (self.value, fmt.currency.decimals),
            Unit::Multiple | Unit::Ratio => (self.value, 2),
            Unit::Percent => (self.value * 100.0, 1),
            Unit::Months => (self.value, 1),
        };
        crate::format::plain(value, decimals)
    }

    /// The unit's name in a download's unit column: the currency code, `×`,
    /// `:1`, `%` or `months`.
    pub fn unit_name(&self, fmt: &NumberFormat) -> &'static str {
        match self.unit {
            Unit::Money => fmt.currency.code,
            Unit::Multiple => "×",
            Unit::Ratio => ":1",
            Unit::Percent => "%",
            Unit::Months => "months",
        }
    }
}

/// One result a calculator shows, and the inputs it is worked out from.
#[derive(Debug, Clone, Copy)]
pub struct ResultSpec {
    /// Stable id: pages render it as `data-testid="result-{id}"`.
    pub id: &'static str,
    pub label: &'static str,
    /// The formula in words, e.g. `revenue ÷ ad spend`.
    pub formula: &'static str,
    /// Fields the result cannot be worked out without.
    pub needs: &'static [Field],
    /// Optional fields it reads when they are given: one with an unusable
    /// text holds the result back rather than have it quietly ignored.
    pub uses: &'static [Field],
    /// The value, from values that hold every field in `needs`.
    pub show: fn(&Values, &NumberFormat) -> Result<Shown, InputError>,
}

/// Where one result stands for the visitor's inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultState {
    Ready(ResultLine),
    /// Some inputs it needs are empty or not usable yet (their labels).
    Waiting {
        id: &'static str,
        label: &'static str,
        formula: &'static str,
        needs: Vec<&'static str>,
    },
    /// Its inputs are there, but together they give no result.
    Problem {
        id: &'static str,
        label: &'static str,
        message: String,
    },
}

impl ResultState {
    pub fn id(&self) -> &'static str {
        match self {
            ResultState::Ready(line) => line.id,
            ResultState::Waiting { id, .. } | ResultState::Problem { id, .. } => id,
        }
    }

    pub fn ready(&self) -> Option<&ResultLine> {
        match self {
            ResultState::Ready(line) => Some(line),
            _ => None,
        }
    }
}

/// A calculator as the pages see it: its fields and its results.
#[derive(Debug, Clone, Copy)]
pub struct Calculator {
    /// URL segment under `/calculators/`.
    pub slug: &'static str,
    pub name: &'static str,
    pub fields: &'static [Field],
    pub results: &'static [ResultSpec],
    /// The per-channel table under the results, for calculators with one.
    pub channels: Option<crate::channels::ChannelTable>,
}

impl Calculator {
    /// Every result for the checked inputs: each one ready as soon as the
    /// inputs it needs are, whatever the others still lack.
    pub fn evaluate(&self, parsed: &Parsed, fmt: &NumberFormat) -> Vec<ResultState> {
        let unusable = |field: &Field| parsed.errors.iter().any(|(key, _)| *key == field.key);
        self.results
            .iter()
            .map(|spec| {
                let needs: Vec<&'static str> = spec
                    .needs
                    .iter()
                    .filter(|f| !parsed.values.contains_key(f.key))
                    .chain(spec.uses.iter().filter(|f| unusable(f)))
                    .map(|f| f.label)
                    .collect();
                if !needs.is_empty() {
                    return ResultState::Waiting {
                        id: spec.id,
                        label: spec.label,
                        formula: spec.formula,
                        needs,
                    };
                }
                match (spec.show)(&parsed.values, fmt) {
                    Ok(shown) => ResultState::Ready(ResultLine {
                        id: spec.id,
                        label: spec.label,
                        value: shown.value,
                        amount: shown.amount,
                        formula: spec.formula,
                        explanation: shown.explanation,
                    }),
                    Err(error) => ResultState::Problem {
                        id: spec.id,
                        label: spec.label,
                        message: error.to_string(),
                    },
                }
            })
            .collect()
    }

    /// The results that are ready, for texts by key (tests, the lead payload).
    pub fn ready_lines<'a>(
        &self,
        text_of: impl Fn(&str) -> Option<&'a str>,
        fmt: &NumberFormat,
    ) -> Vec<ResultLine> {
        self.evaluate(&parse_each(self.fields, text_of), fmt)
            .into_iter()
            .filter_map(|state| match state {
                ResultState::Ready(line) => Some(line),
                _ => None,
            })
            .collect()
    }
}

/// What a waiting result says: `Needs ad spend.`, `Needs revenue from ads
/// and ad spend.`, with each label lowercased unless it is an acronym (CAC).
pub fn needs_sentence(labels: &[&str]) -> String {
    let lower: Vec<String> = labels
        .iter()
        .map(|label| {
            let mut chars = label.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(second)) if !second.is_uppercase() => {
                    first.to_lowercase().chain(label.chars().skip(1)).collect()
                }
                _ => label.to_string(),
            }
        })
        .collect();
    let joined = match lower.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Needs {joined}.")
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
    fn a_waiting_result_names_its_inputs_in_a_sentence() {
        assert_eq!(needs_sentence(&["Ad spend"]), "Needs ad spend.");
        assert_eq!(
            needs_sentence(&["Monthly revenue per account", "Gross margin", "CAC"]),
            "Needs monthly revenue per account, gross margin and CAC."
        );
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
