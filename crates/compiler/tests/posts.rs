//! Posts as authors write them: what compiles, and the exact message for what doesn't.

use std::path::Path;

use quire_compiler::post::parse_post;

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
            "content/posts/p.md:1:1: this post has no `title` — add a line `title: Your post's title` to the front matter",
        ),
        (
            "blank title",
            "---\ntitle: '  '\ndate: 2026-01-01\n---\nBody",
            "content/posts/p.md:1:1: this post has no `title` — add a line `title: Your post's title` to the front matter",
        ),
        (
            "missing date",
            "---\ntitle: A\n---\nBody",
            "content/posts/p.md:1:1: this post has no `date` — add a line `date: YYYY-MM-DD` (the publication date) to the front matter",
        ),
        (
            "invalid date",
            "---\ntitle: A\nsummary: s\ndate: 2026-13-45\n---\nBody",
            "content/posts/p.md:4:1: `date: 2026-13-45` is not a valid date — write the date as YYYY-MM-DD, e.g. `date: 2026-03-14`",
        ),
        (
            "empty front matter",
            "---\n---\nBody",
            "content/posts/p.md:1:1: this post has no `title` — add a line `title: Your post's title` to the front matter",
        ),
    ];
    for (name, input, expected) in cases {
        let found = errors(input);
        assert_eq!(
            found.first().map(String::as_str),
            Some(*expected),
            "case: {name}"
        );
    }
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
