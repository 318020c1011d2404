//! Notifications to the author's webhooks, against a real webhook server on
//! a local port: delivered, retried after a failure, kept across a restart.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use common::*;
use serde_json::Value;

/// A webhook that answers with `answers` in turn (then 200) and keeps
/// every body it was sent.
#[derive(Clone, Default)]
struct Hook {
    answers: Arc<Mutex<Vec<u16>>>,
    received: Arc<Mutex<Vec<Value>>>,
}

async fn receive(State(hook): State<Hook>, Json(body): Json<Value>) -> StatusCode {
    hook.received.lock().unwrap().push(body);
    let mut answers = hook.answers.lock().unwrap();
    let status = if answers.is_empty() {
        200
    } else {
        answers.remove(0)
    };
    StatusCode::from_u16(status).unwrap()
}

async fn start_hook(answers: Vec<u16>, listener: tokio::net::TcpListener) -> Hook {
    let hook = Hook {
        answers: Arc::new(Mutex::new(answers)),
        ..Hook::default()
    };
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(hook.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    hook
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn a_new_lead_is_announced_and_a_failed_delivery_retried() {
    for db in databases().await {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hook_url = format!("http://{}/hook", listener.local_addr().unwrap());
        let hook = start_hook(vec![500], listener).await;
        let mut settings = config(&db.url);
        settings.webhooks = vec![hook_url];
        let inbox = Inbox::start(settings).await;
        let client = reqwest::Client::new();
        let body = lead("jane@example.com");
        assert_eq!(post_lead(&client, &inbox, &body).await.status(), 201);
        // A repeat of the same lead is not announced again.
        assert_eq!(post_lead(&client, &inbox, &body).await.status(), 200);

        // First attempt answered 500; the retry two seconds later succeeds.
        wait_for("two deliveries", || {
            hook.received.lock().unwrap().len() >= 2
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let received = hook.received.lock().unwrap().clone();
        assert_eq!(
            received.len(),
            2,
            "{}: delivered once after one failure",
            db.name
        );
        let text = received[1]["text"].as_str().unwrap();
        assert!(
            text.starts_with("New lead from the roas calculator: Ada <jane@example.com>."),
            "{text}"
        );
        assert_eq!(received[1]["lead"]["id"], body["id"]);
        assert_eq!(received[1]["lead"]["results"]["roas"], "4.00× (400.0%)");
        inbox.stop().await;
    }
}

#[tokio::test]
async fn a_notification_owed_survives_a_restart() {
    let db = sqlite();
    // The webhook is down while the lead arrives.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let mut settings = config(&db.url);
    settings.webhooks = vec![format!("http://{address}/hook")];
    let inbox = Inbox::start(settings.clone()).await;
    let client = reqwest::Client::new();
    assert_eq!(
        post_lead(&client, &inbox, &lead("later@example.com"))
            .await
            .status(),
        201
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, page) = author_get(&client, &inbox, "/inbox").await;
    assert!(
        page.contains("1 notification(s) waiting to be sent"),
        "{page}"
    );
    assert!(page.contains("the webhook could not be reached"));
    inbox.stop().await;

    // The webhook comes back, and so does the inbox: the lead is announced.
    let hook = start_hook(
        vec![],
        tokio::net::TcpListener::bind(address).await.unwrap(),
    )
    .await;
    let inbox = Inbox::start(settings).await;
    wait_for("the owed delivery", || {
        hook.received.lock().unwrap().len() == 1
    })
    .await;
    assert_eq!(
        hook.received.lock().unwrap()[0]["lead"]["email"],
        "later@example.com"
    );
    inbox.stop().await;
}
