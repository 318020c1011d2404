//! The cohort worker: receives the cohort period's name and a CSV file's
//! bytes, as `[period, ArrayBuffer]`, reads every row with
//! `quire-calc`'s cohort reader, and posts [`WorkerReply`] messages as JSON:
//! progress after each slice, then the matrix or the error. The page stays
//! responsive however large the file, and needs no pauses to stay so.

use quire_calc::cohort::{read_all, Period, WorkerReply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Rows between progress messages: about twenty for a million rows.
const ROWS_PER_SLICE: usize = 50_000;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let post = |reply: &WorkerReply| {
            if let Ok(json) = serde_json::to_string(reply) {
                let _ = replies.post_message(&JsValue::from_str(&json));
            }
        };
        // `[period, bytes]`: the period's name and the file's ArrayBuffer.
        let request: js_sys::Array = event.data().unchecked_into();
        let period = request
            .get(0)
            .as_string()
            .and_then(|name| Period::from_param(&name))
            .unwrap_or_default();
        let bytes = js_sys::Uint8Array::new(&request.get(1)).to_vec();
        let text = String::from_utf8_lossy(&bytes);
        post(&match read_all(&text, period, ROWS_PER_SLICE, |share| {
            post(&WorkerReply::Progress(share))
        }) {
            Ok(table) => WorkerReply::Done(table),
            Err(error) => WorkerReply::Failed(error.to_string()),
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives until the page replaces it with a newer analysis.
    on_message.forget();
    // Messages sent before the handler was set are lost: say it is there.
    let _ = scope.post_message(&JsValue::from_str(quire_model::WORKER_READY));
}
