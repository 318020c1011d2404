//! Where the app gets the JSON bundles under `/content/`: one interface
//! (the `fetch_*` functions, [`load`] and its [`Loader`]) over three
//! runtimes, each in its own module:
//!
//! - `browser`: fetched over the network, aborted when the page that asked
//!   goes away;
//! - `hydration`: while the app draws its first view on a prerendered
//!   page, the bundles the build embedded in it, so that view has the
//!   site's data at once, with no request;
//! - `prerender` (feature `ssr`): read from the built site on disk, a
//!   loader holding its value at once, and recorded for the page to embed.
//!
//! Every fetch returns a typed [`ApiError`] instead of panicking, so pages
//! can show "not found" and "try again" views. (The search and cohort
//! workers fetch their own files.)

#[cfg(not(feature = "ssr"))]
mod browser;
#[cfg(not(feature = "ssr"))]
mod hydration;
#[cfg(feature = "ssr")]
mod prerender;

#[cfg(not(feature = "ssr"))]
use browser as runtime;
#[cfg(feature = "ssr")]
use prerender as runtime;

#[cfg(not(feature = "ssr"))]
pub use hydration::while_starting;
#[cfg(feature = "ssr")]
pub use prerender::{prerender_from, take_bundles_read, while_starting};
use runtime::get_bundle;
pub use runtime::{load, Loader};

use std::cell::RefCell;
use std::collections::HashMap;

use quire_model::{
    check_slug, list_bundle_file, page_bundle_file, post_bundle_file, ListKey, PageBundle,
    PostBundle, PostIndex, PostList, CONTENT_DIR, INDEX_FILE, SCHEMA_VERSION,
};
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
pub(crate) trait Versioned {
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

/// The bundle at `url` from its JSON `text` (read from disk, or embedded in
/// the page), if it is one this app reads.
pub(crate) fn parse_bundle<T: DeserializeOwned + Versioned>(
    text: &str,
    url: &str,
) -> Result<T, ApiError> {
    let bundle = serde_json::from_str(text).map_err(|e| ApiError::Decode {
        url: url.to_string(),
        reason: e.to_string(),
    });
    of_this_schema(bundle?, url)
}

/// `bundle` if it was written with the schema this app reads.
pub(crate) fn of_this_schema<T: Versioned>(bundle: T, url: &str) -> Result<T, ApiError> {
    if bundle.schema() != SCHEMA_VERSION {
        return Err(ApiError::Schema {
            url: url.to_string(),
        });
    }
    Ok(bundle)
}

/// The future's value if it is ready at once.
pub(crate) fn poll_once<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
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
