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
