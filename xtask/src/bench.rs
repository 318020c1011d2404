//! Benchmarks, run on demand (never as timed tests): they print measured
//! numbers side by side with the tool quire is compared against.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::process::{command, output_of, run};
use crate::workspace_root;

const COHORT_ROWS: usize = 1_000_000;
/// pandas release the comparison was written against.
const PANDAS: &str = "pandas==3.1.1";

/// `cargo xtask bench-cohort`: one million event rows, quire's native cohort
/// builder against pandas on the same file.
pub fn cohort() -> Result<()> {
    let dir = workspace_root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let csv = dir.join("events-1m.csv");
    if !csv.exists() {
        eprintln!("generating {COHORT_ROWS} event rows in {}", csv.display());
        std::fs::write(&csv, synthetic_events(COHORT_ROWS, 60_000))?;
    }

    let quire = output_of(
        command("cargo")
            .args([
                "run",
                "--quiet",
                "--release",
                "--package",
                "quire-calc",
                "--example",
                "cohort_file",
                "--",
            ])
            .arg(&csv)
            .arg("5"),
    )
    .context("the native cohort benchmark failed")?;
    let python = ensure_pandas(&dir)?;
    let script = workspace_root().join("xtask/bench/cohort_pandas.py");
    let pandas = output_of(command(&python).arg(&script).arg(&csv).arg("3"))
        .context("the pandas benchmark failed")?;

    let quire: serde_json::Value = serde_json::from_str(&quire)?;
    let pandas: serde_json::Value = serde_json::from_str(&pandas)?;
    if quire["active_sum"] != pandas["active_sum"] || quire["cohorts"] != pandas["cohorts"] {
        bail!("quire and pandas disagree on the matrix: {quire} vs {pandas}");
    }
    let q = quire["best_seconds"].as_f64().unwrap_or(f64::NAN);
    let p = pandas["best_seconds"].as_f64().unwrap_or(f64::NAN);
    println!(
        "cohort matrix, {COHORT_ROWS} rows, {} cohorts, same result (checked)",
        quire["cohorts"]
    );
    println!(
        "  quire (native, release, best of 5): {:>8.1} ms",
        q * 1000.0
    );
    println!(
        "  pandas {} (best of 3):         {:>8.1} ms",
        pandas["pandas"].as_str().unwrap_or("?"),
        p * 1000.0
    );
    println!("  ratio: quire is {:.1}x faster (goal: at least 3x)", p / q);
    println!(
        "  in headless Chromium through the cohort page: not measured yet (the page is not built)"
    );
    Ok(())
}

/// A virtual environment under target/bench with pandas from PyPI.
fn ensure_pandas(dir: &Path) -> Result<PathBuf> {
    let venv = dir.join("venv");
    let python = venv.join("bin/python");
    if output_of(command(&python).args(["-c", "import pandas"])).is_none() {
        run(command("python3").args(["-m", "venv"]).arg(&venv))?;
        run(command(&python).args(["-m", "pip", "install", "--quiet", PANDAS]))?;
    }
    Ok(python)
}

/// Deterministic synthetic events: customer id, ISO date, revenue. Customers
/// join across 24 months and stay active for a geometric number of months,
/// so the matrix has the usual decaying shape.
pub fn synthetic_events(rows: usize, customers: u64) -> String {
    let mut state = 0x5eed_u64;
    // splitmix64: tiny, deterministic, and good enough for test data.
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out = String::with_capacity(rows * 28);
    out.push_str("customer_id,date,revenue\n");
    for _ in 0..rows {
        let customer = next() % customers;
        let start = customer % 24;
        // Each further month survives with probability 3/4.
        let mut months = 0;
        while months < 23 - start && next() % 4 != 0 {
            months += 1;
        }
        let month = start + months;
        let _ = writeln!(
            out,
            "cust{customer},{}-{:02}-{:02},{}.{:02}",
            2024 + month / 12,
            month % 12 + 1,
            next() % 28 + 1,
            next() % 500 + 5,
            next() % 100
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_events_are_deterministic_and_valid() {
        let a = synthetic_events(500, 50);
        assert_eq!(a, synthetic_events(500, 50));
        assert_eq!(a.lines().count(), 501);
        let table = quire_calc::cohort::from_csv(&a).unwrap();
        assert_eq!(table.rows, 500);
        assert!(table.customers <= 50);
    }
}
