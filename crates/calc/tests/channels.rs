//! Per-channel tables against sums worked out by hand, and the invariants
//! every table keeps: shares add up to one, the blend sits between the
//! channels, nothing is NaN or infinite.

use proptest::prelude::*;
use quire_calc::channels::{Blended, ChannelLine, RowState, RowText, CAC_CHANNELS, ROAS_CHANNELS};

fn row(name: &str, spend: &str, outcome: &str) -> RowText {
    RowText {
        name: name.into(),
        spend: spend.into(),
        outcome: outcome.into(),
    }
}

fn lines(rows: &[RowState]) -> Vec<&ChannelLine> {
    rows.iter()
        .filter_map(|r| match r {
            RowState::Line(line) => Some(line),
            _ => None,
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

#[test]
fn roas_by_channel_worked_by_hand() {
    // Search: 4,000 on 1,000 → 4.00×; Social: 6,000 on 3,000 → 2.00×;
    // Newsletter: 500 revenue, no spend → no ROAS, 0% of spend.
    // Blended: 10,500 ÷ 4,000 = 2.625×. Shares: 1,000 ÷ 4,000 = 25%, 75%, 0%.
    let out = ROAS_CHANNELS.breakdown(
        &[
            row("Search", "1,000", "4000"),
            row("Social", "3000", "6,000"),
            row("Newsletter", "0", "500"),
        ],
        None,
    );
    let lines = lines(&out.rows);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].metric, Some(4.0));
    assert_eq!(lines[1].metric, Some(2.0));
    assert_eq!(lines[2].metric, None);
    assert_eq!(
        lines.iter().map(|l| l.share_of_spend).collect::<Vec<_>>(),
        [Some(0.25), Some(0.75), Some(0.0)]
    );
    assert!(lines.iter().all(|l| l.payback_months.is_none()));
    assert_eq!(
        out.blended,
        Some(Blended {
            spend: 4_000.0,
            outcome: 10_500.0,
            metric: Some(2.625),
            payback_months: None
        })
    );
}

#[test]
fn cac_and_payback_by_channel_worked_by_hand() {
    // Search: 5,000 ÷ 50 = 100; Events: 15,000 ÷ 30 = 500; Referral: 0 ÷ 20 = 0.
    // Blended: 20,000 ÷ 100 = 200. Shares 25%, 75%, 0%.
    // At 50 a month × 80% margin = 40 of gross profit a month, paybacks are
    // 100 ÷ 40 = 2.5, 500 ÷ 40 = 12.5, 0 and blended 200 ÷ 40 = 5 months.
    let out = CAC_CHANNELS.breakdown(
        &[
            row("Search", "5000", "50"),
            row("Events", "15000", "30"),
            row("Referral", "0", "20"),
        ],
        Some(50.0 * 0.8),
    );
    let lines = lines(&out.rows);
    let cacs: Vec<Option<f64>> = lines.iter().map(|l| l.metric).collect();
    assert_eq!(cacs, [Some(100.0), Some(500.0), Some(0.0)]);
    let paybacks: Vec<f64> = lines.iter().map(|l| l.payback_months.unwrap()).collect();
    assert!(close(paybacks[0], 2.5) && close(paybacks[1], 12.5) && paybacks[2] == 0.0);
    assert_eq!(lines[1].share_of_spend, Some(0.75));
    let blended = out.blended.unwrap();
    assert_eq!((blended.spend, blended.outcome), (20_000.0, 100.0));
    assert_eq!(blended.metric, Some(200.0));
    assert!(close(blended.payback_months.unwrap(), 5.0));
}

#[test]
fn a_channel_without_customers_has_no_cac_but_counts_in_the_blend() {
    // Podcast spent 2,000 and won nobody yet: no CAC of its own, but its
    // spend raises the blended CAC to (2,000 + 1,000) ÷ 10 = 300.
    let out = CAC_CHANNELS.breakdown(
        &[row("Podcast", "2000", "0"), row("Search", "1000", "10")],
        Some(40.0),
    );
    let lines = lines(&out.rows);
    assert_eq!(lines[0].metric, None);
    assert_eq!(lines[0].payback_months, None);
    assert_eq!(out.blended.unwrap().metric, Some(300.0));
    // Nobody won at all: no blended CAC either.
    let none = CAC_CHANNELS.breakdown(&[row("Podcast", "2000", "0")], None);
    assert_eq!(none.blended.unwrap().metric, None);
}

fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_string()),
        Just("0.01".to_string()),
        Just("999999999999".to_string()),
        (0u64..10_000_000).prop_map(|n| format!("{}.{:02}", n / 100, n % 100)),
    ]
}

proptest! {
    /// Shares add up to one, the blended figure lies between the channels'
    /// own, and no value is NaN or infinite, whatever the rows.
    #[test]
    fn tables_stay_finite_and_consistent(
        cac_table in any::<bool>(),
        texts in prop::collection::vec((amount(), amount()), 1..8),
        profit in prop::option::of(0.01..1e6f64),
    ) {
        let table = if cac_table { CAC_CHANNELS } else { ROAS_CHANNELS };
        let rows: Vec<RowText> = texts
            .iter()
            .map(|(spend, outcome)| {
                // Customers are whole: drop the cents from the CAC table's counts.
                let outcome = if cac_table { outcome.split('.').next().unwrap().to_string() } else { outcome.clone() };
                row("", spend, &outcome)
            })
            .collect();
        let out = table.breakdown(&rows, profit);
        let lines = lines(&out.rows);
        prop_assert_eq!(lines.len(), rows.len());
        let blended = out.blended.expect("every row is usable");
        for line in &lines {
            for value in [line.share_of_spend, line.metric, line.payback_months].into_iter().flatten() {
                prop_assert!(value.is_finite() && value >= 0.0);
            }
        }
        if blended.spend > 0.0 {
            let shares: f64 = lines.iter().map(|l| l.share_of_spend.unwrap()).sum();
            prop_assert!((shares - 1.0).abs() < 1e-9);
        }
        if let Some(metric) = blended.metric {
            prop_assert!(metric.is_finite());
            let own: Vec<f64> = lines.iter().filter_map(|l| l.metric).collect();
            let (low, high) = own.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
            // Rows without a metric of their own (no spend, no customers) pull
            // the blend outside the others' range, so only check without them.
            if own.len() == lines.len() {
                prop_assert!(metric >= low * (1.0 - 1e-9) && metric <= high * (1.0 + 1e-9));
            }
        }
    }
}
