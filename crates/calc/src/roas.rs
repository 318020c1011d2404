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
    let target_roas = match input.target_margin {
        Some(t) if !(0.0..=1.0).contains(&t) => {
            return Err(InputError::PercentOutOfRange {
                field: "Target profit margin",
            })
        }
        Some(t) => target_roas(input.margin, t),
        None => None,
    };
    let roas = roas(input.revenue, input.spend);
    Ok(RoasResult {
        roas,
        roas_percent: roas * 100.0,
        breakeven_roas: breakeven_roas(input.margin),
        profit: profit(input.revenue, input.spend, input.margin),
        target_roas,
    })
}

/// revenue ÷ spend; `spend` is more than zero.
pub fn roas(revenue: f64, spend: f64) -> f64 {
    revenue / spend
}

/// 1 ÷ margin; `margin` is in (0, 1].
pub fn breakeven_roas(margin: f64) -> f64 {
    1.0 / margin
}

/// Gross profit after ad spend: revenue × margin − spend.
pub fn profit(revenue: f64, spend: f64, margin: f64) -> f64 {
    revenue * margin - spend
}

/// Profit on ad spend: gross profit ÷ spend = revenue × margin ÷ spend.
/// Above 1 the ads pay for themselves out of gross profit.
pub fn poas(revenue: f64, spend: f64, margin: f64) -> f64 {
    revenue * margin / spend
}

/// 1 ÷ (margin − target), or `None` when the target is not below the margin.
pub fn target_roas(margin: f64, target: f64) -> Option<f64> {
    (target < margin).then(|| 1.0 / (margin - target))
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

use crate::form::{required, Amount, Calculator, Field, Kind, ResultSpec, Shown, Values};
use crate::format::NumberFormat;

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
    results: &[
        ResultSpec {
            id: "roas",
            label: "ROAS",
            formula: "revenue ÷ ad spend",
            needs: &[REVENUE, SPEND],
            uses: &[],
            show: show_roas,
        },
        ResultSpec {
            id: "breakeven-roas",
            label: "Break-even ROAS",
            formula: "1 ÷ gross margin",
            needs: &[MARGIN],
            uses: &[],
            show: show_breakeven,
        },
        ResultSpec {
            id: "profit",
            label: "Profit after ad spend",
            formula: "revenue × gross margin − ad spend",
            needs: &[REVENUE, SPEND, MARGIN],
            uses: &[],
            show: show_profit,
        },
        ResultSpec {
            id: "poas",
            label: "POAS (profit on ad spend)",
            formula: "revenue × gross margin ÷ ad spend",
            needs: &[REVENUE, SPEND, MARGIN],
            uses: &[],
            show: show_poas,
        },
        ResultSpec {
            id: "target-roas",
            label: "Target ROAS",
            formula: "1 ÷ (gross margin − target profit margin)",
            needs: &[MARGIN, TARGET],
            uses: &[],
            show: show_target,
        },
    ],
    channels: Some(crate::channels::ROAS_CHANNELS),
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

fn show_roas(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let r = roas(required(values, &REVENUE)?, required(values, &SPEND)?);
    Ok(Shown {
        value: format!("{} ({})", fmt.multiple(r), fmt.percent(r)),
        amount: Amount::multiple(r),
        explanation: format!(
            "Every {} spent on ads brought in {} of revenue.",
            fmt.whole_money(1.0),
            fmt.money(r)
        ),
    })
}

fn show_breakeven(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let margin = required(values, &MARGIN)?;
    let breakeven = breakeven_roas(margin);
    // With revenue and spend given too, say which side of it the campaign is.
    let verdict = match (values.get(REVENUE.key), values.get(SPEND.key)) {
        (Some(&revenue), Some(&spend)) => {
            let p = profit(revenue, spend, margin);
            if p > 0.0 {
                "; you are above break-even: the campaign makes money"
            } else if p < 0.0 {
                "; you are below break-even: the campaign loses money"
            } else {
                "; you are exactly at break-even"
            }
        }
        _ => "",
    };
    Ok(Shown {
        value: fmt.multiple(breakeven),
        amount: Amount::multiple(breakeven),
        explanation: format!(
            "At a {} margin, revenue must be {} the spend to pay for it{verdict}.",
            fmt.percent(margin),
            fmt.multiple(breakeven)
        ),
    })
}

fn show_profit(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let p = profit(
        required(values, &REVENUE)?,
        required(values, &SPEND)?,
        required(values, &MARGIN)?,
    );
    Ok(Shown {
        value: fmt.money(p),
        amount: Amount::money(p),
        explanation: "Gross profit the ads brought in, minus what they cost.".into(),
    })
}

fn show_poas(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let p = poas(
        required(values, &REVENUE)?,
        required(values, &SPEND)?,
        required(values, &MARGIN)?,
    );
    Ok(Shown {
        value: fmt.multiple(p),
        amount: Amount::multiple(p),
        explanation: format!(
            "Every {} spent on ads brought back {} of gross profit; {}",
            fmt.whole_money(1.0),
            fmt.money(p),
            if p >= 1.0 {
                "at 1.00× or more the ads pay for themselves."
            } else {
                "below 1.00× they cost more than the profit they bring."
            }
        ),
    })
}

fn show_target(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let target = required(values, &TARGET)?;
    Ok(match target_roas(required(values, &MARGIN)?, target) {
        Some(roas) => Shown {
            value: fmt.multiple(roas),
            amount: Amount::multiple(roas),
            explanation: format!(
                "The ROAS that leaves {} of revenue as profit after ads.",
                fmt.percent(target)
            ),
        },
        None => Shown {
            value: "not reachable".into(),
            amount: None,
            explanation:
                "No ROAS can leave a profit margin at or above the gross margin; lower the target."
                    .into(),
        },
    })
}
