//! Return on ad spend: what a campaign brings in per unit spent, and whether
//! that is enough once the cost of the goods sold is counted.

use crate::input::{check_amount, InputError};

/// What the visitor entered, already checked by [`crate::input`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoasInput {
    /// Revenue attributed to the ads.
    pub revenue: f64,
    /// Ad spend; more than zero.
    pub spend: f64,
    /// Gross margin as a fraction in (0, 1].
    pub margin: f64,
    /// Profit margin on revenue the advertiser wants, as a fraction; optional.
    pub target_margin: Option<f64>,
}

/// The results, each finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoasResult {
    /// revenue ÷ spend, as a multiple (3.0 = 3×).
    pub roas: f64,
    /// The same as a percentage of spend (3.0 → 300%).
    pub roas_percent: f64,
    /// 1 ÷ margin: the ROAS at which gross profit exactly pays for the ads.
    pub breakeven_roas: f64,
    /// revenue × margin − spend.
    pub profit: f64,
    /// 1 ÷ (margin − target): the ROAS that leaves the target margin of revenue
    /// as profit. `None` when no ROAS can, because the target is not below the margin.
    pub target_roas: Option<f64>,
}

/// Why the inputs cannot produce a result.
pub type RoasError = InputError;

/// Computes every ROAS result from checked inputs.
pub fn compute(input: RoasInput) -> Result<RoasResult, RoasError> {
    check_amount("Revenue", input.revenue)?;
    check_amount("Ad spend", input.spend)?;
    if input.spend == 0.0 {
        return Err(InputError::Zero { field: "Ad spend" });
    }
    if !(input.margin > 0.0 && input.margin <= 1.0) {
        return Err(if input.margin == 0.0 {
            InputError::Zero {
                field: "Gross margin",
            }
        } else {
            InputError::PercentOutOfRange {
                field: "Gross margin",
            }
        });
    }
    let roas = input.revenue / input.spend;
    let target_roas = match input.target_margin {
        Some(t) if !(0.0..=1.0).contains(&t) => {
            return Err(InputError::PercentOutOfRange {
                field: "Target profit margin",
            })
        }
        Some(t) if t < input.margin => Some(1.0 / (input.margin - t)),
        _ => None,
    };
    Ok(RoasResult {
        roas,
        roas_percent: roas * 100.0,
        breakeven_roas: 1.0 / input.margin,
        profit: input.revenue * input.margin - input.spend,
        target_roas,
    })
}

/// One row of the sensitivity table: the profit at one spend level for each
/// ROAS level of [`SensitivityTable::roas_levels`].
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    pub spend: f64,
    pub profit: Vec<f64>,
}

/// Profit across spend levels (rows) and ROAS levels (columns), so a visitor
/// sees how much headroom a campaign has before scaling it turns a loss.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityTable {
    pub roas_levels: Vec<f64>,
    pub rows: Vec<SensitivityRow>,
}

/// Spend from half to double today's, and ROAS from 40% below to 40% above
/// today's: the range in which scaling a campaign usually moves it.
pub fn sensitivity(input: RoasInput) -> Result<SensitivityTable, RoasError> {
    let result = compute(input)?;
    let roas_levels: Vec<f64> = [0.6, 0.8, 1.0, 1.2, 1.4]
        .iter()
        .map(|f| result.roas * f)
        .collect();
    let rows = [0.5, 0.75, 1.0, 1.5, 2.0]
        .iter()
        .map(|f| {
            let spend = input.spend * f;
            let profit = roas_levels
                .iter()
                .map(|r| spend * r * input.margin - spend)
                .collect();
            SensitivityRow { spend, profit }
        })
        .collect();
    Ok(SensitivityTable { roas_levels, rows })
}

use crate::form::{required, Calculator, Field, Kind, ResultLine, Values};
use crate::format;

const REVENUE: Field = Field {
    key: "revenue",
    label: "Revenue from ads",
    kind: Kind::Amount,
    required: true,
    help: "Revenue attributed to the campaign in the period.",
};
const SPEND: Field = Field {
    key: "spend",
    label: "Ad spend",
    kind: Kind::PositiveAmount,
    required: true,
    help: "What the campaign cost in the same period.",
};
const MARGIN: Field = Field {
    key: "margin",
    label: "Gross margin",
    kind: Kind::PositivePercent,
    required: true,
    help: "Share of revenue left after the cost of goods sold, in percent.",
};
const TARGET: Field = Field {
    key: "target_margin",
    label: "Target profit margin",
    kind: Kind::Percent,
    required: false,
    help: "Optional: the profit you want left per unit of revenue after ads, in percent.",
};

/// The ROAS calculator's form and results.
pub const CALCULATOR: Calculator = Calculator {
    slug: "roas",
    name: "ROAS calculator",
    fields: &[REVENUE, SPEND, MARGIN, TARGET],
    results,
};

/// The calculator's input from the form's checked values, by its fields
/// (the charts read it too, so a renamed field cannot lose them).
pub fn input_from(values: &Values) -> Result<RoasInput, InputError> {
    Ok(RoasInput {
        revenue: required(values, &REVENUE)?,
        spend: required(values, &SPEND)?,
        margin: required(values, &MARGIN)?,
        target_margin: values.get(TARGET.key).copied(),
    })
}

fn results(values: &Values) -> Result<Vec<ResultLine>, RoasError> {
    let input = input_from(values)?;
    let r = compute(input)?;
    let verdict = if r.profit > 0.0 {
        "above break-even: the campaign makes money"
    } else if r.profit < 0.0 {
        "below break-even: the campaign loses money"
    } else {
        "exactly at break-even"
    };
    let mut lines = vec![
        ResultLine {
            id: "roas",
            label: "ROAS",
            value: format!("{} ({})", format::multiple(r.roas), format::percent(r.roas)),
            formula: "revenue ÷ ad spend",
            explanation: format!(
                "Every 1 spent on ads brought in {} of revenue.",
                format::money(r.roas)
            ),
        },
        ResultLine {
            id: "breakeven-roas",
            label: "Break-even ROAS",
            value: format::multiple(r.breakeven_roas),
            formula: "1 ÷ gross margin",
            explanation: format!(
                "At a {} margin, revenue must be {} the spend to pay for it; you are {verdict}.",
                format::percent(input.margin),
                format::multiple(r.breakeven_roas)
            ),
        },
        ResultLine {
            id: "profit",
            label: "Profit after ad spend",
            value: format::money(r.profit),
            formula: "revenue × gross margin − ad spend",
            explanation: "Gross profit the ads brought in, minus what they cost.".into(),
        },
    ];
    if let Some(target) = input.target_margin {
        lines.push(ResultLine {
            id: "target-roas",
            label: "Target ROAS",
            value: r.target_roas.map_or_else(|| "not reachable".into(), format::multiple),
            formula: "1 ÷ (gross margin − target profit margin)",
            explanation: match r.target_roas {
                Some(_) => format!("The ROAS that leaves {} of revenue as profit after ads.", format::percent(target)),
                None => "No ROAS can leave a profit margin at or above the gross margin; lower the target.".into(),
            },
        });
    }
    Ok(lines)
}
