//! `quire.toml`: the site-wide settings an author controls. Every key is
//! documented in the README; unknown keys are errors with a suggestion.

use std::collections::HashSet;
use std::path::Path;

use quire_model::{check_slug, CallToAction, Link, Pillar, SiteInfo, Topic};
use serde::Deserialize;

use crate::diagnostics::{line_col, line_of, Diagnostic, Diagnostics};
use crate::suggest::unknown_field_fix;

/// The configuration file's name, at the site root.
pub const CONFIG_FILE: &str = "quire.toml";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub site: SiteSection,
    #[serde(default)]
    pub hero: HeroSection,
    #[serde(default)]
    pub pillars: Vec<PillarEntry>,
    #[serde(default)]
    pub topics: Vec<TopicEntry>,
    pub cta: Option<CtaSection>,
    #[serde(default)]
    pub leads: LeadsSection,
    #[serde(default)]
    pub calculators: CalculatorsSection,
    #[serde(default)]
    pub social: Vec<SocialEntry>,
    /// Links in the site header, after Topics and Calculators.
    #[serde(default)]
    pub menu: Vec<SocialEntry>,
    #[serde(default)]
    pub feed: FeedSection,
    #[serde(default)]
    pub embeds: EmbedsSection,
}

/// Which other sites may frame the embeddable calculators
/// (`/embed/calculators/<slug>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbedsSection {
    /// Their origins (`https://partner.example`), or `"*"` for any site.
    /// Without any, only this site's own pages may frame them.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSection {
    pub title: String,
    #[serde(default)]
    pub tagline: String,
    /// Where the site is deployed, e.g. `https://example.com`.
    pub base_url: String,
    #[serde(default)]
    pub author: String,
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "en".into()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeroSection {
    #[serde(default)]
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarEntry {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEntry {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Lower comes first; topics without an order follow in file order.
    pub order: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CtaSection {
    pub label: String,
    pub url: String,
    #[serde(default)]
    pub text: String,
}

/// How the calculators write numbers and money.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalculatorsSection {
    /// ISO 4217 code of the currency the calculators start in.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// BCP 47 tag of the number format: separators, decimals, symbols.
    #[serde(default = "default_locale")]
    pub locale: String,
}

impl Default for CalculatorsSection {
    fn default() -> Self {
        CalculatorsSection {
            currency: default_currency(),
            locale: default_locale(),
        }
    }
}

fn default_currency() -> String {
    "USD".into()
}

fn default_locale() -> String {
    "en-US".into()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadsSection {
    /// The webhook calculator leads are POSTed to.
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialEntry {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSection {
    /// How many of the newest posts the RSS and Atom feeds carry.
    #[serde(default = "default_feed_items")]
    pub items: usize,
    /// Whole posts in the feeds instead of summaries.
    #[serde(default)]
    pub full_content: bool,
}

fn default_feed_items() -> usize {
    20
}

impl Default for FeedSection {
    fn default() -> Self {
        Self {
            items: default_feed_items(),
            full_content: false,
        }
    }
}

impl SiteConfig {
    /// The site info bundles carry; `counts` gives each topic's post count.
    pub fn to_info(&self, count_of: impl Fn(&str) -> u32) -> SiteInfo {
        let mut topics: Vec<(usize, &TopicEntry)> = self.topics.iter().enumerate().collect();
        topics.sort_by_key(|(index, t)| (t.order.unwrap_or(i64::MAX), *index));
        SiteInfo {
            title: self.site.title.clone(),
            tagline: self.site.tagline.clone(),
            base_url: self.site.base_url.trim_end_matches('/').to_string(),
            author: self.site.author.clone(),
            language: self.site.language.clone(),
            hero: self.hero.lines.clone(),
            pillars: self
                .pillars
                .iter()
                .map(|p| Pillar {
                    title: p.title.clone(),
                    description: p.description.clone(),
                    topic: p.topic.clone(),
                })
                .collect(),
            topics: topics
                .into_iter()
                .map(|(_, t)| Topic {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                    description: t.description.clone(),
                    count: count_of(&t.slug),
                })
                .collect(),
            cta: self.cta.as_ref().map(|c| CallToAction {
                label: c.label.clone(),
                url: c.url.clone(),
                text: c.text.clone(),
            }),
            lead_endpoint: self.leads.endpoint.clone(),
            number_format: quire_model::NumberFormatSetting {
                locale: self.calculators.locale.clone(),
                currency: self.calculators.currency.clone(),
            },
            social: links(&self.social),
            menu: links(&self.menu),
            embed_origins: self
                .embeds
                .allowed_origins
                .iter()
                .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
                .collect(),
        }
    }

    /// Pages to link from the header; each must be a path on this site.
    pub fn menu_paths(&self) -> impl Iterator<Item = &str> {
        self.menu.iter().map(|m| m.url.as_str())
    }

    /// Whether `slug` names a configured topic.
    pub fn has_topic(&self, slug: &str) -> bool {
        self.topics.iter().any(|t| t.slug == slug)
    }
}

/// Parses and checks `quire.toml`, naming the line of every problem.
pub fn parse_config(path: &Path, text: &str) -> Result<SiteConfig, Diagnostics> {
    let config = toml::from_str::<SiteConfig>(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        let message = e.message().trim_end().to_string();
        let fix = unknown_field_fix(&message).unwrap_or_else(|| {
            "see the README's Configuration section for every key; `[site]` needs `title` and `base_url`".into()
        });
        Diagnostics::from(Diagnostic::new(path, line, column, format!("invalid site configuration: {message}"), fix))
    })?;
    check(path, text, &config)?;
    Ok(config)
}

/// Rules serde cannot express: URL shapes, slugs, references between tables.
fn check(path: &Path, text: &str, config: &SiteConfig) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let at = |needle: &str| line_of(text, needle);
    let mut problem = |line: usize, message: String, fix: &str| {
        problems.push(Diagnostic::new(path, line, 1, message, fix))
    };

    let base = &config.site.base_url;
    if !(base.starts_with("https://") || base.starts_with("http://")) || base.len() < 10 {
        problem(
            at("base_url"),
            format!("`base_url = \"{base}\"` is not an absolute URL"),
            "write where the site is deployed, e.g. `base_url = \"https://example.com\"`",
        );
    }
    let mut seen = HashSet::new();
    for topic in &config.topics {
        let line = at(&format!("\"{}\"", topic.slug));
        if let Err(why) = check_slug(&topic.slug) {
            problem(
                line,
                format!("topic slug `{}` {why}", topic.slug),
                "use lowercase letters, digits and hyphens, e.g. `slug = \"self-hosting\"`",
            );
        }
        if !seen.insert(topic.slug.as_str()) {
            problem(
                line,
                format!("topic `{}` is defined twice", topic.slug),
                "give each [[topics]] entry its own slug",
            );
        }
    }
    for pillar in &config.pillars {
        if let Some(topic) = pillar.topic.as_deref().filter(|t| !config.has_topic(t)) {
            problem(
                at(&format!("\"{topic}\"")),
                format!("pillar `{}` links to unknown topic `{topic}`", pillar.title),
                "use the slug of a [[topics]] entry",
            );
        }
    }
    let urls = config
        .cta
        .iter()
        .map(|c| ("cta url", &c.url))
        .chain(config.leads.endpoint.iter().map(|e| ("leads endpoint", e)));
    for (what, url) in urls.chain(config.social.iter().map(|s| ("social url", &s.url))) {
        let ok = url.starts_with("https://")
            || url.starts_with("http://")
            || (what == "cta url" && url.starts_with('/'));
        if !ok {
            problem(
                at(url),
                format!("{what} `{url}` is not a web address"),
                "write a full URL starting with https://",
            );
        }
    }
    for entry in &config.menu {
        if !entry.url.starts_with('/') || entry.url.starts_with("//") {
            problem(
                at(&entry.url),
                format!(
                    "menu link `{}` goes to `{}`, which is not a path on this site",
                    entry.name, entry.url
                ),
                "menu links are site paths such as `/about`; put other sites under [[social]]",
            );
        }
    }
    let calculators = &config.calculators;
    if let Err(error) =
        quire_calc::format::NumberFormat::new(&calculators.locale, &calculators.currency)
    {
        let (key, value) = match error {
            quire_calc::format::FormatError::Locale(_) => ("locale", &calculators.locale),
            quire_calc::format::FormatError::Currency(_) => ("currency", &calculators.currency),
        };
        problem(
            at(&format!("\"{value}\"")),
            format!("[calculators] {key}: {error}"),
            "calculators format numbers for the locales and currencies listed; pick one of them",
        );
    }
    for origin in &config.embeds.allowed_origins {
        let origin_only = origin.trim_end_matches('/');
        if origin != "*" && !quire_model::lead::is_web_origin(origin_only) {
            problem(
                at(&format!("\"{origin}\"")),
                format!("[embeds] allowed_origins: `{origin}` is not a site's origin"),
                "write the scheme and host (and port, if any) of a site that may frame the calculators, e.g. \"https://partner.example\", or \"*\" for any site",
            );
        }
    }
    if config.feed.items == 0 {
        problem(
            at("items"),
            "`items = 0` leaves the feeds empty".into(),
            "set `items` to how many posts the feeds should carry, e.g. 20",
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn links(entries: &[SocialEntry]) -> Vec<Link> {
    entries
        .iter()
        .map(|entry| Link {
            name: entry.name.clone(),
            url: entry.url.clone(),
        })
        .collect()
}
