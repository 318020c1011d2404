//! Posts as authors write them: what compiles, and the exact message for what doesn't.

use std::path::Path;

use quire_compiler::document::parse_post;

fn errors(text: &str) -> Vec<String> {
    match parse_post(Path::new("content/posts/p.md"), text) {
        Ok(post) => panic!("expected an error, got {post:?}"),
        Err(d) => d.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn a_complete_post_compiles() {
    let post = parse_post(
        Path::new("content/posts/row-level-security.md"),
        "---\ntitle: Row-level security\ndate: 2026-02-03\nsummary: Why.\ntopic: postgres\ntags: [sql, security]\n---\n\nBody text.\n",
    )
    .unwrap();
    assert_eq!(post.summary.slug, "row-level-security");
    assert_eq!(post.summary.title, "Row-level security");
    assert_eq!(post.summary.date, "2026-02-03");
    assert_eq!(post.summary.summary, "Why.");
    assert_eq!(post.summary.topic.as_deref(), Some("postgres"));
    assert_eq!(post.summary.tags, ["sql", "security"]);
    assert!(!post.summary.draft);
    assert_eq!(post.html, "<p>Body text.</p>\n");
}

#[test]
fn a_missing_summary_becomes_an_excerpt() {
    let post = parse_post(
        Path::new("a.md"),
        "---\ntitle: T\ndate: 2026-01-01\n---\nFirst words here.\n\nMore.",
    )
    .unwrap();
    assert_eq!(post.summary.summary, "First words here.");
}

/// Asserts, for each (name, input, expected) case, the first diagnostic exactly.
fn assert_first_errors(cases: &[(&str, &str, &str)]) {
    for (name, input, expected) in cases {
        let found = errors(input);
        assert_eq!(
            found.first().map(String::as_str),
            Some(*expected),
            "case: {name}"
        );
    }
}

/// Each malformed input and the exact diagnostic (file:line:col: message — fix).
#[test]
fn malformed_posts_name_file_line_and_fix() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "no front matter",
            "# Just a heading\n",
            "content/posts/p.md:1:1: this post has no front matter — start the file with a line `---`, then `title: …` and `date: YYYY-MM-DD`, then a closing `---`",
        ),
        (
            "unclosed front matter",
            "---\ntitle: A\ndate: 2026-01-01\n\nBody",
            "content/posts/p.md:1:1: the front matter opened here is never closed — add a line `---` after the last front-matter field",
        ),
        (
            "missing title",
            "---\ndate: 2026-01-01\n---\nBody",
            "content/posts/p.md:1:1: this post has no `title` — add a line `title: Your title` to the front matter",
        ),
        (
            "blank title",
            "---\ntitle: '  '\ndate: 2026-01-01\n---\nBody",
            "content/posts/p.md:2:1: this post has no `title` — add a line `title: Your title` to the front matter",
        ),
        (
            "missing date",
            "---\ntitle: A\n---\nBody",
            "content/posts/p.md:1:1: this post has no `date` — add a line `date: YYYY-MM-DD` (the publication date) to the front matter",
        ),
        (
            "invalid date",
            "---\ntitle: A\nsummary: s\ndate: 2026-13-45\n---\nBody",
            "content/posts/p.md:4:1: `date: 2026-13-45` is not a valid date — write a date as YYYY-MM-DD, e.g. `2026-03-14` (or a full RFC 3339 time)",
        ),
        (
            "empty front matter",
            "---\n---\nBody",
            "content/posts/p.md:1:1: this post has no `title` — add a line `title: Your title` to the front matter",
        ),
    ];
    assert_first_errors(cases);
}

#[test]
fn more_malformed_posts() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unclosed TOML",
            "+++\ntitle = \"A\"\n",
            "content/posts/p.md:1:1: the front matter opened here is never closed — add a line `+++` after the last front-matter field",
        ),
        (
            "bad TOML value",
            "+++\ntitle = \"A\"\ndate = 2026-01-01\ndraft = maybe\n+++\n",
            "content/posts/p.md:4:9: invalid front matter: string values must be quoted, expected literal string — write each field as `name = value`, with text in double quotes",
        ),
        (
            "TOML unknown key",
            "+++\ntitle = \"A\"\ndate = 2026-01-01\ntgas = [\"x\"]\n+++\n",
            "content/posts/p.md:4:1: invalid front matter: unknown field `tgas`, expected one of `title`, `date`, `updated`, `summary`, `description`, `topic`, `tags`, `draft`, `publish_at`, `featured`, `series`, `canonical_url`, `cover`, `cover_alt`, `slug`, `aliases`, `social_image` — did you mean `tags`?",
        ),
        (
            "invalid updated",
            "---\ntitle: A\ndate: 2026-01-01\nupdated: last week\n---\n",
            "content/posts/p.md:4:1: `updated: last week` is not a valid date — write a date as YYYY-MM-DD, e.g. `2026-03-14` (or a full RFC 3339 time)",
        ),
        (
            "invalid publish_at",
            "---\ntitle: A\ndate: 2026-01-01\npublish_at: soon\n---\n",
            "content/posts/p.md:4:1: `publish_at: soon` is not a valid time — write `publish_at: 2026-03-14T09:00:00Z` (RFC 3339) or a date",
        ),
        (
            "invalid slug override",
            "---\ntitle: A\ndate: 2026-01-01\nslug: Hello World\n---\n",
            "content/posts/p.md:4:1: `slug: Hello World` has characters other than lowercase letters, digits and hyphens — use lowercase letters, digits and hyphens, e.g. `my-first-post`",
        ),
        (
            "relative canonical URL",
            "---\ntitle: A\ndate: 2026-01-01\ncanonical_url: /elsewhere\n---\n",
            "content/posts/p.md:4:1: `canonical_url: /elsewhere` is not an absolute URL — write the full address, e.g. `https://example.com/original-post`",
        ),
        (
            "tags not a list",
            "---\ntitle: A\ndate: 2026-01-01\ntags: 5\n---\n",
            "content/posts/p.md:4:7: invalid front matter: expected sequence start — write a list, e.g. `tags: [postgres, security]`",
        ),
    ];
    assert_first_errors(cases);
}

/// Mistakes in the site's own blocks, pointing at the line inside the block.
#[test]
fn malformed_blocks() {
    const HEAD: &str = "---\ntitle: A\ndate: 2026-01-01\n---\n\n";
    let cases: &[(&str, &str, &str)] = &[
        (
            "FAQ without questions",
            "```faq\n```\n",
            "content/posts/p.md:6:1: this FAQ block has no questions — start each question with `Q:` on its own line, the answer on the lines after it",
        ),
        (
            "FAQ text before a question",
            "```faq\nIntro\nQ: Why?\nBecause.\n```\n",
            "content/posts/p.md:7:1: FAQ text before the first question — start each question with `Q:` on its own line, the answer on the lines after it",
        ),
        (
            "FAQ question without an answer",
            "```faq\nQ: Why?\nBecause.\nQ: How?\n```\n",
            "content/posts/p.md:9:1: the FAQ question “How?” has no answer — write the answer on the lines after the question",
        ),
        (
            "calculator misspelt",
            "```calculator rosa\n```\n",
            "content/posts/p.md:6:1: there is no calculator `rosa` — did you mean `calculator roas`?",
        ),
        (
            "calculator not named",
            "```calculator\n```\n",
            "content/posts/p.md:6:1: this calculator block does not say which calculator — write one of: `calculator roas`, `calculator cac`, `calculator ltv`, `calculator cohort`",
        ),
        (
            "calculator input misspelt",
            "```calculator roas\nrevenue = 100\nspnd = 5\n```\n",
            "content/posts/p.md:8:1: the ROAS calculator has no input `spnd` — did you mean `spend`?",
        ),
        (
            "calculator input not a number",
            "```calculator ltv\nchurn = lots\n```\n",
            "content/posts/p.md:7:1: `churn = lots`: Monthly churn must be a number, like 1200 or 1,200.50 — percentages are percent numbers: `70` means 70%",
        ),
        (
            "calculator preset without a value",
            "```calculator cac\nmarketing\n```\n",
            "content/posts/p.md:7:1: `marketing` is not a preset — write one input per line as `key = value`, e.g. `margin = 70`",
        ),
        (
            "cohort block with a bad date",
            "```calculator cohort\nc1,2026-01-05\nc2,yesterday\n```\n",
            "content/posts/p.md:8:1: the cohort block's data: row 2, column 2 (date): `yesterday` is not a date; use YYYY-MM-DD, YYYY-MM, DD.MM.YYYY or MM/DD/YYYY — fix that row: the block's rows are the events the calculator opens with",
        ),
    ];
    let cases: Vec<(&str, String, &str)> = cases
        .iter()
        .map(|(name, body, expected)| (*name, format!("{HEAD}{body}"), *expected))
        .collect();
    let cases: Vec<(&str, &str, &str)> = cases
        .iter()
        .map(|(name, text, expected)| (*name, text.as_str(), *expected))
        .collect();
    assert_first_errors(&cases);
}

#[test]
fn toml_front_matter_with_every_field() {
    let text = "+++\ntitle = \"Scaling Postgres\"\ndate = 2026-04-01\nupdated = 2026-05-02T10:00:00Z\n\
                description = \"How.\"\ntopic = \"postgresql\"\ntags = [\"a\"]\nfeatured = true\nseries = \"Postgres\"\n\
                canonical_url = \"https://elsewhere.example/p\"\ncover = \"/img/c.png\"\nslug = \"scaling-pg\"\n\
                publish_at = 2026-04-02T08:00:00Z\n+++\nBody.\n";
    let post = parse_post(Path::new("content/posts/whatever.md"), text).unwrap();
    let s = &post.summary;
    assert_eq!(
        (s.slug.as_str(), s.date.as_str(), s.updated.as_deref()),
        ("scaling-pg", "2026-04-01", Some("2026-05-02"))
    );
    assert_eq!(s.summary, "How.");
    assert!(s.featured);
    assert_eq!(s.series.as_deref(), Some("Postgres"));
    assert_eq!(
        s.canonical_url.as_deref(),
        Some("https://elsewhere.example/p")
    );
    assert_eq!(
        post.cover.as_ref().map(|(url, _)| url.as_str()),
        Some("/img/c.png")
    );
    assert_eq!(post.publish_at.unwrap().to_string(), "2026-04-02T08:00:00Z");
}

#[test]
fn missing_title_and_date_are_both_reported() {
    assert_eq!(errors("---\nsummary: s\n---\n").len(), 2);
}

#[test]
fn unparsable_yaml_points_at_its_line() {
    let found = errors("---\ntitle: A\ndate: 2026-01-01\ntags: [a, b\n---\nBody");
    let first = &found[0];
    assert!(first.starts_with("content/posts/p.md:"), "{first}");
    let line: usize = first.split(':').nth(1).unwrap().parse().unwrap();
    assert!(
        (4..=6).contains(&line),
        "points into the front matter near `tags`: {first}"
    );
    assert!(first.contains("invalid front matter"), "{first}");
}

#[test]
fn a_wrongly_typed_field_is_an_error() {
    let found = errors("---\ntitle: A\ndate: 2026-01-01\ndraft: maybe\n---\n");
    assert!(found[0].starts_with("content/posts/p.md:4:"), "{found:?}");
}

#[test]
fn an_unknown_field_is_an_error() {
    let found = errors("---\ntitle: A\ndate: 2026-01-01\ntitel: typo\n---\n");
    assert!(found[0].starts_with("content/posts/p.md:4:"), "{found:?}");
    assert!(found[0].contains("titel"), "{found:?}");
    assert!(found[0].ends_with("— did you mean `title`?"), "{found:?}");
}

#[test]
fn a_bad_file_name_is_an_error() {
    let err = parse_post(
        Path::new("content/posts/My Post.md"),
        "---\ntitle: A\ndate: 2026-01-01\n---\n",
    )
    .unwrap_err();
    assert!(err.iter().next().unwrap().message.contains("`My Post`"));
}

#[test]
fn warnings_do_not_fail_the_build() {
    let post = parse_post(
        Path::new("content/posts/p.md"),
        "---\ntitle: A\ndate: 2026-01-01\n---\n\nText.\n\n![](/diagram.png) and ![a chart](/chart.png)\n",
    )
    .unwrap();
    let warnings: Vec<String> = post.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "content/posts/p.md:1:1: this post has no summary, so listings and feeds show its first paragraph — add `summary:` with a sentence or two that says what the reader will learn",
            "content/posts/p.md:8:1: this image has no alt text — describe it in the brackets, `![what it shows](…)`, for readers who cannot see it",
        ]
    );
    let with_summary = parse_post(
        Path::new("content/posts/p.md"),
        "---\ntitle: A\ndate: 2026-01-01\ndescription: Why.\n---\n\nText.\n",
    )
    .unwrap();
    assert!(with_summary.warnings.is_empty());
}
