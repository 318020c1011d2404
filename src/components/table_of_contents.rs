use leptos::prelude::*;
use quire_model::TocEntry;

use crate::toc::current_section;

/// Where the reader's eye is taken to be: a section is current once its
/// heading passes this far from the top of the viewport (below the header).
const READING_LINE_PX: f64 = 120.0;

/// A post's contents, marking the section being read with `aria-current`.
#[component]
pub fn TableOfContents(entries: Vec<TocEntry>) -> impl IntoView {
    let active = RwSignal::new(None::<usize>);
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let measure = move || {
        let document = document();
        let tops: Vec<f64> = ids
            .iter()
            .map(|id| {
                document
                    .get_element_by_id(id)
                    .map_or(f64::INFINITY, |h| h.get_bounding_client_rect().top())
            })
            .collect();
        let window = window();
        let viewport = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let scrolled = window.scroll_y().unwrap_or(0.0);
        let height = document
            .document_element()
            .map_or(0.0, |root| f64::from(root.scroll_height()));
        // Only a page that scrolls has a bottom to reach.
        let at_bottom = scrolled > 0.0 && scrolled + viewport >= height - 2.0;
        active.set(current_section(&tops, READING_LINE_PX, at_bottom));
    };
    // After mount, once the body's headings are in the document.
    let first = measure.clone();
    Effect::new(first);
    // Scroll events arrive at most once per frame; measuring a dozen headings
    // each time is cheap.
    #[cfg(not(feature = "ssr"))]
    {
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
        on_cleanup(move || on_scroll.remove());
    }

    let links = entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            view! {
                <li class=format!("toc-level-{}", entry.level)>
                    <a
                        href=format!("#{}", entry.id)
                        aria-current=move || (active.get() == Some(i)).then_some("location")
                    >
                        {entry.title}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="toc" aria-labelledby="toc-heading" data-testid="toc">
            <h2 class="toc-heading" id="toc-heading">"Contents"</h2>
            <ol role="list">{links}</ol>
        </nav>
    }
}
