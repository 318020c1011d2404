//! Bundles read from the built site while prerendering it.

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

/// Runs `draw`: prerendering reads every bundle from disk at once anyway.
pub fn while_starting<T>(draw: impl FnOnce() -> T) -> T {
    draw()
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
