//! What the cohort page reads besides CSV: the counts typed into its grid
//! and the sample data it offers; and the heatmap's shade for a share.
//! Pure rules, tested natively; the page only wires them to inputs.

use crate::cohort::{from_counts, CohortTable};
use crate::format::capitalize;

/// The table a grid of typed counts makes: each row is a cohort's size,
/// then its customers active 1, 2, 3… months later. A row whose size is
/// empty is skipped; an empty cell ends its row (months still to come).
/// `Ok(None)` when no row has a size yet; `Err` with one sentence naming
/// the cell, else.
pub fn table_from_grid(rows: &[Vec<String>]) -> Result<Option<CohortTable>, String> {
    let mut counts = Vec::new();
    for (r, texts) in rows.iter().enumerate() {
        if texts.first().is_none_or(|size| size.trim().is_empty()) {
            continue;
        }
        let mut numbers = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                break;
            }
            match text.replace(',', "").parse::<u32>() {
                Ok(n) => numbers.push(n),
                Err(_) => {
                    let cell = if k == 0 {
                        "size".to_string()
                    } else {
                        format!("month {k}")
                    };
                    return Err(format!(
                        "Cohort {}, {cell}: `{text}` is not a whole number of customers.",
                        r + 1
                    ));
                }
            }
        }
        let size = numbers.remove(0);
        counts.push((format!("Cohort {}", r + 1), size, numbers));
    }
    if counts.is_empty() {
        return Ok(None);
    }
    from_counts(counts)
        .map(Some)
        .map_err(|e| format!("{}.", capitalize(&e.to_string())))
}

/// The heatmap shade for a retention share: 0 (none) to 10 (everyone).
pub fn heat(share: f64) -> u32 {
    (share.clamp(0.0, 1.0) * 10.0).round() as u32
}

/// A year of a small subscription product's activity as CSV: 12 monthly
/// cohorts of 40 customers, each month keeping most of the previous
/// month's actives.
pub fn sample_events() -> String {
    let mut csv = String::from("customer,date,revenue\n");
    let mut next_id = 1;
    for cohort in 0..12u32 {
        for customer in 0..40u32 {
            let id = next_id;
            next_id += 1;
            // Deterministic "churn": customer c stays for a number of months
            // that grows with c, so later months keep fewer customers.
            let stays = 1 + (customer * customer) % (14 - cohort.min(11));
            for month in cohort..(cohort + stays).min(12) {
                csv.push_str(&format!(
                    "c{id},2025-{:02}-{:02},{}\n",
                    month + 1,
                    1 + (customer % 28),
                    29 + customer % 3 * 10
                ));
            }
        }
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_grid_becomes_a_table_row_by_row() {
        let table = table_from_grid(&grid(&[
            &["1,000", "600", "450", ""],
            &["", "", "", ""],
            &["800", "560", "", "9"],
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(table.cohorts.len(), 2, "the empty row is skipped");
        assert_eq!(table.cohorts[0].label, "Cohort 1");
        assert_eq!(table.cohorts[0].size, 1_000);
        assert_eq!(table.cohorts[0].active, [1_000, 600, 450]);
        assert_eq!(table.cohorts[1].label, "Cohort 3");
        assert_eq!(
            table.cohorts[1].active,
            [800, 560],
            "an empty cell ends the row"
        );
    }

    #[test]
    fn nothing_typed_is_no_table_and_a_bad_cell_is_named() {
        assert_eq!(table_from_grid(&grid(&[&["", "5"]])), Ok(None));
        assert_eq!(
            table_from_grid(&grid(&[&["10", "5"], &["20", "five"]]))
                .err()
                .as_deref(),
            Some("Cohort 2, month 1: `five` is not a whole number of customers.")
        );
        assert_eq!(
            table_from_grid(&grid(&[&["ten"]])).err().as_deref(),
            Some("Cohort 1, size: `ten` is not a whole number of customers.")
        );
        let error = table_from_grid(&grid(&[&["0", "1"]])).unwrap_err();
        assert!(
            error.starts_with(char::is_uppercase) && error.ends_with('.'),
            "{error}"
        );
    }

    #[test]
    fn shades_run_from_none_to_everyone() {
        assert_eq!(heat(0.0), 0);
        assert_eq!(heat(0.44), 4);
        assert_eq!(heat(1.0), 10);
        assert_eq!(heat(1.7), 10);
        assert_eq!(heat(-0.2), 0);
    }

    #[test]
    fn the_sample_is_a_year_of_twelve_cohorts() {
        let table =
            crate::cohort::from_csv(&sample_events(), crate::cohort::Period::Month).unwrap();
        assert_eq!(table.cohorts.len(), 12);
        assert!(table.cohorts.iter().all(|c| c.size == 40));
    }
}
