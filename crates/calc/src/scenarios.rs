//! Scenarios: a calculator's inputs under a name ("today", "double the
//! budget"), and two or three of them compared side by side: every input
//! and result in a column per scenario, and how each later scenario differs
//! from the first. The page keeps scenarios on the device and puts the ones
//! compared into the URL; this module only works out the comparison.

use crate::form::{parse_each, Calculator, ResultState, Unit};
use crate::format::{self, NumberFormat};

/// The URL query parameter holding one compared scenario, `name|query`.
pub const PARAM: &str = "scenario";
/// At most this many scenarios side by side: more no longer fit a screen.
pub const MAX_COMPARED: usize = 3;
/// At most this many saved per calculator on a device.
pub const MAX_SAVED: usize = 20;
/// Longest name, in characters.
pub const MAX_NAME: usize = 60;

/// One scenario: its name and the calculator's query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub name: String,
    pub inputs: Vec<(String, String)>,
}

impl Scenario {
    /// The text of the input at `key`, if given.
    pub fn input(&self, key: &str) -> Option<&str> {
        self.inputs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a scenario cannot be saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("name the scenario to save it, e.g. \"Double the budget\"")]
    Empty,
    #[error("the name is {0} characters long; keep it to {MAX_NAME}")]
    TooLong(usize),
}

/// The name as saved: trimmed, with its length checked.
pub fn check_name(name: &str) -> Result<String, NameError> {
    let name = name.trim();
    let length = name.chars().count();
    if length == 0 {
        Err(NameError::Empty)
    } else if length > MAX_NAME {
        Err(NameError::TooLong(length))
    } else {
        Ok(name.to_string())
    }
}

/// Whether a row of the comparison is something typed or worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Input,
    Result,
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonRow {
    pub kind: RowKind,
    pub label: &'static str,
    /// What each scenario shows, in its order; `—` where it has none.
    pub cells: Vec<String>,
    /// For each scenario after the first: how it differs from the first
    /// (`+$600.00`, `-1.00×`, `+5.0 pp`), `None` where either has no number
    /// or their currencies differ.
    pub differences: Vec<Option<String>>,
}

/// Scenarios side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub names: Vec<String>,
    pub rows: Vec<ComparisonRow>,
}

/// Compares `scenarios` (the first is the baseline) under the page's format;
/// a scenario with its own currency shows its money in it.
pub fn compare(calculator: &Calculator, scenarios: &[Scenario], fmt: &NumberFormat) -> Comparison {
    let formats: Vec<NumberFormat> = scenarios
        .iter()
        .map(|s| {
            s.input("currency")
                .and_then(format::currency)
                .map_or(*fmt, |c| fmt.with_currency(c))
        })
        .collect();
    let parsed: Vec<_> = scenarios
        .iter()
        .map(|s| parse_each(calculator.fields, |key| s.input(key)))
        .collect();
    let same_currency = |i: usize| formats[i].currency.code == formats[0].currency.code;
    let mut rows = Vec::new();

    for field in calculator.fields {
        let values: Vec<Option<f64>> = parsed
            .iter()
            .map(|p| p.values.get(field.key).copied())
            .collect();
        let cells = values
            .iter()
            .zip(&formats)
            .map(|(value, fmt)| match value {
                Some(v) if field.is_percent() => fmt.percent(*v),
                Some(v) if field.kind == crate::form::Kind::PositiveCount => fmt.number(*v, 0),
                Some(v) => fmt.money(*v),
                None => "—".into(),
            })
            .collect();
        let differences = (1..scenarios.len())
            .map(|i| {
                let (a, b) = (values[0]?, values[i]?);
                let d = b - a;
                Some(if field.is_percent() {
                    points(&formats[i], d)
                } else if field.kind == crate::form::Kind::PositiveCount {
                    signed(d, formats[i].number(d, 0))
                } else {
                    same_currency(i).then(|| signed(d, formats[i].money(d)))?
                })
            })
            .collect();
        rows.push(ComparisonRow {
            kind: RowKind::Input,
            label: field.label,
            cells,
            differences,
        });
    }

    let results: Vec<Vec<ResultState>> = parsed
        .iter()
        .zip(&formats)
        .map(|(p, fmt)| calculator.evaluate(p, fmt))
        .collect();
    for (r, spec) in calculator.results.iter().enumerate() {
        let lines: Vec<_> = results.iter().map(|states| states[r].ready()).collect();
        let cells = lines
            .iter()
            .map(|line| line.map_or_else(|| "—".into(), |l| l.value.clone()))
            .collect();
        let differences = (1..scenarios.len())
            .map(|i| {
                let (a, b) = (lines[0]?.amount?, lines[i]?.amount?);
                let d = b.value - a.value;
                let fmt = &formats[i];
                Some(match a.unit {
                    Unit::Money => same_currency(i).then(|| signed(d, fmt.money(d)))?,
                    Unit::Multiple => signed(d, fmt.multiple(d)),
                    Unit::Ratio => signed(d, fmt.ratio(d)),
                    Unit::Percent => points(fmt, d),
                    Unit::Months => signed(d, fmt.months(d)),
                })
            })
            .collect();
        rows.push(ComparisonRow {
            kind: RowKind::Result,
            label: spec.label,
            cells,
            differences,
        });
    }

    Comparison {
        names: scenarios.iter().map(|s| s.name.clone()).collect(),
        rows,
    }
}

/// A difference with its sign: `+$600.00`, `-$600.00`, and `±0` when the
/// two agree to what the page shows.
fn signed(difference: f64, shown: String) -> String {
    let zero = !shown.chars().any(|c| c.is_ascii_digit() && c != '0');
    if zero {
        "±0".into()
    } else if difference > 0.0 {
        format!("+{shown}")
    } else {
        shown
    }
}

/// A difference of two fractions in percentage points: `+5.0 pp`.
fn points(fmt: &NumberFormat, difference: f64) -> String {
    let shown = fmt.number(difference * 100.0, 1);
    signed(difference, format!("{shown} pp"))
}
