//! Old addresses that now live elsewhere: a post's or page's `aliases`
//! (written by hand after a rename, or carried over from the blog it was
//! imported from). The compiler checks them and writes the list
//! ([`redirects_file`]); the build turns each into a `_redirects` rule (301,
//! for hosts that read that file) and a small page at the old address that
//! sends readers and crawlers on (for hosts that do not).

use serde::{Deserialize, Serialize};

use crate::route::Route;

/// One old address and the route it moved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// The old path, as [`check_alias`] accepted it.
    pub from: String,
    pub to: Route,
    /// The title of what now lives at `to`, for the old address's page.
    pub title: String,
}

/// Path of the build's redirect list (`Vec<Redirect>`), relative to
/// [`crate::CONTENT_DIR`].
pub fn redirects_file(build: &str) -> String {
    format!("{build}/redirects.json")
}

/// Why an alias cannot be an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("the alias `{0}` is not a path on this site")]
    NotAPath(String),
    #[error("the alias `{0}` has a character a redirect rule cannot hold")]
    Character(String),
    #[error("the alias `{0}` has an empty, `.` or `..` segment")]
    Segment(String),
}

impl AliasError {
    pub fn fix(&self) -> &'static str {
        match self {
            AliasError::NotAPath(_) => {
                "write the old address's path, starting with `/`, without the domain, query or `#fragment`, e.g. `/2019/03/01/old-title.html`"
            }
            AliasError::Character(_) => {
                "use letters, digits and `-._~%+/` only; write other characters percent-encoded"
            }
            AliasError::Segment(_) => "remove the repeated `/`, or the `.` and `..` segments",
        }
    }
}

/// Checks an alias from front matter: a path of this site (`/…`) that a
/// `_redirects` rule and a file name can both hold. A trailing `/` is
/// kept: it is part of the old address.
pub fn check_alias(alias: &str) -> Result<String, AliasError> {
    let alias = alias.trim();
    let Some(rest) = alias.strip_prefix('/') else {
        return Err(AliasError::NotAPath(alias.into()));
    };
    if rest.is_empty() || alias.contains(['?', '#']) {
        return Err(AliasError::NotAPath(alias.into()));
    }
    // `:` and `*` are placeholders and splats in `_redirects`; spaces end
    // its fields; the rest is what old generators put in addresses.
    let allowed = |c: char| c.is_alphanumeric() || "-._~%+/".contains(c);
    if !alias.chars().all(allowed) {
        return Err(AliasError::Character(alias.into()));
    }
    let segments = rest.strip_suffix('/').unwrap_or(rest);
    if segments
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err(AliasError::Segment(alias.into()));
    }
    Ok(alias.to_string())
}

/// Where the old address's page is written, relative to the site root:
/// `old/index.html` for `/old` and `/old/`, `old.html` for `/old.html`.
/// `None` for an address with another extension (`/feed.php`), which only
/// the `_redirects` rule can answer: a host serves a file by its extension.
pub fn alias_page_file(alias: &str) -> Option<String> {
    let path = alias.trim_start_matches('/');
    if path.ends_with('/') {
        return Some(format!("{path}index.html"));
    }
    let last = path.rsplit('/').next().unwrap_or(path);
    match last.rsplit_once('.') {
        None => Some(format!("{path}/index.html")),
        Some((_, "html" | "htm")) => Some(path.to_string()),
        Some(_) => None,
    }
}

/// The same address as the router sees it: `/old/` and `/old` are one.
pub fn same_address(a: &str, b: &str) -> bool {
    let trim = |p: &str| p.trim_end_matches('/').to_string();
    trim(a) == trim(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_generators_addresses_are_aliases() {
        for alias in [
            "/2019/03/01/old-title.html",
            "/posts/old-slug/",
            "/blog/old",
            "/notes/caf%C3%A9",
            "/café",
        ] {
            assert_eq!(check_alias(alias).as_deref(), Ok(alias));
        }
        assert_eq!(check_alias("  /old  ").as_deref(), Ok("/old"));
    }

    #[test]
    fn what_is_not_a_path_of_this_site_is_refused() {
        assert!(matches!(check_alias("old"), Err(AliasError::NotAPath(_))));
        assert!(matches!(check_alias("/"), Err(AliasError::NotAPath(_))));
        assert!(matches!(
            check_alias("https://example.com/old"),
            Err(AliasError::NotAPath(_))
        ));
        assert!(matches!(
            check_alias("/old?x=1"),
            Err(AliasError::NotAPath(_))
        ));
        assert!(matches!(check_alias("/a b"), Err(AliasError::Character(_))));
        assert!(matches!(
            check_alias("/blog/:slug"),
            Err(AliasError::Character(_))
        ));
        assert!(matches!(
            check_alias("/blog/*"),
            Err(AliasError::Character(_))
        ));
        assert!(matches!(check_alias("/a//b"), Err(AliasError::Segment(_))));
        assert!(matches!(
            check_alias("/a/../b"),
            Err(AliasError::Segment(_))
        ));
        assert!(matches!(
            check_alias("//host/x"),
            Err(AliasError::Segment(_))
        ));
    }

    #[test]
    fn each_alias_has_a_page_file_a_static_host_serves() {
        assert_eq!(alias_page_file("/old").as_deref(), Some("old/index.html"));
        assert_eq!(alias_page_file("/old/").as_deref(), Some("old/index.html"));
        assert_eq!(
            alias_page_file("/2019/03/01/t.html").as_deref(),
            Some("2019/03/01/t.html")
        );
        assert_eq!(
            alias_page_file("/v1.2/notes").as_deref(),
            Some("v1.2/notes/index.html")
        );
        assert_eq!(alias_page_file("/index.php"), None);
    }
}
