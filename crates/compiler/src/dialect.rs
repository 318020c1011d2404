//! quire's Markdown dialect: the parser options every body and FAQ answer
//! is read with, and which links point into the site. Shared by `markdown`
//! (bodies) and `blocks` (FAQ answers), which then depend on it, not on
//! each other.

use pulldown_cmark::Options;

/// The Markdown extensions authors of technical posts rely on.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        // `$…$` and `$$…$$`, rendered to MathML by `math`. A price such as
        // "$5 and $10" stays text: a closing `$` never comes before a digit.
        | Options::ENABLE_MATH
}

/// A link to a path on this site (`/…`, not `//host/…`).
pub(crate) fn is_internal(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}
