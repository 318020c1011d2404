//! `cargo xtask bench-inbox`: the lead inbox under 50 concurrent clients on
//! SQLite and on PostgreSQL: leads stored per second, p50/p99 latency and
//! the inbox's peak memory, next to the fsyncs per second the disk under
//! each database sustains (the ceiling for one commit per lead), measured
//! in the same run.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::postgres::TempPostgres;
use crate::process::{command, run};
use crate::workspace_root;

const CLIENTS: usize = 50;
const SECONDS: u64 = 10;
const PORT: u16 = 8797;

pub fn run_bench() -> Result<()> {
    run(command("cargo").args([
        "build",
        "--profile",
        "inbox",
        "--package",
        "quire-inbox",
        "--bin",
        "quire-inbox",
        "--example",
        "load",
    ]))?;
    let target = workspace_root().join("target/inbox");
    let inbox = target.join("quire-inbox");
    let load = target.join("examples/load");

    let sqlite_dir = std::env::temp_dir().join(format!("quire-bench-inbox-{}", std::process::id()));
    std::fs::create_dir_all(&sqlite_dir)?;
    let sqlite_url = format!("sqlite://{}", sqlite_dir.join("leads.sqlite3").display());
    let sqlite_fsyncs = fsyncs_per_second(&sqlite_dir)?;
    let sqlite = measure(&inbox, &load, &sqlite_url)?;
    let _ = std::fs::remove_dir_all(&sqlite_dir);

    let postgres = TempPostgres::start()?;
    let pg_url = postgres.database("bench")?;
    let pg_fsyncs = fsyncs_per_second(postgres.data_dir())?;
    let pg = measure(&inbox, &load, &pg_url)?;
    drop(postgres);

    println!("\nlead inbox, {CLIENTS} concurrent clients, {SECONDS} s each (release build, this machine):");
    println!(
        "| database | leads/s | p50 | p99 | peak RSS | disk fsyncs/s | leads per fsync-limit |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (name, result, fsyncs) in [
        ("SQLite (WAL, synchronous=FULL)", &sqlite, sqlite_fsyncs),
        ("PostgreSQL", &pg, pg_fsyncs),
    ] {
        println!(
            "| {name} | {:.0} | {:.1} ms | {:.1} ms | {:.1} MB | {:.0} | {:.1}× |",
            result.per_second,
            result.p50_ms,
            result.p99_ms,
            result.peak_rss_kb as f64 / 1024.0,
            fsyncs,
            result.per_second / fsyncs,
        );
    }
    let mut failed = Vec::new();
    if sqlite.per_second < sqlite_fsyncs {
        failed.push(format!(
            "SQLite stored {:.0} leads/s, below the disk's {sqlite_fsyncs:.0} fsyncs/s",
            sqlite.per_second
        ));
    }
    for (name, result) in [("SQLite", &sqlite), ("PostgreSQL", &pg)] {
        if result.p99_ms > 50.0 {
            failed.push(format!("{name} p99 {:.1} ms is over 50 ms", result.p99_ms));
        }
        if result.peak_rss_kb > 50 * 1024 {
            failed.push(format!(
                "{name}: the inbox used {:.1} MB, over 50 MB",
                result.peak_rss_kb as f64 / 1024.0
            ));
        }
        if result.failed > 0 {
            failed.push(format!("{name}: {} requests failed", result.failed));
        }
    }
    if !failed.is_empty() {
        bail!("goals missed:\n  {}", failed.join("\n  "));
    }
    println!("goals met: SQLite at or above the fsync rate, p99 ≤ 50 ms, peak RSS ≤ 50 MB");
    Ok(())
}

struct Measured {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    failed: u64,
    peak_rss_kb: u64,
}

/// Starts the inbox on `database_url`, runs the load against it, and reads
/// the inbox's peak resident memory before stopping it.
fn measure(inbox: &Path, load: &Path, database_url: &str) -> Result<Measured> {
    let mut server = Command::new(inbox)
        .env("QUIRE_INBOX_LISTEN", format!("127.0.0.1:{PORT}"))
        .env("QUIRE_INBOX_DATABASE_URL", database_url)
        .env("QUIRE_INBOX_ALLOWED_ORIGINS", "https://site.example")
        .env("QUIRE_INBOX_RATE_PER_MINUTE", "100000000")
        .env("QUIRE_INBOX_RATE_BURST", "100000000")
        .env("RUST_LOG", "warn")
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting the inbox")?;
    let ready = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", PORT)).is_ok()
    });
    if !ready {
        let _ = server.kill();
        bail!("the inbox did not start on port {PORT}");
    }
    let output = Command::new(load)
        .args([
            &format!("http://127.0.0.1:{PORT}/leads"),
            &CLIENTS.to_string(),
            &SECONDS.to_string(),
        ])
        .output()
        .context("running the load")?;
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
    let peak_rss_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // SIGTERM: a graceful stop.
    let _ = Command::new("kill").arg(server.id().to_string()).status();
    let _ = server.wait();
    if !output.status.success() {
        bail!(
            "the load failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "reading the load's report: {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })?;
    let number = |key: &str| result[key].as_f64().unwrap_or(0.0);
    Ok(Measured {
        per_second: number("per_second"),
        p50_ms: number("p50_ms"),
        p99_ms: number("p99_ms"),
        failed: result["failed"].as_u64().unwrap_or(0),
        peak_rss_kb,
    })
}

/// 4 KB writes, each followed by fdatasync, for two seconds, in `dir`.
fn fsyncs_per_second(dir: &Path) -> Result<f64> {
    let path = dir.join("fsync-probe");
    let mut file = std::fs::File::create(&path)?;
    let block = [7u8; 4096];
    let started = Instant::now();
    let mut syncs = 0u32;
    while started.elapsed() < Duration::from_secs(2) {
        file.write_all(&block)?;
        file.sync_data()?;
        syncs += 1;
    }
    let rate = f64::from(syncs) / started.elapsed().as_secs_f64();
    drop(file);
    let _ = std::fs::remove_file(&path);
    Ok(rate)
}
