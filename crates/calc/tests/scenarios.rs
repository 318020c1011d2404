//! Scenarios compared side by side, worked by hand.

use quire_calc::format::NumberFormat;
use quire_calc::scenarios::{check_name, compare, NameError, RowKind, Scenario, MAX_NAME};
use quire_calc::{ltv, roas};

fn scenario(name: &str, inputs: &[(&str, &str)]) -> Scenario {
    Scenario {
        name: name.into(),
        inputs: inputs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

#[test]
fn doubling_the_budget_at_a_lower_roas_worked_by_hand() {
    // Today: 12,000 on 3,000 at 40% → ROAS 4.00×, profit 4,800 − 3,000 = 1,800.
    // Scale: 18,000 on 6,000 → ROAS 3.00×, profit 7,200 − 6,000 = 1,200.
    // Differences: spend +3,000, ROAS −1.00×, profit −600; margin unchanged.
    let today = scenario(
        "Today",
        &[("revenue", "12000"), ("spend", "3000"), ("margin", "40")],
    );
    let scale = scenario(
        "Scale",
        &[("revenue", "18000"), ("spend", "6000"), ("margin", "40")],
    );
    let c = compare(&roas::CALCULATOR, &[today, scale], &NumberFormat::default());
    assert_eq!(c.names, ["Today", "Scale"]);
    let row = |label: &str| c.rows.iter().find(|r| r.label == label).unwrap();
    assert_eq!(row("Ad spend").kind, RowKind::Input);
    assert_eq!(row("Ad spend").cells, ["$3,000.00", "$6,000.00"]);
    assert_eq!(row("Ad spend").differences, [Some("+$3,000.00".into())]);
    assert_eq!(row("Gross margin").differences, [Some("±0".into())]);
    assert_eq!(row("ROAS").kind, RowKind::Result);
    assert_eq!(row("ROAS").differences, [Some("-1.00×".into())]);
    assert_eq!(
        row("Profit after ad spend").cells,
        ["$1,800.00", "$1,200.00"]
    );
    assert_eq!(
        row("Profit after ad spend").differences,
        [Some("-$600.00".into())]
    );
    // No target in either: the result waits in both, so there is no difference.
    let target = row("Target ROAS");
    assert_eq!(target.cells, ["—", "—"]);
    assert_eq!(target.differences, [None]);
}

#[test]
fn three_scenarios_each_against_the_first() {
    // LTV = ARPA × margin ÷ churn: 100 × 0.8 ÷ 0.05 = 1,600; at 4% churn
    // 2,000 (+400); at 6.4% churn 1,250 (−350). Churn differences in points.
    let base = scenario("Base", &[("arpa", "100"), ("margin", "80"), ("churn", "5")]);
    let better = scenario(
        "Retain",
        &[("arpa", "100"), ("margin", "80"), ("churn", "4")],
    );
    let worse = scenario(
        "Churn up",
        &[("arpa", "100"), ("margin", "80"), ("churn", "6.4")],
    );
    let c = compare(
        &ltv::CALCULATOR,
        &[base, better, worse],
        &NumberFormat::default(),
    );
    let row = |label: &str| c.rows.iter().find(|r| r.label == label).unwrap();
    assert_eq!(row("LTV").cells, ["$1,600.00", "$2,000.00", "$1,250.00"]);
    assert_eq!(
        row("LTV").differences,
        [Some("+$400.00".into()), Some("-$350.00".into())]
    );
    assert_eq!(
        row("Monthly churn").differences,
        [Some("-1.0 pp".into()), Some("+1.4 pp".into())]
    );
}

#[test]
fn money_in_different_currencies_is_not_subtracted() {
    let usd = scenario(
        "US",
        &[("revenue", "100"), ("spend", "50"), ("margin", "25")],
    );
    let eur = scenario(
        "EU",
        &[
            ("revenue", "100"),
            ("spend", "50"),
            ("margin", "25"),
            ("currency", "EUR"),
        ],
    );
    let c = compare(&roas::CALCULATOR, &[usd, eur], &NumberFormat::default());
    let row = |label: &str| c.rows.iter().find(|r| r.label == label).unwrap();
    assert_eq!(row("Profit after ad spend").cells, ["-$25.00", "-€25.00"]);
    assert_eq!(row("Profit after ad spend").differences, [None]);
    // A multiple has no currency: still compared.
    assert_eq!(row("ROAS").differences, [Some("±0".into())]);
}

#[test]
fn names_are_trimmed_and_bounded() {
    assert_eq!(
        check_name("  Double the budget "),
        Ok("Double the budget".into())
    );
    assert_eq!(check_name("   "), Err(NameError::Empty));
    let long = "x".repeat(MAX_NAME + 1);
    assert_eq!(check_name(&long), Err(NameError::TooLong(MAX_NAME + 1)));
}
