//! Shared by the inbox's integration tests: real databases (a SQLite file in
//! a temporary folder; PostgreSQL when `QUIRE_TEST_POSTGRES_URL` names a
//! server, which `cargo xtask test` starts) and a real server on a local port.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use quire_inbox::config::RateLimit;
use quire_inbox::Config;
use serde_json::{json, Value};
use sqlx::Connection;
use tokio::sync::oneshot;

pub const SECRET: &str = "test-secret-0123456789";
pub const SITE: &str = "https://site.example";

/// A database for one test; the SQLite folder lives as long as this.
pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("leads.sqlite3").display());
    TestDb {
        name: "sqlite",
        url,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, or `None` when no server was given (which
/// `cargo xtask test` never allows: it sets QUIRE_TEST_REQUIRE_POSTGRES).
pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("QUIRE_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("QUIRE_TEST_REQUIRE_POSTGRES").is_err(),
            "QUIRE_TEST_POSTGRES_URL is not set but PostgreSQL tests are required"
        );
        eprintln!("PostgreSQL not tested: set QUIRE_TEST_POSTGRES_URL (cargo xtask test does)");
        return None;
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        quire_inbox::now_ms()
    );
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    Some(TestDb {
        name: "postgres",
        url: format!("{base}/{name}"),
        _dir: None,
    })
}

/// SQLite, and PostgreSQL when there is one.
pub async fn databases() -> Vec<TestDb> {
    let mut all = vec![sqlite()];
    all.extend(postgres().await);
    all
}

pub fn config(database_url: &str) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_string(),
        allowed_origins: vec![SITE.into()],
        secret: Some(SECRET.into()),
        webhooks: vec![],
        rate_limit: RateLimit {
            per_minute: 10_000,
            burst: 10_000,
        },
        trust_forwarded_for: false,
        json_logs: false,
    }
}

/// An inbox serving on a local port until `stop`.
pub struct Inbox {
    pub base: String,
    pub address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), quire_inbox::InboxError>>>,
}

impl Inbox {
    pub async fn start(config: Config) -> Inbox {
        let listener = tokio::net::TcpListener::bind(config.listen).await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(quire_inbox::serve(config, listener, async move {
            let _ = stopped.await;
        }));
        let inbox = Inbox {
            base: format!("http://{address}"),
            address,
            stop: Some(stop),
            task: Some(task),
        };
        // Ready once the health check answers (migrations done).
        for _ in 0..200 {
            if let Ok(r) = reqwest::get(format!("{}/health", inbox.base)).await {
                if r.status() == 200 {
                    return inbox;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("the inbox did not start");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Graceful stop: in-flight requests finish first.
    pub async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.take().unwrap().await.unwrap().unwrap();
    }
}

static NEXT_LEAD: AtomicU32 = AtomicU32::new(1);

/// A valid lead with a fresh id.
pub fn lead(email: &str) -> Value {
    let n = NEXT_LEAD.fetch_add(1, Ordering::Relaxed);
    json!({
        "id": format!("5d0c7a4e-8f7b-4c1e-9a51-{:012x}", (std::process::id() as u64) << 20 | n as u64),
        "email": email,
        "name": "Ada",
        "company": null,
        "calculator": "roas",
        "inputs": {"revenue": "12000", "spend": "3000", "margin": "40"},
        "results": {"roas": "4.00× (400.0%)", "profit": "1,800.00"},
        "page_url": "https://site.example/calculators/roas?revenue=12000&spend=3000&margin=40",
        "created_at": "2026-11-22T07:00:00.000Z",
        "consent": true
    })
}

/// POSTs JSON to `/leads` as the site's page would.
pub async fn post_lead(client: &reqwest::Client, inbox: &Inbox, body: &Value) -> reqwest::Response {
    client
        .post(inbox.url("/leads"))
        .header("origin", SITE)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The stored leads, through the JSON list.
pub async fn stored(client: &reqwest::Client, inbox: &Inbox) -> Vec<Value> {
    let response = client
        .get(inbox.url("/inbox/leads.json"))
        .bearer_auth(SECRET)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The author's GET of an inbox path (with the secret): status and body.
pub async fn author_get(client: &reqwest::Client, inbox: &Inbox, path: &str) -> (u16, String) {
    let response = client
        .get(inbox.url(path))
        .bearer_auth(SECRET)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A form the author posts from a page of `fetch_site` (as the browser's
/// Sec-Fetch-Site names it); returns the response.
pub async fn author_post(
    client: &reqwest::Client,
    inbox: &Inbox,
    path: &str,
    form: &[(&str, &str)],
    fetch_site: &str,
) -> reqwest::Response {
    client
        .post(inbox.url(path))
        .basic_auth("author", Some(SECRET))
        .header("sec-fetch-site", fetch_site)
        .form(form)
        .send()
        .await
        .unwrap()
}
