//! Crash safety: while many clients post leads and retry as the site's
//! outbox does (again on no answer, 5xx, 408 or 429; never after a 2xx or
//! another 4xx), the inbox process is killed with SIGKILL and restarted.
//! Afterwards every id any client sent is stored exactly once. The same
//! with two inbox processes sharing one PostgreSQL, one of them killed.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;

const CLIENTS: usize = 24;
const LEADS_PER_CLIENT: usize = 40;

fn spawn_inbox(db_url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_quire-inbox"))
        .env("QUIRE_INBOX_LISTEN", format!("127.0.0.1:{port}"))
        .env("QUIRE_INBOX_DATABASE_URL", db_url)
        .env("QUIRE_INBOX_ALLOWED_ORIGINS", SITE)
        .env("QUIRE_INBOX_RATE_PER_MINUTE", "1000000")
        .env("QUIRE_INBOX_RATE_BURST", "1000000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the inbox binary starts")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Posts every lead until the inbox takes it, through whichever of `ports`
/// is next (a load balancer's round robin).
async fn client(
    ports: Arc<Vec<u16>>,
    leads: Vec<serde_json::Value>,
    acknowledged: Arc<AtomicUsize>,
) -> usize {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut attempts = 0;
    for lead in leads {
        let mut wait = Duration::from_millis(20);
        loop {
            let port = ports[attempts % ports.len()];
            attempts += 1;
            let answer = http
                .post(format!("http://127.0.0.1:{port}/leads"))
                .header("origin", SITE)
                .json(&lead)
                .send()
                .await;
            match answer.map(|r| r.status().as_u16()) {
                Ok(200..=299) => {
                    acknowledged.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                Ok(status @ 400..=499) if ![408, 425, 429].contains(&status) => {
                    panic!("lead {} refused with {status}", lead["id"])
                }
                _ => {
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_millis(400));
                }
            }
        }
    }
    attempts
}

/// Runs the clients, killing and restarting the inbox at `victim` (index
/// into `ports`) each time another fifth of the leads has been
/// acknowledged, so every kill lands while clients are sending; returns
/// the ids sent.
async fn run_with_kills(db_url: &str, ports: Vec<u16>, victim: usize) -> Vec<String> {
    let mut inboxes: Vec<Child> = ports.iter().map(|p| spawn_inbox(db_url, *p)).collect();
    let ports = Arc::new(ports);
    let leads: Vec<Vec<serde_json::Value>> = (0..CLIENTS)
        .map(|c| {
            (0..LEADS_PER_CLIENT)
                .map(|i| lead(&format!("c{c}-{i}@example.com")))
                .collect()
        })
        .collect();
    let ids: Vec<String> = leads
        .iter()
        .flatten()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = leads
        .into_iter()
        .map(|batch| tokio::spawn(client(ports.clone(), batch, acknowledged.clone())))
        .collect();

    let mut kills = 0;
    for fifth in 1..=4 {
        while acknowledged.load(Ordering::Relaxed) < ids.len() * fifth / 5 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        inboxes[victim].kill().unwrap(); // SIGKILL
        inboxes[victim].wait().unwrap();
        if acknowledged.load(Ordering::Relaxed) < ids.len() {
            kills += 1;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        inboxes[victim] = spawn_inbox(db_url, ports[victim]);
    }
    let mut attempts = 0;
    for c in clients {
        attempts += c.await.unwrap();
    }
    for mut inbox in inboxes {
        let _ = inbox.kill();
        let _ = inbox.wait();
    }
    assert!(
        kills >= 2,
        "the inbox was killed while clients were sending ({kills} kills)"
    );
    assert!(
        attempts > ids.len(),
        "some attempts failed and were retried ({attempts} for {} leads)",
        ids.len()
    );
    ids
}

async fn assert_each_stored_once(db_url: &str, ids: &[String]) {
    let store = quire_inbox::Store::open(db_url).await.unwrap();
    let stored = store.list(&Default::default()).await.unwrap();
    store.close().await;
    let mut stored_ids: Vec<&str> = stored.iter().map(|l| l.lead.id.as_str()).collect();
    stored_ids.sort_unstable();
    let mut sent: Vec<&str> = ids.iter().map(String::as_str).collect();
    sent.sort_unstable();
    assert_eq!(stored_ids.len(), sent.len(), "one row per lead sent");
    assert_eq!(stored_ids, sent, "exactly the ids sent, each once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_every_lead_once_through_sigkills() {
    let db = sqlite();
    let ids = run_with_kills(&db.url, vec![free_port()], 0).await;
    assert_each_stored_once(&db.url, &ids).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_inboxes_on_one_postgres_keep_every_lead_once_through_sigkills() {
    let Some(db) = postgres().await else { return };
    // Migrate once before the two processes start, as a deploy would.
    quire_inbox::Store::open(&db.url)
        .await
        .unwrap()
        .close()
        .await;
    let ids = run_with_kills(&db.url, vec![free_port(), free_port()], 1).await;
    assert_each_stored_once(&db.url, &ids).await;
}
