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
    let blended_cac = cac(input.marketing + input.sales, input.customers);
    let paid_cac = match input.paid {
        None => None,
        Some((spend, customers)) => {
            check_amount("Paid spend", spend)?;
            if customers <= 0.0 {
                return Err(InputError::Zero {
                    field: "Paid customers",
                });
            }
            Some(cac(spend, customers))
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
            Some(payback_months(blended_cac, arpa, margin))
        }
    };
    Ok(CacResult {
        blended_cac,
        paid_cac,
        payback_months,
    })
}

/// Spend ÷ customers won; `customers` is more than zero.
pub fn cac(spend: f64, customers: f64) -> f64 {
    spend / customers
}

/// Months of gross profit that repay `cac`: cac ÷ (ARPA × margin), both more than zero.
pub fn payback_months(cac: f64, arpa: f64, margin: f64) -> f64 {
    cac / (arpa * margin)
}

use crate::form::{required, Amount, Calculator, Field, Kind, ResultSpec, Shown, Values};
use crate::format::NumberFormat;

const MARKETING: Field = Field {
    key: "marketing",
    label: "Marketing spend",
    kind: Kind::Amount,
    required: true,
    help: "Everything spent on marketing in the period: ads, content, tools, people.",
};
const SALES: Field = Field {
    key: "sales",
    label: "Sales spend",
    kind: Kind::Amount,
    required: false,
    help: "Sales salaries, commissions and tools in the same period.",
};
const CUSTOMERS: Field = Field {
    key: "customers",
    label: "New customers",
    kind: Kind::PositiveCount,
    required: true,
    help: "Customers won in the period.",
};
const PAID_SPEND: Field = Field {
    key: "paid_spend",
    label: "Paid-channel spend",
    kind: Kind::Amount,
    required: false,
    help: "Optional: spend on paid channels alone, for paid CAC.",
};
const PAID_CUSTOMERS: Field = Field {
    key: "paid_customers",
    label: "Customers from paid channels",
    kind: Kind::PositiveCount,
    required: false,
    help: "Optional: customers those paid channels won.",
};
const ARPA: Field = Field {
    key: "arpa",
    label: "Monthly revenue per account",
    kind: Kind::PositiveAmount,
    required: false,
    help: "Optional: average monthly revenue per customer (ARPA), for payback.",
};
const MARGIN: Field = Field {
    key: "margin",
    label: "Gross margin",
    kind: Kind::PositivePercent,
    required: false,
    help: "Optional: share of revenue left after cost of service, in percent, for payback.",
};

/// The CAC calculator's form and results.
pub const CALCULATOR: Calculator = Calculator {
    slug: "cac",
    name: "CAC and payback calculator",
    fields: &[
        MARKETING,
        SALES,
        CUSTOMERS,
        PAID_SPEND,
        PAID_CUSTOMERS,
        ARPA,
        MARGIN,
    ],
    results: &[
        ResultSpec {
            id: "cac",
            label: "Blended CAC",
            formula: "(marketing spend + sales spend) ÷ new customers",
            needs: &[MARKETING, CUSTOMERS],
            uses: &[SALES],
            show: show_cac,
        },
        ResultSpec {
            id: "paid-cac",
            label: "Paid CAC",
            formula: "paid-channel spend ÷ customers from paid channels",
            needs: &[PAID_SPEND, PAID_CUSTOMERS],
            uses: &[],
            show: show_paid_cac,
        },
        ResultSpec {
            id: "payback-months",
            label: "CAC payback",
            formula: "blended CAC ÷ (monthly revenue per account × gross margin)",
            needs: &[MARKETING, CUSTOMERS, ARPA, MARGIN],
            uses: &[SALES],
            show: show_payback,
        },
    ],
    channels: Some(crate::channels::CAC_CHANNELS),
};

/// ARPA × gross margin when both are given: what one customer brings in
/// gross profit a month, which repays each channel's CAC.
pub fn monthly_profit_per_customer(values: &Values) -> Option<f64> {
    Some(values.get(ARPA.key)? * values.get(MARGIN.key)?)
}

/// The blended CAC of the checked values (sales spend counts when given).
fn blended(values: &Values) -> Result<f64, InputError> {
    let spend = required(values, &MARKETING)? + values.get(SALES.key).copied().unwrap_or(0.0);
    Ok(cac(spend, required(values, &CUSTOMERS)?))
}

fn show_cac(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let blended = blended(values)?;
    Ok(Shown {
        value: fmt.money(blended),
        amount: Amount::money(blended),
        explanation: "What one new customer cost across every channel.".into(),
    })
}

fn show_paid_cac(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let paid = cac(
        required(values, &PAID_SPEND)?,
        required(values, &PAID_CUSTOMERS)?,
    );
    Ok(Shown {
        value: fmt.money(paid),
        amount: Amount::money(paid),
        explanation: "What one customer from paid channels cost; compare it with blended CAC to see what organic growth saves.".into(),
    })
}

fn show_payback(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (arpa, margin) = (required(values, &ARPA)?, required(values, &MARGIN)?);
    let monthly_profit = arpa * margin;
    let months = payback_months(blended(values)?, arpa, margin);
    Ok(Shown {
        value: fmt.months(months),
        amount: Amount::months(months),
        explanation: format!(
            "Each customer returns {} of gross profit a month, so their acquisition cost is repaid after {}.",
            fmt.money(monthly_profit),
            fmt.months(months)
        ),
    })
}
