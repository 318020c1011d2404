//! Whether an element is on or near the screen: what a calculator's tables
//! and charts wait for before they follow the inputs. Redrawing one is a
//! task of 13–56 ms with the CPU slowed 4× (hundreds of elements), and a
//! visitor typing in the form mostly has them below the screen, where the
//! work would only delay the next click or key. A part that is off screen
//! redraws as it comes near instead.

use leptos::html::ElementType;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How far outside the screen still counts as near: a quarter of its
/// height above and below, so a part scrolled towards is redrawn before it
/// shows.
const NEAR_MARGIN: &str = "25% 0px";

/// Whether `target` is within [`NEAR_MARGIN`] of the screen, from an
/// `IntersectionObserver`. True until the browser first says otherwise
/// (and always while prerendering, where effects do not run), so nothing
/// is held back before it is known to be out of sight.
pub fn near_viewport<E>(target: NodeRef<E>) -> ReadSignal<bool>
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let near = RwSignal::new(true);
    let watching = StoredValue::new(None::<SendWrapper<Watcher>>);
    on_cleanup(move || {
        if let Some(watcher) = watching.try_update_value(Option::take).flatten() {
            watcher.take().observer.disconnect();
        }
    });
    Effect::new(move || {
        let Some(element) = target.get() else {
            return;
        };
        if watching.with_value(Option::is_some) {
            return;
        }
        let element: web_sys::Element = element.unchecked_into();
        if let Some(watcher) = Watcher::new(&element, near) {
            watching.set_value(Some(SendWrapper::new(watcher)));
        }
    });
    near.read_only()
}

/// `source`, followed only while `near`, or while its place has no box for
/// the browser to watch (`boxed` says; a hidden part has none): off screen,
/// the value drawn last is kept until its place comes near, and then the
/// newest is drawn.
pub fn follow_near<T>(
    source: ReadSignal<T>,
    near: ReadSignal<bool>,
    boxed: impl Fn() -> bool + 'static,
) -> ReadSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let drawn = RwSignal::new(source.get_untracked());
    Effect::new(move |_| {
        let near = near.get();
        source.track();
        if near || !boxed() {
            let value = source.get_untracked();
            if drawn.with_untracked(|current| *current != value) {
                drawn.set(value);
            }
        }
    });
    drawn.read_only()
}

/// An observer and the callback it calls, which must live as long as it.
struct Watcher {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Watcher {
    fn new(element: &web_sys::Element, near: RwSignal<bool>) -> Option<Self> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // Entries come oldest first; the last says where it is now.
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|entry| entry.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            {
                let now = entry.is_intersecting();
                if near.try_get_untracked() != Some(now) {
                    near.try_set(now);
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(NEAR_MARGIN);
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        )
        .ok()?;
        observer.observe(element);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}
