//! Telling the author about new leads: a worker that delivers the
//! notifications the store queued with each lead to the configured
//! webhooks, retrying with backoff. The queue is in the database, so a
//! restart loses nothing, and a visitor's answer never waits for it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio::sync::{watch, Notify};

use crate::store::{DueNotification, Store, StoredLead};

/// First wait after a failed delivery; it doubles up to [`MAX_BACKOFF_MS`].
pub const FIRST_BACKOFF_MS: i64 = 2_000;
pub const MAX_BACKOFF_MS: i64 = 60 * 60 * 1_000;
/// After this many failed attempts (about three days) a notification is
/// given up; the inbox page shows it.
pub const MAX_ATTEMPTS: i64 = 80;
/// How long a claimed notification is reserved for one process.
const LEASE_MS: i64 = 60_000;
/// How often the queue is looked at when nothing wakes the worker.
const POLL: Duration = Duration::from_secs(5);

/// When to try again after `attempts` failures (counting the one just made),
/// or `None` to give up.
pub fn retry_at(now: i64, attempts: i64) -> Option<i64> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let doublings = attempts.clamp(1, 32) - 1;
    let wait = FIRST_BACKOFF_MS
        .saturating_mul(1_i64 << doublings.min(30))
        .min(MAX_BACKOFF_MS);
    Some(now + wait)
}

/// What a webhook receives: a sentence (the `text` Slack, Mattermost and
/// Rocket.Chat show), and the lead itself for anything that reads JSON.
pub fn payload(stored: &StoredLead) -> serde_json::Value {
    let lead = &stored.lead;
    let who = match (&lead.name, &lead.company) {
        (Some(name), Some(company)) => format!("{name} ({company}) <{}>", lead.email),
        (Some(name), None) => format!("{name} <{}>", lead.email),
        (None, Some(company)) => format!("{} ({company})", lead.email),
        (None, None) => lead.email.clone(),
    };
    let results: Vec<String> = lead
        .results
        .iter()
        .take(4)
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    json!({
        "text": format!(
            "New lead from the {} calculator: {who}. {} {}",
            lead.calculator,
            results.join("; "),
            lead.page_url
        ),
        "lead": stored,
    })
}

/// Runs until `stop` turns true, delivering due notifications; woken at
/// once by `wake` when a new lead is stored.
pub async fn run(store: Store, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .user_agent(concat!("quire-inbox/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "no HTTP client: notifications are not sent");
            return;
        }
    };
    loop {
        loop {
            match deliver_due(&store, &client).await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(error) => {
                    tracing::warn!(%error, "notification queue not read");
                    break;
                }
            }
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Delivers what is due now; returns how many were tried.
async fn deliver_due(
    store: &Store,
    client: &reqwest::Client,
) -> Result<usize, crate::store::StoreError> {
    let now = crate::now_ms();
    let due = store.claim_due(now, LEASE_MS, 16).await?;
    let tried = due.len();
    for notification in due {
        deliver(store, client, &notification).await?;
    }
    Ok(tried)
}

async fn deliver(
    store: &Store,
    client: &reqwest::Client,
    due: &DueNotification,
) -> Result<(), crate::store::StoreError> {
    let Some(lead) = store.get(&due.lead_id).await? else {
        return store.drop_notification(due).await;
    };
    let outcome = client.post(&due.webhook).json(&payload(&lead)).send().await;
    let now = crate::now_ms();
    let error = match outcome {
        Ok(response) if response.status().is_success() => {
            tracing::info!(lead = %due.lead_id, webhook = %due.webhook, "notification delivered");
            return store.notification_delivered(due, now).await;
        }
        Ok(response) => format!("the webhook answered {}", response.status()),
        Err(error) => format!("the webhook could not be reached: {error}"),
    };
    let retry = retry_at(now, due.attempts + 1);
    tracing::warn!(lead = %due.lead_id, webhook = %due.webhook, %error, gave_up = retry.is_none(), "notification failed");
    store.notification_failed(due, &error, retry, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour_then_gives_up() {
        assert_eq!(retry_at(0, 1), Some(2_000));
        assert_eq!(retry_at(0, 2), Some(4_000));
        assert_eq!(retry_at(0, 5), Some(32_000));
        assert_eq!(retry_at(0, 20), Some(MAX_BACKOFF_MS));
        assert_eq!(retry_at(0, MAX_ATTEMPTS - 1), Some(MAX_BACKOFF_MS));
        assert_eq!(retry_at(0, MAX_ATTEMPTS), None);
    }
}
