//! Pieces shared by several pages.

pub mod bundle_view;
pub mod calculator_embed;
pub mod calculator_form;
pub mod calculator_visuals;
pub mod cohort_calculator;
pub mod compiled_body;
pub mod error_view;
pub mod lead_form;
pub mod line_chart;
pub mod loading;
pub mod post_card;
pub mod post_list;
pub mod site_footer;
pub mod site_header;
