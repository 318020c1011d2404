//! Downloads read back with an independent CSV reader: the numbers in them
//! are the numbers the page shows, worked out by hand here.

use quire_calc::channels::{RowText, ROAS_CHANNELS};
use quire_calc::export::{self, CohortMeasure};
use quire_calc::form::parse_each;
use quire_calc::format::NumberFormat;
use quire_calc::{cohort, ltv, roas};

fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn results_for(
    calculator: quire_calc::form::Calculator,
    texts: &[(&str, &str)],
    fmt: &NumberFormat,
) -> Vec<Vec<String>> {
    let text_of = |key: &str| texts.iter().find(|(k, _)| *k == key).map(|(_, t)| *t);
    let parsed = parse_each(calculator.fields, text_of);
    let states = calculator.evaluate(&parsed, fmt);
    records(&export::results_csv(&calculator, &parsed, &states, fmt))
}

#[test]
fn roas_results_worked_by_hand() {
    // 4,000 revenue on 1,000 spend at 40% margin: ROAS 4.00×, break-even
    // 1 ÷ 0.4 = 2.50×, profit 4,000 × 0.4 − 1,000 = 600, POAS 1,600 ÷ 1,000 = 1.60×.
    let fmt = NumberFormat::new("de-DE", "EUR").unwrap();
    let rows = results_for(
        roas::CALCULATOR,
        &[("revenue", "4000"), ("spend", "1000"), ("margin", "40")],
        &fmt,
    );
    assert_eq!(rows[0], export::RESULTS_HEADER);
    let find = |kind: &str, name: &str| {
        rows.iter()
            .find(|r| r[0] == kind && r[1] == name)
            .unwrap_or_else(|| panic!("no {kind} {name} in {rows:?}"))
            .clone()
    };
    assert_eq!(find("input", "Revenue from ads")[2..4], ["4000", "EUR"]);
    assert_eq!(find("input", "Gross margin")[2..4], ["40", "%"]);
    assert_eq!(find("result", "ROAS")[2..4], ["4.00", "×"]);
    assert_eq!(
        find("result", "Break-even ROAS")[2..],
        ["2.50", "×", "2,50×"]
    );
    let profit = find("result", "Profit after ad spend");
    assert_eq!(profit[2..4], ["600.00", "EUR"]);
    assert_eq!(profit[4], "600,00\u{a0}€");
    // The target is not given: its result waits and is not in the file.
    assert!(rows.iter().all(|r| !r[1].contains("target")));
}

#[test]
fn ltv_ratio_and_percent_units() {
    // ARPA 100 at 80% margin and 5% churn: LTV 80 ÷ 0.05 = 1,600; with a CAC
    // of 400 that is 4.00:1. NRR with 2% expansion: (1 − 0.05 + 0.02)^12.
    let fmt = NumberFormat::default();
    let rows = results_for(
        ltv::CALCULATOR,
        &[
            ("arpa", "100"),
            ("margin", "80"),
            ("churn", "5"),
            ("cac", "400"),
            ("expansion", "2"),
        ],
        &fmt,
    );
    let value = |id: &str| {
        rows.iter()
            .find(|r| r[1] == id)
            .map(|r| (r[2].clone(), r[3].clone()))
    };
    assert_eq!(value("LTV"), Some(("1600.00".into(), "USD".into())));
    assert_eq!(value("LTV:CAC"), Some(("4.00".into(), ":1".into())));
    let nrr = (1.0f64 - 0.05 + 0.02).powi(12) * 100.0;
    let shown = rows
        .iter()
        .find(|r| r[3] == "%" && r[0] == "result")
        .expect("a percent result");
    assert_eq!(shown[2], format!("{:.1}", nrr));
}

#[test]
fn channel_names_are_quoted_and_never_run_as_formulas() {
    let row = |name: &str, spend: &str, revenue: &str| RowText {
        name: name.into(),
        spend: spend.into(),
        outcome: revenue.into(),
    };
    let breakdown = ROAS_CHANNELS.breakdown(
        &[
            row("Search, brand \"exact\"", "1000", "4000"),
            row("=HYPERLINK(\"http://x\")", "3000", "6000"),
            row("Bad", "abc", "1"),
        ],
        None,
    );
    let text = export::channels_csv(&ROAS_CHANNELS, &breakdown, &NumberFormat::default());
    let rows = records(&text);
    // The bad row is left out and, as on the page, holds back the blend.
    assert_eq!(rows.len(), 3, "header and the two good rows: {rows:?}");
    assert_eq!(rows[1][0], "Search, brand \"exact\"");
    assert_eq!(rows[1][1..5], ["1000.00", "4000.00", "25.0", "4.00"]);
    assert_eq!(rows[2][0], "'=HYPERLINK(\"http://x\")");

    let breakdown = ROAS_CHANNELS.breakdown(
        &[row("Search", "1000", "4000"), row("Social", "3000", "6000")],
        None,
    );
    let rows = records(&export::channels_csv(
        &ROAS_CHANNELS,
        &breakdown,
        &NumberFormat::default(),
    ));
    // Blended: 10,000 on 4,000 = 2.50×.
    assert_eq!(
        rows[3][..5],
        ["blended", "4000.00", "10000.00", "100.0", "2.50"]
    );
}

#[test]
fn negative_profit_stays_a_number() {
    // Spend 1,000 at ROAS 1.0 and 40% margin loses 600.
    let table = roas::sensitivity(roas::RoasInput {
        revenue: 1000.0,
        spend: 1000.0,
        margin: 0.4,
        target_margin: None,
    })
    .unwrap();
    let rows = records(&export::roas_sensitivity_csv(
        &table,
        &NumberFormat::default(),
    ));
    assert_eq!(rows.len(), 1 + table.rows.len());
    assert_eq!(rows[0].len(), 1 + table.roas_levels.len());
    // The middle row and column are today's: 1,000 × 1.0 × 0.4 − 1,000.
    assert_eq!(rows[3][0], "1000.00");
    assert_eq!(rows[3][3], "-600.00");
}

#[test]
fn cohort_matrix_as_percent_and_counts() {
    // The worked example in tests/cohorts.rs: Jan cohort of 2 with [2, 1, 1]
    // active, Feb [1, 1], Mar [1].
    let events = "customer_id,date,revenue\na,2026-01-05,10\nb,2026-01-20,20\na,2026-02-01,10\na,2026-02-15,5\nc,2026-02-10,30\na,2026-03-03,10\nc,2026-03-09,15\nd,2026-03-30,40\n";
    let table = cohort::from_csv(events, cohort::Period::Month).unwrap();
    let rows = records(&export::cohort_csv(&table, CohortMeasure::Retention));
    assert_eq!(
        rows[0],
        [
            "cohort",
            "customers",
            "month 0 (%)",
            "month 1 (%)",
            "month 2 (%)"
        ]
    );
    assert_eq!(rows[1], ["2026-01", "2", "100.0", "50.0", "50.0"]);
    assert_eq!(rows[3], ["2026-03", "1", "100.0", "", ""]);
    let counts = records(&export::cohort_csv(&table, CohortMeasure::Counts));
    assert_eq!(counts[1], ["2026-01", "2", "2", "1", "1"]);
    // Net revenue: Jan earned 30, 15, 10 → 100%, 50%, 33.3%.
    let net = records(&export::cohort_csv(&table, CohortMeasure::NetRevenue));
    assert_eq!(net[1][2..], ["100.0", "50.0", "33.3"]);
}
