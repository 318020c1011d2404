//! `cargo xtask test`: every layer, each summarised as `layer: N passed, N failed`.
//!
//! All layers run even when one fails, so one run shows everything that is
//! broken; the command exits non-zero if any layer failed.

use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::{build_release_with, ChildGuard};
use crate::inbox::LocalInbox;

/// Where the end-to-end tests' lead inbox listens.
const E2E_INBOX_PORT: u16 = 8788;
/// The origin `tests/e2e/server.mjs` serves the site from.
const E2E_SITE_ORIGIN: &str = "http://127.0.0.1:4173";
use crate::postgres::TempPostgres;
use crate::process::{command, run_tee};
use crate::tools::ensure_test_tools;
use crate::workspace_root;

/// The outcome of one layer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layer {
    name: &'static str,
    passed: usize,
    failed: usize,
    seconds: u64,
}

pub fn run_all() -> Result<()> {
    let started = Instant::now();
    ensure_test_tools()?;
    let layers = vec![
        timed("lint", lint),
        timed("native", native),
        timed("browser", browser),
        timed("e2e", end_to_end),
    ];

    println!(
        "\n== quire test summary ({} s in all)",
        started.elapsed().as_secs()
    );
    for layer in &layers {
        println!("   {} took {} s", layer.name, layer.seconds);
    }
    for layer in &layers {
        println!(
            "{}: {} passed, {} failed",
            layer.name, layer.passed, layer.failed
        );
    }
    let passed: usize = layers.iter().map(|l| l.passed).sum();
    let failed: usize = layers.iter().map(|l| l.failed).sum();
    println!("total: {passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

fn timed(name: &'static str, layer: fn() -> Result<(usize, usize)>) -> Layer {
    println!("\n== {name}");
    let started = Instant::now();
    let (passed, failed) = layer().unwrap_or_else(|error| {
        eprintln!("{name}: could not run: {error:#}");
        (0, 1)
    });
    Layer {
        name,
        passed,
        failed,
        seconds: started.elapsed().as_secs(),
    }
}

/// Formatting, clippy (native, the prerenderer's `ssr` build, the app
/// as Trunk builds it (`hydrate`), and wasm with the browser tests) and the
/// npm lockfiles, one check each.
fn lint() -> Result<(usize, usize)> {
    let clippy_scopes: [&[&str]; 4] = [
        &["--workspace", "--all-targets"],
        &[
            "--package",
            "quire",
            "--no-default-features",
            "--features",
            "ssr",
            "--bins",
            "--lib",
        ],
        &[
            "--package",
            "quire",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "hydrate",
            "--bins",
            "--lib",
        ],
        &[
            "--package",
            "quire",
            "--package",
            "quire-search-worker",
            "--package",
            "quire-cohort-worker",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
        ],
    ];
    let mut fmt = command("cargo");
    fmt.args(["fmt", "--all", "--", "--check"]);
    let clippy = clippy_scopes.iter().map(|scope| {
        let mut clippy = command("cargo");
        clippy
            .arg("clippy")
            .args(*scope)
            .args(["--", "-D", "warnings"]);
        clippy
    });
    let mut passed = 0;
    let mut failed = 0;
    for mut check in std::iter::once(fmt)
        .chain(clippy)
        .chain(npm_lockfile_checks()?)
    {
        match run_tee(&mut check)? {
            (true, _) => passed += 1,
            (false, _) => failed += 1,
        }
    }
    Ok((passed, failed))
}

/// `npm ci --dry-run` for every committed npm lockfile: half a second each,
/// it fails as `npm ci` would on a fresh machine when package.json and the
/// lockfile disagree (a dependency asked for at `latest` that published).
fn npm_lockfile_checks() -> Result<Vec<std::process::Command>> {
    let listed = crate::process::output_of(command("git").args(["ls-files", "*package-lock.json"]))
        .context("listing the npm lockfiles with git")?;
    Ok(listed
        .lines()
        .filter_map(|lockfile| std::path::Path::new(lockfile).parent())
        .map(|dir| {
            let mut check = command("npm");
            check
                .args([
                    "ci",
                    "--dry-run",
                    "--ignore-scripts",
                    "--no-audit",
                    "--no-fund",
                ])
                .current_dir(workspace_root().join(dir));
            check
        })
        .collect())
}

/// `cargo test --workspace`, with a PostgreSQL server for the lead inbox's
/// tests (which then must not skip it).
fn native() -> Result<(usize, usize)> {
    let postgres = TempPostgres::start().context("starting PostgreSQL for the inbox tests")?;
    let (ok, out) = run_tee(
        command("cargo")
            .args(["test", "--workspace"])
            .env("QUIRE_TEST_POSTGRES_URL", postgres.url())
            .env("QUIRE_TEST_REQUIRE_POSTGRES", "1"),
    )?;
    drop(postgres);
    Ok(cargo_test_counts(ok, &out))
}

fn browser() -> Result<(usize, usize)> {
    let (ok, out) = run_tee(
        command("cargo")
            .args([
                "test",
                "--package",
                "quire",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "browser",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )?;
    Ok(cargo_test_counts(ok, &out))
}

/// Playwright against the release build, whose lead forms post to a real
/// lead inbox started as `cargo xtask serve` starts its own (a fresh SQLite
/// file, the e2e server's origin allowed).
fn end_to_end() -> Result<(usize, usize)> {
    let inbox = LocalInbox {
        port: E2E_INBOX_PORT,
        dir: workspace_root().join("target/e2e-inbox"),
        origins: vec![E2E_SITE_ORIGIN.into()],
    };
    let _ = std::fs::remove_dir_all(&inbox.dir);
    let (variable, endpoint) = inbox.site_env();
    build_release_with(&[(variable, &endpoint)])
        .context("building dist/ for the end-to-end tests")?;
    let _running = ChildGuard(inbox.start()?);
    let dir = workspace_root().join("tests/e2e");
    let report = dir.join(".results/results.json");
    let _ = std::fs::remove_file(&report);
    let (ok, _) = run_tee(
        command(dir.join("node_modules/.bin/playwright"))
            .arg("test")
            .env("INBOX_URL", format!("http://127.0.0.1:{}", inbox.port))
            .env("INBOX_SECRET", inbox.secret()?)
            .current_dir(&dir),
    )?;
    let json = std::fs::read_to_string(&report)
        .with_context(|| format!("Playwright wrote no {}", report.display()))?;
    let (passed, failed) = playwright_counts(&json)?;
    // A run that failed without a failing test (a crashed server, say) still fails.
    Ok((passed, if ok { failed } else { failed.max(1) }))
}

/// Sums cargo's `test result: … N passed; M failed` lines. A run that failed
/// without reporting a failed test (it did not compile) counts as one failure.
fn cargo_test_counts(success: bool, output: &str) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for line in output
        .lines()
        .filter(|l| l.trim_start().starts_with("test result:"))
    {
        for part in line.split([';', '.']) {
            let mut words = part.split_whitespace().rev();
            match (
                words.next(),
                words.next().and_then(|n| n.parse::<usize>().ok()),
            ) {
                (Some("passed"), Some(n)) => passed += n,
                (Some("failed"), Some(n)) => failed += n,
                _ => {}
            }
        }
    }
    if !success && failed == 0 {
        failed = 1;
    }
    (passed, failed)
}

/// Passed and failed tests from Playwright's JSON report (`stats`).
fn playwright_counts(json: &str) -> Result<(usize, usize)> {
    let report: serde_json::Value =
        serde_json::from_str(json).context("parsing Playwright's JSON report")?;
    let stat = |key: &str| report["stats"][key].as_u64().unwrap_or(0) as usize;
    Ok((stat("expected") + stat("flaky"), stat("unexpected")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_test_results() {
        let out = "test result: ok. 9 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s\n\
                   noise\n\
                   test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(cargo_test_counts(false, out), (11, 1));
    }

    #[test]
    fn a_run_that_did_not_compile_is_a_failure() {
        assert_eq!(
            cargo_test_counts(false, "error[E0425]: cannot find value"),
            (0, 1)
        );
        assert_eq!(cargo_test_counts(true, ""), (0, 0));
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"stats": {"expected": 5, "unexpected": 1, "flaky": 1, "skipped": 2}}"#;
        assert_eq!(playwright_counts(json).unwrap(), (6, 1));
    }
}
