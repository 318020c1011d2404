//! The HTTP service: the lead endpoint the site's outbox posts to (CORS,
//! origin check, rate limit, checks, group-committed storage), the health
//! check, and the author's inbox routes (see `admin`).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::json;

use crate::config::{Config, RateLimit};
use crate::lead::{check_submission, Rejection, Submission, MAX_BODY_BYTES};
use crate::store::{Incoming, Store};
use crate::writer::{Stored, WriteError, Writer};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub writer: Writer,
    pub allowed_origins: Arc<Vec<String>>,
    pub secret: Option<Arc<str>>,
    pub trust_forwarded_for: bool,
    pub lead_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Wrong secrets, per address: guessing is slowed to a crawl.
    pub auth_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl AppState {
    pub fn new(config: &Config, store: Store, writer: Writer) -> Self {
        Self {
            store,
            writer,
            allowed_origins: Arc::new(config.allowed_origins.clone()),
            secret: config.secret.as_deref().map(Arc::from),
            trust_forwarded_for: config.trust_forwarded_for,
            lead_limiter: Arc::new(limiter(config.rate_limit)),
            auth_limiter: Arc::new(limiter(RateLimit {
                per_minute: 10,
                burst: 10,
            })),
        }
    }

    fn origin_allowed(&self, origin: &str) -> bool {
        self.allowed_origins
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(origin))
    }

    /// The client's address: the connection's, or behind a trusted proxy
    /// the last `X-Forwarded-For` entry (the one the proxy itself added).
    pub fn client_ip(&self, headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
        if self.trust_forwarded_for {
            let forwarded = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|ip| ip.trim().parse().ok());
            if let Some(ip) = forwarded {
                return ip;
            }
        }
        peer.ip()
    }
}

fn limiter(rate: RateLimit) -> DefaultKeyedRateLimiter<IpAddr> {
    let per_minute = NonZeroU32::new(rate.per_minute).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))
}

/// `Err(seconds to wait)` when `ip` is over its limit.
pub fn check_rate(limiter: &DefaultKeyedRateLimiter<IpAddr>, ip: IpAddr) -> Result<(), u64> {
    limiter.check_key(&ip).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
    })
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/leads", post(receive_lead).options(preflight))
        .route("/health", get(health))
        .merge(crate::admin::routes())
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Forgets rate-limit entries of addresses that went quiet, so the maps
/// stay small however many addresses were seen.
pub async fn prune_limiters(limiters: [Arc<DefaultKeyedRateLimiter<IpAddr>>; 2]) {
    loop {
        tokio::time::sleep(Duration::from_secs(60)).await;
        for limiter in &limiters {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Sets each header on the response.
fn with_headers(mut response: Response, headers: &[(HeaderName, &'static str)]) -> Response {
    for (name, value) in headers {
        response
            .headers_mut()
            .insert(name.clone(), HeaderValue::from_static(value));
    }
    response
}

async fn security_headers(response: Response) -> Response {
    with_headers(
        response,
        &[
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'self'; form-action 'self'; \
                 frame-ancestors 'none'; base-uri 'none'",
            ),
        ],
    )
}

/// A short text answer, as the outbox shows it to the visitor.
pub fn text(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.into(),
    )
        .into_response()
}

async fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "There is nothing here.")
}

async fn health(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => text(StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "the database does not answer",
            )
        }
    }
}

fn origin_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
}

fn with_cors(mut response: Response, origin: Option<&str>) -> Response {
    if let Some(value) = origin.and_then(|o| HeaderValue::from_str(o).ok()) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

const NOT_ALLOWED: &str = "This site may not send leads to this inbox.";

async fn preflight(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(origin) = origin_of(&headers).filter(|o| state.origin_allowed(o)) else {
        return text(StatusCode::FORBIDDEN, NOT_ALLOWED);
    };
    let method_ok = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .is_none_or(|m| m.as_bytes() == Method::POST.as_str().as_bytes());
    if !method_ok {
        return text(StatusCode::METHOD_NOT_ALLOWED, "Leads are sent with POST.");
    }
    let response = with_headers(
        StatusCode::NO_CONTENT.into_response(),
        &[
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST"),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, "content-type"),
            (header::ACCESS_CONTROL_MAX_AGE, "86400"),
        ],
    );
    with_cors(response, Some(origin))
}

/// `POST /leads`: answered 201 once the lead is committed (200 when its id
/// was already stored), 4xx with a sentence for a lead that can never be
/// taken, 429 or 503 with `Retry-After` when it should come back later.
async fn receive_lead(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request<Body>,
) -> Response {
    let (parts, body) = request.into_parts();
    let origin = origin_of(&parts.headers).map(str::to_owned);
    // Browsers always name the page's origin; other clients (scripts,
    // another webhook forwarding leads) name none and are rate limited alike.
    if let Some(origin) = &origin {
        if !state.origin_allowed(origin) {
            return text(StatusCode::FORBIDDEN, NOT_ALLOWED);
        }
    }
    let ip = state.client_ip(&parts.headers, peer);
    let answer = match check_rate(&state.lead_limiter, ip) {
        Err(wait) => {
            let mut response = text(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many leads from this address; it will be sent again shortly.",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
            response
        }
        Ok(()) => accept(&state, &parts.headers, body, origin.clone()).await,
    };
    with_cors(answer, origin.as_deref())
}

async fn accept(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    origin: Option<String>,
) -> Response {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return rejection(Rejection::too_large());
    }
    let content_type = headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes);
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return rejection(Rejection::too_large());
    };
    let lead = match check_submission(content_type, &bytes) {
        Ok(Submission::Lead(lead)) => *lead,
        Ok(Submission::Bot) => {
            tracing::info!("honeypot filled: answered, not stored");
            return stored_response(StatusCode::CREATED, None);
        }
        Err(refused) => return rejection(refused),
    };
    let id = lead.id.clone();
    match state.writer.store(Incoming { lead, origin }).await {
        Ok(Stored::New) => {
            tracing::info!(lead = %id, "lead stored");
            stored_response(StatusCode::CREATED, Some(&id))
        }
        Ok(Stored::Duplicate) => {
            tracing::info!(lead = %id, "lead already stored");
            stored_response(StatusCode::OK, Some(&id))
        }
        Err(error) => {
            let mut response = text(
                StatusCode::SERVICE_UNAVAILABLE,
                "The inbox cannot store leads right now; it will be sent again.",
            );
            tracing::error!(lead = %id, %error, "lead refused for now");
            let wait = if matches!(error, WriteError::Busy) {
                1
            } else {
                5
            };
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
            response
        }
    }
}

fn stored_response(status: StatusCode, id: Option<&str>) -> Response {
    (status, axum::Json(json!({ "id": id, "stored": true }))).into_response()
}

fn rejection(refused: Rejection) -> Response {
    let status = StatusCode::from_u16(refused.status).unwrap_or(StatusCode::BAD_REQUEST);
    text(status, refused.message)
}
