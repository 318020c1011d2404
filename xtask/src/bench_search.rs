//! `cargo xtask bench-search`: quire's search against Pagefind's on the
//! synthetic 10,000-post site, in headless Chromium.
//!
//! Both indexes are built from the same posts: quire's by the content
//! compiler, Pagefind's by its own CLI over one HTML page per post (the
//! post's compiled body in `<main>`, as a prerendered page holds it). For
//! each query, a fresh browser context (cold cache) runs the search and
//! opens the first ten results; every request the search makes is counted
//! at its brotli size (or its size as stored, if smaller: Pagefind's files
//! are gzipped already). The search code itself is counted for both.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::bench::synthetic_site;
use crate::process::{command, run};
use crate::workspace_root;

const POSTS: usize = 10_000;

/// Twenty queries a reader of the synthetic site could type: single words,
/// several words, identifiers from code blocks, prefixes, a typo, a number
/// and a word that is not there.
pub const QUERIES: [&str; 20] = [
    "replication",
    "latency",
    "tenant",
    "vacuum",
    "throughput",
    "cache budget",
    "cohort churn",
    "wasm payload",
    "signal queue shard",
    "restic",
    "pg_dump",
    "tenant_id",
    "retention",
    "repl",
    "throu",
    "latancy",
    "replicaton",
    "4217",
    "notes",
    "kubernetes",
];

pub fn run_bench() -> Result<()> {
    let root = workspace_root();
    let bench = root.join("target/bench/search");
    let site = bench.join("site");
    let served = bench.join("dist");
    let pages = bench.join("pagefind-pages");
    for dir in [&site, &served, &pages] {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
    }

    eprintln!("building the app (release)");
    let dist = crate::build::build_release()?;
    eprintln!("writing and compiling a synthetic {POSTS}-post site");
    synthetic_site(&site, POSTS)?;
    copy_app(&dist, &served)?;
    let started = std::time::Instant::now();
    let compiled = quire_compiler::compile_site(&site, quire_compiler::CompileOptions::default())
        .map_err(|problems| anyhow::anyhow!("{problems}"))?;
    quire_compiler::write_site(&compiled, &served)?;
    eprintln!(
        "  quire compiled and indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let quire_index = dir_size(&served.join("content/search"))?
        + dir_size(
            &served
                .join("content")
                .join(&compiled.index.build)
                .join("search"),
        )?;
    for bundle in &compiled.posts {
        let dir = pages.join("posts").join(&bundle.post.slug);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("index.html"),
            format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
                 <body><main data-pagefind-body><h1>{}</h1>{}</main></body></html>\n",
                bundle.post.title, bundle.post.title, bundle.html
            ),
        )?;
    }
    let pagefind = crate::tools::ensure_bench_tool("pagefind")?;
    eprintln!("indexing the same posts with Pagefind");
    let started = std::time::Instant::now();
    run(command(&pagefind)
        .arg("--site")
        .arg(&pages)
        .arg("--output-path")
        .arg(served.join("pagefind"))
        .arg("--silent"))?;
    eprintln!(
        "  Pagefind indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let pagefind_index = dir_size(&served.join("pagefind"))?;
    std::fs::write(
        served.join("pagefind-bench.html"),
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pagefind</title></head><body></body></html>\n",
    )?;

    let e2e = root.join("tests/e2e");
    if !e2e.join("node_modules").exists() {
        run(command("npm").arg("ci").current_dir(&e2e))?;
    }
    let queries = serde_json::to_string(&QUERIES)?;
    let output = command("node")
        .arg(e2e.join("bench/search-bench.mjs"))
        .env("DIST_DIR", &served)
        .env("QUERIES", queries)
        .current_dir(&e2e)
        .output()
        .context("running the browser benchmark")?;
    if !output.status.success() {
        bail!(
            "the browser benchmark failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout)
        .with_context(|| String::from_utf8_lossy(&output.stdout).into_owned())?;
    print_table(&rows, quire_index, pagefind_index);
    Ok(())
}

fn print_table(rows: &[serde_json::Value], quire_index: u64, pagefind_index: u64) {
    println!(
        "\nsearch on {POSTS} posts: bytes fetched per query, cold cache, brotli, search code included"
    );
    println!(
        "index on disk: quire {:.1} MB, Pagefind {:.1} MB",
        quire_index as f64 / 1e6,
        pagefind_index as f64 / 1e6
    );
    println!(
        "{:<20} {:>8} {:>10} {:>8} {:>10} {:>7} {:>12}",
        "query", "quire", "requests", "pagefind", "requests", "ratio", "cached ms"
    );
    let mut wins = 0;
    let mut slowest: f64 = 0.0;
    for row in rows {
        let q = row["quire"]["bytes"].as_f64().unwrap_or(f64::NAN);
        let p = row["pagefind"]["bytes"].as_f64().unwrap_or(f64::NAN);
        let ms = row["quire"]["cachedMs"].as_f64().unwrap_or(f64::NAN);
        wins += usize::from(q < p);
        slowest = slowest.max(ms);
        println!(
            "{:<20} {:>8} {:>10} {:>8} {:>10} {:>6.2}× {:>12.1}   ({} / {} results)",
            row["query"].as_str().unwrap_or("?"),
            q,
            row["quire"]["requests"],
            p,
            row["pagefind"]["requests"],
            p / q,
            ms,
            row["quire"]["results"],
            row["pagefind"]["results"],
        );
    }
    println!(
        "quire fetched fewer bytes than Pagefind for {wins} of {} queries (goal: most); \
         slowest time to results with chunks cached: {slowest:.1} ms (goal: ≤ 50 ms)",
        rows.len()
    );
}

/// The built app without its content: the synthetic site's replaces it.
fn copy_app(dist: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(dist)? {
        let entry = entry?;
        let name = entry.file_name();
        // No _headers: the benchmark counts bytes, and Pagefind's loader is
        // not written for quire's Content-Security-Policy.
        if name == "content" || name == "_headers" || entry.file_type()?.is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), to.join(&name))?;
    }
    // dist/index.html is the demo site's landing page, prerendered with its
    // bundles embedded: on the synthetic site the app would hydrate the demo
    // site's index (and search a build that is not there). 404.html embeds
    // no bundles, and the app draws the page for its address from the
    // synthetic site's own bundles.
    std::fs::copy(dist.join("404.html"), to.join("index.html"))?;
    Ok(())
}

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).with_context(|| dir.display().to_string())? {
        let entry = entry?;
        total += if entry.file_type()?.is_dir() {
            dir_size(&entry.path())?
        } else {
            entry.metadata()?.len()
        };
    }
    Ok(total)
}
