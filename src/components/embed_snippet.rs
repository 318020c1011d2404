//! "Embed this calculator": the snippet another site pastes to frame the
//! calculator with the visitor's current inputs as its defaults (the text
//! itself is `quire_model::embed::Snippet`'s).

use leptos::prelude::*;
use quire_model::embed::Snippet;

use crate::site_index::SiteIndex;

/// How long "Copied" shows before the button reads "Copy" again.
const COPIED_FOR: std::time::Duration = std::time::Duration::from_secs(2);

#[component]
pub fn EmbedSnippet(
    /// The calculator's slug.
    calculator: &'static str,
    /// Its name, for the iframe's title.
    name: &'static str,
    /// The inputs to start from, as a URL query (tracked).
    query: Signal<String>,
) -> impl IntoView {
    // Outside the app (a component test) there is no site index: no site name.
    let index = use_context::<SiteIndex>();
    // The address this page is served from: the prerendered page cannot
    // know it, and the snippet must point where the calculator really is.
    let origin = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Ok(here) = window().location().origin() {
            origin.set(here);
        }
    });
    let partner = RwSignal::new(String::new());
    let code = Memo::new(move |_| {
        let title = match index.and_then(|index| index.title()) {
            Some(site) => format!("{name} from {site}"),
            None => name.to_string(),
        };
        Snippet {
            origin: &origin.get(),
            slug: calculator,
            title: &title,
            query: &query.get(),
            partner: &partner.get(),
        }
        .html()
    });
    let status = RwSignal::new("");
    let copy = move |_| {
        let text = code.get_untracked();
        leptos::task::spawn_local(async move {
            status.set(if crate::clipboard::copy_text(&text).await {
                "Copied: paste it into the page's HTML."
            } else {
                "Could not copy: select the snippet and copy it instead."
            });
            set_timeout(move || status.set(""), COPIED_FOR);
        });
    };
    view! {
        <details class="embed-snippet" data-testid="embed-snippet">
            <summary>"Embed this calculator"</summary>
            <p class="field-help">
                "Put this calculator on another site, such as a partner's blog or a newsletter's page: paste the snippet into its HTML. It starts from the inputs above, sizes itself to its content, and leads sent from it reach you, credited to that site."
            </p>
            <div class="field">
                <label for="embed-partner">"Partner name " <span class="field-optional">"(optional)"</span></label>
                <input id="embed-partner" type="text" autocomplete="off" aria-describedby="embed-partner-help"
                    maxlength=quire_model::embed::MAX_PARTNER_CHARS.to_string()
                    prop:value=move || partner.get()
                    on:input=move |ev| partner.set(event_target_value(&ev)) />
                <p class="field-help" id="embed-partner-help">"Leads from this snippet are credited to it in the lead inbox."</p>
            </div>
            <label for="embed-code">"Snippet"</label>
            <textarea id="embed-code" data-testid="embed-code" readonly rows="5" spellcheck="false"
                prop:value=move || code.get()></textarea>
            <p class="embed-actions">
                <button type="button" class="button-secondary" data-testid="embed-copy" on:click=copy>"Copy the snippet"</button>
                " " <span role="status">{move || status.get()}</span>
            </p>
        </details>
    }
}
