//! One page component per route.

pub mod archive;
pub mod calculator;
pub mod calculators;
pub mod embedded_calculator;
pub mod home;
pub mod load_from_server;
pub mod not_found;
pub mod page;
pub mod post;
pub mod search;
pub mod tag;
pub mod topic;
pub mod topics;
