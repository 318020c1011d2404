//! What a visitor takes away from a calculator: its inputs, results and
//! tables as CSV (RFC 4180), with numbers in plain digits so a spreadsheet
//! in any locale reads them, beside the text the page shows.

use crate::channels::{Breakdown, ChannelTable, RowState};
use crate::cohort::CohortTable;
use crate::form::{Calculator, Parsed, ResultState};
use crate::format::{plain, NumberFormat};
use crate::ltv::{Bounded, ChurnSensitivity};
use crate::roas::SensitivityTable;

/// A CSV document built row by row.
#[derive(Debug, Default)]
pub struct Csv {
    text: String,
}

impl Csv {
    pub fn new() -> Csv {
        Csv::default()
    }

    /// Appends one record. Cells are quoted where they hold a comma, quote
    /// or line break; a text cell a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@` first, and not a number) gets a leading `'`, so
    /// a channel named `=HYPERLINK(…)` stays text.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Csv {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            let cell = cell.as_ref();
            let guarded;
            let cell = if starts_like_formula(cell) {
                guarded = format!("'{cell}");
                guarded.as_str()
            } else {
                cell
            };
            if cell.contains([',', '"', '\n', '\r']) {
                self.text.push('"');
                self.text.push_str(&cell.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(cell);
            }
        }
        self.text.push_str("\r\n");
        self
    }

    pub fn finish(self) -> String {
        self.text
    }
}

fn starts_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

/// The header of [`results_csv`].
pub const RESULTS_HEADER: [&str; 5] = ["kind", "name", "value", "unit", "shown"];

/// A calculator's inputs and ready results, one per record: `kind` is
/// `input` or `result`, `value` the number as the page rounds it, `unit`
/// the currency code, `%`, `×`, `:1` or `months`, and `shown` the text on
/// the page. Inputs are the visitor's own texts; results that are still
/// waiting for inputs are left out.
pub fn results_csv(
    calculator: &Calculator,
    parsed: &Parsed,
    results: &[ResultState],
    fmt: &NumberFormat,
) -> String {
    let mut csv = Csv::new();
    csv.row(RESULTS_HEADER);
    for field in calculator.fields {
        if let Some(value) = parsed.values.get(field.key) {
            let (value, unit) = if field.is_percent() {
                (*value * 100.0, "%")
            } else if field.kind == crate::form::Kind::PositiveCount {
                (*value, "customers")
            } else {
                (*value, fmt.currency.code)
            };
            csv.row(["input", field.label, &value.to_string(), unit, ""]);
        }
    }
    for line in results.iter().filter_map(ResultState::ready) {
        let (value, unit) = line
            .amount
            .map(|a| (a.plain(fmt), a.unit_name(fmt)))
            .unwrap_or_default();
        csv.row(["result", line.label, &value, unit, &line.value]);
    }
    csv.finish()
}

/// The ROAS sensitivity table: ad spend down the rows, one column of
/// profit per ROAS level.
pub fn roas_sensitivity_csv(table: &SensitivityTable, fmt: &NumberFormat) -> String {
    let mut csv = Csv::new();
    let code = fmt.currency.code;
    csv.row(
        std::iter::once(format!("ad spend ({code})")).chain(
            table
                .roas_levels
                .iter()
                .map(|level| format!("profit at ROAS {} ({code})", plain(*level, 2))),
        ),
    );
    let money = |v: f64| plain(v, fmt.currency.decimals);
    for row in &table.rows {
        csv.row(std::iter::once(money(row.spend)).chain(row.profit.iter().map(|p| money(*p))));
    }
    csv.finish()
}

/// The LTV churn table: monthly churn down the rows, one column of LTV per
/// ARPA level; a value without a finite limit is the value within the
/// horizon, marked in its own column.
pub fn ltv_churn_csv(table: &ChurnSensitivity, fmt: &NumberFormat) -> String {
    let mut csv = Csv::new();
    let code = fmt.currency.code;
    let money = |v: f64| plain(v, fmt.currency.decimals);
    csv.row(
        ["monthly churn (%)".to_string()]
            .into_iter()
            .chain(
                table
                    .arpa_levels
                    .iter()
                    .map(|arpa| format!("LTV at ARPA {} ({code})", money(*arpa))),
            )
            .chain(["note".to_string()]),
    );
    for row in &table.rows {
        let unbounded = row
            .ltv
            .iter()
            .any(|v| matches!(v, Bounded::Unbounded { .. }));
        let note = if unbounded {
            format!(
                "no churn: values within {} months",
                crate::ltv::HORIZON_MONTHS
            )
        } else {
            String::new()
        };
        csv.row(
            [plain(row.churn * 100.0, 1)]
                .into_iter()
                .chain(row.ltv.iter().map(|v| money(v.shown())))
                .chain([note]),
        );
    }
    csv.finish()
}

/// The channel table: each channel's spend, outcome, share of spend, metric
/// and (on the CAC page) payback, then the blended row. A row with a bad
/// cell is left out, as the page leaves it out of the blend.
pub fn channels_csv(table: &ChannelTable, breakdown: &Breakdown, fmt: &NumberFormat) -> String {
    let mut csv = Csv::new();
    let code = fmt.currency.code;
    let money = |v: f64| plain(v, fmt.currency.decimals);
    let (outcome, metric) = match table.metric {
        crate::channels::Metric::Roas => (format!("revenue ({code})"), "ROAS (×)".to_string()),
        crate::channels::Metric::Cac => ("new customers".to_string(), format!("CAC ({code})")),
    };
    let metric_text = |v: Option<f64>| match table.metric {
        crate::channels::Metric::Roas => v.map(|v| plain(v, 2)),
        crate::channels::Metric::Cac => v.map(money),
    };
    let outcome_text = |v: f64| match table.metric {
        crate::channels::Metric::Roas => money(v),
        crate::channels::Metric::Cac => plain(v, 0),
    };
    csv.row([
        "channel".to_string(),
        format!("spend ({code})"),
        outcome,
        "share of spend (%)".to_string(),
        metric,
        "payback (months)".to_string(),
    ]);
    for row in &breakdown.rows {
        if let RowState::Line(line) = row {
            csv.row([
                line.name.clone(),
                money(line.spend),
                outcome_text(line.outcome),
                line.share_of_spend
                    .map(|s| plain(s * 100.0, 1))
                    .unwrap_or_default(),
                metric_text(line.metric).unwrap_or_default(),
                line.payback_months.map(|m| plain(m, 1)).unwrap_or_default(),
            ]);
        }
    }
    if let Some(blended) = &breakdown.blended {
        csv.row([
            "blended".to_string(),
            money(blended.spend),
            outcome_text(blended.outcome),
            "100.0".to_string(),
            metric_text(blended.metric).unwrap_or_default(),
            blended
                .payback_months
                .map(|m| plain(m, 1))
                .unwrap_or_default(),
        ]);
    }
    csv.finish()
}

/// What a cohort download holds per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortMeasure {
    /// Customers still active, as a percentage of the cohort.
    Retention,
    /// Customers still active.
    Counts,
    /// Net revenue as a percentage of the cohort's first period.
    NetRevenue,
    /// Gross revenue (each customer capped at their first period) as a
    /// percentage of the first period.
    GrossRevenue,
}

/// The cohort table: one record per cohort with its size and one column per
/// period since it started; cells past the data are empty.
pub fn cohort_csv(table: &CohortTable, measure: CohortMeasure) -> String {
    let mut csv = Csv::new();
    let periods = table.periods();
    let noun = table.period.noun();
    let unit = if measure == CohortMeasure::Counts {
        "customers"
    } else {
        "%"
    };
    csv.row(
        ["cohort".to_string(), "customers".to_string()]
            .into_iter()
            .chain((0..periods).map(|k| format!("{noun} {k} ({unit})"))),
    );
    for cohort in &table.cohorts {
        let cell = |k: usize| -> String {
            let percent = |v: Option<f64>| v.map(|v| plain(v * 100.0, 1)).unwrap_or_default();
            match measure {
                CohortMeasure::Retention => percent(cohort.retention(k)),
                CohortMeasure::Counts => cohort
                    .active
                    .get(k)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                CohortMeasure::NetRevenue => percent(cohort.revenue_retention(k)),
                CohortMeasure::GrossRevenue => percent(cohort.gross_revenue_retention(k)),
            }
        };
        csv.row(
            [cohort.label.clone(), cohort.size.to_string()]
                .into_iter()
                .chain((0..periods).map(cell)),
        );
    }
    csv.finish()
}
