use std::future::Future;

use leptos::prelude::*;

use quire_model::PostIndex;

use crate::api::ApiError;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::routes::not_found::NotFoundPage;
use crate::site_index::SiteIndex;

/// Loads one bundle for a route and shows each state: a placeholder while it
/// loads, the not-found page when there is no such bundle, an error view with
/// a retry when the fetch failed, and `render` once it has arrived.
///
/// Bundles live under the build the site index names, so the index is
/// awaited first; `key` (e.g. the slug from the URL) is read up front so the
/// bundle reloads when it changes.
pub fn bundle_view<K, T, Fut, V>(
    loading_label: &'static str,
    key: impl Fn() -> K + 'static,
    fetch: impl Fn(String, K) -> Fut + Copy + 'static,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    K: 'static,
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    V: IntoView + 'static,
{
    let SiteIndex(index) = expect_context::<SiteIndex>();
    let bundle = crate::api::load(move || {
        let key = key();
        // Read, not awaited: awaiting the pending index would also rerun this
        // resource when it arrives, fetching the bundle twice. Until the index
        // is here this run yields "nothing yet" at once; its arrival reruns it.
        let loaded = index.get();
        async move {
            match loaded {
                None => None,
                Some(Err(error)) => Some(Err(error)),
                Some(Ok(site)) => Some(fetch(site.build, key).await),
            }
        }
    });
    let retry = Callback::new(move |()| {
        if matches!(index.get_untracked(), Some(Err(_))) {
            index.refetch();
        } else {
            bundle.refetch();
        }
    });
    move || match bundle.get().flatten() {
        None => view! { <Loading label=loading_label lines=8 /> }.into_any(),
        Some(Ok(loaded)) => render(loaded).into_any(),
        Some(Err(ApiError::NotFound)) => view! { <NotFoundPage /> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry /> }.into_any(),
    }
}

/// A route drawn from the site index alone (landing page, topic index): a
/// placeholder while it loads, an error view with a retry if it failed, and
/// `render` once it is here.
pub fn index_view<V>(
    loading_label: &'static str,
    render: impl Fn(PostIndex) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    let SiteIndex(index) = expect_context::<SiteIndex>();
    let retry = Callback::new(move |()| index.refetch());
    move || match index.get() {
        None => view! { <Loading label=loading_label lines=10 /> }.into_any(),
        Some(Ok(loaded)) => render(loaded).into_any(),
        Some(Err(error)) => view! { <ErrorView error on_retry=retry /> }.into_any(),
    }
}
