//! The one place the app fetches data: the JSON bundles under `/content/`.
//!
//! Every fetch returns a typed [`ApiError`] instead of panicking, so pages can
//! show "not found" and "try again" views. In-flight requests are aborted when
//! the page that asked for them goes away.

use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use quire_model::{
    check_slug, page_bundle_file, post_bundle_file, PageBundle, PostBundle, PostIndex, CONTENT_DIR,
    INDEX_FILE, SCHEMA_VERSION,
};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Why a bundle could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// There is no bundle at that address: an unknown slug.
    #[error("there is nothing at this address")]
    NotFound,
    #[error("the server answered {status} for {url}; try again in a moment")]
    Status { url: String, status: u16 },
    #[error("the site could not be reached ({reason}); check your connection and try again")]
    Network { reason: String },
    #[error("{url} could not be read ({reason}); reload the page to get the latest version")]
    Decode { url: String, reason: String },
    #[error("{url} was built for another version of this site; reload the page")]
    Schema { url: String },
}

/// Bundles that carry the schema version they were written with.
trait Versioned {
    fn schema(&self) -> u32;
}

impl Versioned for PostIndex {
    fn schema(&self) -> u32 {
        self.schema
    }
}

impl Versioned for PageBundle {
    fn schema(&self) -> u32 {
        self.schema
    }
}

impl Versioned for PostBundle {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// The post index: site info and every published post, newest first.
pub async fn fetch_index() -> Result<PostIndex, ApiError> {
    get_bundle(&format!("/{CONTENT_DIR}/{INDEX_FILE}")).await
}

/// One post's bundle. A slug that cannot exist is "not found" without a request.
pub async fn fetch_post(slug: String) -> Result<PostBundle, ApiError> {
    if check_slug(&slug).is_err() {
        return Err(ApiError::NotFound);
    }
    get_bundle(&format!("/{CONTENT_DIR}/{}", post_bundle_file(&slug))).await
}

/// One standalone page's bundle, like [`fetch_post`].
pub async fn fetch_page(slug: String) -> Result<PageBundle, ApiError> {
    if check_slug(&slug).is_err() {
        return Err(ApiError::NotFound);
    }
    get_bundle(&format!("/{CONTENT_DIR}/{}", page_bundle_file(&slug))).await
}

async fn get_bundle<T: DeserializeOwned + Versioned>(url: &str) -> Result<T, ApiError> {
    // The browser types are not Send; they never leave this thread, but the
    // cleanup hook requires Send, hence the wrapper.
    let controller = SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controller.as_ref().map(|c| c.signal());
    on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });

    let response = Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|e| ApiError::Network {
            reason: e.to_string(),
        })?;
    let status = response.status();
    if status == 404 {
        return Err(ApiError::NotFound);
    }
    if !response.ok() {
        return Err(ApiError::Status {
            url: url.to_string(),
            status,
        });
    }
    // A CDN with a single-page-app fallback answers a missing bundle with
    // index.html and 200: anything that is not JSON is not a bundle.
    let is_json = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.contains("json"));
    if !is_json {
        return Err(ApiError::NotFound);
    }
    let bundle: T = response.json().await.map_err(|e| ApiError::Decode {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if bundle.schema() != SCHEMA_VERSION {
        return Err(ApiError::Schema {
            url: url.to_string(),
        });
    }
    Ok(bundle)
}
