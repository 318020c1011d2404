use leptos::prelude::*;
use quire_model::CalculatorEmbed;

use crate::components::calculator_embed::mount_calculators;

/// A post's or page's body as the content compiler rendered it, with its
/// calculator blocks brought to life.
#[component]
pub fn CompiledBody(
    /// Sanitized by the content compiler: the only HTML the app injects.
    html: String,
    /// The body's calculator blocks.
    calculators: Vec<CalculatorEmbed>,
) -> impl IntoView {
    let body = NodeRef::<leptos::html::Div>::new();
    mount_calculators(body, calculators);
    view! { <div class="prose" node_ref=body inner_html=html></div> }
}
