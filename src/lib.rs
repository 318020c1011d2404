#![recursion_limit = "256"]
//! quire's browser app: routes between the landing page, posts and the
//! not-found page, rendering bundles the content compiler wrote.
//!
//! Data comes only through [`api`]; pure helpers (formatting, the lead
//! outbox's rules in [`lead_queue`]) are tested natively. Components touch browser APIs only in
//! effects and event handlers, so they can later be rendered natively too.

pub mod api;
pub mod app;
pub mod chart;
pub mod components;
pub mod format;
pub mod lead_outbox;
pub mod lead_queue;
pub mod navigation;
pub mod pagination;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod search;
pub mod theme;
pub mod toc;

pub use app::App;
