//! Feeds, sitemap and robots.txt of a compiled site, parsed back to check them.

use std::fs;
use std::path::Path;

use quire_compiler::{compile_site, CompileOptions};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn site(feed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "quire.toml",
        &format!("[site]\ntitle = \"Notes & <Things>\"\ntagline = \"T\"\nbase_url = \"https://n.example/\"\nauthor = \"Ada\"\n{feed}"),
    );
    for day in 1..=4 {
        write(
            dir.path(),
            &format!("content/posts/post-{day}.md"),
            &format!("---\ntitle: Post {day} & <more>\ndate: 2026-01-0{day}\ntags: [t{day}]\n---\nBody *{day}*.\n"),
        );
    }
    write(
        dir.path(),
        "content/pages/about.md",
        "---\ntitle: About\n---\nHi.\n",
    );
    dir
}

fn file<'a>(files: &'a [(&'static str, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn rss_is_valid_newest_first_and_limited() {
    let dir = site("[feed]\nitems = 3\n");
    let compiled = compile_site(dir.path(), CompileOptions::default()).unwrap();
    let channel =
        rss::Channel::read_from(file(&compiled.root_files, "feed.xml").as_bytes()).unwrap();
    assert_eq!(channel.title(), "Notes & <Things>");
    assert_eq!(channel.link(), "https://n.example/");
    let items = channel.items();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].title(), Some("Post 4 & <more>"));
    assert_eq!(items[0].link(), Some("https://n.example/posts/post-4"));
    assert_eq!(
        items[0].guid().unwrap().value(),
        "https://n.example/posts/post-4"
    );
    assert_eq!(items[0].pub_date(), Some("Sun, 4 Jan 2026 00:00:00 +0000"));
    assert_eq!(items[0].description(), Some("Body 4."));
    assert_eq!(items[0].categories()[0].name(), "t4");
}

#[test]
fn atom_is_valid_and_can_carry_full_content() {
    let dir = site("[feed]\nfull_content = true\n");
    let compiled = compile_site(dir.path(), CompileOptions::default()).unwrap();
    let feed = atom_syndication::Feed::read_from(file(&compiled.root_files, "atom.xml").as_bytes())
        .unwrap();
    assert_eq!(feed.entries().len(), 4);
    assert_eq!(feed.authors()[0].name(), "Ada");
    assert_eq!(feed.updated().to_rfc3339(), "2026-01-04T00:00:00+00:00");
    let first = &feed.entries()[0];
    assert_eq!(first.id(), "https://n.example/posts/post-4");
    assert_eq!(
        first.content().unwrap().value(),
        Some("<p>Body <em>4</em>.</p>\n")
    );
}

#[test]
fn sitemap_lists_every_route_and_robots_points_to_it() {
    let dir = site("");
    let compiled = compile_site(dir.path(), CompileOptions::default()).unwrap();
    let sitemap = file(&compiled.root_files, "sitemap.xml");
    for url in [
        "<loc>https://n.example/</loc>",
        "<loc>https://n.example/posts/post-1</loc><lastmod>2026-01-01</lastmod>",
        "<loc>https://n.example/about</loc>",
        "<loc>https://n.example/calculators/roas</loc>",
        "<loc>https://n.example/calculators/cohort</loc>",
        "<loc>https://n.example/posts</loc>",
        "<loc>https://n.example/topics</loc>",
        "<loc>https://n.example/tags/t3</loc>",
    ] {
        assert!(sitemap.contains(url), "{url} missing from\n{sitemap}");
    }
    // Landing, topics, archive, 4 tags, 4 posts, a page, calculators and 4
    // calculators; search results are not for search engines.
    assert_eq!(
        sitemap.matches("<url>").count(),
        1 + 1 + 1 + 4 + 4 + 1 + 1 + 4
    );
    assert!(!sitemap.contains("/search"));
    assert!(
        file(&compiled.root_files, "robots.txt").contains("Sitemap: https://n.example/sitemap.xml")
    );
}
