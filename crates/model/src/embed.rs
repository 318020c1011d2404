//! Calculators on other sites: the snippet an author pastes into a page
//! (an iframe of `/embed/calculators/<slug>` and the sizing script), and
//! the names both sides of the frame use. The site's `assets/embed.js` (on
//! the host page) and `assets/embed-frame.js` (in the frame) speak the
//! protocol these names describe:
//!
//! 1. `embed.js` finds each `iframe[data-quire-embed]` and, once it has
//!    loaded, posts `{ quire: "hello" }` to it, addressed to the frame's
//!    origin only.
//! 2. The frame accepts a hello only from its parent window and from an
//!    origin the site allows to frame it; it keeps that origin (the lead
//!    names it) and answers `{ quire: "height", height }` whenever its
//!    content's height changes, addressed to that origin only.
//! 3. `embed.js` takes a height only from the frame's own window and origin.

use crate::route::Route;

/// The attribute marking a quire iframe for `embed.js`.
pub const FRAME_ATTRIBUTE: &str = "data-quire-embed";

/// The query parameter naming the partner a lead is credited to.
pub const PARTNER_PARAM: &str = "partner";

/// The query parameter choosing the embed's theme (`light` or `dark`);
/// without it the frame follows the visitor's system preference.
pub const THEME_PARAM: &str = "theme";

/// Longest partner name a snippet carries.
pub const MAX_PARTNER_CHARS: usize = crate::lead::MAX_PARTNER_CHARS;

/// The frame's height before its script reports the real one: the
/// embed's height with the calculator's required inputs filled in, in any
/// column of 44rem or more (the embed is one column of at most 42rem), so
/// such a snippet does not move the host page when the frame loads.
/// Measured in Chromium; `tests/e2e/specs/embeds.spec.js` checks each
/// against the drawn page and fails when a change to the page makes one
/// wrong.
pub fn default_height(slug: &str) -> u32 {
    match slug {
        "roas" => 2234,
        "cac" => 2376,
        "ltv" => 2740,
        "cohort" => 963,
        _ => 2000,
    }
}

/// What a snippet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet<'a> {
    /// Where the site is served: `https://fieldnotes.example`.
    pub origin: &'a str,
    pub slug: &'a str,
    /// The iframe's title: `ROAS calculator from Field Notes`.
    pub title: &'a str,
    /// The calculator's inputs, as its page's URL query (no `?`).
    pub query: &'a str,
    /// Credited with the leads from this snippet; empty for none.
    pub partner: &'a str,
}

impl Snippet<'_> {
    /// The frame's address.
    pub fn src(&self) -> String {
        let mut query = self.query.to_string();
        let partner = self.partner.trim();
        if !partner.is_empty() {
            let partner: String = partner.chars().take(MAX_PARTNER_CHARS).collect();
            let pair = form_urlencoded::Serializer::new(String::new())
                .append_pair(PARTNER_PARAM, &partner)
                .finish();
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&pair);
        }
        let path = Route::EmbeddedCalculator {
            slug: self.slug.to_string(),
        }
        .with_query(&query);
        format!("{}{path}", self.origin.trim_end_matches('/'))
    }

    /// The HTML to paste: the iframe (lazy, titled, with a height that
    /// holds until the script sizes it) and the script.
    pub fn html(&self) -> String {
        format!(
            "<iframe src=\"{src}\" title=\"{title}\" loading=\"lazy\" width=\"100%\" height=\"{height}\" \
             style=\"border:0;width:100%;display:block\" {FRAME_ATTRIBUTE}></iframe>\n\
             <script src=\"{origin}/embed.js\" async></script>",
            src = escape_attribute(&self.src()),
            title = escape_attribute(self.title),
            height = default_height(self.slug),
            origin = escape_attribute(self.origin.trim_end_matches('/')),
        )
    }
}

/// Text as an HTML attribute value (or text) that cannot end early.
pub fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_frames_the_embed_with_its_inputs_and_partner() {
        let snippet = Snippet {
            origin: "https://fieldnotes.example/",
            slug: "roas",
            title: "ROAS calculator from \"Field\" <Notes>",
            query: "revenue=12000&spend=3000&currency=EUR",
            partner: " Spring letter & co ",
        };
        assert_eq!(
            snippet.src(),
            "https://fieldnotes.example/embed/calculators/roas?revenue=12000&spend=3000&currency=EUR&partner=Spring+letter+%26+co"
        );
        let html = snippet.html();
        assert!(html.starts_with("<iframe src=\"https://fieldnotes.example/embed/calculators/roas?revenue=12000&amp;spend=3000"), "{html}");
        assert!(
            html.contains("title=\"ROAS calculator from &quot;Field&quot; &lt;Notes&gt;\""),
            "{html}"
        );
        assert!(html.contains("loading=\"lazy\""));
        assert!(html.contains("height=\"2234\""));
        assert!(html.contains(" data-quire-embed>"));
        assert!(
            html.ends_with("<script src=\"https://fieldnotes.example/embed.js\" async></script>")
        );
    }

    #[test]
    fn an_empty_query_or_partner_adds_nothing() {
        let snippet = Snippet {
            origin: "http://127.0.0.1:4173",
            slug: "cohort",
            title: "t",
            query: "",
            partner: "  ",
        };
        assert_eq!(
            snippet.src(),
            "http://127.0.0.1:4173/embed/calculators/cohort"
        );
        let long = "p".repeat(300);
        let snippet = Snippet {
            partner: &long,
            ..snippet
        };
        let partner = format!("?partner={}", "p".repeat(MAX_PARTNER_CHARS));
        assert!(snippet.src().ends_with(&partner), "{}", snippet.src());
    }
}
