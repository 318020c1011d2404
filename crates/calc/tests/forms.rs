//! The calculators as pages use them: query texts in, result lines out.

use proptest::prelude::*;
use quire_calc::form::{parse_all, Calculator, ResultLine};
use quire_calc::input::InputError;
use quire_calc::FORM_CALCULATORS;
use quire_calc::{cac, ltv, roas};

fn run(calculator: Calculator, query: &[(&str, &str)]) -> Result<Vec<ResultLine>, String> {
    let values = parse_all(calculator.fields, |k| {
        query.iter().find(|(key, _)| *key == k).map(|(_, v)| *v)
    })
    .map_err(|errors| {
        errors
            .iter()
            .map(|(_, e)| e.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    (calculator.results)(&values).map_err(|e| e.to_string())
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
    assert_eq!(value(&lines, "profit"), "1,800.00");
    assert_eq!(value(&lines, "target-roas"), "3.33×");
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
    assert_eq!(value(&lines, "cac"), "1,200.00");
    assert_eq!(value(&lines, "paid-cac"), "800.00");
    assert_eq!(value(&lines, "payback-months"), "10.0 months");
}

#[test]
fn cac_needs_both_halves_of_a_pair() {
    let err = run(
        cac::CALCULATOR,
        &[("marketing", "100"), ("customers", "2"), ("arpa", "50")],
    )
    .unwrap_err();
    assert_eq!(err, "Gross margin is required");
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
        ],
    )
    .unwrap();
    assert_eq!(value(&lines, "lifetime"), "20.0 months");
    assert_eq!(value(&lines, "ltv"), "1,500.00");
    assert_eq!(value(&lines, "discounted-ltv"), "1,260.74");
    assert_eq!(value(&lines, "ltv-cac"), "3.00:1");
}

#[test]
fn ltv_with_zero_churn_says_so() {
    let lines = run(
        ltv::CALCULATOR,
        &[("arpa", "80"), ("margin", "50"), ("churn", "0")],
    )
    .unwrap();
    assert_eq!(value(&lines, "ltv"), "2,400.00 within 60 months");
    assert_eq!(value(&lines, "lifetime"), "no limit (shown over 60 months)");
}

#[test]
fn bad_inputs_give_messages_not_numbers() {
    assert_eq!(
        run(roas::CALCULATOR, &[("revenue", "abc"), ("spend", "0"), ("margin", "140")]).unwrap_err(),
        "Revenue from ads must be a number, like 1200 or 1,200.50; Ad spend must be more than zero; \
         Gross margin must be a percentage from 0 to 100"
    );
    let values = parse_all(roas::CALCULATOR.fields, |_| Some("1")).unwrap();
    assert!((roas::CALCULATOR.results)(&values).is_ok());
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
                if let Ok(lines) = (calculator.results)(&values) {
                    for line in lines {
                        let v = line.value.to_lowercase();
                        prop_assert!(!v.contains("nan") && !v.contains("inf") && !v.contains('∞') && !v.contains('—'), "{} = {}", line.id, line.value);
                    }
                }
            }
        }
    }
}
