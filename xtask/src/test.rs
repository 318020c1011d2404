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
/// The other site `tests/e2e/specs/embeds.spec.js` frames calculators
/// from: another host name, so another site to the browser.
const E2E_EMBED_HOST_ORIGIN: &str = "http://localhost:4174";
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
    lint_while_building();
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

/// Formatting, the npm lockfiles, and clippy on every build the later
/// layers run: native (all targets), the prerenderer's `ssr` build, wasm
/// (the app, the workers and the browser tests) and the app as Trunk builds
/// it (`hydrate`), one check each.
///
/// The first three are not separate `cargo clippy` runs: clippy lints while
/// those builds compile (see [`lint_while_building`]), and the native,
/// browser and end-to-end layers then find them built. Only `hydrate` is a
/// `cargo clippy` check, because its one build is Trunk's release build.
fn lint() -> Result<(usize, usize)> {
    let mut fmt = command("cargo");
    fmt.args(["fmt", "--all", "--", "--check"]);
    let mut hydrate = command("cargo");
    hydrate
        .args(["clippy"])
        .args(HYDRATE_SCOPE)
        .args(["--", "-D", "warnings"]);
    let mut passed = 0;
    let mut failed = 0;
    let mut count = |ok: bool| if ok { passed += 1 } else { failed += 1 };
    count(run_tee(&mut fmt)?.0);
    for mut build in [native_test_build(), ssr_build(), wasm_test_build()] {
        count(build_without_warnings(build.arg("--message-format=json"))?);
    }
    count(run_tee(&mut hydrate)?.0);
    for mut check in npm_lockfile_checks()? {
        count(run_tee(&mut check)?.0);
    }
    Ok((passed, failed))
}

/// The app as Trunk builds it for the browser (index.html's `hydrate`).
const HYDRATE_SCOPE: [&str; 8] = [
    "--package",
    "quire",
    "--target",
    "wasm32-unknown-unknown",
    "--features",
    "hydrate",
    "--bins",
    "--lib",
];

/// Every native package's lib, bins, tests and examples, as the native
/// layer tests them (it also builds the inbox binary the e2e layer runs).
fn native_test_build() -> std::process::Command {
    let mut cargo = command("cargo");
    cargo.args(["test", "--workspace", "--no-run"]);
    cargo
}

/// The prerenderer's build (`ssr`), as `routes::prerender` runs it.
fn ssr_build() -> std::process::Command {
    let mut cargo = command("cargo");
    cargo.args([
        "build",
        "--package",
        "quire",
        "--no-default-features",
        "--features",
        "ssr",
        "--bins",
        "--lib",
    ]);
    cargo
}

/// The packages built for wasm with their tests; the browser layer runs
/// `--test browser` with the same packages, so the same features.
const WASM_PACKAGES: [&str; 10] = [
    "--package",
    "quire",
    "--package",
    "quire-figures",
    "--package",
    "quire-search-worker",
    "--package",
    "quire-cohort-worker",
    "--target",
    "wasm32-unknown-unknown",
];

fn wasm_test_build() -> std::process::Command {
    let mut cargo = command("cargo");
    cargo
        .arg("test")
        .args(WASM_PACKAGES)
        .args(["--all-targets", "--no-run"]);
    cargo
}

/// Makes every cargo build this process starts lint its workspace crates
/// with clippy as it compiles them: clippy-driver as rustc's workspace
/// wrapper, which is what `cargo clippy` does for its checks. A build then
/// is both the lint and the artifact later layers run, instead of a
/// `cargo clippy` that checks the whole dependency graph a second time.
/// Lints keep clippy's default level (warn): the lint layer fails on any
/// warning, while the test layers still run on code that only draws one.
fn lint_while_building() {
    let driver = crate::process::output_of(command("rustup").args(["which", "clippy-driver"]))
        .unwrap_or_else(|| "clippy-driver".into());
    std::env::set_var(crate::process::LINT_WRAPPER, driver);
    std::env::set_var("CLIPPY_ARGS", "");
}

/// Runs a cargo build with `--message-format=json`, printing each
/// diagnostic; passes when it built and no workspace crate drew a warning.
fn build_without_warnings(cargo: &mut std::process::Command) -> Result<bool> {
    let (ok, out) = crate::process::run_captured(cargo)?;
    let warnings = print_diagnostics(&out);
    if warnings > 0 {
        eprintln!("{warnings} warning(s): each fails the lint layer");
    }
    Ok(ok && warnings == 0)
}

/// Prints the diagnostics in cargo's JSON messages; returns how many are
/// warnings about the code (not rustc's "N warnings emitted" summaries,
/// which point at no code). Dependencies are compiled with lints capped,
/// so every warning is about a workspace crate.
fn print_diagnostics(json_lines: &str) -> usize {
    let mut warnings = 0;
    for line in json_lines.lines().filter(|l| l.starts_with('{')) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        if let Some(rendered) = diagnostic["rendered"].as_str() {
            eprint!("{rendered}");
        }
        let points_at_code = diagnostic["spans"]
            .as_array()
            .is_some_and(|spans| !spans.is_empty());
        if diagnostic["level"] == "warning" && points_at_code {
            warnings += 1;
        }
    }
    warnings
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

/// `cargo test --workspace` (built by the lint layer), with a PostgreSQL
/// server for the lead inbox's tests (which then must not skip it).
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

/// The wasm-bindgen tests in headless Chromium (built by the lint layer).
fn browser() -> Result<(usize, usize)> {
    let (ok, out) = run_tee(
        command("cargo")
            .arg("test")
            .args(WASM_PACKAGES)
            .args(["--test", "browser"])
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
    build_release_with(&[
        (variable, &endpoint),
        ("QUIRE_EMBED_ORIGINS", E2E_EMBED_HOST_ORIGIN),
    ])
    .context("building dist/ for the end-to-end tests")?;
    // The inbox binary the native layer's build made (a no-op to check):
    // `cargo build -p quire-inbox` would compile its dependency graph a
    // second time, with that one package's features.
    if !crate::process::run_captured(native_test_build().arg("--quiet"))?.0 {
        anyhow::bail!("building the lead inbox failed");
    }
    let _running =
        ChildGuard(inbox.start_binary(&workspace_root().join("target/debug/quire-inbox"))?);
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
    fn counts_the_warnings_in_cargos_messages() {
        let lint = r#"{"reason":"compiler-message","message":{"level":"warning","spans":[{"file_name":"src/lib.rs"}],"rendered":"warning: useless use of `vec!`\n"}}"#;
        let summary = r#"{"reason":"compiler-message","message":{"level":"warning","spans":[],"rendered":"warning: 1 warning emitted\n"}}"#;
        let artifact = r#"{"reason":"compiler-artifact","target":{"name":"quire"}}"#;
        let out = [lint, summary, artifact, "Finished"].join("\n");
        assert_eq!(print_diagnostics(&out), 1);
        assert_eq!(print_diagnostics(artifact), 0);
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"stats": {"expected": 5, "unexpected": 1, "flaky": 1, "skipped": 2}}"#;
        assert_eq!(playwright_counts(json).unwrap(), (6, 1));
    }
}
