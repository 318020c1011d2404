//! Copying text for the visitor: code blocks in posts, the embed snippet.

/// Puts `text` on the clipboard; false if the browser refused (no
/// permission, an insecure page), so the caller can say to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}
