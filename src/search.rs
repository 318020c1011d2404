//! Running a search in the browser: the query engine of `quire-search`,
//! fed with the index files it asks for through [`crate::api`].
//!
//! Only the chunks a query's words live in are fetched, then the fragments
//! of the results on screen. Every file is cached, so once a word's chunk
//! has arrived, typing more of it costs no request.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use futures::future::try_join_all;
use quire_search::index::{Chunk, FilterRef};
use quire_search::{Fragment, Outcome, Query, SearchManifest};

use crate::api::{self, ApiError};

/// What the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchRequest {
    pub text: String,
    /// A topic slug.
    pub topic: Option<String>,
    /// A tag as written.
    pub tag: Option<String>,
    /// How many results to show.
    pub limit: usize,
}

/// A ranked result with what it shows.
#[derive(Debug, Clone)]
pub struct Found {
    pub doc: u32,
    pub fragment: Rc<Fragment>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    pub query: Query,
    /// Every matching document, shown or not.
    pub total: usize,
    pub shown: Vec<Found>,
    pub topics: Vec<FilterRef>,
    pub tags: Vec<FilterRef>,
}

/// Runs `request` against `build`'s index.
pub async fn search(build: String, request: SearchRequest) -> Result<SearchResults, ApiError> {
    let manifest = api::fetch_search_manifest(build.clone()).await?;
    let query = Query::parse(&request.text);
    let allowed = allowed_docs(&manifest, &request).await?;
    let mut chunks: HashMap<usize, Rc<Chunk>> = HashMap::new();
    let hits = loop {
        let keep = |doc: u32| allowed.as_ref().is_none_or(|docs| docs.contains(&doc));
        match query.run(&manifest, |i| chunks.get(&i).map(Rc::as_ref), Some(&keep)) {
            Outcome::Ranked(hits) => break hits,
            Outcome::NeedChunks(wanted) => {
                let fetched = try_join_all(
                    wanted
                        .iter()
                        .map(|&i| api::fetch_search_chunk(manifest.chunks[i].file.clone())),
                )
                .await?;
                chunks.extend(wanted.into_iter().zip(fetched));
            }
        }
    };
    let shown = try_join_all(hits.iter().take(request.limit).map(|hit| {
        let build = build.clone();
        async move {
            Ok::<_, ApiError>(Found {
                doc: hit.doc,
                fragment: api::fetch_search_fragment(build, hit.doc).await?,
            })
        }
    }))
    .await?;
    Ok(SearchResults {
        query,
        total: hits.len(),
        shown,
        topics: manifest.topics.clone(),
        tags: manifest.tags.clone(),
    })
}

/// The documents both chosen filters allow; `None` when none is chosen.
/// A filter value the index does not know allows nothing.
async fn allowed_docs(
    manifest: &SearchManifest,
    request: &SearchRequest,
) -> Result<Option<HashSet<u32>>, ApiError> {
    let chosen = [
        (request.topic.as_deref(), &manifest.topics),
        (request.tag.as_deref(), &manifest.tags),
    ];
    let mut allowed: Option<HashSet<u32>> = None;
    for (value, filters) in chosen {
        let Some(value) = value else { continue };
        let docs: HashSet<u32> = match filters.iter().find(|f| f.value == value) {
            Some(filter) => api::fetch_search_filter(filter.file.clone())
                .await?
                .iter()
                .copied()
                .collect(),
            None => HashSet::new(),
        };
        allowed = Some(match allowed {
            Some(before) => before.intersection(&docs).copied().collect(),
            None => docs,
        });
    }
    Ok(allowed)
}
