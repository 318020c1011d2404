use leptos::prelude::*;

use crate::site_index::SiteIndex;

/// The site's call to action (`[cta]` in quire.toml), if it has one.
#[component]
pub fn CallToAction() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    move || {
        index.site().and_then(|site| site.cta).map(|cta| {
            let name = cta.label.clone();
            view! {
                <aside class="cta" aria-label=name data-testid="cta">
                    <p class="cta-text">{cta.text}</p>
                    <a class="button" href=cta.url>{cta.label}</a>
                </aside>
            }
        })
    }
}
