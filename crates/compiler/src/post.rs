//! One post: front matter checked, body rendered.

use std::path::Path;

use quire_model::{check_slug, PostSummary};
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{self, SplitError};
use crate::markdown;
use crate::suggest::unknown_field_fix;

/// A post parsed from its file, ready to be bundled.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// The file it came from, for messages about it.
    pub path: std::path::PathBuf,
    /// File line of its `topic:` field (1 if absent), for messages about the topic.
    pub topic_line: usize,
    pub summary: PostSummary,
    pub html: String,
}

/// The front matter as the author wrote it; checked into a [`PostSummary`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    summary: Option<String>,
    topic: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
}

/// Parses one post file. `path` is used for the slug and in messages only.
pub fn parse_post(path: &Path, text: &str) -> Result<Post, Diagnostics> {
    let split = front_matter::split(text).map_err(|e| match e {
        SplitError::Missing => Diagnostic::new(
            path,
            1,
            1,
            "this post has no front matter",
            "start the file with a line `---`, then `title: …` and `date: YYYY-MM-DD`, then a closing `---`",
        ),
        SplitError::Unclosed => Diagnostic::new(
            path,
            1,
            1,
            "the front matter opened here is never closed",
            "add a line `---` after the last front-matter field",
        ),
    })?;

    let raw: RawFrontMatter = if split.yaml.trim().is_empty() {
        RawFrontMatter::default()
    } else {
        serde_saphyr::from_str(split.yaml).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((0, 1));
            let message = first_line(&e.to_string()).to_string();
            let fix = unknown_field_fix(&message).unwrap_or_else(|| {
                "write each field as `name: value`; quote values that contain `: ` or start with a special character".into()
            });
            Diagnostic::new(
                path,
                split.yaml_first_line + line.saturating_sub(1),
                column.max(1),
                format!("invalid front matter: {message}"),
                fix,
            )
        })?
    };

    let mut problems = Diagnostics::default();
    let field_line =
        |name: &str| field_line(split.yaml, name).map_or(1, |l| split.yaml_first_line + l - 1);

    let slug = slug_from_path(path);
    if let Err(why) = check_slug(&slug) {
        problems.push(Diagnostic::new(
            path,
            1,
            1,
            format!("the file name gives the slug `{slug}`, which {why}"),
            "rename the file using lowercase letters, digits and hyphens, e.g. `my-first-post.md`",
        ));
    }

    let title = raw.title.filter(|t| !t.trim().is_empty());
    if title.is_none() {
        problems.push(Diagnostic::new(
            path,
            1,
            1,
            "this post has no `title`",
            "add a line `title: Your post's title` to the front matter",
        ));
    }

    let date = match raw.date {
        None => {
            problems.push(Diagnostic::new(
                path,
                1,
                1,
                "this post has no `date`",
                "add a line `date: YYYY-MM-DD` (the publication date) to the front matter",
            ));
            None
        }
        Some(date) => match date.trim().parse::<jiff::civil::Date>() {
            Ok(parsed) => Some(parsed.to_string()),
            Err(_) => {
                problems.push(Diagnostic::new(
                    path,
                    field_line("date"),
                    1,
                    format!("`date: {date}` is not a valid date"),
                    "write the date as YYYY-MM-DD, e.g. `date: 2026-03-14`",
                ));
                None
            }
        },
    };

    let (Some(title), Some(date), true) = (title, date, problems.is_empty()) else {
        return Err(problems);
    };

    let rendered = markdown::render(split.body);
    let summary = raw
        .summary
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(rendered.excerpt);
    Ok(Post {
        path: path.to_path_buf(),
        topic_line: field_line("topic"),
        summary: PostSummary {
            slug,
            title: title.trim().to_string(),
            date,
            summary,
            topic: raw.topic,
            tags: raw.tags,
            reading_minutes: rendered.reading_minutes,
            draft: raw.draft,
        },
        html: rendered.html,
    })
}

/// The slug a file name gives: `content/posts/hello-world.md` → `hello-world`.
fn slug_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// 1-based line, within the YAML, of the top-level key `name`.
fn field_line(yaml: &str, name: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
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
