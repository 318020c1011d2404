//! The site index, loaded once by the app and shared through context with
//! every page and component that needs the site's settings or topics.

use leptos::prelude::*;
use quire_model::{PostIndex, SiteInfo, Topic};

use crate::api::{self, ApiError};

/// The post index, loaded once and shared by every route that needs it.
#[derive(Clone, Copy)]
pub struct SiteIndex(pub api::Loader<Result<PostIndex, ApiError>>);

impl SiteIndex {
    /// `read` applied to the index once it has loaded (tracked).
    fn loaded<T>(&self, read: impl FnOnce(&PostIndex) -> T) -> Option<T> {
        self.0
            .read()
            .as_ref()
            .and_then(|r| r.as_ref().ok())
            .map(read)
    }

    /// The site's settings once the index has loaded (tracked).
    pub fn site(&self) -> Option<SiteInfo> {
        self.loaded(|index| index.site.clone())
    }

    /// The configured topic `slug` (tracked), without copying the rest of
    /// the site's settings: cards in a listing each ask for theirs.
    pub fn topic(&self, slug: &str) -> Option<Topic> {
        self.loaded(|index| index.site.topics.iter().find(|t| t.slug == slug).cloned())
            .flatten()
    }

    /// The site's title once the index has loaded (tracked).
    pub fn title(&self) -> Option<String> {
        self.loaded(|index| index.site.title.clone())
    }

    /// The build the bundles are published under, once the index has loaded (tracked).
    pub fn build(&self) -> Option<String> {
        self.loaded(|index| index.build.clone())
    }

    /// The build the bundles are published under, without tracking: for
    /// event handlers such as prefetching.
    pub fn build_untracked(&self) -> Option<String> {
        self.0
            .read_untracked()
            .as_ref()
            .and_then(|r| r.as_ref().ok())
            .map(|index| index.build.clone())
    }
}
