//! The browser's runtime: bundles fetched over the network (or, while
//! hydrating, taken from the page), and loaders that are resources fetched
//! after the first render.

use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use web_sys::RequestCache;

use super::hydration;
use super::{of_this_schema, parse_bundle, poll_once, ApiError, Versioned};

pub(super) async fn get_bundle<T: DeserializeOwned + Versioned>(
    url: &str,
    cache: RequestCache,
) -> Result<T, ApiError> {
    if let Some(text) = hydration::embedded_bundle(url) {
        return parse_bundle(&text, url);
    }
    if hydration::is_embedded_only() {
        return std::future::pending().await;
    }
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
        .cache(cache)
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
    let bundle = response.json().await.map_err(|e| ApiError::Decode {
        url: url.to_string(),
        reason: e.to_string(),
    });
    of_this_schema(bundle?, url)
}

/// A bundle as views read it: `None` while it loads. In the browser, a
/// resource fetched after the first render.
pub type Loader<T> = leptos::prelude::LocalResource<T>;

/// Starts loading with `fetcher` (rerun when the signals it reads change).
///
/// While the app starts, a bundle the page embeds completes the fetch on
/// its first poll: the resource starts with that value (the one the page
/// was prerendered with) instead of loading, and its own first run does
/// nothing, so nothing is fetched twice. A bundle the page does not embed
/// is not requested by that poll, only by the resource.
pub fn load<T: 'static, Fut: std::future::Future<Output = T> + 'static>(
    fetcher: impl Fn() -> Fut + 'static,
) -> Loader<T> {
    use leptos::prelude::{untrack, LocalResource, Set};
    let seed = if hydration::is_starting() {
        hydration::embedded_only(|| poll_once(untrack(&fetcher)))
    } else {
        None
    };
    let Some(seed) = seed else {
        return LocalResource::new(fetcher);
    };
    let first_run = std::cell::Cell::new(true);
    let resource = LocalResource::new(move || {
        // Called even on the first run: it subscribes to what the fetch reads.
        let fetch = fetcher();
        let seeded = first_run.replace(false);
        async move {
            if seeded {
                std::future::pending().await
            } else {
                fetch.await
            }
        }
    });
    resource.set(Some(seed));
    resource
}
