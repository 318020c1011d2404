use leptos::prelude::*;
use quire_model::CalculatorEmbed;
use wasm_bindgen::JsCast;

use crate::components::calculator_embed::mount_calculators;

/// How long a copy button says "Copied" before it reads "Copy" again.
const COPIED_FOR: std::time::Duration = std::time::Duration::from_secs(2);

/// A post's or page's body as the content compiler rendered it, with its
/// calculator blocks brought to life and a copy button on every code block.
#[component]
pub fn CompiledBody(
    /// Sanitized by the content compiler: the only HTML the app injects.
    html: String,
    /// The body's calculator blocks.
    calculators: Vec<CalculatorEmbed>,
) -> impl IntoView {
    let body = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(String::new());
    mount_calculators(body, calculators);
    // The compiler gives each code block an empty head; copying needs
    // JavaScript, so the button is only added when it can work.
    Effect::new(move || {
        let Some(body) = body.get() else { return };
        let Ok(heads) = body.query_selector_all(".code-head") else {
            return;
        };
        for head in (0..heads.length()).filter_map(|i| heads.item(i)) {
            let Ok(button) = document().create_element("button") else {
                continue;
            };
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("class", "copy-code");
            button.set_text_content(Some("Copy"));
            let _ = head.append_child(&button);
        }
    });
    // One listener for every button (they are not Leptos nodes).
    let on_click = move |event: leptos::ev::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".copy-code").ok().flatten())
        else {
            return;
        };
        let code = button
            .closest(".code-block")
            .ok()
            .flatten()
            .and_then(|block| block.query_selector("pre").ok().flatten())
            .and_then(|pre| pre.text_content())
            .unwrap_or_default();
        leptos::task::spawn_local(async move {
            let copied = crate::clipboard::copy_text(&code).await;
            let (label, message) = if copied {
                ("Copied", "Code copied to the clipboard.")
            } else {
                (
                    "Copy failed",
                    "The code could not be copied; select it and copy it instead.",
                )
            };
            button.set_text_content(Some(label));
            status.set(message.to_string());
            set_timeout(move || button.set_text_content(Some("Copy")), COPIED_FOR);
        });
    };
    view! {
        <div class="prose" node_ref=body inner_html=html on:click=on_click></div>
        <p class="visually-hidden" role="status" data-testid="copy-status">{status}</p>
    }
}
