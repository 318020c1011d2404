//! Bringing posts over from Hugo, Jekyll and Zola: their front matter mapped
//! to quire's, their shortcodes turned into Markdown where there is an
//! equivalent, and a note for everything that could not be carried over.
//!
//! Conversion is a pure function of a file's name and text, so it is tested
//! (and fuzzed) on strings; it never panics and never fails: the worst input
//! becomes a post with notes saying what to fix.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde_json::{Map, Value};

use crate::front_matter::{split, Format, SplitError};

/// The generator a site comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Hugo,
    Jekyll,
    Zola,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Hugo => "Hugo",
            Source::Jekyll => "Jekyll",
            Source::Zola => "Zola",
        }
    }
}

impl std::str::FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "hugo" => Ok(Source::Hugo),
            "jekyll" => Ok(Source::Jekyll),
            "zola" => Ok(Source::Zola),
            other => Err(format!("`{other}` is not hugo, jekyll or zola")),
        }
    }
}

/// Posts need a date; pages (about, FAQ) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
}

/// Where a file sat in the site it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    /// An ordinary Markdown file.
    #[default]
    File,
    /// In Jekyll's `_drafts/`: a draft whatever its front matter says.
    Drafts,
    /// A page bundle's `index.md` (Hugo, Zola): the files beside it are its
    /// images and attachments. They are published under [`Converted::resources`],
    /// and the body's and cover's relative paths to them are rewritten.
    Bundle,
}

/// One converted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub kind: Kind,
    /// The quire slug, which names the file written.
    pub slug: String,
    /// The whole new file: YAML front matter and the Markdown body.
    pub text: String,
    /// The category that became the post's topic, to add to quire.toml.
    pub topic: Option<String>,
    /// What could not be carried over, each with its line in the source file when known.
    pub notes: Vec<Note>,
    /// For a page bundle: the folder under the site's `public/` its files are
    /// copied to (`images/<slug>`), which the rewritten paths point into.
    pub resources: Option<String>,
}

/// Something the author should look at after importing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line in the source file, when the note is about one place.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Converts one source file. `stem` is the file's name without extension
/// (or its folder's name for a page bundle's `index.md`); `folder_categories`
/// are the folders above a Jekyll `_posts/` (`growth/_posts/…`), which
/// Jekyll counts as the post's first categories.
pub fn convert(
    source: Source,
    kind: Kind,
    stem: &str,
    text: &str,
    place: Place,
    folder_categories: &[String],
) -> Converted {
    let mut notes = Vec::new();
    let text = text.replace("\r\n", "\n");
    let (front, body, body_first_line) = match split(&text) {
        Ok(parts) => {
            let front = parse_front(parts.format, parts.front, &mut notes);
            (front, parts.body.to_string(), parts.body_first_line)
        }
        Err(SplitError::Missing) => {
            notes.push(Note {
                line: None,
                message: "the file has no front matter; give it a title (and a date, for a post)"
                    .into(),
            });
            (Map::new(), text.clone(), 1)
        }
        Err(SplitError::Unclosed(_)) => {
            notes.push(Note {
                line: Some(1),
                message: "the front matter is never closed; it was kept as body text".into(),
            });
            (Map::new(), text.clone(), 1)
        }
    };

    // Jekyll names posts `YYYY-MM-DD-slug`.
    let (file_date, file_slug) = match jekyll_date_prefix(stem) {
        Some((date, rest)) if source == Source::Jekyll || !rest.is_empty() => {
            (Some(date.to_string()), rest)
        }
        _ => (None, stem),
    };
    let mut fields = Fields {
        front,
        notes: &mut notes,
    };
    // Written in this order, the order authors expect to read.
    let mut out: Vec<(&str, Value)> = Vec::new();

    let title = fields.take_string("title");
    let slug_field = fields.take_string("slug");
    let date = fields
        .take_date("date")
        .or(file_date.clone())
        .or_else(|| fields.take_date("publishDate"));
    let updated = fields
        .take_date("lastmod")
        .or_else(|| fields.take_date("updated"))
        .or_else(|| fields.take_date("last_modified_at"))
        .or_else(|| fields.take_date("modified"));
    let summary = fields
        .take_string("summary")
        .or_else(|| fields.take_string("description"))
        .or_else(|| fields.take_string("excerpt"));
    let mut draft = fields.take_bool("draft").unwrap_or(false) || place == Place::Drafts;
    if fields.take_bool("published") == Some(false) {
        draft = true;
    }
    // Zola keeps taxonomies in a table.
    let mut taxonomies = match fields.front.remove("taxonomies") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let mut tags = strings(fields.front.remove("tags"));
    tags.extend(strings(taxonomies.remove("tags")));
    let mut categories = folder_categories.to_vec();
    categories.extend(strings(fields.front.remove("categories")));
    categories.extend(strings(taxonomies.remove("categories")));
    if let Some(Value::String(category)) = fields.front.remove("category") {
        categories.insert(0, category);
    }
    let series = strings(fields.front.remove("series"))
        .into_iter()
        .chain(strings(taxonomies.remove("series")))
        .next();
    for (name, _) in taxonomies {
        fields.note(format!("the taxonomy `{name}` has no quire equivalent"));
    }
    let canonical = fields
        .take_string("canonical_url")
        .or_else(|| fields.take_string("canonicalURL"))
        .or_else(|| fields.take_string("canonical"));
    // PaperMod and similar Hugo themes write `cover = { image = "…", alt = "…" }`.
    let (cover_table, cover_alt) = match fields.front.get("cover") {
        Some(Value::Object(table)) => {
            let text = |key: &str| table.get(key).and_then(Value::as_str).map(str::to_string);
            let image = text("image");
            let alt = text("alt").filter(|alt| !alt.trim().is_empty());
            fields.front.remove("cover");
            (image, alt)
        }
        _ => (None, None),
    };
    let cover = cover_table
        .or_else(|| fields.take_string("cover"))
        .or_else(|| fields.take_string("image"))
        .or_else(|| fields.take_string("featured_image"))
        .or_else(|| strings(fields.front.remove("images")).into_iter().next());
    let featured = fields.take_bool("featured").unwrap_or(false);
    // The addresses the old site answered at: its redirect lists, then the
    // address the file itself had (Hugo's `url`, Jekyll's `permalink`).
    let mut old_addresses = strings(fields.front.remove("aliases"));
    old_addresses.extend(strings(fields.front.remove("redirect_from")));
    old_addresses.extend(fields.take_string("url"));
    let permalink = fields.take_string("permalink");
    let jekyll_default = match (&permalink, source, kind, file_date.as_deref()) {
        (None, Source::Jekyll, Kind::Post, Some(date)) => {
            Some(jekyll_date_address(&categories, date, file_slug))
        }
        _ => None,
    };
    old_addresses.extend(permalink);
    old_addresses.extend(jekyll_default);
    let leftovers: Vec<String> = fields.front.keys().cloned().collect();
    for key in leftovers {
        fields.note(format!(
            "the field `{key}` has no quire equivalent and was left out"
        ));
    }

    let slug = slug_field
        .as_deref()
        .map(quire_model::slugify)
        .filter(|s| quire_model::check_slug(s).is_ok())
        .unwrap_or_else(|| {
            let from_file = quire_model::slugify(file_slug);
            if quire_model::check_slug(&from_file).is_ok() {
                from_file
            } else {
                "imported-post".to_string()
            }
        });
    let title = title.unwrap_or_else(|| {
        notes.push(Note {
            line: None,
            message: "there was no title; the slug stands in for it".into(),
        });
        slug.replace('-', " ")
    });
    out.push(("title", Value::String(title)));
    match (&date, kind) {
        (Some(date), _) => {
            out.push(("date", Value::String(date.clone())));
        }
        (None, Kind::Post) => {
            notes.push(Note {
                line: None,
                message: "there was no date; set `date:` before building".into(),
            });
        }
        (None, Kind::Page) => {}
    }
    if let Some(updated) = updated {
        out.push(("updated", Value::String(updated)));
    }
    if let Some(summary) = summary {
        out.push(("summary", Value::String(summary)));
    }
    let mut topic = None;
    if kind == Kind::Post {
        let mut categories = categories.into_iter();
        if let Some(first) = categories.next() {
            let slug = quire_model::slugify(&first);
            if !slug.is_empty() {
                out.push(("topic", Value::String(slug.clone())));
                topic = Some(slug);
            }
        }
        tags.extend(categories);
    }
    let tags: BTreeSet<String> = tags
        .iter()
        .map(|t| quire_model::slugify(t))
        .filter(|t| !t.is_empty())
        .collect();
    if !tags.is_empty() {
        out.push((
            "tags",
            Value::Array(tags.into_iter().map(Value::String).collect()),
        ));
    }
    if draft {
        out.push(("draft", Value::Bool(true)));
    }
    if featured {
        out.push(("featured", Value::Bool(true)));
    }
    if let Some(series) = series {
        out.push(("series", Value::String(series)));
    }
    if let Some(url) = canonical {
        out.push(("canonical_url", Value::String(url)));
    }
    let new_address = match kind {
        Kind::Post => format!("/posts/{slug}"),
        Kind::Page => format!("/{slug}"),
    };
    let mut aliases: Vec<String> = Vec::new();
    for old in old_addresses {
        match quire_model::redirect::check_alias(&old) {
            Ok(alias) if quire_model::redirect::same_address(&alias, &new_address) => {}
            Ok(alias) if aliases.contains(&alias) => {}
            Ok(alias) => aliases.push(alias),
            Err(error) => notes.push(Note {
                line: None,
                message: format!("{error}, so it does not redirect here; {}", error.fix()),
            }),
        }
    }
    if !aliases.is_empty() {
        out.push((
            "aliases",
            Value::Array(aliases.into_iter().map(Value::String).collect()),
        ));
    }
    let resources = (place == Place::Bundle).then(|| format!("images/{slug}"));
    if let Some(cover) = cover {
        let kept = if let Some(dir) = resources.as_deref().filter(|_| is_relative(&cover)) {
            out.push(("cover", Value::String(resource_path(dir, &cover))));
            true
        } else if cover.starts_with('/')
            || cover.starts_with("https://")
            || cover.starts_with("http://")
        {
            out.push(("cover", Value::String(cover.clone())));
            true
        } else {
            false
        };
        if let Some(alt) = cover_alt.filter(|_| kept) {
            out.push(("cover_alt", Value::String(alt)));
        }
        if !kept {
            notes.push(Note {
                line: None,
                message: format!(
                    "the cover `{cover}` is a relative path; copy it into public/ and set `cover: /…`"
                ),
            });
        }
    }

    let mut body = convert_body(source, &body, body_first_line, &mut notes);
    if let Some(dir) = &resources {
        body = rewrite_relative_paths(&body, dir);
    }
    let mut text = String::from("---\n");
    for (key, value) in &out {
        // JSON strings and arrays are valid YAML flow scalars and sequences.
        text.push_str(&format!("{key}: {value}\n"));
    }
    text.push_str("---\n");
    text.push_str(body.trim_start_matches('\n'));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Converted {
        kind,
        slug,
        text,
        topic,
        notes,
        resources,
    }
}

/// The front matter as a generic map, whatever its format.
fn parse_front(format: Format, front: &str, notes: &mut Vec<Note>) -> Map<String, Value> {
    let parsed: Result<Value, String> = match format {
        Format::Yaml => serde_saphyr::from_str::<Value>(front).map_err(|e| e.to_string()),
        Format::Toml => toml::from_str::<toml::Table>(front)
            .map_err(|e| e.to_string())
            .and_then(|table| serde_json::to_value(table).map_err(|e| e.to_string())),
    };
    match parsed {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => Map::new(),
        Ok(_) => {
            notes.push(Note {
                line: Some(1),
                message: "the front matter is not a set of fields; it was left out".into(),
            });
            Map::new()
        }
        Err(error) => {
            let first = error.lines().next().unwrap_or("").to_string();
            notes.push(Note {
                line: Some(1),
                message: format!("the front matter could not be read ({first}); it was left out"),
            });
            Map::new()
        }
    }
}

/// Takes fields out of the front matter, noting those of an unusable type.
struct Fields<'a> {
    front: Map<String, Value>,
    notes: &'a mut Vec<Note>,
}

impl Fields<'_> {
    fn note(&mut self, message: String) {
        self.notes.push(Note {
            line: None,
            message,
        });
    }

    fn take_string(&mut self, key: &str) -> Option<String> {
        match self.front.remove(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) | Value::Null => None,
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.note(format!(
                    "the field `{key}` was not text ({other}); left out"
                ));
                None
            }
        }
    }

    fn take_bool(&mut self, key: &str) -> Option<bool> {
        match self.front.remove(key)? {
            Value::Bool(b) => Some(b),
            Value::String(s) => match s.trim() {
                "true" | "yes" => Some(true),
                "false" | "no" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A date as `YYYY-MM-DD` from the forms generators write: a date, RFC
    /// 3339, Jekyll's `2019-03-01 10:00:00 +0100`, TOML datetimes.
    fn take_date(&mut self, key: &str) -> Option<String> {
        let value = self.front.remove(key)?;
        let text = match &value {
            Value::String(s) => s.clone(),
            // The toml crate serializes datetimes as a one-field table.
            Value::Object(map) => map.values().next()?.as_str()?.to_string(),
            _ => String::new(),
        };
        let date = text
            .trim()
            .get(..10)
            .filter(|d| d.parse::<jiff::civil::Date>().is_ok());
        if date.is_none() {
            self.note(format!("the `{key}` value {value} is not a date; left out"));
        }
        date.map(str::to_string)
    }
}

/// Text values of a string or a list of strings.
fn strings(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => s
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `2019-03-01-hello-world` → (`2019-03-01`, `hello-world`).
/// Whether a file name starts with a date (`2019-03-01-title`), Jekyll's
/// mark of a post.
pub fn has_date_prefix(stem: &str) -> bool {
    jekyll_date_prefix(stem).is_some_and(|(_, rest)| !rest.is_empty())
}

/// The address Jekyll's default permalink (`date`) gave a post:
/// `/:categories/:year/:month/:day/:title.html`, categories lowercased.
fn jekyll_date_address(categories: &[String], date: &str, title: &str) -> String {
    let mut address = String::new();
    // Jekyll reads `categories: a b` as two categories.
    for category in categories.iter().flat_map(|c| c.split_whitespace()) {
        address.push('/');
        address.push_str(&category.to_lowercase());
    }
    for part in date.split('-') {
        address.push('/');
        address.push_str(part);
    }
    format!("{address}/{title}.html")
}

fn jekyll_date_prefix(stem: &str) -> Option<(&str, &str)> {
    let date = stem.get(..10)?;
    date.parse::<jiff::civil::Date>().ok()?;
    let rest = stem.get(10..)?;
    Some((date, rest.strip_prefix('-').unwrap_or(rest)))
}

/// Rewrites the generator's shortcodes and template tags that have a
/// Markdown equivalent, and notes each one that has none.
fn convert_body(source: Source, body: &str, first_line: usize, notes: &mut Vec<Note>) -> String {
    let mut body = body.to_string();
    let rewrite = |re: &Regex, body: &mut String, replace: &dyn Fn(&Captures) -> String| {
        *body = re.replace_all(body, |c: &Captures| replace(c)).into_owned();
    };
    match source {
        Source::Hugo => {
            static HIGHLIGHT: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"(?s)\{\{[<%]\s*highlight\s+"?([\w+#-]+)"?[^>%]*[>%]\}\}\n?(.*?)\{\{[<%]\s*/highlight\s*[>%]\}\}"#)
                    .expect("valid pattern")
            });
            static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"\{\{[<%]\s*figure\s+([^>%]*?)/?\s*[>%]\}\}"#).expect("valid pattern")
            });
            static REF: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}"#)
                    .expect("valid pattern")
            });
            rewrite(&HIGHLIGHT, &mut body, &|c| {
                format!("```{}\n{}```", &c[1], ensure_newline(&c[2]))
            });
            rewrite(&FIGURE, &mut body, &|c| {
                let src = attribute(&c[1], "src").unwrap_or_default();
                let alt = attribute(&c[1], "alt")
                    .or_else(|| attribute(&c[1], "caption"))
                    .unwrap_or_default();
                format!("![{alt}]({src})")
            });
            rewrite(&REF, &mut body, &|c| post_path(&c[1]));
            note_leftovers(
                &body,
                r"\{\{[<%]\s*([\w.-]+)",
                "Hugo shortcode",
                first_line,
                notes,
            );
        }
        Source::Jekyll => {
            static HIGHLIGHT: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?s)\{%-?\s*highlight\s+([\w+#-]+)[^%]*-?%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}")
                    .expect("valid pattern")
            });
            static POST_URL: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"\{%-?\s*post_url\s+(?:[\w/]*/)?\d{4}-\d{2}-\d{2}-([\w-]+)\s*-?%\}")
                    .expect("valid pattern")
            });
            static RAW: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"\{%-?\s*(?:end)?raw\s*-?%\}").expect("valid pattern")
            });
            static BASEURL: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"\{\{\s*(?:site\.baseurl|site\.url)\s*\}\}").expect("valid pattern")
            });
            rewrite(&HIGHLIGHT, &mut body, &|c| {
                format!("```{}\n{}```", &c[1], ensure_newline(&c[2]))
            });
            rewrite(&POST_URL, &mut body, &|c| slug_path(&c[1]));
            rewrite(&RAW, &mut body, &|_| String::new());
            rewrite(&BASEURL, &mut body, &|_| String::new());
            note_leftovers(&body, r"\{%-?\s*([\w.-]+)", "Liquid tag", first_line, notes);
            note_leftovers(
                &body,
                r"\{\{-?\s*([\w.-]+)",
                "Liquid variable",
                first_line,
                notes,
            );
        }
        Source::Zola => {
            static INTERNAL: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"\]\(@/([^)#\s]+)(#[^)\s]*)?\)").expect("valid pattern")
            });
            rewrite(&INTERNAL, &mut body, &|c| {
                format!(
                    "]({}{})",
                    post_path(&c[1]),
                    c.get(2).map_or("", |m| m.as_str())
                )
            });
            note_leftovers(
                &body,
                r"\{\{\s*([\w]+)\(",
                "Zola shortcode",
                first_line,
                notes,
            );
            note_leftovers(
                &body,
                r"\{%\s*([\w]+)\(",
                "Zola shortcode",
                first_line,
                notes,
            );
        }
    }
    body
}

/// Notes each remaining match of `pattern` (group 1 names it) with its line.
fn note_leftovers(body: &str, pattern: &str, what: &str, first_line: usize, notes: &mut Vec<Note>) {
    let Ok(re) = Regex::new(pattern) else {
        return;
    };
    for found in re.captures_iter(body) {
        let (Some(whole), Some(name)) = (found.get(0), found.get(1)) else {
            continue;
        };
        // A block's closing tag (`endif`, `endfor`) was noted with its opening one.
        if name.as_str().starts_with("end") {
            continue;
        }
        let line = first_line + body[..whole.start()].matches('\n').count();
        notes.push(Note {
            line: Some(line),
            message: format!(
                "{what} `{}` has no quire equivalent; it was left as text",
                name.as_str()
            ),
        });
    }
}

/// `posts/hello.md`, `blog/hello/index.md` → `/posts/hello`; a fragment
/// is kept (`posts/hello.md#setup` → `/posts/hello#setup`), and a reference
/// to `#setup` alone stays a link within the page.
fn post_path(reference: &str) -> String {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, format!("#{fragment}")),
        None => (reference, String::new()),
    };
    if path.is_empty() {
        return fragment;
    }
    format!("{}{fragment}", page_path(path))
}

fn page_path(reference: &str) -> String {
    let path = reference.trim_end_matches('/');
    let path = path
        .strip_suffix("/index.md")
        .or_else(|| path.strip_suffix("/_index.md"))
        .or_else(|| path.strip_suffix(".md"))
        .unwrap_or(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = jekyll_date_prefix(name).map_or(name, |(_, rest)| rest);
    slug_path(name)
}

/// Whether `url` is relative to the file (`images/a.png`, `./a.png`): no
/// scheme, not from the site root, not a fragment or query.
fn is_relative(url: &str) -> bool {
    static SCHEME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").expect("valid pattern"));
    !url.is_empty() && !url.starts_with(['/', '#', '?']) && !SCHEME.is_match(url)
}

/// `images/a.png` in a bundle published at `images/<slug>` → `/images/<slug>/images/a.png`.
fn resource_path(dir: &str, relative: &str) -> String {
    let relative = relative.trim_start_matches("./");
    format!("/{dir}/{relative}")
}

/// Points the body's relative image and link destinations (inline and
/// reference definitions, and `<img src>`) at the bundle's published folder.
/// Links to other Markdown files are left alone: they are pages, not files.
fn rewrite_relative_paths(body: &str, dir: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut rewrite = |range: std::ops::Range<usize>, url: &str| {
        let is_page = url
            .split(['#', '?'])
            .next()
            .is_some_and(|p| p.ends_with(".md"));
        if is_relative(url) && !is_page {
            edits.push((range, resource_path(dir, url)));
        }
    };
    for (event, range) in Parser::new_ext(body, crate::dialect::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) => {
                // In an inline link the destination follows `](`, possibly in `<…>`.
                let source = &body[range.clone()];
                for opener in ["](<", "]("] {
                    let needle = format!("{opener}{dest_url}");
                    if let Some(at) = source.rfind(&needle) {
                        let start = range.start + at + opener.len();
                        rewrite(start..start + dest_url.len(), &dest_url);
                        break;
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                static SRC: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r#"(?i)<img\b[^>]*?\ssrc=["']([^"']+)["']"#).expect("valid pattern")
                });
                for found in SRC.captures_iter(&html) {
                    let url = found.get(1).expect("group 1");
                    if let Some(at) = body[range.clone()].find(html.as_ref()) {
                        let start = range.start + at + url.start();
                        rewrite(start..start + url.len(), url.as_str());
                    }
                }
            }
            _ => {}
        }
    }
    // Reference definitions (`[logo]: images/logo.png`) produce no event.
    static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)").expect("valid pattern")
    });
    for found in DEFINITION.captures_iter(body) {
        let url = found.get(1).expect("group 1");
        rewrite(url.range(), url.as_str());
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = body.to_string();
    // From the end, so earlier offsets stay valid; an edit overlapping the
    // one after it (odd input can match twice) is skipped.
    let mut applied_from = body.len();
    for (range, text) in edits {
        if range.end <= applied_from {
            applied_from = range.start;
            out.replace_range(range, &text);
        }
    }
    out
}

/// The path of the post an imported file named `name` becomes.
fn slug_path(name: &str) -> String {
    quire_model::route::Route::Post {
        slug: quire_model::slugify(name),
    }
    .path()
}

/// The value of `name="…"` in a shortcode's arguments.
fn attribute(args: &str, name: &str) -> Option<String> {
    let start = args.find(&format!("{name}="))? + name.len() + 1;
    let rest = &args[start..];
    let value = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].split(quote).next()?,
        _ => rest.split_whitespace().next()?,
    };
    Some(value.to_string())
}

fn ensure_newline(code: &str) -> String {
    if code.ends_with('\n') {
        code.to_string()
    } else {
        format!("{code}\n")
    }
}
