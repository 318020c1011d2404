//! The inbox page, rendered on the server (maud escapes every value), with
//! no script: it works without JavaScript and under a CSP that allows none.

use std::collections::BTreeMap;

use maud::{html, Markup, DOCTYPE};

use crate::export::rfc3339;
use crate::store::{NotificationSummary, Source, StoredLead};

/// Served at `/inbox/style.css` (the CSP allows no inline style).
pub const STYLESHEET: &str = "\
:root{color-scheme:light dark;--fg:light-dark(#1b1f24,#e6e8eb);--muted:light-dark(#555d66,#a9b1ba);--line:light-dark(#d5d9de,#3a4047);--bg:light-dark(#fff,#15181c);--accent:light-dark(#0b57d0,#8ab4f8)}
body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:60rem;padding:1rem}
a{color:var(--accent)}h1{margin:.5rem 0}.muted{color:var(--muted)}
.leads{list-style:none;padding:0}.lead{border-top:1px solid var(--line);padding:.75rem 0}
.lead h2{font-size:1.1rem;margin:0}.lead.handled{border-left:4px solid var(--line);padding-left:.75rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.5rem 0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
form.inline{display:inline}button,select,input{font:inherit;padding:.3rem .6rem}
.notice{border:1px solid var(--line);padding:.5rem}table{border-collapse:collapse}th,td{text-align:left;padding:.2rem 1rem .2rem 0}.columns{display:flex;flex-wrap:wrap;gap:0 3rem}h3{font-size:.95rem;margin:.5rem 0 0}p{overflow-wrap:anywhere}.tools{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
";

/// What the page shows.
pub struct InboxView<'a> {
    pub leads: &'a [StoredLead],
    pub counts: &'a BTreeMap<String, i64>,
    pub notifications: &'a NotificationSummary,
    pub calculator: Option<&'a str>,
    /// Leads per source: the site's own pages, each embedding site.
    pub sources: &'a BTreeMap<Source, i64>,
    /// The source shown, or all.
    pub source: Option<&'a Source>,
    pub page: u32,
    pub has_more: bool,
    pub notice: Option<&'a str>,
}

/// `2026-12-01 19:03 UTC`.
fn shown_time(ms: i64) -> String {
    let text = rfc3339(ms);
    match (text.get(..10), text.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => text,
    }
}

/// The query selecting `calculator` and `source` (empty for all), `&`-joined.
fn filter_query(calculator: Option<&str>, source: Option<&Source>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(c) = calculator {
        query.append_pair("calculator", c);
    }
    if let Some(s) = source {
        query.append_pair("source", s.param());
    }
    query.finish()
}

fn page_link(view: &InboxView, page: u32) -> String {
    let filter = filter_query(view.calculator, view.source);
    if filter.is_empty() {
        format!("/inbox?page={page}")
    } else {
        format!("/inbox?page={page}&{filter}")
    }
}

/// How a source is named on the page.
fn source_name(source: &Source) -> &str {
    match source {
        Source::Own => "This site",
        Source::EmbeddedOn(origin) => origin,
    }
}

pub fn inbox(view: &InboxView) -> Markup {
    let total: i64 = view.counts.values().sum();
    let export_query = match filter_query(view.calculator, view.source) {
        filter if filter.is_empty() => filter,
        filter => format!("?{filter}"),
    };
    let embedding_sites = view
        .sources
        .keys()
        .filter(|s| matches!(s, Source::EmbeddedOn(_)))
        .count();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { "Leads · quire inbox" }
                link rel="stylesheet" href="/inbox/style.css";
            }
            body {
                header {
                    h1 { "Leads" }
                    p.muted data-testid="lead-total" {
                        (total) " lead" (if total == 1 { "" } else { "s" }) " in all"
                    }
                }
                main {
                    @if let Some(notice) = view.notice {
                        p.notice role="status" data-testid="notice" { (notice) }
                    }
                    div.tools {
                        form method="get" action="/inbox" {
                            label for="calculator" { "Calculator" } " "
                            select id="calculator" name="calculator" {
                                option value="" selected[view.calculator.is_none()] { "All (" (total) ")" }
                                @for (calculator, count) in view.counts {
                                    option value=(calculator) selected[view.calculator == Some(calculator.as_str())] {
                                        (calculator) " (" (count) ")"
                                    }
                                }
                            }
                            " "
                            label for="source" { "Captured on" } " "
                            select id="source" name="source" data-testid="source-filter" {
                                option value="" selected[view.source.is_none()] { "Anywhere (" (total) ")" }
                                @for (source, count) in view.sources {
                                    option value=(source.param()) selected[view.source == Some(source)] {
                                        (source_name(source)) " (" (count) ")"
                                    }
                                }
                            }
                            " " button type="submit" { "Show" }
                        }
                        p {
                            a href={ "/inbox/leads.csv" (export_query) } download { "Export as CSV" }
                            " · "
                            a href={ "/inbox/leads.json" (export_query) } { "JSON" }
                        }
                    }
                    @if embedding_sites > 0 {
                        section aria-labelledby="sources-heading" {
                            h2 id="sources-heading" { "Leads by site" }
                            table data-testid="leads-by-site" {
                                thead { tr { th scope="col" { "Captured on" } th scope="col" { "Leads" } } }
                                tbody {
                                    @for (source, count) in view.sources {
                                        tr {
                                            th scope="row" {
                                                a href={ "/inbox?" (filter_query(None, Some(source))) } { (source_name(source)) }
                                            }
                                            td { (count) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if view.notifications.waiting > 0 || view.notifications.gave_up > 0 {
                        p.notice data-testid="notifications" {
                            (view.notifications.waiting) " notification(s) waiting to be sent"
                            @if view.notifications.gave_up > 0 {
                                ", " (view.notifications.gave_up) " given up"
                            }
                            @if let Some(error) = &view.notifications.last_error {
                                ". Last error: " (error)
                            }
                        }
                    }
                    @if view.leads.is_empty() {
                        p { "No leads yet. They appear here as soon as a visitor sends one." }
                    } @else {
                        ol.leads {
                            @for stored in view.leads {
                                (lead(stored))
                            }
                        }
                    }
                    nav aria-label="Pages" {
                        @if view.page > 1 {
                            a href=(page_link(view, view.page - 1)) { "Newer leads" } " "
                        }
                        @if view.has_more {
                            a href=(page_link(view, view.page + 1)) { "Older leads" }
                        }
                    }
                    section aria-labelledby="forget-heading" {
                        h2 id="forget-heading" { "Delete a person's leads" }
                        p.muted { "When someone asks to be forgotten: every lead with this email address is deleted, with any notification still owed for it." }
                        form method="post" action="/inbox/forget" {
                            label for="forget-email" { "Email" } " "
                            input id="forget-email" name="email" type="email" required autocomplete="off";
                            " " button type="submit" { "Delete their leads" }
                        }
                    }
                }
            }
        }
    }
}

fn lead(stored: &StoredLead) -> Markup {
    let lead = &stored.lead;
    let heading = format!("lead-{}", lead.id);
    html! {
        li.lead.handled[stored.handled_at.is_some()] data-testid="lead" data-id=(lead.id) {
            article aria-labelledby=(heading) {
                h2 id=(heading) {
                    a href={ "mailto:" (lead.email) } { (lead.email) }
                }
                p.muted {
                    @if let Some(name) = &lead.name { (name) " · " }
                    @if let Some(company) = &lead.company { (company) " · " }
                    span data-testid="lead-calculator" { (lead.calculator) } " · "
                    time datetime=(rfc3339(stored.received_at)) { (shown_time(stored.received_at)) }
                    @if let Some(origin) = &stored.origin { " · from " (origin) }
                }
                @if let Some(site) = &lead.embedded_on {
                    p data-testid="lead-embedded-on" {
                        "Embedded on " (site)
                        @if let Some(partner) = &lead.partner { " (partner: " (partner) ")" }
                    }
                }
                div.columns {
                    section {
                        h3 { "Inputs" }
                        dl {
                            @for (key, value) in &lead.inputs {
                                dt { (key) } dd { (value) }
                            }
                        }
                    }
                    section {
                        h3 { "Results" }
                        dl {
                            @for (key, value) in &lead.results {
                                dt { (key) } dd data-testid="lead-result" { (value) }
                            }
                        }
                    }
                }
                p {
                    "Page: "
                    a href=(lead.page_url) rel="noopener noreferrer nofollow" { (lead.page_url) }
                }
                form.inline method="post" action={ "/inbox/leads/" (lead.id) "/handled" } {
                    @if stored.handled_at.is_some() {
                        input type="hidden" name="handled" value="false";
                        span data-testid="lead-handled" { "Handled " (stored.handled_at.map(shown_time).unwrap_or_default()) } " "
                        button type="submit" { "Mark not handled" }
                    } @else {
                        input type="hidden" name="handled" value="true";
                        button type="submit" { "Mark handled" }
                    }
                }
            }
        }
    }
}
