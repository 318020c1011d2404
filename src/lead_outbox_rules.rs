//! The lead outbox's rules, without the browser: what is kept, when a lead
//! is tried again, what a response means and what the visitor is told.
//! `lead_outbox` runs these against localStorage and the network.
//!
//! A lead is saved before the first attempt and removed only when the
//! receiver accepted it (2xx) or refused it for good (4xx), so closing the
//! tab, going offline or a failing server never loses one.

use quire_model::Lead;
use serde::{Deserialize, Serialize};

/// localStorage key of the outbox; the suffix changes if its shape does.
pub const STORAGE_KEY: &str = "quire.leads.v1";
/// Wait before the second attempt; it doubles with each failure.
pub const FIRST_RETRY_MS: f64 = 2_000.0;
/// The longest wait between attempts.
pub const MAX_RETRY_MS: f64 = 5.0 * 60.0 * 1_000.0;
/// An attempt that has not answered by then counts as failed.
pub const TIMEOUT_MS: u32 = 10_000;

/// A lead waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub lead: Lead,
    /// Where it goes: the endpoint configured when it was captured.
    pub endpoint: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Milliseconds since the Unix epoch before which it is not tried again.
    pub next_attempt_at: f64,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The receiver took it (2xx).
    Delivered,
    /// The receiver will never take it as it is (4xx): the visitor must fix it.
    Refused { status: u16, message: String },
    /// Worth trying again: offline, timed out, 5xx, 408 or 429.
    Failed { reason: String },
}

impl Outcome {
    /// Classifies a response: `status` is `None` when there was none at all.
    pub fn from_response(status: Option<u16>, body: &str, error: &str) -> Self {
        match status {
            None => Outcome::Failed {
                reason: error.to_string(),
            },
            Some(200..=299) => Outcome::Delivered,
            Some(status @ (408 | 425 | 429)) => Outcome::Failed {
                reason: format!("the server answered {status}"),
            },
            Some(status @ 400..=499) => Outcome::Refused {
                status,
                message: short(body),
            },
            Some(status) => Outcome::Failed {
                reason: format!("the server answered {status}"),
            },
        }
    }
}

/// Where a lead stands, as the visitor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadStatus {
    Sending,
    Sent,
    /// Kept on this device; tried again after `retry_in_ms`, or when back online.
    Queued {
        attempts: u32,
        retry_in_ms: u64,
    },
    Refused {
        status: u16,
        message: String,
    },
}

impl LeadStatus {
    /// One sentence for the form's status line.
    pub fn text(&self) -> String {
        match self {
            LeadStatus::Sending => "Sending…".into(),
            LeadStatus::Sent => "Sent. The analysis is on its way to your inbox.".into(),
            LeadStatus::Queued { retry_in_ms, .. } => format!(
                "Not sent yet, but saved on this device: it will be sent when the connection is back (next try in {} s), even if you close this page.",
                retry_in_ms.div_ceil(1000)
            ),
            LeadStatus::Refused { status, message } if message.is_empty() => {
                format!("The server refused it ({status}). Check your details and send again.")
            }
            LeadStatus::Refused { status, message } => format!(
                "The server refused it ({status}: {message}). Check your details and send again."
            ),
        }
    }
}

/// Every lead not yet delivered, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub pending: Vec<Pending>,
}

impl Outbox {
    /// The outbox as stored; text that cannot be read is an empty outbox
    /// (its leads cannot be recovered, and must not block new ones).
    pub fn from_storage(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"pending\":[]}".into())
    }

    /// Keeps a new lead, due at once. A lead already kept (same id) stays as it is.
    pub fn add(&mut self, lead: Lead, endpoint: String, now: f64) {
        if self.pending.iter().any(|p| p.lead.id == lead.id) {
            return;
        }
        self.pending.push(Pending {
            lead,
            endpoint,
            attempts: 0,
            next_attempt_at: now,
        });
    }

    /// The leads whose time has come.
    pub fn due(&self, now: f64) -> Vec<Pending> {
        self.pending
            .iter()
            .filter(|p| p.next_attempt_at <= now)
            .cloned()
            .collect()
    }

    /// Makes every lead due now (the browser came back online).
    pub fn hurry(&mut self, now: f64) {
        for pending in &mut self.pending {
            pending.next_attempt_at = pending.next_attempt_at.min(now);
        }
    }

    /// Applies an attempt's outcome and says where the lead now stands.
    pub fn record(&mut self, id: &str, outcome: &Outcome, now: f64) -> LeadStatus {
        let Some(index) = self.pending.iter().position(|p| p.lead.id == id) else {
            // Another tab delivered it meanwhile.
            return LeadStatus::Sent;
        };
        match outcome {
            Outcome::Delivered => {
                self.pending.remove(index);
                LeadStatus::Sent
            }
            Outcome::Refused { status, message } => {
                self.pending.remove(index);
                LeadStatus::Refused {
                    status: *status,
                    message: message.clone(),
                }
            }
            Outcome::Failed { .. } => {
                let pending = &mut self.pending[index];
                pending.attempts += 1;
                let wait = retry_delay_ms(pending.attempts);
                pending.next_attempt_at = now + wait;
                LeadStatus::Queued {
                    attempts: pending.attempts,
                    retry_in_ms: wait as u64,
                }
            }
        }
    }

    /// Milliseconds until the next lead is due, if any is waiting.
    pub fn next_due_in(&self, now: f64) -> Option<f64> {
        self.pending
            .iter()
            .map(|p| (p.next_attempt_at - now).max(0.0))
            .min_by(f64::total_cmp)
    }
}

/// Wait after the `attempts`-th failure: 2 s, 4 s, 8 s … up to 5 minutes.
pub fn retry_delay_ms(attempts: u32) -> f64 {
    let doublings = attempts.saturating_sub(1).min(20);
    (FIRST_RETRY_MS * f64::from(1u32 << doublings)).min(MAX_RETRY_MS)
}

/// A receiver's error body, cut to a sentence's length.
fn short(body: &str) -> String {
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(id: &str) -> Lead {
        Lead {
            id: id.into(),
            email: "a@b.co".into(),
            name: None,
            company: None,
            calculator: "roas".into(),
            inputs: Default::default(),
            results: Default::default(),
            page_url: "https://x.example/calculators/roas".into(),
            created_at: "2026-11-22T07:00:00Z".into(),
            consent: true,
            embedded_on: None,
            partner: None,
        }
    }

    #[test]
    fn responses_are_classified() {
        assert_eq!(
            Outcome::from_response(Some(204), "", ""),
            Outcome::Delivered
        );
        assert_eq!(
            Outcome::from_response(Some(400), " bad\n email ", ""),
            Outcome::Refused {
                status: 400,
                message: "bad email".into()
            }
        );
        for retried in [Some(500), Some(503), Some(429), Some(408), None] {
            assert!(matches!(
                Outcome::from_response(retried, "", "offline"),
                Outcome::Failed { .. }
            ));
        }
    }

    #[test]
    fn failures_back_off_and_deliveries_leave_the_outbox() {
        let mut outbox = Outbox::default();
        outbox.add(lead("one"), "https://hook".into(), 1_000.0);
        outbox.add(lead("one"), "https://hook".into(), 1_000.0);
        assert_eq!(outbox.pending.len(), 1);
        assert_eq!(outbox.due(1_000.0).len(), 1);

        let failed = Outcome::Failed {
            reason: "offline".into(),
        };
        assert_eq!(
            outbox.record("one", &failed, 1_000.0),
            LeadStatus::Queued {
                attempts: 1,
                retry_in_ms: 2_000
            }
        );
        assert!(outbox.due(2_999.0).is_empty());
        assert_eq!(outbox.next_due_in(2_000.0), Some(1_000.0));
        assert_eq!(
            outbox.record("one", &failed, 3_000.0),
            LeadStatus::Queued {
                attempts: 2,
                retry_in_ms: 4_000
            }
        );
        outbox.hurry(3_500.0);
        assert_eq!(outbox.due(3_500.0).len(), 1);
        assert_eq!(
            outbox.record("one", &Outcome::Delivered, 3_600.0),
            LeadStatus::Sent
        );
        assert!(outbox.pending.is_empty());
        assert_eq!(outbox.next_due_in(0.0), None);
    }

    #[test]
    fn a_refused_lead_is_not_retried() {
        let mut outbox = Outbox::default();
        outbox.add(lead("x"), "https://hook".into(), 0.0);
        let refused = Outcome::Refused {
            status: 422,
            message: "email rejected".into(),
        };
        assert!(matches!(
            outbox.record("x", &refused, 1.0),
            LeadStatus::Refused { status: 422, .. }
        ));
        assert!(outbox.pending.is_empty());
    }

    #[test]
    fn backoff_is_capped() {
        assert_eq!(retry_delay_ms(1), 2_000.0);
        assert_eq!(retry_delay_ms(3), 8_000.0);
        assert_eq!(retry_delay_ms(40), MAX_RETRY_MS);
    }

    #[test]
    fn storage_round_trips_and_garbage_is_an_empty_outbox() {
        let mut outbox = Outbox::default();
        outbox.add(lead("keep"), "https://hook".into(), 5.0);
        assert_eq!(Outbox::from_storage(Some(&outbox.to_storage())), outbox);
        assert_eq!(Outbox::from_storage(Some("{not json")), Outbox::default());
        assert_eq!(Outbox::from_storage(None), Outbox::default());
    }

    #[test]
    fn statuses_read_as_sentences() {
        assert!(LeadStatus::Queued {
            attempts: 1,
            retry_in_ms: 1_500
        }
        .text()
        .contains("next try in 2 s"));
        assert_eq!(
            LeadStatus::Refused {
                status: 400,
                message: "invalid email".into()
            }
            .text(),
            "The server refused it (400: invalid email). Check your details and send again."
        );
    }
}
