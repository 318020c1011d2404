//! "Email me this analysis": the lead form under a calculator. It is shown
//! only when the site configures a lead endpoint; what it sends is
//! [`quire_model::Lead`], delivered by the app's [`LeadOutbox`].

use std::collections::BTreeMap;

use leptos::prelude::*;
use quire_model::Lead;

use crate::lead_outbox::LeadOutbox;
use crate::lead_outbox_rules::LeadStatus;
use crate::site_index::SiteIndex;
use quire_model::check_email;

/// The form; `inputs` and `results` are read when the visitor sends it.
#[component]
pub fn LeadForm(
    /// The calculator's slug.
    calculator: &'static str,
    /// The inputs as typed, by query parameter name.
    inputs: Signal<BTreeMap<String, String>>,
    /// The results as shown, by result id; empty while there are none.
    results: Signal<BTreeMap<String, String>>,
) -> impl IntoView {
    // Outside the app (a component test, say) there is no site to send to.
    let (Some(SiteIndex(index)), Some(outbox)) =
        (use_context::<SiteIndex>(), use_context::<LeadOutbox>())
    else {
        return ().into_any();
    };
    let endpoint = move || {
        index
            .get()
            .and_then(|i| i.ok())
            .and_then(|i| i.site.lead_endpoint)
    };

    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    // Filled only by bots, which see a field people do not.
    let trap = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let sent_id = RwSignal::new(None::<String>);
    let bot_ignored = RwSignal::new(false);

    let email_error = Memo::new(move |_| {
        if !tried.get() {
            return None;
        }
        check_email(&email.get()).err()
    });
    let consent_error = Memo::new(move |_| {
        (tried.get() && !consent.get()).then_some("Tick the box so we may email you.")
    });
    let status = move || {
        if bot_ignored.get() {
            return Some(LeadStatus::Sent);
        }
        sent_id.get().and_then(|id| outbox.status(&id))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let Some(endpoint) = endpoint() else {
            return;
        };
        if check_email(&email.get_untracked()).is_err() || !consent.get_untracked() {
            return;
        }
        if !trap.get_untracked().is_empty() {
            bot_ignored.set(true);
            return;
        }
        let optional = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty())
        };
        let lead = Lead {
            id: new_id(),
            email: email.get_untracked().trim().to_string(),
            name: optional(name),
            company: optional(company),
            calculator: calculator.to_string(),
            inputs: inputs.get_untracked(),
            results: results.get_untracked(),
            page_url: window().location().href().unwrap_or_default(),
            created_at: js_sys::Date::new_0().to_iso_string().into(),
            consent: true,
            embedded_on: framing_page_attribute("data-embedded-on"),
            partner: framing_page_attribute("data-partner"),
        };
        sent_id.set(Some(lead.id.clone()));
        outbox.submit(lead, endpoint);
    };

    (move || {
        endpoint().map(|_| {
            view! {
                <form class="lead-form" on:submit=submit novalidate data-testid="lead-form">
                    <h2>"Email me this analysis"</h2>
                    <p class="field-help">"We send these inputs and results to you, and may follow up once. Nothing else."</p>
                    <div class="field" class:field-invalid=move || email_error.get().is_some()>
                        <label for="lead-email">"Email"</label>
                        <input id="lead-email" type="email" autocomplete="email" required
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))
                            aria-invalid=move || email_error.get().is_some().to_string()
                            aria-describedby="lead-email-error" />
                        <p class="field-error" id="lead-email-error">{move || email_error.get()}</p>
                    </div>
                    <OptionalText id="lead-name" label="Name" autocomplete="name" text=name />
                    <OptionalText id="lead-company" label="Company" autocomplete="organization" text=company />
                    <div class="lead-trap" aria-hidden="true">
                        <label for="lead-website">"Leave this empty"</label>
                        <input id="lead-website" name="website" type="text" tabindex="-1" autocomplete="off"
                            prop:value=move || trap.get()
                            on:input=move |ev| trap.set(event_target_value(&ev)) />
                    </div>
                    <div class="field lead-consent" class:field-invalid=move || consent_error.get().is_some()>
                        <label>
                            <input type="checkbox" id="lead-consent"
                                prop:checked=move || consent.get()
                                on:change=move |ev| consent.set(event_target_checked(&ev))
                                aria-describedby="lead-consent-error" />
                            " I agree to be emailed about this analysis."
                        </label>
                        <p class="field-error" id="lead-consent-error">{move || consent_error.get()}</p>
                    </div>
                    <button type="submit" class="button" data-testid="lead-submit">"Email me the analysis"</button>
                    <p class="lead-status" role="status" data-testid="lead-status"
                        data-state=move || status().map(|s| state_name(&s)).unwrap_or("idle")>
                        {move || status().map(|s| s.text())}
                    </p>
                </form>
            }
        })
    })
    .into_any()
}

/// A labelled text input the visitor may leave empty.
#[component]
fn OptionalText(
    id: &'static str,
    label: &'static str,
    /// The browser's autofill hint, e.g. `name`.
    autocomplete: &'static str,
    text: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label} <span class="field-optional">" (optional)"</span></label>
            <input id=id type="text" autocomplete=autocomplete
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev)) />
        </div>
    }
}

/// What `assets/embed-frame.js` learnt about the page framing this one
/// (`/embed/calculators/…` only): an attribute of `<html>`, or `None`.
fn framing_page_attribute(name: &str) -> Option<String> {
    document()
        .document_element()?
        .get_attribute(name)
        .filter(|value| !value.is_empty())
}

/// A stable name for each state, for styling and tests.
fn state_name(status: &LeadStatus) -> &'static str {
    match status {
        LeadStatus::Sending => "sending",
        LeadStatus::Sent => "sent",
        LeadStatus::Queued { .. } => "queued",
        LeadStatus::Refused { .. } => "refused",
    }
}

/// A random id (UUID v4 from the browser's CSPRNG), kept through every retry.
fn new_id() -> String {
    window()
        .crypto()
        .map(|c| c.random_uuid())
        .unwrap_or_else(|_| format!("lead-{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}
