//! The app's side of search: starts the search worker on the first query
//! and exchanges JSON messages with it. The worker (`crates/search-worker`)
//! fetches the index files and ranks; the app's own WASM carries none of
//! the engine, so pages that never search never pay for it.

use std::cell::RefCell;
use std::collections::HashMap;

use quire_search::protocol::{SearchAnswer, SearchRequest, SearchResponse};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

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
    worker: Worker,
    ready: bool,
    /// Requests written before the worker said it was ready.
    queued: Vec<String>,
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
        if connection.ready {
            let _ = connection.worker.post_message(&JsValue::from_str(&json));
        } else {
            connection.queued.push(json);
        }
        Ok(())
    })
}

const STARTUP_FAILED: &str =
    "the search could not start; check your connection, then reload the page";

fn connect() -> Result<Connection, String> {
    let worker = Worker::new(WORKER_URL).map_err(|_| STARTUP_FAILED.to_string())?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        CONNECTION.with_borrow_mut(|slot| {
            let Some(connection) = slot.as_mut() else {
                return;
            };
            if text == "ready" {
                connection.ready = true;
                for json in connection.queued.drain(..) {
                    let _ = connection.worker.post_message(&JsValue::from_str(&json));
                }
                return;
            }
            #[derive(serde::Deserialize)]
            struct Id {
                id: u32,
            }
            let id = serde_json::from_str::<Id>(&text).map(|r| r.id);
            if let Some(resolve) = id.ok().and_then(|id| connection.waiting.remove(&id)) {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&text));
            }
        });
    });
    // A worker that fails to load answers nobody: tell every waiting search,
    // and start afresh on the next one.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
        if let Some(connection) = CONNECTION.with_borrow_mut(Option::take) {
            connection.worker.terminate();
            for resolve in connection.waiting.into_values() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(STARTUP_FAILED));
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the worker, which lives as long as the page.
    on_message.forget();
    on_error.forget();
    Ok(Connection {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: HashMap::new(),
        next_id: 0,
    })
}
