//! Customer acquisition cost, and how many months of gross profit repay it.

use crate::input::{check_amount, InputError};

/// What the visitor entered, already checked by [`crate::input`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CacInput {
    /// Marketing spend in the period.
    pub marketing: f64,
    /// Sales spend (salaries, tools) in the period.
    pub sales: f64,
    /// New customers won in the period; more than zero.
    pub customers: f64,
    /// Paid-channel spend and the customers it won, for paid CAC.
    pub paid: Option<(f64, f64)>,
    /// Monthly revenue per account and gross margin (fraction), for payback.
    pub arpa_and_margin: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CacResult {
    /// (marketing + sales) ÷ new customers.
    pub blended_cac: f64,
    /// paid spend ÷ paid customers, when given.
    pub paid_cac: Option<f64>,
    /// blended CAC ÷ (ARPA × margin), when ARPA and margin are given.
    pub payback_months: Option<f64>,
}

pub fn compute(input: CacInput) -> Result<CacResult, InputError> {
    check_amount("Marketing spend", input.marketing)?;
    check_amount("Sales spend", input.sales)?;
    if input.customers <= 0.0 {
        return Err(InputError::Zero {
            field: "New customers",
        });
    }
    let blended_cac = (input.marketing + input.sales) / input.customers;
    let paid_cac = match input.paid {
        None => None,
        Some((spend, customers)) => {
            check_amount("Paid spend", spend)?;
            if customers <= 0.0 {
                return Err(InputError::Zero {
                    field: "Paid customers",
                });
            }
            Some(spend / customers)
        }
    };
    let payback_months = match input.arpa_and_margin {
        None => None,
        Some((arpa, margin)) => {
            check_amount("Monthly revenue per account", arpa)?;
            if arpa == 0.0 {
                return Err(InputError::Zero {
                    field: "Monthly revenue per account",
                });
            }
            if !(margin > 0.0 && margin <= 1.0) {
                return Err(InputError::Zero {
                    field: "Gross margin",
                });
            }
            Some(blended_cac / (arpa * margin))
        }
    };
    Ok(CacResult {
        blended_cac,
        paid_cac,
        payback_months,
    })
}
