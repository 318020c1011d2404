//! The one place the app fetches data: the JSON bundles under `/content/`.
//!
//! Every fetch returns a typed [`ApiError`] instead of panicking, so pages can
//! show "not found" and "try again" views. In-flight requests are aborted when
//! the page that asked for them goes away.
//!
//! When the same views are prerendered (feature `ssr`), bundles are read
//! from the built site on disk instead, and a [`Loader`] holds its value at
//! once, so the page is rendered with its content rather than placeholders.
//! The build embeds the bundles each page was rendered from; while the
//! browser hydrates that page ([`while_hydrating`]), loaders start from
//! them, so the first render is the prerendered one, with no request.

#[cfg(not(feature = "ssr"))]
use gloo_net::http::Request;
#[cfg(not(feature = "ssr"))]
use leptos::prelude::on_cleanup;
use std::cell::RefCell;
use std::collections::HashMap;

use quire_model::{
    check_slug, list_bundle_file, page_bundle_file, post_bundle_file, ListKey, PageBundle,
    PostBundle, PostIndex, PostList, CONTENT_DIR, INDEX_FILE, SCHEMA_VERSION,
};
#[cfg(not(feature = "ssr"))]
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use thiserror::Error;
use web_sys::RequestCache;

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

impl Versioned for PostList {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// How many prefetched or visited posts are kept in memory.
const CACHED_POSTS: usize = 32;

thread_local! {
    /// Post bundles already loaded, by URL. A build's bundles never change
    /// (a new build has new URLs), so a cached one is always current: it
    /// makes hovered links and back navigation open at once.
    static POSTS: RefCell<HashMap<String, PostBundle>> = RefCell::new(HashMap::new());
}

fn cache_post(build: &str, bundle: &PostBundle) {
    POSTS.with_borrow_mut(|posts| {
        if posts.len() >= CACHED_POSTS {
            posts.clear();
        }
        posts.insert(post_bundle_file(build, &bundle.post.slug), bundle.clone());
    });
}

/// Starts loading a post the reader is likely to open (their pointer or
/// focus is on its link), so it shows at once when they do.
pub fn prefetch_post(build: String, slug: String) {
    let cached = POSTS.with_borrow(|posts| posts.contains_key(&post_bundle_file(&build, &slug)));
    if !cached {
        leptos::task::spawn_local(async move {
            // A failure is ignored here: opening the post will try again and show it.
            let _ = fetch_post(build, slug).await;
        });
    }
}

/// The site index: site info, the featured and latest posts, and the name of
/// the build every other bundle is published under.
pub async fn fetch_index() -> Result<PostIndex, ApiError> {
    get_bundle(
        &format!("/{CONTENT_DIR}/{INDEX_FILE}"),
        RequestCache::Default,
    )
    .await
}

/// The site index as deployed now, past any cache: it may name a newer build.
pub async fn fetch_fresh_index() -> Result<PostIndex, ApiError> {
    get_bundle(
        &format!("/{CONTENT_DIR}/{INDEX_FILE}"),
        RequestCache::NoCache,
    )
    .await
}

/// One post's bundle in `build`. A slug that cannot exist is "not found"
/// without a request.
pub async fn fetch_post(build: String, slug: String) -> Result<PostBundle, ApiError> {
    if check_slug(&slug).is_err() {
        return Err(ApiError::NotFound);
    }
    // Prerendering reads each page's bundles itself: they are embedded in it.
    #[cfg(not(feature = "ssr"))]
    if let Some(bundle) =
        POSTS.with_borrow(|posts| posts.get(&post_bundle_file(&build, &slug)).cloned())
    {
        return Ok(bundle);
    }
    let bundle: PostBundle =
        fetch_in_build(build.clone(), |build| post_bundle_file(build, &slug)).await?;
    cache_post(&build, &bundle);
    Ok(bundle)
}

/// Page `page` (1-based) of a listing in `build`.
pub async fn fetch_list(build: String, key: ListKey, page: u32) -> Result<PostList, ApiError> {
    let valid = match &key {
        ListKey::All => true,
        ListKey::Topic(slug) => check_slug(slug).is_ok(),
        // Tag slugs keep non-ASCII letters (see `slugify`); they only must
        // stay one path segment.
        ListKey::Tag(slug) => !slug.is_empty() && !slug.contains(['/', '\\', '.', '?', '#', '%']),
    };
    if !valid || page == 0 {
        return Err(ApiError::NotFound);
    }
    fetch_in_build(build, |build| list_bundle_file(build, &key, page)).await
}

/// One standalone page's bundle, like [`fetch_post`].
pub async fn fetch_page(build: String, slug: String) -> Result<PageBundle, ApiError> {
    if check_slug(&slug).is_err() {
        return Err(ApiError::NotFound);
    }
    fetch_in_build(build, |build| page_bundle_file(build, &slug)).await
}

/// Fetches a bundle of `build`. A site deployed since this tab loaded its
/// index no longer has that build: on "not found", the index is revalidated
/// and, if it names a newer build, the bundle is fetched from that one.
async fn fetch_in_build<T: DeserializeOwned + Versioned>(
    build: String,
    path_in: impl Fn(&str) -> String,
) -> Result<T, ApiError> {
    let url = |build: &str| format!("/{CONTENT_DIR}/{}", path_in(build));
    match get_bundle(&url(&build), RequestCache::Default).await {
        Err(ApiError::NotFound) => {
            let fresh = fetch_fresh_index().await?;
            if fresh.build == build {
                Err(ApiError::NotFound)
            } else {
                get_bundle(&url(&fresh.build), RequestCache::Default).await
            }
        }
        other => other,
    }
}

#[cfg(not(feature = "ssr"))]
async fn get_bundle<T: DeserializeOwned + Versioned>(
    url: &str,
    cache: RequestCache,
) -> Result<T, ApiError> {
    if let Some(text) = hydration::embedded_bundle(url) {
        return parse_bundle(&text, url);
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

/// The bundle at `url` from its JSON `text` (read from disk, or embedded in
/// the page), if it is one this app reads.
fn parse_bundle<T: DeserializeOwned + Versioned>(text: &str, url: &str) -> Result<T, ApiError> {
    let bundle = serde_json::from_str(text).map_err(|e| ApiError::Decode {
        url: url.to_string(),
        reason: e.to_string(),
    });
    of_this_schema(bundle?, url)
}

/// `bundle` if it was written with the schema this app reads.
fn of_this_schema<T: Versioned>(bundle: T, url: &str) -> Result<T, ApiError> {
    if bundle.schema() != SCHEMA_VERSION {
        return Err(ApiError::Schema {
            url: url.to_string(),
        });
    }
    Ok(bundle)
}

/// A bundle as views read it: `None` while it loads. In the browser, a
/// resource fetched after the first render.
#[cfg(not(feature = "ssr"))]
pub type Loader<T> = leptos::prelude::LocalResource<T>;

/// Starts loading with `fetcher` (rerun when the signals it reads change).
///
/// While hydrating, the page's bundles are embedded in it, so the fetch
/// completes on its first poll: the resource starts with that value (the
/// one the page was prerendered with) instead of loading, and its own first
/// run does nothing, so nothing is fetched twice.
#[cfg(not(feature = "ssr"))]
pub fn load<T: 'static, Fut: std::future::Future<Output = T> + 'static>(
    fetcher: impl Fn() -> Fut + 'static,
) -> Loader<T> {
    use leptos::prelude::{untrack, LocalResource, Set};
    let seed = if hydration::is_hydrating() {
        poll_once(untrack(&fetcher))
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

/// The future's value if it is ready at once.
fn poll_once<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

#[cfg(not(feature = "ssr"))]
pub use hydration::while_hydrating;

/// The bundles a prerendered page embeds (`<script type="application/json"
/// data-bundle="/content/...">`, written by the build), read only while the
/// app hydrates that page.
#[cfg(not(feature = "ssr"))]
mod hydration {
    use std::cell::Cell;

    use quire_model::EMBEDDED_BUNDLE_ATTRIBUTE;

    thread_local! {
        static HYDRATING: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `hydrate` with the page's embedded bundles in use; afterwards
    /// every bundle is fetched.
    pub fn while_hydrating<T>(hydrate: impl FnOnce() -> T) -> T {
        HYDRATING.set(true);
        let hydrated = hydrate();
        HYDRATING.set(false);
        hydrated
    }

    pub(super) fn is_hydrating() -> bool {
        HYDRATING.get()
    }

    /// The JSON text of the bundle at `url`, if hydrating a page that embeds it.
    pub(super) fn embedded_bundle(url: &str) -> Option<String> {
        if !is_hydrating() {
            return None;
        }
        let scripts = leptos::prelude::document()
            .query_selector_all(&format!("script[{EMBEDDED_BUNDLE_ATTRIBUTE}]"))
            .ok()?;
        (0..scripts.length())
            .filter_map(|i| scripts.item(i))
            .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
            .find(|script| script.get_attribute(EMBEDDED_BUNDLE_ATTRIBUTE).as_deref() == Some(url))
            .and_then(|script| script.text_content())
    }
}

#[cfg(feature = "ssr")]
pub use prerendering::{load, prerender_from, take_bundles_read, Loader};

/// Bundles read from the built site while prerendering it.
#[cfg(feature = "ssr")]
mod prerendering {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::path::PathBuf;

    use leptos::prelude::*;

    use super::{ApiError, DeserializeOwned, Versioned};

    thread_local! {
        /// The built site's root: `/content/...` URLs are files under it.
        static SITE_ROOT: RefCell<PathBuf> = RefCell::new(PathBuf::new());
        /// The bundles read since [`take_bundles_read`] was last called.
        static READ: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    }

    /// Reads bundles from `dist` from now on (on this thread).
    pub fn prerender_from(dist: PathBuf) {
        SITE_ROOT.set(dist);
    }

    /// Prerendering's loader: the fetcher's value, present from the start.
    pub struct Loader<T: 'static>(RwSignal<Option<T>, LocalStorage>);

    impl<T: 'static> Clone for Loader<T> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<T: 'static> Copy for Loader<T> {}

    impl<T: 'static> std::ops::Deref for Loader<T> {
        type Target = RwSignal<Option<T>, LocalStorage>;

        fn deref(&self) -> &Self::Target {
            &self.0
        }
    }

    impl<T: 'static> Loader<T> {
        /// Nothing to do: a prerendered page is drawn once.
        pub fn refetch(&self) {}
    }

    /// Runs `fetcher` to completion at once: reading from disk never waits.
    pub fn load<T: 'static, Fut: Future<Output = T> + 'static>(
        fetcher: impl Fn() -> Fut + 'static,
    ) -> Loader<T> {
        Loader(RwSignal::new_local(super::poll_once(fetcher())))
    }

    /// The bundles read since the last call, by URL, as JSON text: the
    /// ones the page just rendered was drawn from.
    pub fn take_bundles_read() -> BTreeMap<String, String> {
        READ.take()
    }

    pub(super) async fn get_bundle<T: DeserializeOwned + Versioned>(
        url: &str,
        _cache: web_sys::RequestCache,
    ) -> Result<T, ApiError> {
        let path = SITE_ROOT.with_borrow(|root| root.join(url.trim_start_matches('/')));
        let text = std::fs::read_to_string(&path).map_err(|_| ApiError::NotFound)?;
        let bundle = super::parse_bundle(&text, url)?;
        READ.with_borrow_mut(|read| read.insert(url.to_string(), text));
        Ok(bundle)
    }
}

#[cfg(feature = "ssr")]
use prerendering::get_bundle;
