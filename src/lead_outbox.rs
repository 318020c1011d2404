//! Delivers captured leads: the rules of `lead_outbox_rules` run against
//! localStorage and the network. Started once by the app, so leads left from
//! an earlier visit are sent whichever page the visitor comes back to.

use std::collections::{HashMap, HashSet};

use gloo_net::http::Request;
use leptos::prelude::*;
use quire_model::Lead;
use send_wrapper::SendWrapper;

use crate::lead_outbox_rules::{LeadStatus, Outbox, Outcome, STORAGE_KEY, TIMEOUT_MS};

/// The app's lead outbox, shared through context.
#[derive(Clone, Copy)]
pub struct LeadOutbox {
    /// Where each lead of this visit stands, by id.
    statuses: RwSignal<HashMap<String, LeadStatus>>,
    /// Leads with an attempt under way, so a timer and the `online` event
    /// never send one twice at once.
    in_flight: StoredValue<HashSet<String>>,
    /// The pending wake-up for the next due lead.
    timer: StoredValue<Option<SendWrapper<TimeoutHandle>>>,
}

impl LeadOutbox {
    /// An outbox that sends nothing until started: what a page being
    /// prerendered has, so it draws the lead forms the browser will.
    pub fn inert() -> Self {
        Self {
            statuses: RwSignal::new(HashMap::new()),
            in_flight: StoredValue::new(HashSet::new()),
            timer: StoredValue::new(None),
        }
    }

    /// Creates the outbox, sends what earlier visits left, and tries again
    /// whenever the browser comes back online.
    pub fn start() -> Self {
        let outbox = Self::inert();
        let online = window_event_listener(leptos::ev::online, move |_| {
            update_stored(|o| o.hurry(now()));
            outbox.flush();
        });
        // The listener lives as long as the app.
        std::mem::forget(online);
        outbox.flush();
        outbox
    }

    /// Keeps `lead` on this device, then tries to send it.
    pub fn submit(&self, lead: Lead, endpoint: String) {
        let id = lead.id.clone();
        update_stored(|o| o.add(lead, endpoint, now()));
        self.statuses.update(|s| {
            s.insert(id, LeadStatus::Sending);
        });
        self.flush();
    }

    /// Where lead `id` stands (tracked), if it was submitted in this visit.
    pub fn status(&self, id: &str) -> Option<LeadStatus> {
        self.statuses.with(|s| s.get(id).cloned())
    }

    /// Sends every due lead not already on its way, then sleeps until the next is due.
    fn flush(self) {
        let due = read_stored().due(now());
        for pending in due {
            let id = pending.lead.id.clone();
            let started = self.in_flight.try_update_value(|f| f.insert(id.clone()));
            if started != Some(true) {
                continue;
            }
            self.statuses.update(|s| {
                s.insert(id.clone(), LeadStatus::Sending);
            });
            leptos::task::spawn_local(async move {
                let outcome = send(&pending.endpoint, &pending.lead).await;
                let status = update_stored(|o| o.record(&id, &outcome, now()));
                self.in_flight.update_value(|f| {
                    f.remove(&id);
                });
                self.statuses.update(|s| {
                    s.insert(id, status);
                });
                self.schedule();
            });
        }
        self.schedule();
    }

    /// Wakes up when the next queued lead is due.
    fn schedule(self) {
        if let Some(previous) = self.timer.try_update_value(Option::take).flatten() {
            previous.take().clear();
        }
        let Some(wait) = read_stored().next_due_in(now()) else {
            return;
        };
        let wait = std::time::Duration::from_millis(wait.max(50.0) as u64);
        if let Ok(handle) = set_timeout_with_handle(move || self.flush(), wait) {
            self.timer.set_value(Some(SendWrapper::new(handle)));
        }
    }
}

/// One attempt: POST the lead as JSON, giving up after [`TIMEOUT_MS`].
async fn send(endpoint: &str, lead: &Lead) -> Outcome {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timeout = controller.map(|controller| {
        gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || controller.abort())
    });
    let request = match Request::post(endpoint)
        .abort_signal(signal.as_ref())
        .json(lead)
    {
        Ok(request) => request,
        Err(error) => return Outcome::from_response(None, "", &error.to_string()),
    };
    let outcome = match request.send().await {
        Ok(response) => {
            let body = response.text().await.unwrap_or_default();
            Outcome::from_response(Some(response.status()), &body, "")
        }
        Err(error) => Outcome::from_response(None, "", &error.to_string()),
    };
    drop(timeout);
    outcome
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

thread_local! {
    /// The outbox when localStorage is unavailable or full (private modes,
    /// quotas): leads then survive until the tab closes, not beyond.
    static IN_MEMORY: std::cell::RefCell<Option<Outbox>> = const { std::cell::RefCell::new(None) };
}

fn read_stored() -> Outbox {
    if let Some(outbox) = IN_MEMORY.with(|m| m.borrow().clone()) {
        return outbox;
    }
    let text = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    Outbox::from_storage(text.as_deref())
}

/// Reads, changes and writes back the stored outbox in one step (other tabs
/// may have changed it since this one last looked).
fn update_stored<T>(change: impl FnOnce(&mut Outbox) -> T) -> T {
    let mut outbox = read_stored();
    let result = change(&mut outbox);
    let saved = IN_MEMORY.with(|m| m.borrow().is_none())
        && storage().is_some_and(|s| s.set_item(STORAGE_KEY, &outbox.to_storage()).is_ok());
    if !saved {
        IN_MEMORY.with(|m| *m.borrow_mut() = Some(outbox));
    }
    result
}

fn now() -> f64 {
    js_sys::Date::now()
}
