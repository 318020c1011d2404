use leptos::prelude::*;

/// The most cards a row holds: four 16rem cards fill the site's widest
/// column (`--wide` in style/tokens.css).
const MOST_COLUMNS: usize = 4;

/// A list of cards in as many columns as fit, at most one per card. The
/// count is written as `data-columns` because the grid's tracks must not
/// depend on how many cards the browser has parsed so far: a page is
/// painted while its HTML still arrives, and a grid that stretched the
/// first card across the row and then narrowed it would move its text
/// (style/components/landing.css).
#[component]
pub fn CardGrid(
    /// The list's class, which names the kind of card.
    class: &'static str,
    /// How many cards the list holds.
    count: usize,
    children: Children,
) -> impl IntoView {
    let columns = count.clamp(1, MOST_COLUMNS);
    view! {
        <ul class=class role="list" data-columns=columns>
            {children()}
        </ul>
    }
}
