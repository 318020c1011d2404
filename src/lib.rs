#![recursion_limit = "256"]
//! quire's app: the page components of every route (`routes`), the pieces
//! they share (`components`), rendering the bundles the content compiler
//! wrote. The same components run in the browser (feature `hydrate`/`csr`)
//! and natively when the build prerenders each route (feature `ssr`).
//!
//! Bundles are fetched through [`api`] (the search and cohort workers fetch
//! their own files); pure helpers (formatting, pagination, the lead
//! outbox's rules in [`lead_outbox_rules`]) are tested natively. Components touch
//! browser APIs only in effects and event handlers, which do not run when
//! prerendering.

/// Whether this build draws the calculator pages' extras: every build but
/// the whole site's release app (`reader-app`), which sends calculator pages
/// to the calculators' own app and so only draws calculators inside posts.
/// A constant, so the extras' code is left out of that app's WASM.
pub const PAGE_EXTRAS: bool = cfg!(any(debug_assertions, not(feature = "reader-app")));

pub mod api;
pub mod app;
pub mod boot;
pub mod calculators_app;
pub mod chart;
pub mod clipboard;
pub mod components;
pub mod download;
pub mod format;
pub mod later;
pub mod lead_outbox;
pub mod lead_outbox_rules;
pub mod navigation;
pub mod near_viewport;
pub mod number_format;
pub mod pagination;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod scenario_store;
pub mod search;
pub mod settle;
pub mod site_index;
pub mod theme;
pub mod toc;
pub mod worker_client;

pub use app::App;
pub use calculators_app::CalculatorsApp;
