//! Markdown to sanitized HTML, plus what listings need from the text.
//!
//! Rendering happens here, natively, so the browser app never ships a
//! Markdown parser. The HTML is sanitized with an allowlist before it leaves
//! the compiler: the app injects it as-is, so this is the security boundary.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use quire_model::{CalculatorEmbed, FaqEntry, TocEntry};

use crate::blocks::{BlockError, BlockKind, Built};

/// Reading speed used for the "N min read" estimate.
const WORDS_PER_MINUTE: usize = 220;
/// Longest excerpt derived from a post's first paragraph.
const EXCERPT_CHARS: usize = 160;

/// A rendered Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// Plain text of the first paragraph, shortened at a word boundary.
    pub excerpt: String,
    /// At least 1.
    pub reading_minutes: u32,
    /// The h2 and h3 headings, with the ids the HTML gives them.
    pub toc: Vec<TocEntry>,
    /// Links to paths on this site (`/…`), with their byte offset in the
    /// Markdown, so the compiler can check that each leads somewhere.
    pub internal_links: Vec<(String, usize)>,
    /// Every image's source, with its byte offset, so the compiler can check it exists.
    pub images: Vec<(String, usize)>,
    /// Byte offset of a fenced code block that is never closed.
    pub unclosed_fence: Option<usize>,
    /// The questions of the FAQ blocks.
    pub faq: Vec<FaqEntry>,
    /// The calculator blocks.
    pub calculators: Vec<CalculatorEmbed>,
    /// Problems in blocks, with the byte offset of the block's opening fence.
    pub block_errors: Vec<(usize, BlockError)>,
    /// Math that is not valid LaTeX, with the byte offset of its `$`.
    pub math_errors: Vec<(usize, crate::math::MathError)>,
    /// Byte offsets of images with no alt text, which screen readers cannot describe.
    pub images_without_alt: Vec<usize>,
    /// The prose as plain text (headings and code left out), for search.
    pub text: String,
    /// The code blocks' text, for search: readers look for identifiers.
    pub code: String,
}

/// Renders a Markdown body.
pub fn render(markdown: &str) -> Rendered {
    let mut internal_links = Vec::new();
    let mut unclosed_fence = None;
    let mut events = Vec::new();
    let mut faq = Vec::new();
    let mut calculators = Vec::new();
    let mut block_errors = Vec::new();
    let mut math_errors = Vec::new();
    let mut mathml = Vec::new();
    let mut images_without_alt = Vec::new();
    let mut images = Vec::new();
    // The open image's offset and whether its alt text has any words yet.
    let mut open_image: Option<(usize, bool)> = None;
    // Whether the body holds anything pulldown-cmark's escaping cannot make
    // safe on its own (see `needs_sanitizer`).
    let mut untrusted = false;
    let mut parser = Parser::new_ext(markdown, crate::dialect::options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        untrusted |= needs_sanitizer(&event);
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) if crate::dialect::is_internal(dest_url) => {
                internal_links.push((dest_url.to_string(), range.start));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                images.push((dest_url.to_string(), range.start));
            }
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => {
                // CommonMark lets a fence run to the end of the file; authors never mean that.
                let block = markdown[range.clone()].trim_end();
                let opener: String = block
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect();
                let closed = block.lines().count() > 1
                    && block.lines().last().is_some_and(|l| {
                        l.trim().starts_with(opener.as_str())
                            && l.trim()
                                .chars()
                                .all(|c| c == opener.chars().next().unwrap_or('`'))
                    });
                if !closed && range.end >= markdown.trim_end().len() {
                    unclosed_fence = Some(range.start);
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(Tag::Image { .. }) => open_image = Some((range.start, false)),
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                if let Some((_, has_alt)) = &mut open_image {
                    *has_alt = true;
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((offset, false)) = open_image.take() {
                    images_without_alt.push(offset);
                }
            }
            _ => {}
        }
        // Rendered now (errors have their offset here), swapped in just
        // before the HTML is written: until then the TeX source counts as
        // the text of excerpts, search and reading time.
        match crate::math::event_to_mathml(&event) {
            Some(Ok(rendered)) => mathml.push(rendered),
            Some(Err(error)) => math_errors.push((range.start, error)),
            None => {}
        }
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) = &event {
            if let Some(kind) = BlockKind::from_info(info) {
                let mut body = String::new();
                for (inner, _) in parser.by_ref() {
                    match inner {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => body.push_str(&text),
                        _ => {}
                    }
                }
                // A block's HTML holds its author's Markdown, rendered.
                untrusted = true;
                let number = calculators.len() + 1;
                match crate::blocks::build(&kind, &body, number) {
                    Ok(Built::Faq {
                        html,
                        entries,
                        internal_links: links,
                    }) => {
                        faq.extend(entries);
                        internal_links.extend(links.into_iter().map(|l| (l, range.start)));
                        events.push(Event::Html(CowStr::from(html)));
                    }
                    Ok(Built::Calculator { html, embed }) => {
                        calculators.push(embed);
                        events.push(Event::Html(CowStr::from(html)));
                    }
                    Err(errors) => {
                        block_errors.extend(errors.into_iter().map(|e| (range.start, e)));
                    }
                }
                continue;
            }
        }
        events.push(event);
    }
    let (text, code) = plain_text(&events, &faq);
    let (events, toc) = link_headings(highlight_code(events));

    let mut words = 0;
    let mut first_paragraph = String::new();
    let mut paragraph_depth = 0usize;
    let mut first_paragraph_done = false;
    for event in &events {
        match event {
            Event::Start(Tag::Paragraph) => paragraph_depth += 1,
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                first_paragraph_done |= !first_paragraph.is_empty();
            }
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                words += text.split_whitespace().count();
                if paragraph_depth > 0 && !first_paragraph_done {
                    first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak if paragraph_depth > 0 && !first_paragraph_done => {
                first_paragraph.push(' ');
            }
            _ => {}
        }
    }

    let mut mathml = mathml.into_iter();
    let events = events.into_iter().map(|event| match event {
        Event::InlineMath(_) | Event::DisplayMath(_) => {
            // An expression that failed has no MathML; the build stops anyway.
            Event::InlineHtml(CowStr::from(mathml.next().unwrap_or_default()))
        }
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, events);
    // The sanitizer drops inline styles (and the CSP forbids them), so table
    // column alignment travels as a class instead.
    if unsafe_html.contains(" style=\"text-align: ") {
        for side in ["left", "center", "right"] {
            unsafe_html = unsafe_html.replace(
                &format!(" style=\"text-align: {side}\""),
                &format!(" class=\"align-{side}\""),
            );
        }
    }

    Rendered {
        html: if untrusted {
            sanitize(&unsafe_html)
        } else {
            finish(&unsafe_html)
        },
        excerpt: shorten(&first_paragraph, EXCERPT_CHARS),
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1) as u32,
        toc,
        internal_links,
        images,
        unclosed_fence,
        faq,
        calculators,
        block_errors,
        math_errors,
        images_without_alt,
        text,
        code,
    }
}

/// The prose and the code of a body as plain text, one block per line.
/// Headings are left out: the table of contents carries them, and search
/// weighs them on their own. FAQ blocks are HTML by now; their entries say
/// the same in plain text.
fn plain_text(events: &[Event], faq: &[FaqEntry]) -> (String, String) {
    let (mut text, mut code) = (String::new(), String::new());
    let (mut in_code, mut in_heading) = (false, false);
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                code.push('\n');
            }
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_code => code.push_str(t),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if !in_heading =>
            {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak if !in_heading => text.push(' '),
            Event::End(TagEnd::TableCell) if !text.ends_with(char::is_whitespace) => {
                text.push(' ');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item)
                if !text.ends_with(char::is_whitespace) && !text.is_empty() =>
            {
                text.push('\n');
            }
            _ => {}
        }
    }
    for entry in faq {
        text.push_str(&format!("{}\n{}\n", entry.question, entry.answer));
    }
    (text.trim_end().to_owned(), code)
}

/// Renders every code block as a `code-block` box: a head naming the
/// language (where the app adds a copy button) over the code, highlighted
/// when the language is known. The highlighter escapes the code itself; the
/// sanitizer keeps its spans.
fn highlight_code(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::CodeBlock(kind)) = &event else {
            out.push(event);
            continue;
        };
        // The language is the info string's first word, e.g. `rust` of `rust,ignore`.
        let language: String = match kind {
            pulldown_cmark::CodeBlockKind::Fenced(info) => info
                .split([' ', ',', '{'])
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-' | '_'))
                .collect::<String>()
                .to_lowercase(),
            pulldown_cmark::CodeBlockKind::Indented => String::new(),
        };
        let code: String = iter
            .by_ref()
            .take_while(|e| !matches!(e, Event::End(TagEnd::CodeBlock)))
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        let body =
            match crate::highlight::highlight(&code, &language).filter(|_| !language.is_empty()) {
                Some(html) => html,
                None => {
                    let mut escaped = String::with_capacity(code.len());
                    // Writing into a String cannot fail.
                    let _ = pulldown_cmark_escape::escape_html_body_text(&mut escaped, &code);
                    escaped
                }
            };
        let (label, class) = if language.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("<span class=\"code-lang\">{language}</span>"),
                format!(" class=\"language-{language}\""),
            )
        };
        out.push(Event::Html(CowStr::from(format!(
            "<div class=\"code-block\"><div class=\"code-head\">{label}</div><pre><code{class}>{body}</code></pre></div>\n"
        ))));
    }
    out
}

/// Gives every heading an id (its own `{#id}`, else one made from its text,
/// made unique) and makes its text a link to itself, so readers can copy a
/// link to any section. Returns the h2/h3 headings as a table of contents.
fn link_headings(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<TocEntry>) {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut toc = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            out.push(event);
            continue;
        };
        let inner: Vec<Event<'_>> = iter
            .by_ref()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .collect();
        let text: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let base = id
            .as_deref()
            .map(str::to_string)
            .unwrap_or_else(|| slugify(&text));
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut unique = base.clone();
        for n in 2.. {
            if used.insert(unique.clone()) {
                break;
            }
            unique = format!("{base}-{n}");
        }
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            toc.push(TocEntry {
                level: level as u8,
                id: unique.clone(),
                title: text.trim().to_string(),
            });
        }
        // A heading that already holds a link cannot be wrapped in another.
        let wrap = !inner
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Link { .. })));
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique.clone())),
            classes,
            attrs,
        }));
        if wrap {
            out.push(Event::InlineHtml(CowStr::from(format!(
                r##"<a class="heading-link" href="#{unique}">"##
            ))));
        }
        out.extend(inner);
        if wrap {
            out.push(Event::InlineHtml(CowStr::from("</a>")));
        }
        out.push(Event::End(TagEnd::Heading(level)));
    }
    (out, toc)
}

/// Whether `event`, straight from the parser, needs the allowlist
/// sanitizer. pulldown-cmark escapes every text and attribute value it
/// writes, and writes only tags and attributes the allowlist keeps; what
/// escaping cannot make safe is raw HTML, a URL with another scheme than
/// http, https or mailto, and a heading's own attributes (`{onclick=…}`).
/// Math counts too: its MathML carries `style` attributes the CSP forbids.
/// A body with none of these is already what the sanitizer would keep, and
/// parsing it again (html5ever, a third of the compile) would change
/// nothing: `fast_path_output_is_what_the_sanitizer_keeps` checks that.
fn needs_sanitizer(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
            true
        }
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !is_plain_url(dest_url)
        }
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    }
}

/// A URL whose scheme is http, https or mailto, or which has none: a path,
/// a fragment or a query. Anything unusual (a control character or space
/// anywhere, which browsers strip before they read the scheme) is not plain.
fn is_plain_url(url: &str) -> bool {
    if url
        .bytes()
        .any(|b| b.is_ascii_control() || b == b' ' || b == b'\\')
    {
        return false;
    }
    let lower = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if lower("http://") || lower("https://") || lower("mailto:") {
        return true;
    }
    // No scheme: the first of `:/?#` is not a colon.
    url.find([':', '/', '?', '#'])
        .is_none_or(|at| url.as_bytes()[at] != b':')
}

/// Heading ids use the same rule as tag URLs.
pub use quire_model::slugify;

/// Removes everything not on the allowlist: scripts, event handlers, `javascript:`
/// URLs, styles, frames. Links leaving the site get `rel="noopener noreferrer"`.
/// The MathML Core elements `math::to_mathml` writes.
const MATHML_TAGS: [&str; 22] = [
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "mtext",
    "mspace",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mfrac",
    "msqrt",
    "mroot",
    "mtable",
    "mtr",
    "mtd",
    "merror",
];

pub fn sanitize(html: &str) -> String {
    finish(&SANITIZER.clean(html).to_string())
}

/// The allowlist: what a post's HTML may hold.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        // Task lists render as disabled checkboxes.
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        // Code blocks scroll sideways; keyboard users must be able to reach them.
        .add_tag_attributes("pre", ["tabindex"])
        .add_tag_attributes("table", ["tabindex"])
        // Heading anchors and footnotes link to ids; code blocks carry a language class.
        .add_generic_attributes(["id", "class"])
        // Math, as `math::to_mathml` writes it (MathML Core). Its inline
        // `style` attributes (colours, custom spaces) are dropped like
        // every other: the Content-Security-Policy forbids them.
        .add_tags(MATHML_TAGS)
        .add_tag_attributes("math", ["display"])
        .add_tag_attributes("annotation", ["encoding"])
        .add_tag_attributes("mi", ["mathvariant"])
        .add_tag_attributes(
            "mo",
            [
                "stretchy",
                "symmetric",
                "largeop",
                "movablelimits",
                "minsize",
                "maxsize",
            ],
        )
        .add_tag_attributes("mfrac", ["linethickness"])
        .add_tag_attributes("mspace", ["width", "height", "depth"])
        .add_tag_attributes("mtable", ["displaystyle", "scriptlevel"])
        .add_tag_attributes("mrow", ["displaystyle", "scriptlevel"])
        // Authors' own `rel` is dropped; `finish` sets ours.
        .link_rel(None)
        .url_schemes(HashSet::from(["http", "https", "mailto"]));
    builder
});

/// What the sanitized HTML still needs: links that leave the site get
/// `rel="noopener noreferrer"` (links within it keep none, so the app's
/// router treats them as ordinary navigation), and task-list checkboxes a
/// name screen readers can announce.
fn finish(html: &str) -> String {
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!(
            r#"a[href^="http://" i], a[href^="https://" i], a[href^="//"]"#,
            |a| {
                a.set_attribute("rel", "noopener noreferrer")?;
                Ok(())
            }
        ))
        .append_element_content_handler(lol_html::element!("pre, table", |block| {
            // Both scroll sideways on narrow screens, so keyboard users must
            // be able to reach them; in reading order, never ahead of it.
            block.set_attribute("tabindex", "0")?;
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!(r#"input[type="checkbox"]"#, |input| {
            let label = if input.has_attribute("checked") {
                "Done"
            } else {
                "Not done"
            };
            input.set_attribute("aria-label", label)?;
            Ok(())
        }));
    // The input is ammonia's well-formed output, so rewriting cannot fail; if it
    // ever did, the sanitized HTML without `rel` is still safe to return.
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// `text` cut at a word boundary so it is at most `max` characters, with `…`.
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids_links_and_a_toc() {
        let r = render("## Set up\n\n### Details\n\n## Set up\n\n#### Deep\n\n## Custom {#mine}\n\n## [Linked](https://x.dev)");
        assert_eq!(
            r.html,
            "<h2 id=\"set-up\"><a class=\"heading-link\" href=\"#set-up\">Set up</a></h2>\n\
             <h3 id=\"details\"><a class=\"heading-link\" href=\"#details\">Details</a></h3>\n\
             <h2 id=\"set-up-2\"><a class=\"heading-link\" href=\"#set-up-2\">Set up</a></h2>\n\
             <h4 id=\"deep\"><a class=\"heading-link\" href=\"#deep\">Deep</a></h4>\n\
             <h2 id=\"mine\"><a class=\"heading-link\" href=\"#mine\">Custom</a></h2>\n\
             <h2 id=\"linked\"><a href=\"https://x.dev\" rel=\"noopener noreferrer\">Linked</a></h2>\n"
        );
        let toc: Vec<_> = r
            .toc
            .iter()
            .map(|t| (t.level, t.id.as_str(), t.title.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "set-up", "Set up"),
                (3, "details", "Details"),
                (2, "set-up-2", "Set up"),
                (2, "mine", "Custom"),
                (2, "linked", "Linked")
            ]
        );
    }

    #[test]
    fn finds_internal_links_and_unclosed_fences() {
        let r = render("See [a](/posts/a) and [b](https://b.dev) and ![c](/img/c.png).\n\n```sql\nSELECT 1;\n```\n");
        assert_eq!(r.internal_links, [("/posts/a".to_string(), 4)]);
        assert_eq!(r.images, [("/img/c.png".to_string(), 45)]);
        assert_eq!(r.unclosed_fence, None);
        assert_eq!(
            render("Text\n\n```rust\nfn main() {}\n").unclosed_fence,
            Some(6)
        );
        assert_eq!(render("~~~\ncode\n~~~").unclosed_fence, None);
        assert_eq!(render("```\n```").unclosed_fence, None);
    }

    #[test]
    fn slugs_from_heading_text() {
        assert_eq!(
            slugify("Setting up replication (v2)"),
            "setting-up-replication-v2"
        );
        assert_eq!(slugify("  Why -- now? "), "why-now");
        assert_eq!(slugify("Größe & Maß"), "größe-maß");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn search_text_keeps_prose_and_code_apart_without_headings() {
        let rendered = render(
            "Intro with `work_mem`.\n\n## Tuning\n\n- one *item*\n- two\n\n\
             | a | b |\n|---|---|\n| x | y |\n\n```sh\nrestic backup\n```\n",
        );
        assert_eq!(
            rendered.text,
            "Intro with work_mem.\none item\ntwo\na b x y"
        );
        assert_eq!(rendered.code, "restic backup\n\n");
    }

    #[test]
    fn reading_time_is_at_least_one_minute() {
        assert_eq!(render("Hello").reading_minutes, 1);
        let long = "word ".repeat(WORDS_PER_MINUTE * 3 + 1);
        assert_eq!(render(&long).reading_minutes, 4);
    }

    #[test]
    fn excerpt_is_the_first_paragraph() {
        let r = render("# Heading\n\nFirst *para*\ngraph.\n\nSecond.");
        assert_eq!(r.excerpt, "First para graph.");
    }

    #[test]
    fn long_excerpt_is_cut_at_a_word() {
        let text = "alpha ".repeat(60);
        let excerpt = render(&text).excerpt;
        assert!(excerpt.chars().count() <= EXCERPT_CHARS, "{excerpt}");
        assert!(excerpt.ends_with("alpha…"), "{excerpt}");
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[x](javascript:alert(1))\n\n<a href=\"JaVaScRiPt:alert(1)\">y</a>",
        )
        .html;
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{html}");
        assert!(!lower.contains("onerror"), "{html}");
        assert!(!lower.contains("javascript:"), "{html}");
    }

    #[test]
    fn unsafe_markdown_without_raw_html_is_sanitized_too() {
        for (markdown, unsafe_part) in [
            ("[x](javascript:alert(1))", "javascript:"),
            ("[x](java&#9;script:alert(1))", "javascript:"),
            ("<javascript:alert(1)>", "href=\"javascript:"),
            ("![x](data:text/html,hi)", "data:"),
            ("## Title {onclick=alert(1)}", "onclick"),
            ("[x](vbscript:msgbox)", "vbscript:"),
        ] {
            let html = render(markdown).html;
            assert!(!html.contains(unsafe_part), "{markdown} gave {html}");
        }
    }

    #[test]
    fn plain_urls_are_those_without_a_foreign_scheme() {
        for url in [
            "/posts/a",
            "#top",
            "?q=1",
            "img/a.png",
            "https://x.dev/a:b",
            "MAILTO:a@b.c",
            "a/b:c",
        ] {
            assert!(is_plain_url(url), "{url}");
        }
        for url in [
            "javascript:x",
            "data:x",
            "java\tscript:x",
            " https://x",
            "x:y",
            "a\\b",
        ] {
            assert!(!is_plain_url(url), "{url}");
        }
    }

    /// Each element with its attribute names, sorted: what the sanitizer
    /// would remove shows as a difference.
    fn elements(html: &str) -> Vec<String> {
        let found = std::cell::RefCell::new(Vec::new());
        let settings = lol_html::RewriteStrSettings::new().append_element_content_handler(
            lol_html::element!("*", |element| {
                let mut names: Vec<String> =
                    element.attributes().iter().map(|a| a.name()).collect();
                names.sort();
                found
                    .borrow_mut()
                    .push(format!("{} {}", element.tag_name(), names.join(" ")));
                Ok(())
            }),
        );
        lol_html::rewrite_str(html, settings).expect("HTML the compiler wrote");
        let mut found = found.into_inner();
        found.sort();
        found
    }

    const PIECES: [&str; 26] = [
        "Plain text & <angle> \"quotes\" 'apostrophes'",
        "## Heading {#own-id .wide}",
        "## Heading {onclick=alert(1)}",
        "[site](https://example.com \"Title\")",
        "[bad](javascript:alert(1))",
        "[tab](java&#9;script:alert(1))",
        "<https://auto.example>",
        "<javascript:alert(1)>",
        "<mail@example.com>",
        "![alt](/images/a.png \"t\")",
        "![alt](data:image/png;base64,AAAA)",
        "`inline code`",
        "```rust\nfn main() {}\n```",
        "```\n<script>alert(1)</script>\n```",
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "- [x] done\n- [ ] not yet",
        "Note[^1].\n\n[^1]: The note.",
        "3. three\n4. four",
        "> quoted *em* **strong** ~~gone~~",
        "---",
        "<script>alert(1)</script>",
        "<b onclick=\"x\">raw</b>",
        "Price $5 and $x^2$",
        "[rel](../up \"u\")",
        "[query](?a=1&b=2)",
        "Line  \nbreak",
    ];

    proptest::proptest! {
        #[test]
        fn fast_path_output_is_what_the_sanitizer_keeps(
            picks in proptest::collection::vec(0..PIECES.len(), 1..8)
        ) {
            let markdown: Vec<&str> = picks.iter().map(|&i| PIECES[i]).collect();
            let html = render(&markdown.join("\n\n")).html;
            // `finish` adds what the allowlist alone would drop (`rel`).
            let kept = finish(&SANITIZER.clean(&html).to_string());
            proptest::prop_assert_eq!(elements(&html), elements(&kept), "{}", html);
        }
    }

    #[test]
    fn only_external_links_get_noopener() {
        let html = render("[site](https://example.com) [faq](/faq) [up](#top) <a href=\"HTTPS://x.dev\" rel=\"opener\">x</a>").html;
        assert_eq!(
            html,
            "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\">site</a> <a href=\"/faq\">faq</a> \
             <a href=\"#top\">up</a> <a href=\"HTTPS://x.dev\" rel=\"noopener noreferrer\">x</a></p>\n"
        );
    }
}
