//! One page component per route.

pub mod calculator;
pub mod calculators;
pub mod home;
pub mod not_found;
pub mod page;
pub mod post;
