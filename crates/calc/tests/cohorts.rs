//! Cohort matrices worked by hand, the errors visitors see, and invariants.

use proptest::prelude::*;
use quire_calc::cohort::{self, CsvError, ManualError};

/// Four customers over three months, worked by hand:
/// - a: Jan, Feb (twice), Mar  → Jan cohort, active at +0, +1, +2
/// - b: Jan only               → Jan cohort, active at +0
/// - c: Feb, Mar               → Feb cohort, active at +0, +1
/// - d: Mar                    → Mar cohort, active at +0
///
/// Jan cohort: size 2; active [2, 1, 1] → retention 100%, 50%, 50%.
/// Feb cohort: size 1; active [1, 1].
/// Mar cohort: size 1; active [1].
const EVENTS: &str = "customer_id,date,revenue
a,2026-01-05,10
b,2026-01-20,20
a,2026-02-01,10
a,2026-02-15,5
c,2026-02-10,30
a,2026-03-03,10
c,2026-03-09,15
d,2026-03-30,40
";

#[test]
fn worked_example_matrix() {
    let table = cohort::from_csv(EVENTS, quire_calc::cohort::Period::Month).unwrap();
    assert_eq!(table.rows, 8);
    assert_eq!(table.customers, 4);
    let labels: Vec<_> = table.cohorts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["2026-01", "2026-02", "2026-03"]);
    let jan = &table.cohorts[0];
    assert_eq!((jan.size, jan.active.as_slice()), (2, &[2, 1, 1][..]));
    assert_eq!(jan.retention(1), Some(0.5));
    assert_eq!(table.cohorts[1].active, [1, 1]);
    assert_eq!(table.cohorts[2].active, [1]);
    // Revenue: Jan cohort earned 30 in Jan, 15 in Feb (a: 10 + 5), 10 in Mar.
    assert_eq!(jan.revenue.as_deref(), Some(&[30.0, 15.0, 10.0][..]));
    assert_eq!(jan.revenue_retention(1), Some(0.5));
    assert_eq!(table.cohorts[1].revenue.as_deref(), Some(&[30.0, 15.0][..]));
}

#[test]
fn headerless_semicolon_month_only_data() {
    let table = cohort::from_csv(
        "x;2026-01\ny;2026-01\nx;2026-02\n",
        quire_calc::cohort::Period::Month,
    )
    .unwrap();
    assert_eq!(table.cohorts[0].active, [2, 1]);
    assert_eq!(table.cohorts[0].revenue, None);
}

#[test]
fn header_can_name_columns_in_any_order() {
    let csv = "Event Date\tAmount\tUser\n03/14/2026\t9.50\tu1\n04/01/2026\t1\tu1\n";
    let table = cohort::from_csv(csv, quire_calc::cohort::Period::Month).unwrap();
    assert_eq!(table.cohorts[0].label, "2026-03");
    assert_eq!(table.cohorts[0].active, [1, 1]);
    assert_eq!(table.cohorts[0].revenue.as_deref(), Some(&[9.5, 1.0][..]));
}

#[test]
fn day_first_files_are_detected() {
    // 25/01 can only be day-first, so 02/03/2026 is 2 March, not 3 February.
    let table = cohort::from_csv(
        "a,25/01/2026\na,02/03/2026\n",
        quire_calc::cohort::Period::Month,
    )
    .unwrap();
    assert_eq!(table.cohorts[0].active, [1, 0, 1]);
}

#[test]
fn quoted_fields_and_crlf() {
    let table = cohort::from_csv(
        "\"Doe, Jane\",2026-05-01,\"1,200.50\"\r\n\"Doe, Jane\",2026-06-01,\r\n",
        quire_calc::cohort::Period::Month,
    )
    .unwrap();
    assert_eq!(table.customers, 1);
    assert_eq!(
        table.cohorts[0].revenue.as_deref(),
        Some(&[1200.5, 0.0][..])
    );
}

#[test]
fn errors_name_row_and_column() {
    let cases = [
        ("", "there is no data; paste rows of customer id, date and (optionally) revenue"),
        ("customer,date\n", "there is no data; paste rows of customer id, date and (optionally) revenue"),
        (
            "customer,date\na,2026-01-01\nb,2026-13-01\n",
            "row 3, column 2 (date): `2026-13-01` is not a date; use YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or MM/DD/YYYY",
        ),
        ("a,2026-01-01\nonly-one-column\n", "row 2 has 1 column(s); each row needs a customer id and a date, and may add revenue"),
        (
            "a,2026-01-01,5\n ,2026-01-02,5\n",
            "row 2, column 1 (customer id): is empty; every row needs the customer it is about",
        ),
        ("a,2026-01-01,5\nb,2026-01-02,lots\n", "row 2, column 3 (revenue): `lots` is not a number"),
    ];
    for (csv, message) in cases {
        assert_eq!(
            cohort::from_csv(csv, quire_calc::cohort::Period::Month)
                .unwrap_err()
                .to_string(),
            message,
            "{csv:?}"
        );
    }
    assert!(matches!(
        cohort::from_csv(
            "a,2026-01-01\n\n\nb,nope\n",
            quire_calc::cohort::Period::Month
        ),
        Err(CsvError::Cell { row: 4, .. })
    ));
}

#[test]
fn manual_counts() {
    let table = cohort::from_counts(vec![
        ("Jan".into(), 100, vec![60, 45]),
        ("Feb".into(), 80, vec![50]),
    ])
    .unwrap();
    assert_eq!(table.customers, 180);
    assert_eq!(table.cohorts[0].active, [100, 60, 45]);
    assert_eq!(table.cohorts[0].retention(2), Some(0.45));
    assert_eq!(table.cohorts[1].retention(2), None);
    assert_eq!(
        cohort::from_counts(vec![("Jan".into(), 10, vec![11])]),
        Err(ManualError::MoreThanSize {
            cohort: 1,
            month: 1,
            retained: 11,
            size: 10
        })
    );
    assert_eq!(
        cohort::from_counts(vec![("Jan".into(), 0, vec![])]),
        Err(ManualError::EmptyCohort { cohort: 1 })
    );
}

proptest! {
    #[test]
    fn invariants_hold_for_any_events(events in prop::collection::vec((0u8..40, 0u32..18, 1u32..28), 1..400)) {
        let csv: String = events
            .iter()
            .map(|(c, m, d)| format!("cust{c},{}-{:02}-{:02}\n", 2025 + m / 12, m % 12 + 1, d))
            .collect();
        let table = cohort::from_csv(&csv, quire_calc::cohort::Period::Month).unwrap();
        let distinct: std::collections::HashSet<_> = events.iter().map(|e| e.0).collect();
        // Cohort sizes sum to the distinct customers.
        prop_assert_eq!(table.cohorts.iter().map(|c| c.size as usize).sum::<usize>(), distinct.len());
        prop_assert_eq!(table.customers as usize, distinct.len());
        for row in &table.cohorts {
            // Everyone is active in their first month, and retention never exceeds 100%.
            prop_assert_eq!(row.active[0], row.size);
            for k in 0..row.active.len() {
                let r = row.retention(k).unwrap();
                prop_assert!((0.0..=1.0).contains(&r));
            }
        }
        // Cohorts are in time order.
        prop_assert!(table.cohorts.windows(2).all(|w| w[0].label < w[1].label));
    }
}

proptest! {
    /// Every cell is the number of distinct customers of that cohort active
    /// that many months in, for short spans and for ones beyond 64 months.
    #[test]
    fn cells_count_distinct_active_customers(
        events in prop::collection::vec((0u8..30, 0u32..150), 1..300),
        long in any::<bool>(),
    ) {
        let month = |m: u32| if long { m } else { m % 40 };
        let csv: String = events
            .iter()
            .map(|&(c, m)| format!("c{c},{}-{:02}\n", 2000 + month(m) / 12, month(m) % 12 + 1))
            .collect();
        let table = cohort::from_csv(&csv, quire_calc::cohort::Period::Month).unwrap();
        let mut first = std::collections::BTreeMap::new();
        for &(c, m) in &events {
            let slot = first.entry(c).or_insert(month(m));
            *slot = (*slot).min(month(m));
        }
        let active: std::collections::BTreeSet<(u8, u32)> =
            events.iter().map(|&(c, m)| (c, month(m))).collect();
        let starts: std::collections::BTreeSet<u32> = first.values().copied().collect();
        prop_assert_eq!(table.cohorts.len(), starts.len());
        for (row, start) in table.cohorts.iter().zip(&starts) {
            for (k, &cell) in row.active.iter().enumerate() {
                let expected = active
                    .iter()
                    .filter(|&&(c, m)| first[&c] == *start && m == start + k as u32)
                    .count();
                prop_assert_eq!(cell as usize, expected, "cohort {} month {}", row.label, k);
            }
        }
    }
}

/// A page reads a large file in slices; any slice size gives the same matrix.
#[test]
fn reading_in_slices_gives_the_same_matrix() {
    let text = "customer,date,revenue\n\nc1,2026-01-03,10\nc2,2026-01-20,5\n\nc1,2026-02-01,7\nc3,2026-02-11,1\nc2,2026-04-09,2\nc3,2026-03-30,4\n";
    let whole = quire_calc::cohort::from_csv(text, quire_calc::cohort::Period::Month).unwrap();
    for slice in 1..=4 {
        let mut reader =
            quire_calc::cohort::CsvReader::new(text, quire_calc::cohort::Period::Month).unwrap();
        let mut progress = Vec::new();
        while reader.read(slice).unwrap() {
            progress.push(reader.progress());
        }
        assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
        assert_eq!(reader.progress(), 1.0);
        assert_eq!(reader.finish().unwrap(), whole, "slice {slice}");
    }
}

#[test]
fn reading_in_slices_reports_progress_and_builds_the_same_matrix() {
    let rows: String = (0..1_000)
        .map(|i| format!("c{},2026-0{}-01\n", i % 97, 1 + i % 6))
        .collect();
    let mut reported = Vec::new();
    let table = cohort::read_all(&rows, cohort::Period::Month, 100, |share| {
        reported.push(share)
    })
    .unwrap();
    assert_eq!(
        table,
        cohort::from_csv(&rows, quire_calc::cohort::Period::Month).unwrap()
    );
    assert!(reported.len() >= 9, "{reported:?}");
    assert!(
        reported.windows(2).all(|w| w[0] <= w[1])
            && reported.iter().all(|s| (0.0..=1.0).contains(s))
    );
}

#[test]
fn worker_replies_round_trip_as_json() {
    let table = cohort::from_csv(EVENTS, quire_calc::cohort::Period::Month).unwrap();
    for reply in [
        cohort::WorkerReply::Progress(0.5),
        cohort::WorkerReply::Done(table),
        cohort::WorkerReply::Failed("row 2, column 2 (date): not a date".into()),
    ] {
        let json = serde_json::to_string(&reply).unwrap();
        assert_eq!(
            serde_json::from_str::<cohort::WorkerReply>(&json).unwrap(),
            reply
        );
    }
}

#[test]
fn gross_revenue_retention_leaves_expansion_out() {
    // The Jan cohort (a, b) opened with a 10 + b 20 = 30. In Feb a paid 15:
    // net revenue 15 (50%), but gross caps a at the 10 it opened with, so
    // 10 (33.3%). In Mar a paid 10: net and gross both 10.
    // The Feb cohort (c) opened with 30 and paid 15 in Mar: both 50%.
    let table = cohort::from_csv(EVENTS, cohort::Period::Month).unwrap();
    let jan = &table.cohorts[0];
    assert_eq!(jan.gross_revenue.as_deref(), Some(&[30.0, 10.0, 10.0][..]));
    assert_eq!(jan.revenue_retention(1), Some(0.5));
    assert_eq!(jan.gross_revenue_retention(1), Some(10.0 / 30.0));
    assert_eq!(jan.gross_revenue_retention(0), Some(1.0));
    let feb = &table.cohorts[1];
    assert_eq!(feb.gross_revenue_retention(1), Some(0.5));
    assert_eq!(feb.revenue_retention(1), Some(0.5));
    // Data without revenue has neither.
    let plain = cohort::from_csv("a,2026-01\na,2026-02\n", cohort::Period::Month).unwrap();
    assert_eq!(plain.cohorts[0].gross_revenue_retention(1), None);
}

#[test]
fn weekly_cohorts_worked_by_hand() {
    // 2026-03-02 is a Monday. a and b start that week (b on its Sunday);
    // a is back the next week, b the week after; c starts the week of 03-09.
    // Week of 03-02: size 2, active [2, 1, 1]. Week of 03-09: [1, 0].
    let csv = "a,2026-03-02\nb,2026-03-08\na,2026-03-09\nb,2026-03-22\nc,2026-03-10\n";
    let table = cohort::from_csv(csv, cohort::Period::Week).unwrap();
    let labels: Vec<_> = table.cohorts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["2026-03-02", "2026-03-09"]);
    assert_eq!(table.cohorts[0].active, [2, 1, 1]);
    assert_eq!(table.cohorts[1].active, [1, 0]);
    assert_eq!(table.period, cohort::Period::Week);
    // A date without a day cannot be put in a week: the row says why.
    assert_eq!(
        cohort::from_csv("a,2026-03-02\nb,2026-03\n", cohort::Period::Week)
            .unwrap_err()
            .to_string(),
        "row 2, column 2 (date): `2026-03` has no day; weekly cohorts need full dates (YYYY-MM-DD), or choose monthly cohorts"
    );
    assert!(cohort::from_csv("a,2026-02-30\n", cohort::Period::Week).is_err());
}

#[test]
fn quarterly_cohorts_worked_by_hand() {
    // Q1: a (Jan), b (Feb); a is back in Q2, nobody in Q3, b in Q4.
    // Q2: c (Jun), not seen again. Q1: [2, 1, 0, 1]; Q2: [1, 0, 0].
    let csv = "a,2026-01-15\nb,2026-02-01\na,2026-05-01\nc,2026-06-30\nb,2026-12-01\n";
    let table = cohort::from_csv(csv, cohort::Period::Quarter).unwrap();
    let labels: Vec<_> = table.cohorts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["2026-Q1", "2026-Q2"]);
    assert_eq!(table.cohorts[0].active, [2, 1, 0, 1]);
    assert_eq!(table.cohorts[1].active, [1, 0, 0]);
    // Month-only dates are fine for quarters.
    let months = cohort::from_csv("a,2026-01\na,2026-04\n", cohort::Period::Quarter).unwrap();
    assert_eq!(months.cohorts[0].active, [1, 1]);
}

proptest! {
    /// Gross revenue starts equal to net, never exceeds it, and keeps each
    /// customer within what they opened with, whatever the period.
    #[test]
    fn gross_revenue_never_exceeds_net(
        events in prop::collection::vec((0u8..20, 0u32..120, 1u32..29, 0u32..500), 1..200),
        period in prop::sample::select(quire_calc::cohort::Period::ALL.to_vec()),
    ) {
        let csv: String = events
            .iter()
            .map(|(c, day, d, cents)| {
                let m = day % 24;
                format!("c{c},{}-{:02}-{:02},{}.{:02}\n", 2025 + m / 12, m % 12 + 1, d, cents / 100, cents % 100)
            })
            .collect();
        let table = cohort::from_csv(&csv, period).unwrap();
        for row in &table.cohorts {
            let net = row.revenue.as_ref().unwrap();
            let gross = row.gross_revenue.as_ref().unwrap();
            prop_assert!((gross[0] - net[0]).abs() < 1e-6);
            for k in 0..net.len() {
                prop_assert!(gross[k] <= net[k] + 1e-6);
                if let Some(grr) = row.gross_revenue_retention(k) {
                    prop_assert!((0.0..=1.0 + 1e-9).contains(&grr));
                }
            }
        }
    }
}
