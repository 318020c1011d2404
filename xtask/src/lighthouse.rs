//! `cargo xtask lighthouse`: Lighthouse (mobile profile, Debian's Chromium)
//! on the release `dist/` served like a CDN serves it (brotli, the headers of
//! `_headers`), three runs each on the landing page, a long post, a post
//! with images and the cohort calculator. Prints the four category scores and FCP, LCP, TBT and
//! CLS of every run. A measurement, not a test: it fails only if Lighthouse
//! cannot run.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::process::command;
use crate::workspace_root;

const PORT: u16 = 4175;
const RUNS: usize = 3;
/// The page types the budget cares most about, and every calculator
/// (filled in from a shared link, whose figures a small first stage works
/// out at once), and one calculator's blank form (its app waits for the
/// reader, as a shared link's does).
const PAGES: [(&str, &str); 8] = [
    ("landing", "/"),
    ("long post", "/posts/postgres-on-one-server-field-guide"),
    // A cover and a screenshot (responsive images), and a live calculator.
    ("post with images", "/posts/break-even-roas"),
    (
        "ROAS calculator",
        "/calculators/roas?revenue=12000&spend=3000&margin=40&channel=Search%7C1000%7C4000",
    ),
    (
        "CAC calculator",
        "/calculators/cac?marketing=30000&customers=40&arpa=150&margin=80",
    ),
    (
        "LTV calculator",
        "/calculators/ltv?arpa=100&margin=75&churn=5&cac=500",
    ),
    ("cohort calculator", "/calculators/cohort"),
    ("ROAS, blank form", "/calculators/roas"),
];
const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "perf"),
    ("accessibility", "a11y"),
    ("best-practices", "best"),
    ("seo", "seo"),
];

/// The e2e file server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run() -> Result<()> {
    crate::tools::ensure_test_tools()?;
    let lighthouse = crate::tools::ensure_bench_tool("lighthouse")?;
    let dist = crate::build::build_release()?;
    let e2e = workspace_root().join("tests/e2e");
    let _server = Server(
        command("node")
            .arg("server.mjs")
            .current_dir(&e2e)
            .env("DIST_DIR", &dist)
            .env("PORT", PORT.to_string())
            .env("COMPRESS", "1")
            .stdout(Stdio::null())
            .spawn()
            .context("starting tests/e2e/server.mjs")?,
    );
    wait_for_port(PORT)?;

    let reports = workspace_root().join("target/lighthouse");
    std::fs::create_dir_all(&reports)?;
    println!(
        "{:<18} {:>3} {:>5} {:>5} {:>5} {:>5} {:>8} {:>8} {:>7} {:>6}",
        "page", "run", "perf", "a11y", "best", "seo", "FCP ms", "LCP ms", "TBT ms", "CLS"
    );
    for (name, path) in PAGES {
        for run in 1..=RUNS {
            let report = reports.join(format!("{}-{run}.json", name.replace(' ', "-")));
            audit(&lighthouse, path, &report)?;
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&report)?)
                .with_context(|| format!("reading {}", report.display()))?;
            let score = |id: &str| {
                json["categories"][id]["score"]
                    .as_f64()
                    .map_or("-".to_string(), |s| format!("{:.0}", s * 100.0))
            };
            let metric = |id: &str| json["audits"][id]["numericValue"].as_f64();
            let scores: Vec<String> = CATEGORIES.iter().map(|(id, _)| score(id)).collect();
            println!(
                "{:<18} {:>3} {:>5} {:>5} {:>5} {:>5} {:>8.0} {:>8.0} {:>7.0} {:>6.3}",
                name,
                run,
                scores[0],
                scores[1],
                scores[2],
                scores[3],
                metric("first-contentful-paint").unwrap_or(f64::NAN),
                metric("largest-contentful-paint").unwrap_or(f64::NAN),
                metric("total-blocking-time").unwrap_or(f64::NAN),
                metric("cumulative-layout-shift").unwrap_or(f64::NAN),
            );
            for (id, short) in CATEGORIES {
                let failing = failing_audits(&json, id);
                if !failing.is_empty() && run == RUNS {
                    println!("    {short} below 100: {}", failing.join(", "));
                }
            }
        }
    }
    println!(
        "goal: perf ≥ 99, the other three 100 (reports in {})",
        reports.display()
    );
    Ok(())
}

/// One Lighthouse run of `path`, the JSON report written to `report`.
fn audit(lighthouse: &Path, path: &str, report: &Path) -> Result<()> {
    let url = format!("http://127.0.0.1:{PORT}{path}");
    let output = command(lighthouse)
        .arg(&url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ])
        .arg(format!("--output-path={}", report.display()))
        .env("CHROME_PATH", "/usr/bin/chromium")
        .output()
        .context("running Lighthouse")?;
    if !output.status.success() {
        bail!(
            "Lighthouse failed on {url}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// The titles of a category's scored audits that did not pass.
fn failing_audits(json: &Value, category: &str) -> Vec<String> {
    let refs = json["categories"][category]["auditRefs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    refs.iter()
        .filter(|r| r["weight"].as_f64().is_some_and(|w| w > 0.0))
        .filter_map(|r| {
            let audit = &json["audits"][r["id"].as_str()?];
            let score = audit["score"].as_f64()?;
            (score < 1.0).then(|| {
                format!(
                    "{} ({:.0})",
                    audit["title"].as_str().unwrap_or("?"),
                    score * 100.0
                )
            })
        })
        .collect()
}

fn wait_for_port(port: u16) -> Result<()> {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(10) {
            bail!("the file server did not start on port {port}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}
