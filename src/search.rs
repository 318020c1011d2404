//! The app's side of search: starts the search worker on the first query
//! and exchanges JSON messages with it. The worker (`crates/search-worker`)
//! fetches the index files and ranks; the app's own WASM carries none of
//! the engine, so pages that never search never pay for it.

use std::cell::RefCell;
use std::collections::HashMap;

use quire_search::protocol::{SearchAnswer, SearchRequest, SearchResponse};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::worker_client::WorkerClient;

/// Trunk's loader for the worker binary (`data-loader-shim` in index.html):
/// a file of our own origin, so the Content-Security-Policy allows it.
const WORKER_URL: &str = "/search_worker_loader.js";

/// What the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub text: String,
    /// A topic slug.
    pub topic: Option<String>,
    /// A tag as written.
    pub tag: Option<String>,
    /// How many results to show.
    pub limit: u32,
}

struct Connection {
    worker: WorkerClient,
    /// Each request's `resolve`, called with the worker's answer.
    waiting: HashMap<u32, js_sys::Function>,
    next_id: u32,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// Runs `search` against `build`'s index in the worker.
pub async fn search(build: String, search: Search) -> Result<SearchAnswer, String> {
    let mut sent = Ok(());
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        sent = send(&build, &search, resolve);
    });
    sent?;
    let reply = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default();
    serde_json::from_str::<SearchResponse>(&reply)
        .map_err(|_| reply.clone())
        .and_then(|response| response.outcome)
}

fn send(build: &str, search: &Search, resolve: js_sys::Function) -> Result<(), String> {
    CONNECTION.with_borrow_mut(|slot| {
        if slot.is_none() {
            *slot = Some(connect()?);
        }
        let Some(connection) = slot.as_mut() else {
            return Err(STARTUP_FAILED.to_string());
        };
        connection.next_id += 1;
        let request = SearchRequest {
            id: connection.next_id,
            build: build.to_string(),
            text: search.text.clone(),
            topic: search.topic.clone(),
            tag: search.tag.clone(),
            limit: search.limit,
        };
        let json = serde_json::to_string(&request).map_err(|e| e.to_string())?;
        connection.waiting.insert(request.id, resolve);
        connection.worker.send(JsValue::from_str(&json));
        Ok(())
    })
}

const STARTUP_FAILED: &str =
    "the search could not start; check your connection, then reload the page";

fn connect() -> Result<Connection, String> {
    let on_message = |text: String| {
        #[derive(serde::Deserialize)]
        struct Id {
            id: u32,
        }
        let Ok(Id { id }) = serde_json::from_str::<Id>(&text) else {
            return;
        };
        let resolve = CONNECTION.with_borrow_mut(|slot| {
            slot.as_mut()
                .and_then(|connection| connection.waiting.remove(&id))
        });
        if let Some(resolve) = resolve {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
        }
    };
    // A worker that fails to load answers nobody: tell every waiting search,
    // and start afresh on the next one.
    let on_error = || {
        if let Some(connection) = CONNECTION.with_borrow_mut(Option::take) {
            connection.worker.terminate();
            for resolve in connection.waiting.into_values() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(STARTUP_FAILED));
            }
        }
    };
    let worker = WorkerClient::start(WORKER_URL, on_message, on_error)
        .map_err(|_| STARTUP_FAILED.to_string())?;
    Ok(Connection {
        worker,
        waiting: HashMap::new(),
        next_id: 0,
    })
}
