//! Customer lifetime value from monthly figures.

use crate::input::{check_amount, InputError};

/// When churn is zero no customer ever leaves and the lifetime value has no
/// finite limit; quire then reports the value within this horizon (five years,
/// a common planning horizon and longer than most payback targets).
pub const HORIZON_MONTHS: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LtvInput {
    /// Monthly revenue per account.
    pub arpa: f64,
    /// Gross margin as a fraction in (0, 1].
    pub margin: f64,
    /// Monthly churn as a fraction in [0, 1].
    pub churn: f64,
    /// Annual discount rate as a fraction, for discounted LTV.
    pub annual_discount: Option<f64>,
    /// Acquisition cost, for LTV:CAC.
    pub cac: Option<f64>,
}

/// A value that is finite, or bounded by [`HORIZON_MONTHS`] because it is not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounded {
    Finite(f64),
    /// No finite value; `within_horizon` is the value over [`HORIZON_MONTHS`].
    Unbounded {
        within_horizon: f64,
    },
}

impl Bounded {
    /// The number to show: the finite value or the horizon's.
    pub fn shown(self) -> f64 {
        match self {
            Bounded::Finite(v) | Bounded::Unbounded { within_horizon: v } => v,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LtvResult {
    /// Expected lifetime in months: 1 ÷ churn.
    pub lifetime_months: Bounded,
    /// ARPA × margin ÷ churn.
    pub ltv: Bounded,
    /// ARPA × margin ÷ (churn + d), d the monthly rate of the annual discount.
    pub discounted_ltv: Option<Bounded>,
    /// LTV ÷ CAC (the undiscounted LTV, or its horizon value).
    pub ltv_cac: Option<f64>,
}

/// The monthly rate equivalent to an annual one: (1 + annual)^(1/12) − 1.
pub fn monthly_rate(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

pub fn compute(input: LtvInput) -> Result<LtvResult, InputError> {
    check_amount("Monthly revenue per account", input.arpa)?;
    if !(input.margin > 0.0 && input.margin <= 1.0) {
        return Err(InputError::Zero {
            field: "Gross margin",
        });
    }
    if !(0.0..=1.0).contains(&input.churn) {
        return Err(InputError::PercentOutOfRange {
            field: "Monthly churn",
        });
    }
    let profit = input.arpa * input.margin;
    let horizon = f64::from(HORIZON_MONTHS);

    let (lifetime_months, ltv) = if input.churn == 0.0 {
        (
            Bounded::Unbounded {
                within_horizon: horizon,
            },
            Bounded::Unbounded {
                within_horizon: profit * horizon,
            },
        )
    } else {
        (
            Bounded::Finite(1.0 / input.churn),
            Bounded::Finite(profit / input.churn),
        )
    };

    let discounted_ltv = match input.annual_discount {
        None => None,
        Some(annual) if !(0.0..=1.0).contains(&annual) => {
            return Err(InputError::PercentOutOfRange {
                field: "Annual discount rate",
            })
        }
        Some(annual) => {
            let d = monthly_rate(annual);
            Some(if input.churn + d == 0.0 {
                Bounded::Unbounded {
                    within_horizon: profit * horizon,
                }
            } else {
                Bounded::Finite(profit / (input.churn + d))
            })
        }
    };

    let ltv_cac = match input.cac {
        None => None,
        Some(cac) => {
            check_amount("CAC", cac)?;
            if cac == 0.0 {
                return Err(InputError::Zero { field: "CAC" });
            }
            Some(ltv.shown() / cac)
        }
    };
    Ok(LtvResult {
        lifetime_months,
        ltv,
        discounted_ltv,
        ltv_cac,
    })
}

/// Cumulative gross profit per acquired customer after each month 1..=months,
/// for the LTV-over-time chart: month k earns ARPA × margin × (1 − churn)^(k−1),
/// discounted by (1 + d)^k when a discount rate is given. It approaches the
/// LTV as months grow.
pub fn curve(input: LtvInput, months: u32) -> Vec<f64> {
    let profit = input.arpa * input.margin;
    let d = input.annual_discount.map_or(0.0, monthly_rate);
    let mut survival = 1.0;
    let mut discount = 1.0;
    let mut total = 0.0;
    (1..=months)
        .map(|_| {
            discount /= 1.0 + d;
            total += profit * survival * discount;
            survival *= 1.0 - input.churn;
            total
        })
        .collect()
}
