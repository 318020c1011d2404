//! Invariants that must hold for every input, not just the worked examples.

use proptest::prelude::*;
use quire_calc::cac::{self, CacInput};
use quire_calc::format::NumberFormat;
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

/// Text a visitor may type into a field of `kind`: the edges of its range
/// (zero where allowed, the smallest and largest numbers, 100%) as well as
/// ordinary values, so the result lines see extreme inputs.
fn field_text(kind: quire_calc::form::Kind, filled: bool) -> BoxedStrategy<String> {
    use quire_calc::form::Kind;
    let amount = prop_oneof![
        Just("0.01".to_string()),
        Just("1".to_string()),
        Just("999999999999".to_string()),
        (1u64..10_000_000).prop_map(|n| format!("{}.{:02}", n / 100, n % 100)),
    ];
    let percent = prop_oneof![
        Just("0.01".to_string()),
        Just("100".to_string()),
        Just("99.99".to_string()),
        (1u32..10_000).prop_map(|n| format!("{}.{:02}", n / 100, n % 100)),
    ];
    let text = match kind {
        Kind::Amount => prop_oneof![Just("0".to_string()), amount].boxed(),
        Kind::PositiveAmount => amount.boxed(),
        Kind::PositiveCount => prop_oneof![
            Just("1".to_string()),
            Just("10000000".to_string()),
            (1u32..100_000).prop_map(|n| n.to_string())
        ]
        .boxed(),
        Kind::Percent => prop_oneof![Just("0".to_string()), percent].boxed(),
        Kind::PositivePercent => percent.boxed(),
    };
    if filled {
        text
    } else {
        Just(String::new()).boxed()
    }
}

/// Every field of a calculator as text, by key, each one filled or left
/// empty: results show as soon as their own inputs are there, so any mix
/// of filled fields is a form a visitor sees.
fn form_texts(
    calculator: quire_calc::form::Calculator,
) -> BoxedStrategy<Vec<(&'static str, String)>> {
    prop::collection::vec(any::<bool>(), calculator.fields.len())
        .prop_flat_map(move |filled| {
            calculator
                .fields
                .iter()
                .zip(filled)
                .map(|(field, filled)| {
                    field_text(field.kind, filled).prop_map(move |text| (field.key, text))
                })
                .collect::<Vec<_>>()
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// What a visitor reads never says NaN or infinity: every calculator,
    /// from any valid form, edges included, through the result lines.
    #[test]
    fn result_lines_never_show_nan_or_infinity(
        (index, texts) in (0..quire_calc::FORM_CALCULATORS.len())
            .prop_flat_map(|i| (Just(i), form_texts(quire_calc::FORM_CALCULATORS[i]))),
        locale in prop::sample::select(quire_calc::format::LOCALES.map(|l| l.tag).to_vec()),
        currency in prop::sample::select(quire_calc::format::CURRENCIES.map(|c| c.code).to_vec()),
    ) {
        let fmt = NumberFormat::new(locale, currency).unwrap();
        let calculator = quire_calc::FORM_CALCULATORS[index];
        let text_of = |key: &str| texts.iter().find(|(k, _)| *k == key).map(|(_, t)| t.as_str());
        let parsed = quire_calc::form::parse_each(calculator.fields, text_of);
        prop_assert!(parsed.errors.is_empty(), "{}: valid texts refused: {:?}", calculator.slug, parsed.errors);
        let states = calculator.evaluate(&parsed, &fmt);
        prop_assert_eq!(states.len(), calculator.results.len());
        let mut lines = Vec::new();
        for state in states {
            match state {
                quire_calc::form::ResultState::Ready(line) => lines.push(line),
                quire_calc::form::ResultState::Waiting { needs, .. } => prop_assert!(!needs.is_empty()),
                problem => return Err(TestCaseError::fail(format!("{}: {texts:?} gave {problem:?}", calculator.slug))),
            }
        }
        for line in lines {
            // What a download carries is a plain, finite number too.
            if let Some(amount) = line.amount {
                let plain = amount.plain(&fmt);
                prop_assert!(
                    plain.parse::<f64>().is_ok_and(f64::is_finite),
                    "{}: {} downloads as {plain:?} for {texts:?}", calculator.slug, line.id
                );
            }
            for shown in [&line.value, &line.explanation] {
                let words: Vec<String> = shown
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase)
                    .collect();
                let bad = words.iter().any(|w| w == "nan" || w == "inf" || w == "infinity");
                prop_assert!(
                    !bad && !shown.contains('∞'),
                    "{}: {} shows {shown:?} for {texts:?}", calculator.slug, line.id
                );
            }
        }
    }
}
