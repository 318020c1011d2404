//! The root components: the whole site's ([`App`]), and the page chrome,
//! site data and router every app shares ([`Shell`]).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::routes::archive::ArchivePage;
use crate::routes::calculator::CalculatorPage;
use crate::routes::calculators::CalculatorsPage;
use crate::routes::embedded_calculator::EmbeddedCalculatorPage;
use crate::routes::home::HomePage;
use crate::routes::load_from_server::LoadFromServer;
use crate::routes::not_found::NotFoundPage;
use crate::routes::page::StandalonePage;
use crate::routes::post::PostPage;
use crate::routes::search::SearchPage;
use crate::routes::tag::TagPage;
use crate::routes::topic::TopicPage;
use crate::routes::topics::TopicsPage;
use crate::site_index::SiteIndex;

/// The whole site: every route.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            // The paths of quire_model::route::Route, in ROUTER_PATTERNS'
            // order (a test compares the two).
            <Routes fallback=NotFoundPage>
                <Route path=path!("") view=HomePage />
                <Route path=path!("posts") view=ArchivePage />
                <Route path=path!("posts/page/:page") view=ArchivePage />
                <Route path=path!("posts/:slug") view=PostPage />
                <Route path=path!("topics") view=TopicsPage />
                <Route path=path!("topics/:slug") view=TopicPage />
                <Route path=path!("topics/:slug/page/:page") view=TopicPage />
                <Route path=path!("tags/:tag") view=TagPage />
                <Route path=path!("tags/:tag/page/:page") view=TagPage />
                <Route path=path!("search") view=SearchPage />
                <Route path=path!("calculators") view=|| calculators_app_page(CalculatorsPage) />
                <Route path=path!("calculators/:slug") view=|| calculators_app_page(CalculatorPage) />
                <Route path=path!("embed/calculators/:slug") view=|| calculators_app_page(EmbeddedCalculatorPage) />
                // Last: any other single segment may be a standalone page.
                <Route path=path!(":page") view=StandalonePage />
            </Routes>
        </Shell>
    }
}

/// `page` in a development build (`cargo xtask serve`: one app from Trunk
/// draws every route); in a release build the calculator pages are the
/// calculators' own app's (`src/calculators_app.rs`), so this app carries
/// none of their page code and loads them from the server.
fn calculators_app_page<V: IntoView + 'static>(page: fn() -> V) -> AnyView {
    if cfg!(debug_assertions) {
        page().into_any()
    } else {
        view! { <LoadFromServer /> }.into_any()
    }
}

/// What every page has around its route: the site's data and lead outbox,
/// the document title, the router, header, main region and footer. Its
/// children are the app's routes.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    provide_meta_context();
    // History and the lead outbox's sending are the browser's; a page being
    // prerendered has neither, but draws its lead forms the same.
    #[cfg(not(feature = "ssr"))]
    crate::navigation::watch_history();
    let index = SiteIndex(api::load(api::fetch_index));
    provide_context(index);
    #[cfg(not(feature = "ssr"))]
    provide_context(crate::lead_outbox::LeadOutbox::start());
    #[cfg(feature = "ssr")]
    provide_context(crate::lead_outbox::LeadOutbox::inert());
    #[cfg(all(debug_assertions, not(feature = "ssr")))]
    follow_content_changes(index.0);

    view! {
        <Html attr:lang="en" />
        <Title formatter=move |page: String| match index.title() {
            Some(site) => quire_model::route::document_title(&page, &site),
            None => page,
        } />
        <Router>
            <FollowNavigation />
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Chrome>{crate::later::later(|| view! { <SiteHeader /> })}</Chrome>
            <main id="main" tabindex="-1">
                {crate::later::later(children)}
            </main>
            <Chrome>{crate::later::later(|| view! { <SiteFooter /> })}</Chrome>
        </Router>
    }
}

/// The site's header or footer, left out on pages other sites frame
/// (`Route::is_chromeless`): an embedded calculator shows the calculator
/// alone. The whole site's release app never draws those pages (they are
/// the calculators' app's), so there the chrome is always drawn.
#[component]
fn Chrome(children: ChildrenFn) -> AnyView {
    if !crate::PAGE_EXTRAS {
        return children().into_any();
    }
    let location = leptos_router::hooks::use_location();
    let shown =
        Memo::new(move |_| !quire_model::route::is_chromeless_path(&location.pathname.get()));
    (move || shown.get().then(|| children())).into_any()
}

/// Focus and scroll after navigation (see [`crate::navigation`]); a
/// component only so that it runs inside the router.
#[component]
fn FollowNavigation() -> impl IntoView {
    crate::navigation::follow_navigation();
}

/// Development builds show content the author just saved: `cargo xtask serve`
/// recompiles it into a new build, and when the index names another build,
/// the index and every bundle shown are loaded again, without a page reload.
#[cfg(all(debug_assertions, not(feature = "ssr")))]
fn follow_content_changes(index: api::Loader<Result<quire_model::PostIndex, api::ApiError>>) {
    let poll = move || {
        let Some(Ok(shown)) = index.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::fetch_fresh_index().await {
                if fresh.build != shown.build {
                    index.refetch();
                }
            }
        });
    };
    // Dropping the handle leaves the interval running for the page's lifetime.
    let _ = set_interval_with_handle(poll, std::time::Duration::from_secs(1));
}

#[cfg(test)]
mod tests {
    /// The router above and the route type list the same paths in the
    /// same order, so a route added to one and not the other fails here.
    #[test]
    fn the_router_matches_the_route_type() {
        let source = include_str!("app.rs");
        let router: Vec<&str> = source
            .split("path=path!(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(router, quire_model::route::ROUTER_PATTERNS);
    }
}
