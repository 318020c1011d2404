//! A signal that follows another once it stops changing: what a page shows
//! or writes only when the visitor pauses (the URL, the tables and charts
//! under a calculator), so the work is not done on every keystroke.

use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// How long typing pauses before the tables and charts under a
/// calculator's results follow. Redrawing them is most of a keystroke's
/// work; the results themselves follow every key. Longer than the gap
/// between keys of a visitor typing (about 200 ms), so a redraw does not
/// delay the next key.
pub const VISUALS_SETTLE: Duration = Duration::from_millis(400);

/// `source`'s value, `wait` after its last change. It starts equal to
/// `source` (so a prerendered page and its hydration agree), and a change
/// still pending when the owner is dropped is dropped with it.
pub fn settled<T>(source: Memo<T>, wait: Duration) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let out = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(None::<SendWrapper<TimeoutHandle>>);
    let cancel = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.take().clear();
        }
    };
    on_cleanup(cancel);
    Effect::new(move |ran: Option<()>| {
        // Only noted here; the value is read (and cloned) once, when the
        // timer fires, not on every change while the visitor types.
        source.track();
        // The first run sees the value `out` started with.
        if ran.is_some() {
            cancel();
            let follow = move || {
                pending.set_value(None);
                let Some(value) = source.try_get_untracked() else {
                    return;
                };
                if out.with_untracked(|current| *current != value) {
                    out.set(value);
                }
            };
            if let Ok(handle) = set_timeout_with_handle(follow, wait) {
                pending.set_value(Some(SendWrapper::new(handle)));
            }
        }
    });
    out.read_only()
}
