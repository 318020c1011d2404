//! The calculators as pages use them: query texts in, result lines out.

use proptest::prelude::*;
use quire_calc::form::{parse_all, parse_each, Calculator, Kind, ResultLine, ResultState};
use quire_calc::format::NumberFormat;
use quire_calc::input::InputError;
use quire_calc::FORM_CALCULATORS;
use quire_calc::{cac, ltv, roas};

/// The results a page shows for `query`, or its fields' errors.
fn states(calculator: Calculator, query: &[(&str, &str)]) -> Result<Vec<ResultState>, String> {
    let parsed = parse_each(calculator.fields, |k| {
        query.iter().find(|(key, _)| *key == k).map(|(_, v)| *v)
    });
    if !parsed.errors.is_empty() {
        return Err(parsed
            .errors
            .iter()
            .map(|(_, e)| e.to_string())
            .collect::<Vec<_>>()
            .join("; "));
    }
    Ok(calculator.evaluate(&parsed, &NumberFormat::default()))
}

/// The ready results for `query`.
fn run(calculator: Calculator, query: &[(&str, &str)]) -> Result<Vec<ResultLine>, String> {
    Ok(states(calculator, query)?
        .iter()
        .filter_map(|s| s.ready().cloned())
        .collect())
}

/// The labels of the inputs result `id` still waits for, if it waits.
fn waiting_for(states: &[ResultState], id: &str) -> Option<Vec<&'static str>> {
    states.iter().find(|s| s.id() == id).and_then(|s| match s {
        ResultState::Waiting { needs, .. } => Some(needs.clone()),
        _ => None,
    })
}

/// A usable text for a field of `kind`.
fn sample(kind: Kind) -> &'static str {
    match kind {
        Kind::Amount | Kind::PositiveAmount => "1200",
        Kind::PositiveCount => "12",
        Kind::Percent => "5",
        Kind::PositivePercent => "60",
    }
}

fn value(lines: &[ResultLine], id: &str) -> String {
    lines
        .iter()
        .find(|l| l.id == id)
        .map(|l| l.value.clone())
        .unwrap_or_else(|| panic!("no result {id}"))
}

#[test]
fn roas_from_a_shared_link() {
    let lines = run(
        roas::CALCULATOR,
        &[
            ("revenue", "12000"),
            ("spend", "3000"),
            ("margin", "40"),
            ("target_margin", "10"),
        ],
    )
    .unwrap();
    assert_eq!(value(&lines, "roas"), "4.00× (400.0%)");
    assert_eq!(value(&lines, "breakeven-roas"), "2.50×");
    assert_eq!(value(&lines, "profit"), "$1,800.00");
    assert_eq!(value(&lines, "target-roas"), "3.33×");
    assert_eq!(value(&lines, "poas"), "1.60×");
    assert!(lines[1].explanation.contains("above break-even"));
}

#[test]
fn cac_from_a_shared_link() {
    let query = [
        ("marketing", "30000"),
        ("sales", "18000"),
        ("customers", "40"),
        ("paid_spend", "20000"),
        ("paid_customers", "25"),
        ("arpa", "150"),
        ("margin", "80"),
    ];
    let lines = run(cac::CALCULATOR, &query).unwrap();
    assert_eq!(value(&lines, "cac"), "$1,200.00");
    assert_eq!(value(&lines, "paid-cac"), "$800.00");
    assert_eq!(value(&lines, "payback-months"), "10.0 months");
}

#[test]
fn cac_payback_waits_for_gross_margin_while_cac_shows() {
    let query = [("marketing", "100"), ("customers", "2"), ("arpa", "50")];
    let shown = states(cac::CALCULATOR, &query).unwrap();
    assert_eq!(
        run(cac::CALCULATOR, &query).unwrap()[0].value,
        "$50.00",
        "{shown:?}"
    );
    assert_eq!(
        waiting_for(&shown, "payback-months"),
        Some(vec!["Gross margin"])
    );
    assert_eq!(
        waiting_for(&shown, "paid-cac"),
        Some(vec!["Paid-channel spend", "Customers from paid channels"])
    );
}

/// The case a new visitor hit: revenue and spend typed, no margin yet.
#[test]
fn roas_shows_from_revenue_and_spend_alone() {
    let query = [("revenue", "12000"), ("spend", "3000")];
    let shown = states(roas::CALCULATOR, &query).unwrap();
    assert_eq!(
        run(roas::CALCULATOR, &query).unwrap(),
        vec![ResultLine {
            id: "roas",
            label: "ROAS",
            value: "4.00× (400.0%)".into(),
            amount: quire_calc::form::Amount::multiple(4.0),
            formula: "revenue ÷ ad spend",
            explanation: "Every $1 spent on ads brought in $4.00 of revenue.".into(),
        }]
    );
    assert_eq!(waiting_for(&shown, "profit"), Some(vec!["Gross margin"]));
    assert_eq!(
        waiting_for(&shown, "breakeven-roas"),
        Some(vec!["Gross margin"])
    );
    // Break-even needs only the margin; with revenue and spend it also says
    // which side of it the campaign is.
    let margin_only = run(roas::CALCULATOR, &[("margin", "40")]).unwrap();
    assert_eq!(margin_only.len(), 1);
    assert_eq!(margin_only[0].value, "2.50×");
    assert!(!margin_only[0].explanation.contains("break-even"));
}

#[test]
fn a_field_that_is_not_usable_holds_back_only_the_results_that_read_it() {
    let parsed = parse_each(cac::CALCULATOR.fields, |k| match k {
        "marketing" => Some("1000"),
        "sales" => Some("lots"),
        "customers" => Some("10"),
        "paid_spend" => Some("500"),
        "paid_customers" => Some("5"),
        _ => None,
    });
    assert_eq!(parsed.errors.len(), 1);
    let shown = cac::CALCULATOR.evaluate(&parsed, &NumberFormat::default());
    assert_eq!(waiting_for(&shown, "cac"), Some(vec!["Sales spend"]));
    assert_eq!(shown[1].ready().unwrap().value, "$100.00");
}

/// Every result of every calculator appears from exactly the inputs it
/// names, and waits, naming it, while any one of them is missing.
#[test]
fn each_result_needs_exactly_the_inputs_it_names() {
    for calculator in FORM_CALCULATORS {
        for spec in calculator.results {
            let given: Vec<(&str, &str)> =
                spec.needs.iter().map(|f| (f.key, sample(f.kind))).collect();
            let shown = states(calculator, &given).unwrap();
            let state = shown.iter().find(|s| s.id() == spec.id).unwrap();
            assert!(state.ready().is_some(), "{}: {state:?}", spec.id);
            for left_out in spec.needs {
                let fewer: Vec<(&str, &str)> = given
                    .iter()
                    .filter(|(k, _)| *k != left_out.key)
                    .copied()
                    .collect();
                let shown = states(calculator, &fewer).unwrap();
                assert_eq!(
                    waiting_for(&shown, spec.id),
                    Some(vec![left_out.label]),
                    "{} without {}",
                    spec.id,
                    left_out.key
                );
            }
        }
        let ids: std::collections::HashSet<_> = calculator.results.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), calculator.results.len(), "{}", calculator.slug);
    }
}

#[test]
fn ltv_from_a_shared_link() {
    let lines = run(
        ltv::CALCULATOR,
        &[
            ("arpa", "100"),
            ("margin", "75"),
            ("churn", "5"),
            ("discount", "12"),
            ("cac", "500"),
            ("expansion", "2"),
        ],
    )
    .unwrap();
    assert_eq!(value(&lines, "expansion-ltv"), "$2,500.00");
    assert_eq!(value(&lines, "nrr"), "69.4%");
    assert_eq!(value(&lines, "max-cac"), "$500.00");
    assert_eq!(value(&lines, "lifetime"), "20.0 months");
    assert_eq!(value(&lines, "ltv"), "$1,500.00");
    assert_eq!(value(&lines, "discounted-ltv"), "$1,260.74");
    assert_eq!(value(&lines, "ltv-cac"), "3.00:1");
}

#[test]
fn ltv_with_zero_churn_says_so() {
    let lines = run(
        ltv::CALCULATOR,
        &[("arpa", "80"), ("margin", "50"), ("churn", "0")],
    )
    .unwrap();
    assert_eq!(value(&lines, "ltv"), "$2,400.00 within 60 months");
    assert_eq!(value(&lines, "lifetime"), "no limit (shown over 60 months)");
}

#[test]
fn bad_inputs_give_messages_not_numbers() {
    assert_eq!(
        run(roas::CALCULATOR, &[("revenue", "abc"), ("spend", "0"), ("margin", "140")]).unwrap_err(),
        "Revenue from ads must be a number, like 1200 or 1,200.50; Ad spend must be more than zero; \
         Gross margin must be a percentage from 0 to 100"
    );
    assert_eq!(
        run(
            roas::CALCULATOR,
            &[
                ("revenue", "1"),
                ("spend", "1"),
                ("margin", "1"),
                ("target_margin", "1")
            ]
        )
        .unwrap()
        .len(),
        roas::CALCULATOR.results.len()
    );
    assert_eq!(
        parse_all(ltv::CALCULATOR.fields, |_| None).unwrap_err()[0].1,
        InputError::Missing {
            field: "Monthly revenue per account"
        }
    );
}

#[test]
fn calculators_have_unique_slugs_and_keys() {
    let slugs: std::collections::HashSet<_> = FORM_CALCULATORS.iter().map(|c| c.slug).collect();
    assert_eq!(slugs.len(), FORM_CALCULATORS.len());
    for calculator in FORM_CALCULATORS {
        let keys: std::collections::HashSet<_> = calculator.fields.iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), calculator.fields.len(), "{}", calculator.slug);
    }
}

proptest! {
    /// Whatever a visitor types, a result is a readable number or a message.
    #[test]
    fn no_result_is_ever_nan_or_infinite(texts in prop::collection::vec("[0-9.,%$ -]{0,12}|-?[0-9]{1,14}(\\.[0-9]{0,3})?", 7)) {
        for calculator in FORM_CALCULATORS {
            let lookup = |k: &str| calculator.fields.iter().position(|f| f.key == k).map(|i| texts[i].as_str());
            if let Ok(values) = parse_all(calculator.fields, lookup) {
                let parsed = quire_calc::form::Parsed { values, errors: Vec::new() };
                for line in calculator.evaluate(&parsed, &NumberFormat::default()).iter().filter_map(ResultState::ready) {
                    let v = line.value.to_lowercase();
                    prop_assert!(!v.contains("nan") && !v.contains("inf") && !v.contains('∞') && !v.contains('—'), "{} = {}", line.id, line.value);
                }
            }
        }
    }
}
