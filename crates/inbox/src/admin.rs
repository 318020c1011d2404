//! The author's side: the inbox page, mark handled, delete one person's
//! leads, CSV and JSON exports. Everything here needs the secret (HTTP
//! Basic password, or `Authorization: Bearer`), compared in constant time;
//! nothing changes on GET, and a change must come from the inbox's own page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::server::{check_rate, text, AppState};
use crate::store::{LeadFilter, Source};

/// Leads on one page of the inbox.
pub const PAGE_SIZE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/inbox") }))
        .route("/inbox", get(inbox_page))
        .route("/inbox/style.css", get(stylesheet))
        .route("/inbox/leads.csv", get(export_csv))
        .route("/inbox/leads.json", get(export_json))
        .route("/inbox/leads/{id}/handled", post(set_handled))
        .route("/inbox/forget", post(forget))
}

/// Whether the request carries the secret.
pub fn has_secret(headers: &HeaderMap, secret: &str) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let given = if let Some(token) = value.strip_prefix("Bearer ") {
        token.trim().to_string()
    } else if let Some(encoded) = value.strip_prefix("Basic ") {
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let decoded = String::from_utf8_lossy(&decoded).into_owned();
        match decoded.split_once(':') {
            Some((_, password)) => password.to_string(),
            None => return false,
        }
    } else {
        return false;
    };
    // Digests have one length, so the comparison leaks not even that.
    let given = Sha256::digest(given.as_bytes());
    let wanted = Sha256::digest(secret.as_bytes());
    given.ct_eq(&wanted).into()
}

/// A change (POST) must come from the inbox's own page: browsers name the
/// site a request comes from, so another site's form cannot use the
/// author's remembered password.
pub fn from_own_page(headers: &HeaderMap) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = value("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match (value("origin"), value("host")) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, origin_host)| origin_host.eq_ignore_ascii_case(host)),
        _ => true,
    }
}

/// `None` for the author; otherwise the answer to give.
fn refusal(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Option<Response> {
    let Some(secret) = state.secret.as_deref() else {
        return Some(text(
            StatusCode::FORBIDDEN,
            "The inbox page is off: set QUIRE_INBOX_SECRET (or `secret` in the settings file) to read leads here.",
        ));
    };
    if has_secret(headers, secret) {
        return None;
    }
    let ip = state.client_ip(headers, peer);
    if let Err(wait) = check_rate(&state.auth_limiter, ip) {
        let mut response = text(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong secrets; wait a minute.",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
        return Some(response);
    }
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "Sign in with the inbox secret as the password (any user name).",
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"quire lead inbox\", charset=\"UTF-8\""),
    );
    Some(response)
}

/// The author, proven by the secret: a handler taking it never runs for
/// anyone else (they get [`refusal`]'s answer).
pub struct Author;

impl FromRequestParts<AppState> for Author {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match refusal(state, &parts.headers, peer_of(parts)) {
            Some(refused) => Err(refused),
            None => Ok(Author),
        }
    }
}

/// The author making a change from the inbox page itself.
pub struct AuthorChange;

impl FromRequestParts<AppState> for AuthorChange {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Author::from_request_parts(parts, state).await?;
        if !from_own_page(&parts.headers) {
            return Err(text(
                StatusCode::FORBIDDEN,
                "Changes are made from the inbox page itself.",
            ));
        }
        Ok(AuthorChange)
    }
}

/// The connection's address (served with connect info; a test router
/// without it counts as one unknown client).
fn peer_of(parts: &Parts) -> SocketAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)), |info| info.0)
}

fn private(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    calculator: Option<String>,
    /// `own`, or the origin of a site that frames a calculator.
    source: Option<String>,
    page: Option<u32>,
    notice: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl ListQuery {
    fn calculator(&self) -> Option<String> {
        self.calculator.clone().filter(|c| !c.is_empty())
    }

    fn source(&self) -> Option<Source> {
        self.source.as_deref().and_then(Source::from_param)
    }
}

fn database_down(error: crate::store::StoreError) -> Response {
    tracing::error!(%error, "inbox read failed");
    text(
        StatusCode::SERVICE_UNAVAILABLE,
        "The lead database does not answer; try again shortly.",
    )
}

async fn inbox_page(
    _: Author,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let page = query.page.unwrap_or(1).max(1);
    let filter = LeadFilter {
        calculator: query.calculator(),
        source: query.source(),
        limit: Some(PAGE_SIZE + 1),
        offset: i64::from(page - 1) * PAGE_SIZE,
    };
    let (leads, counts, sources, notifications) = match tokio::try_join!(
        state.store.list(&filter),
        state.store.counts(),
        state.store.counts_by_source(),
        state.store.notification_summary()
    ) {
        Ok(all) => all,
        Err(error) => return database_down(error),
    };
    let view = crate::page::InboxView {
        calculator: filter.calculator.as_deref(),
        source: filter.source.as_ref(),
        sources: &sources,
        page,
        has_more: leads.len() as i64 > PAGE_SIZE,
        leads: &leads[..leads.len().min(PAGE_SIZE as usize)],
        counts: &counts,
        notifications: &notifications,
        notice: query.notice.as_deref(),
    };
    private(axum::response::Html(crate::page::inbox(&view).into_string()).into_response())
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        crate::page::STYLESHEET,
    )
        .into_response()
}

async fn export_csv(
    _: Author,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let filter = LeadFilter {
        calculator: query.calculator(),
        source: query.source(),
        ..LeadFilter::default()
    };
    export(&state, &filter, |leads| {
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"leads.csv\"",
                ),
            ],
            crate::export::to_csv(&leads),
        )
            .into_response()
    })
    .await
}

async fn export_json(
    _: Author,
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Response {
    let filter = LeadFilter {
        calculator: query.calculator(),
        source: query.source(),
        limit: query.limit.map(|l| l.clamp(1, 10_000)),
        offset: query.offset.unwrap_or(0).max(0),
    };
    export(&state, &filter, |leads| axum::Json(leads).into_response()).await
}

/// The leads `filter` selects, drawn by `draw`.
async fn export(
    state: &AppState,
    filter: &LeadFilter,
    draw: impl FnOnce(Vec<crate::store::StoredLead>) -> Response,
) -> Response {
    match state.store.list(filter).await {
        Ok(leads) => private(draw(leads)),
        Err(error) => database_down(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct HandledForm {
    handled: String,
}

async fn set_handled(
    _: AuthorChange,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<HandledForm>,
) -> Response {
    let handled = form.handled == "true";
    match state.store.set_handled(&id, handled, crate::now_ms()).await {
        Ok(true) => Redirect::to("/inbox").into_response(),
        Ok(false) => text(StatusCode::NOT_FOUND, "There is no lead with that id."),
        Err(error) => database_down(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct ForgetForm {
    email: String,
}

async fn forget(
    _: AuthorChange,
    State(state): State<AppState>,
    Form(form): Form<ForgetForm>,
) -> Response {
    if quire_model::check_email(&form.email).is_err() {
        return text(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter the email address whose leads should be deleted.",
        );
    }
    match state.store.forget(&form.email).await {
        Ok(deleted) => {
            tracing::info!(deleted, "a person's leads deleted on request");
            let notice = format!(
                "Deleted {deleted} lead{} of {}.",
                if deleted == 1 { "" } else { "s" },
                form.email.trim()
            );
            let location: String = form_urlencoded_notice(&notice);
            Redirect::to(&location).into_response()
        }
        Err(error) => database_down(error),
    }
}

fn form_urlencoded_notice(notice: &str) -> String {
    let mut out = String::from("/inbox?notice=");
    for byte in notice.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_secret_is_read_from_basic_or_bearer() {
        let secret = "correct horse battery staple";
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("me:{secret}"));
        assert!(has_secret(
            &headers(&[("authorization", &format!("Basic {basic}"))]),
            secret
        ));
        assert!(has_secret(
            &headers(&[("authorization", &format!("Bearer {secret}"))]),
            secret
        ));
        let wrong = base64::engine::general_purpose::STANDARD.encode("me:correct horse");
        assert!(!has_secret(
            &headers(&[("authorization", &format!("Basic {wrong}"))]),
            secret
        ));
        assert!(!has_secret(
            &headers(&[("authorization", "Basic %%%")]),
            secret
        ));
        assert!(!has_secret(
            &headers(&[("authorization", "Bearer ")]),
            secret
        ));
        assert!(!has_secret(&headers(&[]), secret));
    }

    #[test]
    fn changes_must_come_from_the_inbox_page() {
        assert!(from_own_page(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!from_own_page(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!from_own_page(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(from_own_page(&headers(&[
            ("origin", "https://inbox.example"),
            ("host", "inbox.example")
        ])));
        assert!(!from_own_page(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "inbox.example")
        ])));
        assert!(from_own_page(&headers(&[])), "curl with the secret");
    }

    #[test]
    fn notices_are_url_encoded() {
        assert_eq!(
            form_urlencoded_notice("Deleted 2 leads of a@b.co."),
            "/inbox?notice=Deleted%202%20leads%20of%20a%40b.co."
        );
    }
}
