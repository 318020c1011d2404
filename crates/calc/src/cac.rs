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

use crate::form::{required, Calculator, Field, Kind, ResultLine, Values};
use crate::format;

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
    results,
};

/// Both of a pair, or neither; one alone is a mistake worth naming.
fn pair(values: &Values, a: &Field, b: &Field) -> Result<Option<(f64, f64)>, InputError> {
    match (values.get(a.key), values.get(b.key)) {
        (Some(&x), Some(&y)) => Ok(Some((x, y))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(InputError::Missing { field: b.label }),
        (None, Some(_)) => Err(InputError::Missing { field: a.label }),
    }
}

fn results(values: &Values) -> Result<Vec<ResultLine>, InputError> {
    let input = CacInput {
        marketing: required(values, &MARKETING)?,
        sales: values.get(SALES.key).copied().unwrap_or(0.0),
        customers: required(values, &CUSTOMERS)?,
        paid: pair(values, &PAID_SPEND, &PAID_CUSTOMERS)?,
        arpa_and_margin: pair(values, &ARPA, &MARGIN)?,
    };
    let r = compute(input)?;
    let mut lines = vec![ResultLine {
        id: "cac",
        label: "Blended CAC",
        value: format::money(r.blended_cac),
        formula: "(marketing spend + sales spend) ÷ new customers",
        explanation: "What one new customer cost across every channel.".into(),
    }];
    if let Some(paid) = r.paid_cac {
        lines.push(ResultLine {
            id: "paid-cac",
            label: "Paid CAC",
            value: format::money(paid),
            formula: "paid-channel spend ÷ customers from paid channels",
            explanation: "What one customer from paid channels cost; compare it with blended CAC to see what organic growth saves.".into(),
        });
    }
    if let (Some(months), Some((arpa, margin))) = (r.payback_months, input.arpa_and_margin) {
        lines.push(ResultLine {
            id: "payback-months",
            label: "CAC payback",
            value: format::months(months),
            formula: "blended CAC ÷ (monthly revenue per account × gross margin)",
            explanation: format!(
                "Each customer returns {} of gross profit a month, so their acquisition cost is repaid after {}.",
                format::money(arpa * margin),
                format::months(months)
            ),
        });
    }
    Ok(lines)
}
