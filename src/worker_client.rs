//! One client for the app's Web Workers (search, cohort): starts a worker
//! from its loader, holds what the page sends until the worker says it
//! listens ([`quire_model::WORKER_READY`], the one handshake both speak),
//! and hands every other message (JSON text) to the page.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// A message for the worker, with the buffers whose ownership it takes.
struct Outgoing {
    message: JsValue,
    transfer: Option<js_sys::Array>,
}

struct State {
    worker: Worker,
    ready: bool,
    queued: Vec<Outgoing>,
}

/// A started worker. Cloning shares it.
#[derive(Clone)]
pub struct WorkerClient(Rc<RefCell<State>>);

impl WorkerClient {
    /// Starts the worker at `url` (a loader file of this origin, so the CSP
    /// allows it). `on_message` gets each of its messages as text;
    /// `on_error` runs if it fails to load or throws.
    pub fn start(
        url: &str,
        on_message: impl Fn(String) + 'static,
        on_error: impl Fn() + 'static,
    ) -> Result<Self, JsValue> {
        let worker = Worker::new(url)?;
        let client = WorkerClient(Rc::new(RefCell::new(State {
            worker: worker.clone(),
            ready: false,
            queued: Vec::new(),
        })));
        let state = client.0.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if text == quire_model::WORKER_READY {
                let mut state = state.borrow_mut();
                state.ready = true;
                for outgoing in std::mem::take(&mut state.queued) {
                    post(&state.worker, &outgoing);
                }
                return;
            }
            on_message(text);
        });
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| on_error());
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // Kept for the worker's life; messages may still be queued when it
        // is stopped, so they are never freed under it.
        on_message.forget();
        on_error.forget();
        Ok(client)
    }

    /// Sends `message` (held until the worker listens).
    pub fn send(&self, message: JsValue) {
        self.queue(Outgoing {
            message,
            transfer: None,
        });
    }

    /// Sends `message`, handing over `buffers` instead of copying them.
    pub fn send_transferring(&self, message: JsValue, buffers: js_sys::Array) {
        self.queue(Outgoing {
            message,
            transfer: Some(buffers),
        });
    }

    fn queue(&self, outgoing: Outgoing) {
        let mut state = self.0.borrow_mut();
        if state.ready {
            post(&state.worker, &outgoing);
        } else {
            state.queued.push(outgoing);
        }
    }

    pub fn terminate(&self) {
        self.0.borrow().worker.terminate();
    }
}

fn post(worker: &Worker, outgoing: &Outgoing) {
    let _ = match &outgoing.transfer {
        Some(buffers) => worker.post_message_with_transfer(&outgoing.message, buffers),
        None => worker.post_message(&outgoing.message),
    };
}
