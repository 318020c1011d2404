//! Load for `cargo xtask bench-inbox`: CLIENTS concurrent clients post
//! fresh leads to URL for SECONDS (after one second of warm-up), each
//! waiting for its answer before sending the next. Prints one JSON line:
//! leads stored per second and latency percentiles.
//!
//! usage: load URL CLIENTS SECONDS

use std::time::{Duration, Instant};

use serde_json::json;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, clients, seconds] = args.as_slice() else {
        eprintln!("usage: load URL CLIENTS SECONDS");
        std::process::exit(2);
    };
    let clients: usize = clients.parse().expect("CLIENTS is a number");
    let seconds: u64 = seconds.parse().expect("SECONDS is a number");
    let run = std::process::id();
    let warm_up = Instant::now() + Duration::from_secs(1);
    let end = warm_up + Duration::from_secs(seconds);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..clients)
        .map(|client| {
            let http = http.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut failures = 0u64;
                let mut n = 0u64;
                loop {
                    let started = Instant::now();
                    if started >= end {
                        break;
                    }
                    n += 1;
                    let lead = json!({
                        "id": format!("{run:08x}-{client:04x}-4000-8000-{n:012x}"),
                        "email": format!("load{client}-{n}@example.com"),
                        "name": "Load",
                        "company": null,
                        "calculator": "roas",
                        "inputs": {"revenue": "12000", "spend": "3000", "margin": "40"},
                        "results": {"roas": "4.00× (400.0%)", "profit": "1,800.00", "breakeven-roas": "2.50×"},
                        "page_url": "https://site.example/calculators/roas?revenue=12000&spend=3000&margin=40",
                        "created_at": "2026-12-01T07:00:00.000Z",
                        "consent": true
                    });
                    let ok = http
                        .post(&url)
                        .header("origin", "https://site.example")
                        .json(&lead)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success());
                    if started >= warm_up {
                        if ok {
                            latencies.push(started.elapsed());
                        } else {
                            failures += 1;
                        }
                    }
                }
                (latencies, failures)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failures = 0;
    for task in tasks {
        let (l, f) = task.await.unwrap();
        latencies.extend(l);
        failures += f;
    }
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{}",
        json!({
            "stored": latencies.len(),
            "failed": failures,
            "per_second": latencies.len() as f64 / seconds as f64,
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "max_ms": latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        })
    );
}
