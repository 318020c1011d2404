fn main() {
    console_error_panic_hook::set_once();
    remove_route_head();
    leptos::mount::mount_to_body(quire::App);
}

/// The build writes each route's title and metadata into its HTML file
/// (`data-route-head`, see xtask/src/routes.rs) for crawlers and link
/// previews; from here on the app keeps the head, so they would be doubled.
fn remove_route_head() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(found) = document.query_selector_all("[data-route-head]") {
        for i in 0..found.length() {
            if let Some(node) = found.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}
