//! Pieces shared by several pages.

pub mod bundle_view;
pub mod calculator_embed;
pub mod calculator_form;
pub mod calculator_visuals;
pub mod call_to_action;
pub mod channel_breakdown;
pub mod cohort_calculator;
pub mod compiled_body;
pub mod currency_picker;
pub mod error_view;
pub mod lead_form;
pub mod line_chart;
pub mod loading;
pub mod page_meta;
pub mod pagination;
pub mod post_card;
pub mod post_cards;
pub mod post_listing;
pub mod prefetch_link;
pub mod site_footer;
pub mod site_header;
pub mod site_search;
pub mod table_of_contents;
pub mod tag_list;
pub mod theme_toggle;
