//! One Markdown document (a post or a page): front matter checked, body rendered.

use std::path::{Path, PathBuf};

use jiff::{civil, Timestamp};
use quire_model::{check_slug, PostSummary};
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{self, Format, Split, SplitError};
use crate::markdown;
use crate::suggest::unknown_field_fix;

/// Posts need a date; pages (case studies, FAQ) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Post,
    Page,
}

/// A document parsed from its file, ready to be bundled.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The file it came from, for messages about it.
    pub path: PathBuf,
    /// File line of its `topic` field (1 if absent), for messages about the topic.
    pub topic_line: usize,
    /// File line of its `slug` field (1 if absent), for messages about the slug.
    pub slug_line: usize,
    /// Its old addresses (`aliases`), checked, and the file line of that field.
    pub aliases: Vec<String>,
    pub aliases_line: usize,
    /// Its `social_image` path and that field's line; the compiler reads
    /// the file's size into the summary.
    pub social_image: Option<(String, usize)>,
    /// When it goes live, if scheduled.
    pub publish_at: Option<Timestamp>,
    /// Links to this site's own paths, with their file line.
    pub internal_links: Vec<(String, usize)>,
    /// Image sources (body images and the cover), with their file line.
    pub images: Vec<(String, usize)>,
    /// Its `cover` image and that field's line, and the cover's alt text.
    pub cover: Option<(String, usize)>,
    pub cover_alt: String,
    /// The cover's `<picture>`, once the compiler has read the file.
    pub cover_picture: Option<String>,
    pub summary: PostSummary,
    pub toc: Vec<quire_model::TocEntry>,
    pub html: String,
    pub faq: Vec<quire_model::FaqEntry>,
    pub calculators: Vec<quire_model::CalculatorEmbed>,
    /// Plain prose and code, for the search index only.
    pub text: String,
    pub code: String,
    /// Things worth fixing that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// The front matter as the author wrote it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    summary: Option<String>,
    /// Hugo's and Zola's name for the summary.
    description: Option<String>,
    topic: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    publish_at: Option<String>,
    #[serde(default)]
    featured: bool,
    series: Option<String>,
    canonical_url: Option<String>,
    cover: Option<String>,
    /// What the cover shows, for readers who cannot see it; none for a decorative one.
    cover_alt: Option<String>,
    slug: Option<String>,
    /// Old addresses that redirect here (Hugo's and Zola's name; the
    /// importer maps Jekyll's `redirect_from` to it).
    #[serde(default)]
    aliases: Vec<String>,
    /// An image in `public/` link previews show instead of the drawn card.
    social_image: Option<String>,
}

/// Parses a post file. `path` gives the default slug and names the file in messages.
pub fn parse_post(path: &Path, text: &str) -> Result<Document, Diagnostics> {
    parse_document(path, text, DocumentKind::Post)
}

/// Parses a post or page file.
pub fn parse_document(
    path: &Path,
    text: &str,
    kind: DocumentKind,
) -> Result<Document, Diagnostics> {
    let noun = match kind {
        DocumentKind::Post => "post",
        DocumentKind::Page => "page",
    };
    let split = front_matter::split(text).map_err(|e| match e {
        SplitError::Missing => Diagnostic::new(
            path,
            1,
            1,
            format!("this {noun} has no front matter"),
            "start the file with a line `---`, then `title: …` and `date: YYYY-MM-DD`, then a closing `---`",
        ),
        SplitError::Unclosed(format) => Diagnostic::new(
            path,
            1,
            1,
            "the front matter opened here is never closed",
            format!("add a line `{}` after the last front-matter field", format.fence()),
        ),
    })?;
    let raw = deserialize(path, &split)?;

    let mut problems = Diagnostics::default();
    let line_of =
        |name: &str| field_line(split.front, name).map_or(1, |l| split.front_first_line + l - 1);
    let mut problem = |field: &str, message: String, fix: &str| {
        problems.push(Diagnostic::new(path, line_of(field), 1, message, fix));
    };

    let (slug, slug_line) = match &raw.slug {
        Some(slug) => (slug.clone(), line_of("slug")),
        None => (
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            1,
        ),
    };
    if let Err(why) = check_slug(&slug) {
        let message = match raw.slug {
            Some(_) => format!("`slug: {slug}` {why}"),
            None => format!("the file name gives the slug `{slug}`, which {why}"),
        };
        problem(
            "slug",
            message,
            "use lowercase letters, digits and hyphens, e.g. `my-first-post`",
        );
    }

    let title = raw
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if title.is_none() {
        problem(
            "title",
            format!("this {noun} has no `title`"),
            "add a line `title: Your title` to the front matter",
        );
    }

    let date_fix = "write a date as YYYY-MM-DD, e.g. `2026-03-14` (or a full RFC 3339 time)";
    let mut date_field = |name: &str, value: &Option<String>| match value {
        None => None,
        Some(text) => parse_date(text).or_else(|| {
            problem(
                name,
                format!("`{name}: {text}` is not a valid date"),
                date_fix,
            );
            None
        }),
    };
    let date = date_field("date", &raw.date);
    let updated = date_field("updated", &raw.updated);
    if raw.date.is_none() && kind == DocumentKind::Post {
        problem(
            "date",
            "this post has no `date`".into(),
            "add a line `date: YYYY-MM-DD` (the publication date) to the front matter",
        );
    }
    let publish_at = match &raw.publish_at {
        None => None,
        Some(text) => parse_timestamp(text).or_else(|| {
            problem(
                "publish_at",
                format!("`publish_at: {text}` is not a valid time"),
                "write `publish_at: 2026-03-14T09:00:00Z` (RFC 3339) or a date",
            );
            None
        }),
    };
    if let Some(url) = raw
        .canonical_url
        .as_deref()
        .filter(|u| !u.starts_with("https://") && !u.starts_with("http://"))
    {
        problem(
            "canonical_url",
            format!("`canonical_url: {url}` is not an absolute URL"),
            "write the full address, e.g. `https://example.com/original-post`",
        );
    }

    let mut aliases = Vec::with_capacity(raw.aliases.len());
    for alias in &raw.aliases {
        match quire_model::redirect::check_alias(alias) {
            Ok(alias) => aliases.push(alias),
            Err(error) => problem("aliases", error.to_string(), error.fix()),
        }
    }

    let Some(title) = title.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let rendered = markdown::render(split.body);
    let body_line = |offset: usize| {
        split.body_first_line + crate::diagnostics::line_col(split.body, offset).0 - 1
    };
    if let Some(offset) = rendered.unclosed_fence {
        return Err(Diagnostic::new(
            path,
            body_line(offset),
            1,
            "this code block is never closed",
            "add a closing fence (the same ``` or ~~~ that opened it) after the code",
        )
        .into());
    }
    if !rendered.block_errors.is_empty() || !rendered.math_errors.is_empty() {
        let blocks = rendered.block_errors.iter().map(|(offset, e)| {
            Diagnostic::new(path, body_line(*offset) + e.line, 1, &e.message, &e.fix)
        });
        let math = rendered.math_errors.iter().map(|(offset, e)| {
            let (_, column) = crate::diagnostics::line_col(split.body, *offset);
            Diagnostic::new(path, body_line(*offset), column, e.to_string(), e.fix())
        });
        return Err(Diagnostics(blocks.chain(math).collect()));
    }
    let mut warnings: Vec<Diagnostic> = rendered
        .images_without_alt
        .iter()
        .map(|offset| {
            Diagnostic::new(
                path,
                body_line(*offset),
                1,
                "this image has no alt text",
                "describe it in the brackets, `![what it shows](…)`, for readers who cannot see it",
            )
        })
        .collect();
    if kind == DocumentKind::Post && raw.summary.is_none() && raw.description.is_none() {
        warnings.insert(
            0,
            Diagnostic::new(
                path,
                1,
                1,
                "this post has no summary, so listings and feeds show its first paragraph",
                "add `summary:` with a sentence or two that says what the reader will learn",
            ),
        );
    }
    let summary = raw
        .summary
        .or(raw.description)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(rendered.excerpt);
    Ok(Document {
        path: path.to_path_buf(),
        topic_line: line_of("topic"),
        internal_links: rendered
            .internal_links
            .iter()
            .map(|(url, offset)| (url.clone(), body_line(*offset)))
            .collect(),
        images: rendered
            .images
            .iter()
            .map(|(url, offset)| (url.clone(), body_line(*offset)))
            .chain(raw.cover.clone().map(|cover| (cover, line_of("cover"))))
            .chain(
                raw.social_image
                    .clone()
                    .map(|image| (image, line_of("social_image"))),
            )
            .collect(),
        cover: raw.cover.map(|cover| (cover, line_of("cover"))),
        cover_alt: raw.cover_alt.unwrap_or_default(),
        cover_picture: None,
        slug_line,
        aliases,
        aliases_line: line_of("aliases"),
        social_image: raw
            .social_image
            .clone()
            .map(|image| (image, line_of("social_image"))),
        publish_at,
        summary: PostSummary {
            slug,
            title: title.to_string(),
            date: date.unwrap_or_default(),
            summary,
            topic: raw.topic,
            tags: raw.tags,
            reading_minutes: rendered.reading_minutes,
            updated,
            featured: raw.featured,
            series: raw.series,
            canonical_url: raw.canonical_url,
            draft: raw.draft,
            scheduled: false,
            social_image: None,
        },
        toc: rendered.toc,
        html: rendered.html,
        faq: rendered.faq,
        calculators: rendered.calculators,
        text: rendered.text,
        code: rendered.code,
        warnings,
    })
}

/// Reads the front matter in its format, pointing errors at their file line.
fn deserialize(path: &Path, split: &Split<'_>) -> Result<RawFrontMatter, Diagnostic> {
    if split.front.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    let generic_fix = match split.format {
        Format::Yaml => "write each field as `name: value`; quote values that contain `: ` or start with a special character",
        Format::Toml => "write each field as `name = value`, with text in double quotes",
    };
    let error = |line: usize, column: usize, message: String| {
        let fix = unknown_field_fix(&message).unwrap_or_else(|| {
            if message.contains("expected sequence") || message.contains("expected a sequence") {
                "write a list, e.g. `tags: [postgres, security]`".into()
            } else {
                generic_fix.into()
            }
        });
        Diagnostic::new(
            path,
            split.front_first_line + line.saturating_sub(1),
            column.max(1),
            format!("invalid front matter: {message}"),
            fix,
        )
    };
    match split.format {
        Format::Yaml => serde_saphyr::from_str(split.front).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            error(line, column, first_line(&e.to_string()).to_string())
        }),
        Format::Toml => {
            // TOML dates are their own type; read them as the text YAML would give.
            let mut table: toml::Table = toml::from_str(split.front).map_err(|e| {
                let (line, column) = e
                    .span()
                    .map(|s| crate::diagnostics::line_col(split.front, s.start))
                    .unwrap_or((1, 1));
                error(line, column, e.message().trim_end().to_string())
            })?;
            for (_, value) in table.iter_mut() {
                if let toml::Value::Datetime(d) = &*value {
                    *value = toml::Value::String(d.to_string());
                }
            }
            table.try_into().map_err(|e: toml::de::Error| {
                let message = e.message().trim_end().to_string();
                let line = message
                    .split('`')
                    .nth(1)
                    .and_then(|key| field_line(split.front, key))
                    .unwrap_or(1);
                error(line, 1, message)
            })
        }
    }
}

/// A calendar date from `YYYY-MM-DD` or a full RFC 3339 time (its UTC date).
fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(date) = text.parse::<civil::Date>() {
        return Some(date.to_string());
    }
    text.parse::<Timestamp>()
        .ok()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
}

/// An instant from RFC 3339, or a date or local date-time taken as UTC.
fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Some(t);
    }
    let civil = text.parse::<civil::DateTime>().ok().or_else(|| {
        text.parse::<civil::Date>()
            .ok()
            .map(|d| d.to_datetime(civil::Time::midnight()))
    })?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// 1-based line, within the front matter, of the top-level key `name`
/// (`name:` in YAML, `name =` in TOML).
fn field_line(front: &str, name: &str) -> Option<usize> {
    front
        .lines()
        .position(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some(':' | '=')))
        })
        .map(|i| i + 1)
}

/// The parser's message without the location prefix (the diagnostic carries
/// the location) or the source excerpt some errors append.
fn first_line(message: &str) -> &str {
    let line = message.lines().next().unwrap_or(message);
    let line = line.strip_prefix("error: ").unwrap_or(line);
    match line
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((location, rest)) if location.contains("column") => rest,
        _ => line,
    }
}
