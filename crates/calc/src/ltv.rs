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
    let lifetime_months = lifetime(input.churn);
    let ltv = lifetime_value(profit, input.churn);
    let discounted_ltv = match input.annual_discount {
        None => None,
        Some(annual) if !(0.0..=1.0).contains(&annual) => {
            return Err(InputError::PercentOutOfRange {
                field: "Annual discount rate",
            })
        }
        Some(annual) => Some(discounted_value(profit, input.churn, annual)),
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

/// 1 ÷ churn months, or no limit at 0% churn (churn in [0, 1]).
pub fn lifetime(churn: f64) -> Bounded {
    if churn == 0.0 {
        Bounded::Unbounded {
            within_horizon: f64::from(HORIZON_MONTHS),
        }
    } else {
        Bounded::Finite(1.0 / churn)
    }
}

/// Monthly gross profit ÷ churn, or the horizon's profit at 0% churn.
pub fn lifetime_value(monthly_profit: f64, churn: f64) -> Bounded {
    match lifetime(churn) {
        Bounded::Finite(_) => Bounded::Finite(monthly_profit / churn),
        Bounded::Unbounded { within_horizon } => Bounded::Unbounded {
            within_horizon: monthly_profit * within_horizon,
        },
    }
}

/// Lifetime value with future profit discounted at `annual` a year:
/// profit ÷ (churn + monthly rate).
pub fn discounted_value(monthly_profit: f64, churn: f64, annual: f64) -> Bounded {
    lifetime_value(monthly_profit, churn + monthly_rate(annual))
}

/// Annual net revenue retention of a cohort whose revenue loses `churn` and
/// gains `expansion` (both monthly fractions) each month: (1 − churn +
/// expansion)¹².
pub fn net_revenue_retention(churn: f64, expansion: f64) -> f64 {
    (1.0 - churn + expansion).powi(12)
}

/// Lifetime value when retained accounts expand: monthly profit ÷ (churn −
/// expansion) while churn is higher; otherwise revenue never shrinks and
/// the value is the horizon's profit, each month `1 − churn + expansion`
/// times the one before.
pub fn expanding_value(monthly_profit: f64, churn: f64, expansion: f64) -> Bounded {
    let net_churn = churn - expansion;
    if net_churn > 0.0 {
        return Bounded::Finite(monthly_profit / net_churn);
    }
    let growth = 1.0 + expansion - churn;
    let months = HORIZON_MONTHS as i32;
    let factor = if net_churn == 0.0 {
        f64::from(HORIZON_MONTHS)
    } else {
        (growth.powi(months) - 1.0) / (growth - 1.0)
    };
    Bounded::Unbounded {
        within_horizon: monthly_profit * factor,
    }
}

/// The LTV:CAC ratio a healthy business aims for.
pub const TARGET_LTV_CAC: f64 = 3.0;

/// One row of [`ChurnSensitivity`]: the LTV at one churn level for each
/// ARPA level.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnRow {
    pub churn: f64,
    pub ltv: Vec<Bounded>,
}

/// LTV across churn levels (rows) and ARPA levels (columns): churn moves
/// LTV far more than price does, and the table shows by how much.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnSensitivity {
    pub arpa_levels: Vec<f64>,
    pub rows: Vec<ChurnRow>,
}

/// Churn from half to one and a half times today's (or 0–5% a month when
/// today's is zero), and ARPA from 20% below to 20% above today's; the
/// middle row and column are today's figures.
pub fn churn_sensitivity(input: LtvInput) -> Result<ChurnSensitivity, InputError> {
    compute(input)?;
    let churn_levels: Vec<f64> = if input.churn == 0.0 {
        vec![0.0, 0.01, 0.02, 0.03, 0.05]
    } else {
        [0.5, 0.75, 1.0, 1.25, 1.5]
            .iter()
            .map(|f| (input.churn * f).min(1.0))
            .collect()
    };
    let arpa_levels: Vec<f64> = [0.8, 0.9, 1.0, 1.1, 1.2]
        .iter()
        .map(|f| input.arpa * f)
        .collect();
    let rows = churn_levels
        .into_iter()
        .map(|churn| ChurnRow {
            churn,
            ltv: arpa_levels
                .iter()
                .map(|arpa| lifetime_value(arpa * input.margin, churn))
                .collect(),
        })
        .collect();
    Ok(ChurnSensitivity { arpa_levels, rows })
}

use crate::form::{required, Amount, Calculator, Field, Kind, ResultSpec, Shown, Values};
use crate::format::NumberFormat;

const ARPA: Field = Field {
    key: "arpa",
    label: "Monthly revenue per account",
    kind: Kind::PositiveAmount,
    required: true,
    help: "Average monthly revenue per customer (ARPA).",
};
const MARGIN: Field = Field {
    key: "margin",
    label: "Gross margin",
    kind: Kind::PositivePercent,
    required: true,
    help: "Share of revenue left after cost of service, in percent.",
};
const CHURN: Field = Field {
    key: "churn",
    label: "Monthly churn",
    kind: Kind::Percent,
    required: true,
    help: "Share of customers who leave each month, in percent.",
};
const DISCOUNT: Field = Field {
    key: "discount",
    label: "Annual discount rate",
    kind: Kind::Percent,
    required: false,
    help: "Optional: your cost of capital per year, in percent, for discounted LTV.",
};
const EXPANSION: Field = Field {
    key: "expansion",
    label: "Monthly expansion",
    kind: Kind::Percent,
    required: false,
    help: "Optional: revenue retained accounts add each month (upgrades, seats), in percent of revenue.",
};
const CAC: Field = Field {
    key: "cac",
    label: "CAC",
    kind: Kind::PositiveAmount,
    required: false,
    help: "Optional: what one customer costs to acquire, for LTV:CAC.",
};

/// The LTV calculator's form and results.
pub const CALCULATOR: Calculator = Calculator {
    slug: "ltv",
    name: "LTV calculator",
    fields: &[ARPA, MARGIN, CHURN, EXPANSION, DISCOUNT, CAC],
    results: &[
        ResultSpec {
            id: "lifetime",
            label: "Customer lifetime",
            formula: "1 ÷ monthly churn",
            needs: &[CHURN],
            uses: &[],
            show: show_lifetime,
        },
        ResultSpec {
            id: "ltv",
            label: "LTV",
            formula: "monthly revenue per account × gross margin ÷ monthly churn",
            needs: &[ARPA, MARGIN, CHURN],
            uses: &[],
            show: show_ltv,
        },
        ResultSpec {
            id: "nrr",
            label: "Net revenue retention",
            formula: "(1 − monthly churn + monthly expansion)¹²",
            needs: &[CHURN, EXPANSION],
            uses: &[],
            show: show_nrr,
        },
        ResultSpec {
            id: "expansion-ltv",
            label: "LTV with expansion",
            formula: "monthly revenue per account × gross margin ÷ (monthly churn − monthly expansion)",
            needs: &[ARPA, MARGIN, CHURN, EXPANSION],
            uses: &[],
            show: show_expansion_ltv,
        },
        ResultSpec {
            id: "max-cac",
            label: "CAC a 3:1 ratio allows",
            formula: "LTV ÷ 3",
            needs: &[ARPA, MARGIN, CHURN],
            uses: &[],
            show: show_max_cac,
        },
        ResultSpec {
            id: "discounted-ltv",
            label: "Discounted LTV",
            formula: "monthly revenue per account × gross margin ÷ (monthly churn + monthly discount rate)",
            needs: &[ARPA, MARGIN, CHURN, DISCOUNT],
            uses: &[],
            show: show_discounted,
        },
        ResultSpec {
            id: "ltv-cac",
            label: "LTV:CAC",
            formula: "LTV ÷ CAC",
            needs: &[ARPA, MARGIN, CHURN, CAC],
            uses: &[],
            show: show_ltv_cac,
        },
    ],
    channels: None,
};

fn bounded_money(value: Bounded, fmt: &NumberFormat) -> String {
    match value {
        Bounded::Finite(v) => fmt.money(v),
        Bounded::Unbounded { within_horizon } => {
            format!(
                "{} within {HORIZON_MONTHS} months",
                fmt.money(within_horizon)
            )
        }
    }
}

/// The calculator's input from the form's checked values, by its fields
/// (the chart reads it too, so a renamed field cannot lose it).
pub fn input_from(values: &Values) -> Result<LtvInput, InputError> {
    Ok(LtvInput {
        arpa: required(values, &ARPA)?,
        margin: required(values, &MARGIN)?,
        churn: required(values, &CHURN)?,
        annual_discount: values.get(DISCOUNT.key).copied(),
        cac: values.get(CAC.key).copied(),
    })
}

/// Monthly gross profit per account and monthly churn, from checked values.
fn profit_and_churn(values: &Values) -> Result<(f64, f64), InputError> {
    Ok((
        required(values, &ARPA)? * required(values, &MARGIN)?,
        required(values, &CHURN)?,
    ))
}

const UNBOUNDED_NOTE: &str =
    " With 0% churn no customer ever leaves, so there is no finite lifetime value: \
     quire shows the value within a 60-month horizon instead.";

fn show_lifetime(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let months = lifetime(required(values, &CHURN)?);
    Ok(Shown {
        value: match months {
            Bounded::Finite(m) => fmt.months(m),
            Bounded::Unbounded { .. } => format!("no limit (shown over {HORIZON_MONTHS} months)"),
        },
        amount: match months {
            Bounded::Finite(m) => Amount::months(m),
            Bounded::Unbounded { .. } => None,
        },
        explanation: "How long the average customer stays.".into(),
    })
}

fn show_ltv(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (profit, churn) = profit_and_churn(values)?;
    let ltv = lifetime_value(profit, churn);
    Ok(Shown {
        value: bounded_money(ltv, fmt),
        amount: Amount::money(ltv.shown()),
        explanation: format!(
            "Gross profit one customer brings over their lifetime.{}",
            if matches!(ltv, Bounded::Unbounded { .. }) {
                UNBOUNDED_NOTE
            } else {
                ""
            }
        ),
    })
}

fn show_nrr(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let nrr = net_revenue_retention(required(values, &CHURN)?, required(values, &EXPANSION)?);
    Ok(Shown {
        value: fmt.percent(nrr),
        amount: Amount::percent(nrr),
        explanation: format!(
            "Of 100 in revenue from today's customers, {} is still coming in a year from now, expansion included{}",
            fmt.money(nrr * 100.0),
            if nrr >= 1.0 {
                ": above 100%, existing customers grow revenue without a single new one."
            } else {
                "."
            }
        ),
    })
}

fn show_expansion_ltv(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (profit, churn) = profit_and_churn(values)?;
    let value = expanding_value(profit, churn, required(values, &EXPANSION)?);
    Ok(Shown {
        value: bounded_money(value, fmt),
        amount: Amount::money(value.shown()),
        explanation: match value {
            Bounded::Finite(_) => {
                "Lifetime gross profit when the customers who stay also pay more over time.".into()
            }
            Bounded::Unbounded { .. } => {
                "Expansion makes up for churn, so a cohort's revenue never shrinks: \
                 quire shows the value within a 60-month horizon instead."
                    .into()
            }
        },
    })
}

fn show_max_cac(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (profit, churn) = profit_and_churn(values)?;
    let allowed = lifetime_value(profit, churn).shown() / TARGET_LTV_CAC;
    Ok(Shown {
        value: fmt.money(allowed),
        amount: Amount::money(allowed),
        explanation: "The most one customer can cost to acquire while LTV:CAC stays at 3:1.".into(),
    })
}

fn show_discounted(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (profit, churn) = profit_and_churn(values)?;
    let annual = required(values, &DISCOUNT)?;
    let value = discounted_value(profit, churn, annual);
    Ok(Shown {
        value: bounded_money(value, fmt),
        amount: Amount::money(value.shown()),
        explanation: format!(
            "Future profit is worth less than profit today: at {} a year ({} a month), this is the lifetime value in today's money.",
            fmt.percent(annual),
            fmt.percent(monthly_rate(annual))
        ),
    })
}

fn show_ltv_cac(values: &Values, fmt: &NumberFormat) -> Result<Shown, InputError> {
    let (profit, churn) = profit_and_churn(values)?;
    let ratio = lifetime_value(profit, churn).shown() / required(values, &CAC)?;
    Ok(Shown {
        value: format!("{}:1", fmt.ratio(ratio)),
        amount: Amount::ratio(ratio),
        explanation: if ratio >= TARGET_LTV_CAC {
            "3:1 or better is the usual sign of healthy unit economics.".into()
        } else if ratio >= 1.0 {
            "Below 3:1: each customer repays their cost, but with little room for overheads.".into()
        } else {
            "Below 1:1: each customer costs more than they will ever bring in.".into()
        },
    })
}
