//! The search worker: receives a [`SearchRequest`] as JSON, fetches the
//! index files the query needs (each once per session), ranks with
//! `quire-search` and posts back a [`SearchResponse`]. It runs off the main
//! thread and is loaded on the first search, so pages that never search
//! never download the engine or its stemmer.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use futures::future::try_join_all;
use quire_search::index::{
    decode_doc_list, fragment_file, manifest_file, shared_file, Chunk, Fragment, SearchManifest,
    SEARCH_SCHEMA,
};
use quire_search::protocol::{answer, SearchAnswer, SearchRequest, SearchResponse};
use quire_search::{Outcome, Query};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

/// Where the site's bundles live, as in `quire_model::CONTENT_DIR`.
const CONTENT_DIR: &str = "/content";
/// How many fragments are kept before the cache starts over.
const CACHED_FRAGMENTS: usize = 1_000;

thread_local! {
    static MANIFESTS: Cache<SearchManifest> = Cache::default();
    static CHUNKS: Cache<Chunk> = Cache::default();
    static FILTERS: Cache<Vec<u32>> = Cache::default();
    static FRAGMENTS: Cache<Fragment> = Cache::default();
}

type Cache<T> = RefCell<HashMap<String, Rc<T>>>;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(request) = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<SearchRequest>(&text).ok())
        else {
            return;
        };
        let replies = replies.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let response = SearchResponse {
                id: request.id,
                outcome: search(&request).await,
            };
            if let Ok(json) = serde_json::to_string(&response) {
                let _ = replies.post_message(&JsValue::from_str(&json));
            }
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page.
    on_message.forget();
    // Messages sent before the handler was set are lost: say it is there.
    let _ = scope.post_message(&JsValue::from_str(quire_model::WORKER_READY));
}

async fn search(request: &SearchRequest) -> Result<SearchAnswer, String> {
    let build = &request.build;
    let manifest = cached(&MANIFESTS, manifest_file(build), 8, |url| async move {
        let manifest: SearchManifest = get_json(&url).await?;
        if manifest.schema != SEARCH_SCHEMA {
            return Err(format!(
                "{url} was built for another version of this site; reload the page"
            ));
        }
        Ok(manifest)
    })
    .await?;
    let query = Query::parse(&request.text);
    let allowed = allowed_docs(&manifest, request).await?;
    let mut chunks: HashMap<usize, Rc<Chunk>> = HashMap::new();
    let hits = loop {
        let keep = |doc: u32| allowed.as_ref().is_none_or(|docs| docs.contains(&doc));
        match query.run(&manifest, |i| chunks.get(&i).map(Rc::as_ref), Some(&keep)) {
            Outcome::Ranked(hits) => break hits,
            Outcome::NeedChunks(wanted) => {
                let fetched = try_join_all(wanted.iter().map(|&i| {
                    cached(
                        &CHUNKS,
                        shared_file(&manifest.chunks[i].file),
                        usize::MAX,
                        |url| async move { get_json(&url).await },
                    )
                }))
                .await?;
                chunks.extend(wanted.into_iter().zip(fetched));
            }
        }
    };
    let fragments = try_join_all(hits.iter().take(request.limit as usize).map(|hit| {
        cached(
            &FRAGMENTS,
            fragment_file(build, hit.doc),
            CACHED_FRAGMENTS,
            |url| async move { get_json(&url).await },
        )
    }))
    .await?;
    let fragments: Vec<Fragment> = fragments.iter().map(|f| Fragment::clone(f)).collect();
    Ok(answer(
        &hits,
        &fragments,
        &query,
        &manifest.topics,
        &manifest.tags,
    ))
}

/// The documents both chosen filters allow; `None` when none is chosen. A
/// value the index does not know allows nothing.
async fn allowed_docs(
    manifest: &SearchManifest,
    request: &SearchRequest,
) -> Result<Option<HashSet<u32>>, String> {
    let mut allowed: Option<HashSet<u32>> = None;
    for (value, filters) in [
        (request.topic.as_deref(), &manifest.topics),
        (request.tag.as_deref(), &manifest.tags),
    ] {
        let Some(value) = value else { continue };
        let docs: HashSet<u32> = match filters.iter().find(|f| f.value == value) {
            Some(filter) => cached(
                &FILTERS,
                shared_file(&filter.file),
                usize::MAX,
                |url| async move {
                    get_json::<Vec<u32>>(&url)
                        .await
                        .map(|gaps| decode_doc_list(&gaps))
                },
            )
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

/// The cached file at `path` (under the content directory), or `fetch`ed and kept.
async fn cached<T: 'static, F: std::future::Future<Output = Result<T, String>>>(
    cache: &'static std::thread::LocalKey<Cache<T>>,
    path: String,
    limit: usize,
    fetch: impl FnOnce(String) -> F,
) -> Result<Rc<T>, String> {
    if let Some(hit) = cache.with_borrow(|map| map.get(&path).cloned()) {
        return Ok(hit);
    }
    let value = Rc::new(fetch(format!("{CONTENT_DIR}/{path}")).await?);
    cache.with_borrow_mut(|map| {
        if map.len() >= limit {
            map.clear();
        }
        map.insert(path, value.clone());
    });
    Ok(value)
}

/// Fetches and decodes a JSON file; errors say what failed and what to do.
async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, String> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let unreachable =
        |_| format!("the site could not be reached for {url}; check your connection and try again");
    let response: Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(unreachable)?
        .unchecked_into();
    let is_json = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.contains("json"));
    if response.status() == 404 || (response.ok() && !is_json) {
        return Err(format!(
            "{url} is missing: the site was updated since this page loaded; reload the page"
        ));
    }
    if !response.ok() {
        return Err(format!(
            "the server answered {} for {url}; try again in a moment",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text)
        .map_err(|e| format!("{url} could not be read ({e}); reload the page"))
}
