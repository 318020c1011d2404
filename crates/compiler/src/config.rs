//! `quire.toml`: the site-wide settings an author controls.

use std::path::Path;

use quire_model::SiteInfo;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// The configuration file's name, at the site root.
pub const CONFIG_FILE: &str = "quire.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    site: SiteConfig,
}

/// The `[site]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub tagline: String,
}

impl SiteConfig {
    pub fn into_info(self) -> SiteInfo {
        SiteInfo {
            title: self.title,
            tagline: self.tagline,
        }
    }
}

/// Parses `quire.toml`, naming the line of any problem.
pub fn parse_config(path: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
    toml::from_str::<ConfigFile>(text)
        .map(|c| c.site)
        .map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            Diagnostic::new(
            path,
            line,
            column,
            format!("invalid site configuration: {}", e.message()),
            "the file needs a `[site]` table with `title = \"…\"` and optionally `tagline = \"…\"`",
        )
        })
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
