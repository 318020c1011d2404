//! Builds the cohort matrix of one CSV file several times and prints the
//! timings as JSON. Run by `cargo xtask bench-cohort` in release mode.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: cohort_file <events.csv> [runs]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).expect("readable CSV file");
    let mut seconds = Vec::with_capacity(runs);
    let mut summary = (0, 0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let table = quire_calc::cohort::from_csv(&text, quire_calc::cohort::Period::Month)
            .expect("valid events");
        seconds.push(started.elapsed().as_secs_f64());
        let active_sum: u64 = table
            .cohorts
            .iter()
            .flat_map(|c| &c.active)
            .map(|&n| u64::from(n))
            .sum();
        summary = (table.rows, table.cohorts.len(), active_sum);
    }
    let (rows, cohorts, active_sum) = summary;
    let best = seconds.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        r#"{{"rows": {rows}, "cohorts": {cohorts}, "active_sum": {active_sum}, "best_seconds": {best}}}"#
    );
}
