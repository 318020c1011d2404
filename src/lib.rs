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

pub mod api;
pub mod app;
pub mod boot;
pub mod calculators_app;
pub mod chart;
pub mod components;
pub mod format;
pub mod lead_outbox;
pub mod lead_outbox_rules;
pub mod navigation;
pub mod number_format;
pub mod pagination;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod site_index;
pub mod theme;
pub mod toc;
pub mod worker_client;

pub use app::App;
pub use calculators_app::CalculatorsApp;
