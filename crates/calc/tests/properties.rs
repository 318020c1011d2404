//! Invariants that must hold for every input, not just the worked examples.

use proptest::prelude::*;
use quire_calc::cac::{self, CacInput};
use quire_calc::ltv::{self, LtvInput};
use quire_calc::roas::{self, RoasInput};

proptest! {
    #[test]
    fn ltv_falls_as_churn_rises(arpa in 1.0..1e6f64, margin in 0.01..1.0f64, churn in 0.001..0.99f64, extra in 0.001..0.5f64) {
        let lower = ltv::compute(LtvInput { arpa, margin, churn, annual_discount: Some(0.1), cac: None }).unwrap();
        let higher = ltv::compute(LtvInput { arpa, margin, churn: (churn + extra).min(1.0), annual_discount: Some(0.1), cac: None }).unwrap();
        prop_assert!(higher.ltv.shown() < lower.ltv.shown());
        prop_assert!(higher.discounted_ltv.unwrap().shown() < lower.discounted_ltv.unwrap().shown());
    }

    #[test]
    fn discounting_never_raises_ltv(arpa in 0.0..1e6f64, margin in 0.01..1.0f64, churn in 0.001..1.0f64, annual in 0.0..1.0f64) {
        let r = ltv::compute(LtvInput { arpa, margin, churn, annual_discount: Some(annual), cac: None }).unwrap();
        prop_assert!(r.discounted_ltv.unwrap().shown() <= r.ltv.shown() + 1e-9);
    }

    #[test]
    fn results_are_always_finite(revenue in 0.0..1e12f64, spend in 0.01..1e12f64, margin in 0.0001..1.0f64, customers in 1u32..1_000_000) {
        let r = roas::compute(RoasInput { revenue, spend, margin, target_margin: Some(margin / 2.0) }).unwrap();
        for v in [r.roas, r.roas_percent, r.breakeven_roas, r.profit, r.target_roas.unwrap()] {
            prop_assert!(v.is_finite());
        }
        let c = cac::compute(CacInput { marketing: spend, sales: revenue, customers: f64::from(customers), paid: None, arpa_and_margin: Some((spend, margin)) }).unwrap();
        prop_assert!(c.blended_cac.is_finite() && c.payback_months.unwrap().is_finite());
    }

    #[test]
    fn profit_is_positive_exactly_above_break_even(revenue in 0.0..1e9f64, spend in 1.0..1e9f64, margin in 0.01..1.0f64) {
        let r = roas::compute(RoasInput { revenue, spend, margin, target_margin: None }).unwrap();
        // Away from the boundary, where rounding could go either way.
        prop_assume!((r.roas - r.breakeven_roas).abs() > 1e-6 * r.breakeven_roas);
        prop_assert_eq!(r.profit > 0.0, r.roas > r.breakeven_roas);
    }
}
