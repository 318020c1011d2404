//! Parts of the calculators' app's first view drawn in tasks of their own.
//!
//! A calculator page is drawn off-document and swapped in once whole
//! ([`crate::boot::Takeover::Redraw`]). Drawn in one go, that is one long
//! task (250–400 ms with the CPU slowed 4×, as Lighthouse's phone is)
//! during which a tap or key waits. [`later`] draws a part (the header, the
//! form's fields, the charts) in a task after the current one, so no task
//! is much longer than one part; the swap still waits for every part (a
//! part not yet drawn is `aria-busy`), so the visitor never sees one
//! arrive. A page opened inside the app afterwards is drawn at once, as
//! nothing would swap it in.

use std::cell::Cell;

use leptos::prelude::*;

thread_local! {
    static SPLITTING: Cell<bool> = const { Cell::new(false) };
}

/// From now until [`stop_splitting`], [`later`] defers: the app's first
/// draw off-document, which goes on past `mount_to` (the router draws its
/// route in a task of its own) until the page is swapped in.
pub fn start_splitting() {
    SPLITTING.set(true);
}

/// The first draw is on the page: [`later`] draws at once again.
pub fn stop_splitting() {
    SPLITTING.set(false);
}

/// `draw`'s view: at once, or (in the first off-document draw) in a task of
/// its own, queued in the order the parts are met. Only the calculators'
/// app redraws its pages ([`crate::boot::Takeover::Redraw`]); in the whole
/// site's app and the prerenderer this is `draw()` itself, which adds no
/// code to them.
#[cfg(any(feature = "reader-app", feature = "ssr"))]
pub fn later<V, F>(draw: F) -> V
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    draw()
}

/// `draw`'s view: at once, or (in the first off-document draw) in a task of
/// its own, queued in the order the parts are met.
#[cfg(not(any(feature = "reader-app", feature = "ssr")))]
pub fn later<V, F>(draw: F) -> AnyView
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    if !SPLITTING.get() {
        return draw().into_any();
    }
    deferred(Box::new(move || draw().into_any()))
}

/// The slot [`later`] fills: one type for every part, so each part adds
/// only its own drawing to the WASM.
#[cfg(not(any(feature = "reader-app", feature = "ssr")))]
fn deferred(draw: Box<dyn FnOnce() -> AnyView>) -> AnyView {
    use send_wrapper::SendWrapper;
    use std::time::Duration;

    let ready = RwSignal::new(false);
    set_timeout(move || ready.set(true), Duration::ZERO);
    let draw = SendWrapper::new(Cell::new(Some(draw)));
    (move || {
        if !ready.get() {
            return view! { <div aria-busy="true"></div> }.into_any();
        }
        // Untracked: what the part reads while it is built must not redraw
        // this slot (its own effects follow its signals).
        match (*draw).take() {
            Some(draw) => untrack(draw),
            None => ().into_any(),
        }
    })
    .into_any()
}
