//! Worked examples computed by hand from the definitions, one per formula,
//! including the edge cases. Comparisons allow 1e-9 for float rounding.

use quire_calc::cac::{self, CacInput};
use quire_calc::input::InputError;
use quire_calc::ltv::{self, Bounded, LtvInput, HORIZON_MONTHS};
use quire_calc::roas::{self, RoasInput};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {
        assert!(
            close($a, $b),
            "{} = {} but expected {}",
            stringify!($a),
            $a,
            $b
        )
    };
}

#[test]
fn roas_worked_example() {
    // 12,000 revenue on 3,000 spend at 40% margin:
    // ROAS 4×; break-even 1/0.4 = 2.5×; profit 12,000×0.4 − 3,000 = 1,800;
    // target for 10% profit: 1/(0.4 − 0.1) = 3.333…×.
    let r = roas::compute(RoasInput {
        revenue: 12_000.0,
        spend: 3_000.0,
        margin: 0.4,
        target_margin: Some(0.1),
    })
    .unwrap();
    assert_close!(r.roas, 4.0);
    assert_close!(r.roas_percent, 400.0);
    assert_close!(r.breakeven_roas, 2.5);
    assert_close!(r.profit, 1_800.0);
    assert_close!(r.target_roas.unwrap(), 10.0 / 3.0);
}

#[test]
fn roas_below_break_even_loses_money() {
    // 5,000 revenue on 2,500 spend at 30% margin: ROAS 2× < 3.33× break-even;
    // profit 1,500 − 2,500 = −1,000.
    let r = roas::compute(RoasInput {
        revenue: 5_000.0,
        spend: 2_500.0,
        margin: 0.3,
        target_margin: None,
    })
    .unwrap();
    assert_close!(r.profit, -1_000.0);
    assert!(r.roas < r.breakeven_roas);
    assert_eq!(r.target_roas, None);
}

#[test]
fn roas_edge_cases() {
    let base = RoasInput {
        revenue: 1_000.0,
        spend: 500.0,
        margin: 0.5,
        target_margin: None,
    };
    assert_eq!(
        roas::compute(RoasInput { spend: 0.0, ..base }),
        Err(InputError::Zero { field: "Ad spend" })
    );
    assert_eq!(
        roas::compute(RoasInput {
            margin: 0.0,
            ..base
        }),
        Err(InputError::Zero {
            field: "Gross margin"
        })
    );
    // A target margin at or above the gross margin cannot be reached at any ROAS.
    let r = roas::compute(RoasInput {
        target_margin: Some(0.5),
        ..base
    })
    .unwrap();
    assert_eq!(r.target_roas, None);
    // Zero revenue is a valid (bad) campaign: ROAS 0, the whole spend lost.
    let r = roas::compute(RoasInput {
        revenue: 0.0,
        ..base
    })
    .unwrap();
    assert_close!(r.roas, 0.0);
    assert_close!(r.profit, -500.0);
}

#[test]
fn roas_sensitivity_grid() {
    // 2,000 spend, ROAS 3× (6,000 revenue), 50% margin. At today's spend and
    // ROAS the profit is 6,000×0.5 − 2,000 = 1,000; at double spend and 60% of
    // the ROAS (1.8×): 4,000×1.8×0.5 − 4,000 = −400.
    let t = roas::sensitivity(RoasInput {
        revenue: 6_000.0,
        spend: 2_000.0,
        margin: 0.5,
        target_margin: None,
    })
    .unwrap();
    assert_eq!(t.rows.len(), 5);
    assert_close!(t.rows[2].spend, 2_000.0);
    assert_close!(t.roas_levels[2], 3.0);
    assert_close!(t.rows[2].profit[2], 1_000.0);
    assert_close!(t.rows[4].spend, 4_000.0);
    assert_close!(t.rows[4].profit[0], -400.0);
}

#[test]
fn cac_worked_example() {
    // 30,000 marketing + 18,000 sales for 40 customers: blended CAC 1,200.
    // Paid: 20,000 for 25 customers = 800. Payback: 1,200 / (150 × 0.8) = 10 months.
    let r = cac::compute(CacInput {
        marketing: 30_000.0,
        sales: 18_000.0,
        customers: 40.0,
        paid: Some((20_000.0, 25.0)),
        arpa_and_margin: Some((150.0, 0.8)),
    })
    .unwrap();
    assert_close!(r.blended_cac, 1_200.0);
    assert_close!(r.paid_cac.unwrap(), 800.0);
    assert_close!(r.payback_months.unwrap(), 10.0);
}

#[test]
fn cac_edge_cases() {
    let base = CacInput {
        marketing: 1_000.0,
        sales: 0.0,
        customers: 10.0,
        paid: None,
        arpa_and_margin: None,
    };
    let r = cac::compute(base).unwrap();
    assert_close!(r.blended_cac, 100.0);
    assert_eq!((r.paid_cac, r.payback_months), (None, None));
    assert_eq!(
        cac::compute(CacInput {
            customers: 0.0,
            ..base
        }),
        Err(InputError::Zero {
            field: "New customers"
        })
    );
    assert_eq!(
        cac::compute(CacInput {
            paid: Some((500.0, 0.0)),
            ..base
        }),
        Err(InputError::Zero {
            field: "Paid customers"
        })
    );
    assert_eq!(
        cac::compute(CacInput {
            arpa_and_margin: Some((0.0, 0.8)),
            ..base
        }),
        Err(InputError::Zero {
            field: "Monthly revenue per account"
        })
    );
    // No spend at all: customers came free, CAC 0 and payback 0 months.
    let r = cac::compute(CacInput {
        marketing: 0.0,
        arpa_and_margin: Some((50.0, 0.5)),
        ..base
    })
    .unwrap();
    assert_close!(r.blended_cac, 0.0);
    assert_close!(r.payback_months.unwrap(), 0.0);
}

#[test]
fn ltv_worked_example() {
    // ARPA 100, margin 75%, churn 5%/month: lifetime 20 months; LTV 100×0.75/0.05 = 1,500.
    // Discount 12%/year: d = 1.12^(1/12) − 1 = 0.0094887929…; discounted LTV = 75 / 0.0594887929… = 1,260.7417…
    // CAC 500: LTV:CAC = 3.
    let r = ltv::compute(LtvInput {
        arpa: 100.0,
        margin: 0.75,
        churn: 0.05,
        annual_discount: Some(0.12),
        cac: Some(500.0),
    })
    .unwrap();
    assert_eq!(r.lifetime_months, Bounded::Finite(20.0));
    assert_close!(r.ltv.shown(), 1_500.0);
    assert_close!(ltv::monthly_rate(0.12), 0.009_488_792_934_583_046);
    let Some(Bounded::Finite(discounted)) = r.discounted_ltv else {
        panic!("finite discounted LTV expected")
    };
    assert!((discounted - 1_260.741_7).abs() < 1e-3, "{discounted}");
    assert_close!(r.ltv_cac.unwrap(), 3.0);
}

#[test]
fn ltv_with_zero_churn_reports_the_horizon_not_infinity() {
    // Churn 0: no finite LTV. Within the 60-month horizon: 80 × 0.5 × 60 = 2,400.
    let r = ltv::compute(LtvInput {
        arpa: 80.0,
        margin: 0.5,
        churn: 0.0,
        annual_discount: None,
        cac: Some(600.0),
    })
    .unwrap();
    assert_eq!(HORIZON_MONTHS, 60);
    assert_eq!(
        r.lifetime_months,
        Bounded::Unbounded {
            within_horizon: 60.0
        }
    );
    assert_eq!(
        r.ltv,
        Bounded::Unbounded {
            within_horizon: 2_400.0
        }
    );
    assert_close!(r.ltv_cac.unwrap(), 4.0);
    // With a discount rate, even zero churn has a finite discounted value: 40 / d.
    let r = ltv::compute(LtvInput {
        arpa: 80.0,
        margin: 0.5,
        churn: 0.0,
        annual_discount: Some(0.1),
        cac: None,
    })
    .unwrap();
    let Some(Bounded::Finite(v)) = r.discounted_ltv else {
        panic!("finite")
    };
    assert_close!(v, 40.0 / ltv::monthly_rate(0.1));
}

#[test]
fn ltv_edge_cases() {
    let base = LtvInput {
        arpa: 100.0,
        margin: 0.5,
        churn: 0.1,
        annual_discount: None,
        cac: None,
    };
    assert_eq!(
        ltv::compute(LtvInput {
            margin: 0.0,
            ..base
        }),
        Err(InputError::Zero {
            field: "Gross margin"
        })
    );
    assert_eq!(
        ltv::compute(LtvInput {
            cac: Some(0.0),
            ..base
        }),
        Err(InputError::Zero { field: "CAC" })
    );
    // Churn 100%: every customer leaves after one month; LTV is one month of profit.
    let r = ltv::compute(LtvInput { churn: 1.0, ..base }).unwrap();
    assert_close!(r.ltv.shown(), 50.0);
}

#[test]
fn ltv_curve_accumulates_towards_ltv() {
    // Month 1 earns 50; month 2 earns 50 × 0.9 = 45; after two months 95.
    let input = LtvInput {
        arpa: 100.0,
        margin: 0.5,
        churn: 0.1,
        annual_discount: None,
        cac: None,
    };
    let curve = ltv::curve(input, 600);
    assert_close!(curve[0], 50.0);
    assert_close!(curve[1], 95.0);
    assert!((curve[599] - 500.0).abs() < 1e-6);
}

#[test]
fn poas_worked_examples() {
    // eleniq.com, "What is Profit on Ad Spend?": £40,000 of revenue on
    // £8,000 of spend with £24,000 of costs of goods (a 40% gross margin)
    // leaves £16,000 of gross profit: POAS 16,000 ÷ 8,000 = 2.0 on a ROAS of 5.0.
    assert_close!(roas::poas(40_000.0, 8_000.0, 0.4), 2.0);
    assert_close!(roas::roas(40_000.0, 8_000.0), 5.0);
    // By hand: 12,000 × 0.4 ÷ 3,000 = 1.6; POAS is ROAS × margin.
    assert_close!(roas::poas(12_000.0, 3_000.0, 0.4), 1.6);
}

#[test]
fn expansion_ltv_and_net_revenue_retention_worked_examples() {
    // getfairview.com/calculators/ltv, expansion-adjusted LTV:
    // ARPA × gross margin ÷ (monthly churn − monthly expansion), capped at a
    // horizon when expansion reaches churn. ARPA 100 at 75%, 5% churn, 2%
    // expansion: 75 ÷ 0.03 = 2,500 (against 1,500 without expansion).
    assert_eq!(
        ltv::expanding_value(75.0, 0.05, 0.02),
        Bounded::Finite(75.0 / 0.03)
    );
    // NRR: each month keeps 1 − 0.05 + 0.02 = 0.97 of revenue; a year 0.97¹².
    assert_close!(
        ltv::net_revenue_retention(0.05, 0.02),
        0.693_842_360_270_154_2
    );
    assert_close!(ltv::net_revenue_retention(0.01, 0.02), 1.01f64.powi(12));
    // Expansion equal to churn: revenue stays flat, 60 months of 75.
    assert_eq!(
        ltv::expanding_value(75.0, 0.02, 0.02),
        Bounded::Unbounded {
            within_horizon: 75.0 * f64::from(HORIZON_MONTHS)
        }
    );
    // Above churn: revenue grows 1% a month, Σ 1.01^t for t < 60 =
    // (1.01^60 − 1) ÷ 0.01 = 81.669670…, × 75 = 6,125.225…
    let Bounded::Unbounded { within_horizon } = ltv::expanding_value(75.0, 0.02, 0.03) else {
        panic!("expansion above churn has no finite value");
    };
    assert_close!(within_horizon, 75.0 * (1.01f64.powi(60) - 1.0) / 0.01);
    assert!(
        (within_horizon - 6_125.225).abs() < 0.01,
        "{within_horizon}"
    );
}

#[test]
fn ltv_churn_sensitivity_grid() {
    // ARPA 100 at a 75% margin and 5% churn (the LTV example above: 1,500).
    // Rows: churn 2.5%, 3.75%, 5%, 6.25%, 7.5%; columns ARPA 80 … 120.
    // Corners by hand: 80 × 0.75 ÷ 0.025 = 2,400; 120 × 0.75 ÷ 0.075 = 1,200.
    let table = ltv::churn_sensitivity(LtvInput {
        arpa: 100.0,
        margin: 0.75,
        churn: 0.05,
        annual_discount: None,
        cac: None,
    })
    .unwrap();
    let churns: Vec<f64> = table.rows.iter().map(|r| r.churn).collect();
    for (got, want) in churns.iter().zip([0.025, 0.0375, 0.05, 0.0625, 0.075]) {
        assert_close!(*got, want);
    }
    assert_close!(table.arpa_levels[0], 80.0);
    assert_close!(table.arpa_levels[4], 120.0);
    assert_close!(table.rows[0].ltv[0].shown(), 2_400.0);
    assert_close!(table.rows[2].ltv[2].shown(), 1_500.0);
    assert_close!(table.rows[4].ltv[4].shown(), 1_200.0);

    // At 0% churn the rows are 0–5% a month, the first one bounded by the horizon.
    let zero = ltv::churn_sensitivity(LtvInput {
        arpa: 100.0,
        margin: 0.75,
        churn: 0.0,
        annual_discount: None,
        cac: None,
    })
    .unwrap();
    assert_eq!(
        zero.rows[0].ltv[2],
        Bounded::Unbounded {
            within_horizon: 75.0 * f64::from(HORIZON_MONTHS)
        }
    );
    assert_close!(zero.rows[4].ltv[2].shown(), 1_500.0);
}
