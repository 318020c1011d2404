//! Spend broken down by channel: each channel's ROAS or CAC, its share of
//! the spend, and the blended figure of them all. A growth lead runs several
//! channels, and one blended number hides the channel that loses money.
//!
//! Rows are what the visitor typed; each is checked on its own, so one bad
//! cell marks its row and holds back only the blended figure.

use crate::form::{Field, Kind};
use crate::input::{self, InputError};

/// The URL query parameter each row is written to, once per row.
pub const PARAM: &str = "channel";
/// The most rows a table takes: more is a spreadsheet's job, and a lead
/// carries at most this many beside the form's fields.
pub const MAX_ROWS: usize = 20;
/// Separates a row's cells in [`PARAM`]'s value: `Search|1200|4800`.
const SEPARATOR: char = '|';

/// What a channel's second number measures, and so what the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Revenue per channel; shows ROAS = revenue ÷ spend.
    Roas,
    /// New customers per channel; shows CAC = spend ÷ customers, and the
    /// payback when the monthly gross profit per customer is known.
    Cac,
}

/// A calculator's channel table: its columns and what it works out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelTable {
    pub metric: Metric,
    /// The spend column.
    pub spend: Field,
    /// The second number: revenue or new customers.
    pub outcome: Field,
    /// The metric's column heading, e.g. `ROAS`.
    pub metric_label: &'static str,
}

/// Every table's spend column.
const SPEND: Field = Field {
    key: "spend",
    label: "Spend",
    kind: Kind::Amount,
    required: true,
    help: "",
};

/// The ROAS calculator's table: spend and revenue per channel.
pub const ROAS_CHANNELS: ChannelTable = ChannelTable {
    metric: Metric::Roas,
    spend: SPEND,
    outcome: Field {
        key: "revenue",
        label: "Revenue",
        kind: Kind::Amount,
        required: true,
        help: "",
    },
    metric_label: "ROAS",
};

/// The CAC calculator's table: spend and new customers per channel.
pub const CAC_CHANNELS: ChannelTable = ChannelTable {
    metric: Metric::Cac,
    spend: SPEND,
    outcome: Field {
        key: "customers",
        label: "New customers",
        kind: Kind::Amount,
        required: true,
        help: "",
    },
    metric_label: "CAC",
};

/// One row as the visitor typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowText {
    pub name: String,
    pub spend: String,
    pub outcome: String,
}

impl RowText {
    /// Nothing typed in any cell: the row is left out of the table and URL.
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.spend, &self.outcome]
            .iter()
            .all(|cell| cell.trim().is_empty())
    }

    /// The row as one [`PARAM`] value, `name|spend|outcome`.
    pub fn to_param(&self) -> String {
        format!(
            "{}{SEPARATOR}{}{SEPARATOR}{}",
            self.name, self.spend, self.outcome
        )
    }

    /// A row from a [`PARAM`] value. The numbers are split off from the
    /// right, so a name may itself hold the separator; missing cells are
    /// empty.
    pub fn from_param(value: &str) -> RowText {
        let mut cells = value.rsplitn(3, SEPARATOR);
        let outcome = cells.next().unwrap_or("");
        let spend = cells.next();
        let name = cells.next();
        match (name, spend) {
            (Some(name), Some(spend)) => RowText {
                name: name.into(),
                spend: spend.into(),
                outcome: outcome.into(),
            },
            // `a|b`: a name and a spend; a lone cell is a name.
            (None, Some(name)) => RowText {
                name: name.into(),
                spend: outcome.into(),
                outcome: String::new(),
            },
            _ => RowText {
                name: outcome.into(),
                ..RowText::default()
            },
        }
    }
}

/// A checked row: its spend and outcome, `None` when blank, or its problems.
type Checked = Result<Option<(f64, f64)>, Vec<(Column, InputError)>>;

/// Which number of a row a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Spend,
    Outcome,
}

/// A usable row and what it works out to.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelLine {
    /// The name typed, or `Channel N` for an unnamed row.
    pub name: String,
    pub spend: f64,
    pub outcome: f64,
    /// This channel's spend ÷ the table's total spend.
    pub share_of_spend: Option<f64>,
    /// ROAS or CAC; `None` where it has no value (no spend for ROAS, no
    /// customers for CAC).
    pub metric: Option<f64>,
    /// Months of gross profit that repay this channel's CAC (CAC table with
    /// a known monthly gross profit per customer).
    pub payback_months: Option<f64>,
}

/// Where one row stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// Nothing typed; not counted.
    Blank,
    Line(ChannelLine),
    /// Some cell is empty or not a usable number.
    Invalid(Vec<(Column, InputError)>),
}

/// The totals over every usable row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blended {
    pub spend: f64,
    pub outcome: f64,
    /// Blended ROAS (total revenue ÷ total spend) or CAC (total spend ÷
    /// total customers); `None` when the divisor is zero.
    pub metric: Option<f64>,
    pub payback_months: Option<f64>,
}

/// The table worked out: a state per row and, once every non-blank row is
/// usable and there is at least one, the blended figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub rows: Vec<RowState>,
    pub blended: Option<Blended>,
}

impl ChannelTable {
    /// Works the rows out. `monthly_profit_per_customer` (ARPA × gross
    /// margin) gives each channel's payback in the CAC table.
    pub fn breakdown(
        &self,
        rows: &[RowText],
        monthly_profit_per_customer: Option<f64>,
    ) -> Breakdown {
        let checked: Vec<Checked> = rows.iter().map(|row| self.check(row)).collect();
        let total_spend: f64 = checked
            .iter()
            .filter_map(|row| row.as_ref().ok().copied().flatten())
            .map(|(spend, _)| spend)
            .sum();
        let total_outcome: f64 = checked
            .iter()
            .filter_map(|row| row.as_ref().ok().copied().flatten())
            .map(|(_, outcome)| outcome)
            .sum();
        let unit_profit = monthly_profit_per_customer.filter(|p| *p > 0.0 && p.is_finite());
        let states: Vec<RowState> = rows
            .iter()
            .zip(checked.iter())
            .enumerate()
            .map(|(i, (text, row))| match row {
                Err(problems) => RowState::Invalid(problems.clone()),
                Ok(None) => RowState::Blank,
                Ok(Some((spend, outcome))) => {
                    let metric = self.metric_of(*spend, *outcome);
                    let name = text.name.trim();
                    RowState::Line(ChannelLine {
                        name: if name.is_empty() {
                            format!("Channel {}", i + 1)
                        } else {
                            name.to_string()
                        },
                        spend: *spend,
                        outcome: *outcome,
                        share_of_spend: (total_spend > 0.0).then(|| spend / total_spend),
                        metric,
                        payback_months: self.payback(metric, unit_profit),
                    })
                }
            })
            .collect();
        let all_usable = checked.iter().all(Result::is_ok);
        let any_line = states.iter().any(|s| matches!(s, RowState::Line(_)));
        let blended = (all_usable && any_line).then(|| {
            let metric = self.metric_of(total_spend, total_outcome);
            Blended {
                spend: total_spend,
                outcome: total_outcome,
                metric,
                payback_months: self.payback(metric, unit_profit),
            }
        });
        Breakdown {
            rows: states,
            blended,
        }
    }

    /// A row's spend and outcome, `None` for a blank row, or its problems.
    fn check(&self, row: &RowText) -> Checked {
        if row.is_blank() {
            return Ok(None);
        }
        let spend = cell(&self.spend, &row.spend);
        let outcome = cell(&self.outcome, &row.outcome).and_then(|value| {
            // Customers are whole; revenue may have cents.
            if self.metric == Metric::Cac && value.fract() != 0.0 {
                Err(InputError::NotWhole {
                    field: self.outcome.label,
                })
            } else {
                Ok(value)
            }
        });
        match (spend, outcome) {
            (Ok(spend), Ok(outcome)) => Ok(Some((spend, outcome))),
            (spend, outcome) => Err(spend
                .err()
                .map(|e| (Column::Spend, e))
                .into_iter()
                .chain(outcome.err().map(|e| (Column::Outcome, e)))
                .collect()),
        }
    }

    fn metric_of(&self, spend: f64, outcome: f64) -> Option<f64> {
        match self.metric {
            Metric::Roas => (spend > 0.0).then(|| crate::roas::roas(outcome, spend)),
            Metric::Cac => (outcome > 0.0).then(|| crate::cac::cac(spend, outcome)),
        }
    }

    fn payback(&self, metric: Option<f64>, unit_profit: Option<f64>) -> Option<f64> {
        match (self.metric, metric, unit_profit) {
            (Metric::Cac, Some(cac), Some(profit)) => Some(cac / profit),
            _ => None,
        }
    }
}

/// One number cell: empty is missing, else checked like an amount.
fn cell(field: &Field, text: &str) -> Result<f64, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Missing { field: field.label });
    }
    input::amount(field.label, text)
}

/// The rows of a query string's [`PARAM`] values, in order, at most [`MAX_ROWS`].
pub fn rows_from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<RowText> {
    pairs
        .into_iter()
        .filter(|(key, _)| *key == PARAM)
        .map(|(_, value)| RowText::from_param(value))
        .take(MAX_ROWS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, spend: &str, outcome: &str) -> RowText {
        RowText {
            name: name.into(),
            spend: spend.into(),
            outcome: outcome.into(),
        }
    }

    #[test]
    fn a_row_survives_its_url_form_even_with_the_separator_in_its_name() {
        for text in [
            row("Search", "1200", "4800"),
            row("A|B test", "1,200.50", ""),
            row("", "", "7"),
        ] {
            assert_eq!(RowText::from_param(&text.to_param()), text);
        }
        assert_eq!(RowText::from_param("Search"), row("Search", "", ""));
        assert_eq!(RowText::from_param("Search|10"), row("Search", "10", ""));
    }

    #[test]
    fn a_cell_that_is_not_a_number_marks_its_row_and_holds_back_the_blend() {
        let rows = [row("Search", "1000", "4000"), row("Social", "lots", "")];
        let out = ROAS_CHANNELS.breakdown(&rows, None);
        assert!(matches!(out.rows[0], RowState::Line(_)));
        match &out.rows[1] {
            RowState::Invalid(problems) => {
                assert_eq!(problems.len(), 2);
                assert_eq!(problems[0].0, Column::Spend);
                assert_eq!(
                    problems[1],
                    (Column::Outcome, InputError::Missing { field: "Revenue" })
                );
            }
            other => panic!("expected an invalid row, got {other:?}"),
        }
        assert_eq!(out.blended, None);
    }

    #[test]
    fn blank_rows_are_left_out_and_unnamed_rows_get_a_name() {
        let rows = [row("", "", " "), row("", "500", "1000")];
        let out = ROAS_CHANNELS.breakdown(&rows, None);
        assert_eq!(out.rows[0], RowState::Blank);
        let RowState::Line(line) = &out.rows[1] else {
            panic!("expected a line")
        };
        assert_eq!(line.name, "Channel 2");
        assert_eq!(line.share_of_spend, Some(1.0));
        assert_eq!(ROAS_CHANNELS.breakdown(&rows[..1], None).blended, None);
    }

    #[test]
    fn customers_are_whole() {
        let out = CAC_CHANNELS.breakdown(&[row("Events", "100", "2.5")], None);
        assert!(
            matches!(&out.rows[0], RowState::Invalid(p) if p[0].1 == InputError::NotWhole { field: "New customers" })
        );
    }
}
