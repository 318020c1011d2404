//! A whole site compiled from a directory, and written atomically.

use std::fs;
use std::path::Path;

use quire_compiler::{
    compile_site, write_bundles, write_bundles_with, CompileOptions, ContentStore,
};
use quire_model::{post_bundle_file, ListKey, PostBundle, PostIndex};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A real PNG of `width`×`height` with a gradient, so variants differ.
fn write_png(root: &Path, rel: &str, width: u32, height: u32) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    })
    .save(path)
    .unwrap();
}

/// The compiled bundle of the post `slug`.
fn post_of<'a>(compiled: &'a quire_compiler::CompiledSite, slug: &str) -> &'a PostBundle {
    compiled
        .posts
        .iter()
        .find(|p| p.post.slug == slug)
        .unwrap_or_else(|| panic!("no post `{slug}` was compiled"))
}

/// Adds `toml` to the site's quire.toml, after a blank line.
fn append_config(root: &Path, toml: &str) {
    let config = fs::read_to_string(root.join("quire.toml")).unwrap();
    write(root, "quire.toml", &format!("{config}\n{toml}"));
}

fn fixture_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "quire.toml",
        "[site]\ntitle = \"Test site\"\ntagline = \"Notes\"\nbase_url = \"https://test.example\"\n\n\
         [[topics]]\nslug = \"ops\"\nname = \"Ops\"\n",
    );
    write(
        dir.path(),
        "content/posts/older.md",
        "---\ntitle: Older\ndate: 2025-12-31\n---\nOld news.\n",
    );
    write(
        dir.path(),
        "content/posts/newer.md",
        "---\ntitle: Newer\ndate: 2026-01-15\ntopic: ops\ntags: [a]\n---\nFresh.\n",
    );
    write(
        dir.path(),
        "content/posts/wip.md",
        "---\ntitle: WIP\ndate: 2026-02-01\ndraft: true\n---\nSoon.\n",
    );
    write(dir.path(), "content/posts/notes.txt", "not a post");
    dir
}

#[test]
fn posts_are_indexed_newest_first_without_drafts() {
    let site = fixture_site();
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_eq!(compiled.index.site.title, "Test site");
    let slugs: Vec<_> = compiled
        .index
        .latest
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(slugs, ["newer", "older"]);
}

#[test]
fn drafts_are_included_on_request_and_marked() {
    let site = fixture_site();
    let compiled = compile_site(
        site.path(),
        CompileOptions {
            include_drafts: true,
            ..Default::default()
        },
    )
    .unwrap();
    let wip = compiled
        .index
        .latest
        .iter()
        .find(|p| p.slug == "wip")
        .unwrap();
    assert!(wip.draft);
    assert_eq!(compiled.index.latest[0].slug, "wip");
}

#[test]
fn bundles_are_written_as_json() {
    let site = fixture_site();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("content");
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    write_bundles(&compiled, &target).unwrap();

    let index: PostIndex =
        serde_json::from_slice(&fs::read(target.join("index.json")).unwrap()).unwrap();
    assert_eq!(index, compiled.index);
    let newer: PostBundle = serde_json::from_slice(
        &fs::read(target.join(post_bundle_file(&index.build, "newer"))).unwrap(),
    )
    .unwrap();
    assert_eq!(newer.html, "<p>Fresh.</p>\n");
    assert!(!target.join(post_bundle_file(&index.build, "wip")).exists());
    // Nothing but the tree itself is left beside it.
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn every_broken_post_is_reported_and_nothing_is_written() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/broken-one.md",
        "---\ntitle: A\n---\n",
    );
    write(
        site.path(),
        "content/posts/broken-two.md",
        "no front matter\n",
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("content");
    fs::create_dir_all(&target).unwrap();
    fs::write(target.join("index.json"), "previous build").unwrap();

    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let files: Vec<_> = problems
        .iter()
        .map(|d| d.file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["broken-one.md", "broken-two.md"]);
    assert!(problems
        .to_string()
        .ends_with("2 problems found; nothing was written"));
    // The caller writes only on success, so the previous build is intact.
    assert_eq!(
        fs::read_to_string(target.join("index.json")).unwrap(),
        "previous build"
    );
}

#[test]
fn a_bad_config_names_its_line() {
    let site = fixture_site();
    write(
        site.path(),
        "quire.toml",
        "[site]\ntitle = \"T\"\nbase_url = \"https://x.example\"\ntitel = \"typo\"\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let first = problems.iter().next().unwrap().to_string();
    assert!(first.contains("quire.toml:4:1:"), "{first}");
    assert!(first.contains("titel"), "{first}");
}

#[test]
fn topics_carry_post_counts() {
    let site = fixture_site();
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let topics: Vec<_> = compiled
        .index
        .site
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.count))
        .collect();
    assert_eq!(topics, [("ops", 1)]);
}

#[test]
fn an_unknown_topic_is_an_error_with_a_suggestion() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/typo.md",
        "---\ntitle: T\ndate: 2026-01-01\ntopic: opps\n---\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let message = problems.iter().next().unwrap().to_string();
    assert!(message.ends_with("typo.md:4:1: unknown topic `opps` — did you mean `ops`? Topics are the [[topics]] of quire.toml"), "{message}");
}

#[test]
fn a_directory_without_quire_toml_is_not_a_site() {
    let empty = tempfile::tempdir().unwrap();
    let problems = compile_site(empty.path(), CompileOptions::default()).unwrap_err();
    let message = problems.to_string();
    assert!(
        message.contains("quire.toml:1:1: there is no site configuration here"),
        "{message}"
    );
}

#[test]
fn rewriting_replaces_the_previous_tree() {
    let site = fixture_site();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("content");
    fs::create_dir_all(target.join("posts")).unwrap();
    fs::write(target.join("posts/deleted-post.json"), "{}").unwrap();
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    write_bundles(&compiled, &target).unwrap();
    assert!(!target.join("posts/deleted-post.json").exists());
    assert!(target
        .join(post_bundle_file(&compiled.index.build, "older"))
        .exists());
}

// Unix: the test reads inode numbers to tell a link from a copy.
#[cfg(unix)]
#[test]
fn a_rebuild_links_the_files_that_did_not_change() {
    let site = fixture_site();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("content");
    let first = compile_site(site.path(), CompileOptions::default()).unwrap();
    let written = write_bundles(&first, &target).unwrap();
    assert_eq!(written.reused, 0);
    assert!(written.written > 5, "{written:?}");

    // Nothing changed: every file but the index comes from the previous tree.
    let same = write_bundles(&first, &target).unwrap();
    assert_eq!(same.written + same.reused, written.written);
    assert!(same.written <= 1, "{same:?}");

    // One post edited: the build directory is new, yet only what the edit
    // touched is written, and every file reads as the new build says.
    write(
        site.path(),
        "content/posts/older.md",
        "---\ntitle: Older\ndate: 2025-12-31\n---\nOld news, corrected.\n",
    );
    let edited = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_ne!(edited.index.build, first.index.build);
    let inode = |build: &str| {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(target.join(post_bundle_file(build, "newer")))
            .unwrap()
            .ino()
    };
    let newer_before = inode(&first.index.build);
    let stats = write_bundles(&edited, &target).unwrap();
    assert!(
        stats.reused > 0 && stats.written < written.written,
        "{stats:?}"
    );
    assert_eq!(
        inode(&edited.index.build),
        newer_before,
        "the unchanged post is linked"
    );
    let older: PostBundle = serde_json::from_slice(
        &fs::read(target.join(post_bundle_file(&edited.index.build, "older"))).unwrap(),
    )
    .unwrap();
    assert!(older.html.contains("corrected"), "{}", older.html);
    let newer: PostBundle = serde_json::from_slice(
        &fs::read(target.join(post_bundle_file(&edited.index.build, "newer"))).unwrap(),
    )
    .unwrap();
    assert_eq!(&newer, post_of(&edited, "newer"));
    assert!(!target.join(&first.index.build).exists());
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn a_previous_file_with_other_bytes_is_not_reused() {
    let site = fixture_site();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("content");
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    write_bundles(&compiled, &target).unwrap();
    let newer = target.join(post_bundle_file(&compiled.index.build, "newer"));
    let original = fs::read(&newer).unwrap();
    fs::write(&newer, same_length_other_bytes(&original)).unwrap();
    write_bundles(&compiled, &target).unwrap();
    assert_eq!(fs::read(&newer).unwrap(), original);
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// `bytes` with one letter changed: only a byte comparison tells them apart.
fn same_length_other_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut other = bytes.to_vec();
    let at = other.iter().position(|&b| b == b'F').unwrap();
    other[at] = b'G';
    other
}

/// The inodes of every file under `dir`, and how many files there are.
#[cfg(unix)]
fn inodes(dir: &Path) -> (std::collections::BTreeSet<u64>, usize) {
    use std::os::unix::fs::MetadataExt;
    let mut found = std::collections::BTreeSet::new();
    let mut files = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                found.insert(entry.metadata().unwrap().ino());
                files += 1;
            }
        }
    }
    (found, files)
}

// As a release build goes: Trunk gives each build a new, empty directory
// and deletes the previous output, so there is no previous tree to link
// from; the store has every unchanged file.
#[cfg(unix)]
#[test]
fn a_build_into_an_empty_directory_links_unchanged_files_from_the_store() {
    let (site, out, store_dir) = (fixture_site(), tempdir(), tempdir());
    let store = ContentStore::new(store_dir.path());
    let target = out.path().join("content");
    let first = compile_site(site.path(), CompileOptions::default()).unwrap();
    let written = write_bundles_with(&first, &target, Some(&store)).unwrap();
    assert_eq!(written.reused, 0);
    assert!(written.written > 5, "{written:?}");

    fs::remove_dir_all(&target).unwrap();
    let again = write_bundles_with(&first, &target, Some(&store)).unwrap();
    assert_eq!((again.written, again.reused), (0, written.written));
    let (output, files) = inodes(&target);
    let (stored, _) = inodes(store_dir.path());
    assert!(
        files >= written.written && output == stored,
        "every file is the store's"
    );
    let newer: PostBundle = serde_json::from_slice(
        &fs::read(target.join(post_bundle_file(&first.index.build, "newer"))).unwrap(),
    )
    .unwrap();
    assert_eq!(&newer, post_of(&first, "newer"));

    // One post edited: only what it touched is written, and once the old
    // output is gone the store keeps exactly the new output's files.
    write(
        site.path(),
        "content/posts/older.md",
        "---\ntitle: Older\ndate: 2025-12-31\n---\nOld news, corrected.\n",
    );
    let edited = compile_site(site.path(), CompileOptions::default()).unwrap();
    fs::remove_dir_all(&target).unwrap();
    let stats = write_bundles_with(&edited, &target, Some(&store)).unwrap();
    assert!(
        stats.written > 0 && stats.reused > stats.written,
        "{stats:?}"
    );
    let older: PostBundle = serde_json::from_slice(
        &fs::read(target.join(post_bundle_file(&edited.index.build, "older"))).unwrap(),
    )
    .unwrap();
    assert!(older.html.contains("corrected"), "{}", older.html);
    assert_eq!(inodes(&target).0, inodes(store_dir.path()).0);
}

// A file of the output edited in place edits the store's copy (they are one
// file): the next build notices and writes it again.
#[cfg(unix)]
#[test]
fn a_stored_file_edited_through_an_output_is_not_linked_again() {
    let (site, out, store_dir) = (fixture_site(), tempdir(), tempdir());
    let store = ContentStore::new(store_dir.path());
    let target = out.path().join("content");
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    write_bundles_with(&compiled, &target, Some(&store)).unwrap();
    let newer = target.join(post_bundle_file(&compiled.index.build, "newer"));
    let original = fs::read(&newer).unwrap();
    let tampered = same_length_other_bytes(&original);
    fs::write(&newer, &tampered).unwrap();
    let edited_output = out.path().join("edited");
    fs::rename(&target, &edited_output).unwrap();
    let stats = write_bundles_with(&compiled, &target, Some(&store)).unwrap();
    assert_eq!(stats.written, 1, "{stats:?}");
    assert_eq!(fs::read(&newer).unwrap(), original);
    // The edited output keeps its edit; it no longer shares the store's file.
    let edited = edited_output.join(post_bundle_file(&compiled.index.build, "newer"));
    assert_eq!(fs::read(edited).unwrap(), tampered);
}

fn at(time: &str) -> CompileOptions {
    CompileOptions {
        include_drafts: false,
        now: time.parse().unwrap(),
    }
}

#[test]
fn scheduled_posts_appear_when_their_time_comes() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/later.md",
        "---\ntitle: Later\ndate: 2026-03-01\npublish_at: 2026-03-01T09:00:00Z\n---\n",
    );
    let slugs = |options| -> Vec<String> {
        compile_site(site.path(), options)
            .unwrap()
            .index
            .latest
            .iter()
            .map(|p| p.slug.clone())
            .collect()
    };
    assert_eq!(slugs(at("2026-03-01T08:59:59Z")), ["newer", "older"]);
    assert_eq!(
        slugs(at("2026-03-01T09:00:00Z")),
        ["later", "newer", "older"]
    );
    // Development builds show it early, marked.
    let dev = compile_site(
        site.path(),
        CompileOptions {
            include_drafts: true,
            now: "2026-01-01T00:00:00Z".parse().unwrap(),
        },
    )
    .unwrap();
    assert!(
        dev.index
            .latest
            .iter()
            .find(|p| p.slug == "later")
            .unwrap()
            .scheduled
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/copy.md",
        "---\ntitle: Copy\ndate: 2026-01-01\nslug: newer\n---\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let message = problems.iter().next().unwrap().to_string();
    // copy.md sorts first, so newer.md (whose slug comes from its name) is the one reported.
    assert!(
        message.contains("newer.md:1:1: the post slug `newer` is already used by "),
        "{message}"
    );
    assert!(
        message.contains("copy.md — give one of them another file name or `slug:`"),
        "{message}"
    );
}

#[test]
fn pages_are_bundled_and_cannot_take_reserved_routes() {
    let site = fixture_site();
    write(
        site.path(),
        "content/pages/faq.md",
        "---\ntitle: FAQ\ndescription: Questions.\n---\n## Why?\n\nBecause.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_eq!(compiled.pages.len(), 1);
    assert_eq!(
        (
            compiled.pages[0].slug.as_str(),
            compiled.pages[0].summary.as_str()
        ),
        ("faq", "Questions.")
    );
    let out = tempfile::tempdir().unwrap();
    write_bundles(&compiled, &out.path().join("content")).unwrap();
    assert!(out
        .path()
        .join("content")
        .join(quire_model::page_bundle_file(&compiled.index.build, "faq"))
        .exists());

    write(
        site.path(),
        "content/pages/calculators.md",
        "---\ntitle: Mine\n---\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    assert!(
        problems.to_string().contains(
            "calculators.md:1:1: the page slug `calculators` is one of the site's own routes"
        ),
        "{problems}"
    );
}

#[test]
fn internal_links_must_lead_somewhere() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/links.md",
        "---\ntitle: Links\ndate: 2026-01-01\n---\nFine: [a](/posts/older) [b](/calculators/roas#results) [c](/) [d](/feed.xml) \
         [t](/topics/ops) [ts](/topics) [g](/tags/a) [p](/posts).\n\n\
         Broken: [e](/posts/oldr).\n\nDraft: [f](/posts/wip) [x](/topics/nope) [y](/tags/nope)\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let messages: Vec<String> = problems
        .iter()
        .map(|d| format!("{}:{} {} — {}", d.line, d.column, d.message, d.fix))
        .collect();
    assert_eq!(
        messages,
        [
            "7:1 the link `/posts/oldr` leads nowhere on this site — did you mean `/posts/older`? (drafts and scheduled posts only exist in development builds)",
            "9:1 the link `/posts/wip` leads nowhere on this site — fix the slug, or remove the link; drafts and scheduled posts only exist in development builds",
            "9:1 the link `/topics/nope` leads nowhere on this site — link to a post (`/posts/slug`), a page (`/slug`), a calculator, or a file in public/",
            "9:1 the link `/tags/nope` leads nowhere on this site — link to a post (`/posts/slug`), a page (`/slug`), a calculator, or a file in public/",
        ]
    );
    // In a development build the draft exists, so only the typo remains.
    let dev = compile_site(
        site.path(),
        CompileOptions {
            include_drafts: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(dev.len(), 3);
}

#[test]
fn menu_links_must_lead_somewhere() {
    let site = fixture_site();
    append_config(
        site.path(),
        "[[menu]]\nname = \"Ops\"\nurl = \"/topics/ops\"\n\n[[menu]]\nname = \"Work\"\nurl = \"/work\"\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let messages: Vec<String> = problems
        .iter()
        .map(|d| format!("{}: {}", d.line, d.message))
        .collect();
    assert_eq!(
        messages,
        ["16: the menu link `/work` leads nowhere on this site"]
    );
    write(
        site.path(),
        "content/pages/work.md",
        "---\ntitle: Work\n---\nCase studies.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let menu: Vec<_> = compiled
        .index
        .site
        .menu
        .iter()
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(menu, ["/topics/ops", "/work"]);
}

#[test]
fn an_unclosed_code_fence_is_an_error() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/fence.md",
        "---\ntitle: F\ndate: 2026-01-01\n---\nIntro.\n\n```sh\necho hi\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let first = problems.iter().next().unwrap().to_string();
    assert!(first.ends_with("fence.md:7:1: this code block is never closed — add a closing fence (the same ``` or ~~~ that opened it) after the code"), "{first}");
}

#[test]
fn the_site_index_stays_small_and_lists_hold_the_archive() {
    let site = fixture_site();
    for n in 0..45 {
        write(
            site.path(),
            &format!("content/posts/bulk-{n:02}.md"),
            &format!("---\ntitle: Bulk {n}\ndate: 2024-01-{:02}\ntopic: ops\ntags: [Load Testing]\n---\nText.\n", n % 28 + 1),
        );
    }
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_eq!(compiled.index.latest.len(), quire_model::LATEST_POSTS);
    assert_eq!(compiled.index.total_posts, 47);
    let pages_of = |key: &quire_model::ListKey| -> Vec<(u32, u32, usize)> {
        compiled
            .lists
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, l)| (l.page, l.pages, l.posts.len()))
            .collect()
    };
    assert_eq!(
        pages_of(&quire_model::ListKey::All),
        [(1, 3, 20), (2, 3, 20), (3, 3, 7)]
    );
    assert_eq!(
        pages_of(&quire_model::ListKey::Topic("ops".into())),
        [(1, 3, 20), (2, 3, 20), (3, 3, 6)]
    );
    assert_eq!(
        pages_of(&quire_model::ListKey::Tag("load-testing".into())).len(),
        3
    );
    let out = tempfile::tempdir().unwrap();
    write_bundles(&compiled, &out.path().join("content")).unwrap();
    let key = quire_model::ListKey::Tag("load-testing".into());
    assert!(out
        .path()
        .join("content")
        .join(quire_model::list_bundle_file(
            &compiled.index.build,
            &key,
            3
        ))
        .exists());
}

#[test]
fn the_build_is_named_by_its_content() {
    let site = fixture_site();
    let first = compile_site(site.path(), CompileOptions::default()).unwrap();
    let again = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_eq!(first.index.build, again.index.build);
    assert_eq!(first.index.build.len(), 16);
    write(
        site.path(),
        "content/posts/older.md",
        "---\ntitle: Older\ndate: 2025-12-31\n---\nOld news, corrected.\n",
    );
    let changed = compile_site(site.path(), CompileOptions::default()).unwrap();
    assert_ne!(first.index.build, changed.index.build);
}

#[test]
fn posts_link_to_neighbours_and_related_posts() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/ops-two.md",
        "---\ntitle: Ops two\ndate: 2025-06-01\ntopic: ops\ntags: [a]\n---\nX.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let bundle = |slug: &str| compiled.posts.iter().find(|p| p.post.slug == slug).unwrap();
    // Order, newest first: newer (2026-01-15), older (2025-12-31), ops-two (2025-06-01).
    let newer = bundle("newer");
    assert_eq!(newer.next, None);
    assert_eq!(
        newer.previous.as_ref().map(|l| l.slug.as_str()),
        Some("older")
    );
    assert_eq!(
        bundle("ops-two").next.as_ref().map(|l| l.slug.as_str()),
        Some("older")
    );
    // `newer` and `ops-two` share topic `ops` and tag `a`; `older` shares nothing.
    let related: Vec<_> = newer.related.iter().map(|l| l.slug.as_str()).collect();
    assert_eq!(related, ["ops-two"]);
    assert!(bundle("older").related.is_empty());
}

#[test]
fn series_list_their_parts_oldest_first() {
    let site = fixture_site();
    for (slug, date) in [("part-two", "2025-03-01"), ("part-one", "2025-02-01")] {
        write(
            site.path(),
            &format!("content/posts/{slug}.md"),
            &format!("---\ntitle: {slug}\ndate: {date}\nseries: Backups\n---\nX.\n"),
        );
    }
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let bundle = |slug: &str| compiled.posts.iter().find(|p| p.post.slug == slug).unwrap();
    let series = bundle("part-two").series.clone().unwrap();
    assert_eq!(series.name, "Backups");
    let parts: Vec<_> = series.parts.iter().map(|l| l.slug.as_str()).collect();
    assert_eq!(parts, ["part-one", "part-two"]);
    assert_eq!(bundle("part-one").series, Some(series));
    assert_eq!(bundle("newer").series, None);
}

#[test]
fn every_topic_has_a_list_and_tag_lists_keep_the_tag_as_written() {
    let site = fixture_site();
    append_config(
        site.path(),
        "[[topics]]\nslug = \"quiet\"\nname = \"Quiet\"\n",
    );
    write(
        site.path(),
        "content/posts/tagged.md",
        "---\ntitle: Tagged\ndate: 2025-01-01\ntags: [Row Level Security, row-level security]\n---\nX.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let list = |key: ListKey| {
        compiled
            .lists
            .iter()
            .find(|(k, l)| *k == key && l.page == 1)
            .map(|(_, l)| l.clone())
    };
    let quiet = list(ListKey::Topic("quiet".into())).unwrap();
    assert_eq!((quiet.total, quiet.pages, quiet.posts.len()), (0, 1, 0));
    let tag = list(ListKey::Tag("row-level-security".into())).unwrap();
    assert_eq!(tag.tag.as_deref(), Some("Row Level Security"));
    // Two spellings of one tag list the post once.
    assert_eq!(tag.total, 1);
    assert_eq!(list(ListKey::All).unwrap().tag, None);
}

#[test]
fn images_must_exist_in_public() {
    let site = fixture_site();
    write_png(site.path(), "public/images/ok.png", 40, 20);
    write(
        site.path(),
        "content/posts/pictures.md",
        "---\ntitle: Pictures\ndate: 2026-01-20\ncover: /images/cover.png\n---\n\
         ![fine](/images/ok.png) ![remote](https://cdn.example/x.png)\n\n\
         ![missing](/images/nope.png)\n\n![relative](diagrams/flow.svg)\n\n[a link](/posts/gone)\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let file = site.path().join("content/posts/pictures.md");
    let file = file.display();
    assert_eq!(
        lines,
        [
            format!("{file}:12:1: the link `/posts/gone` leads nowhere on this site — fix the slug, or remove the link; drafts and scheduled posts only exist in development builds"),
            format!("{file}:8:1: the image `/images/nope.png` does not exist — put the file at public/images/nope.png, or fix the path"),
            format!("{file}:10:1: the image `diagrams/flow.svg` is a relative path, which breaks on other routes — put it in public/ and write it from the site root, e.g. `/images/flow.svg`"),
            format!("{file}:4:1: the image `/images/cover.png` does not exist — put the file at public/images/cover.png, or fix the path"),
        ]
    );
}

/// Reads a file the build wrote under `content/`.
fn read_json<T: serde::de::DeserializeOwned>(content: &Path, rel: &str) -> T {
    serde_json::from_slice(&fs::read(content.join(rel)).unwrap()).unwrap()
}

#[test]
fn the_search_index_finds_posts_by_body_code_and_tag_and_shows_fragments() {
    use quire_search::index::{fragment_file, manifest_file, shared_file, Chunk, Fragment};
    use quire_search::{Outcome, Query, SearchManifest};

    let site = fixture_site();
    write(
        site.path(),
        "content/posts/pooling.md",
        "---\ntitle: Pooling\ndate: 2026-01-10\ntags: [Databases]\n---\n\
         ## Transaction mode\n\nPgBouncer keeps connections warm.\n\n\
         ```python\npool = await asyncpg.create_pool(dsn)\n```\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let content = out.path().join("content");
    write_bundles(&compiled, &content).unwrap();

    let build = &compiled.index.build;
    let manifest: SearchManifest = read_json(&content, &manifest_file(build));
    assert_eq!(manifest.docs, 3, "the draft stays out");
    let chunks: Vec<Chunk> = manifest
        .chunks
        .iter()
        .map(|c| read_json(&content, &shared_file(&c.file)))
        .collect();
    let search = |text: &str| match Query::parse(text).run(&manifest, |i| chunks.get(i), None) {
        Outcome::Ranked(hits) => hits
            .iter()
            .map(|h| read_json::<Fragment>(&content, &fragment_file(build, h.doc)).url)
            .collect::<Vec<_>>(),
        Outcome::NeedChunks(more) => panic!("all chunks were given, yet {more:?} missing"),
    };
    assert_eq!(search("asyncpg "), ["/posts/pooling"], "code is searchable");
    assert_eq!(
        search("transaction "),
        ["/posts/pooling"],
        "so are headings"
    );
    assert_eq!(search("databases "), ["/posts/pooling"], "and tags");
    assert_eq!(search("fresh "), ["/posts/newer"]);

    let fragment: Fragment = read_json(&content, &fragment_file(build, 1));
    assert_eq!(fragment.title, "Pooling");
    assert_eq!(fragment.text, "PgBouncer keeps connections warm.");
    let tag = &manifest.tags[0];
    assert_eq!((tag.value.as_str(), tag.count), ("Databases", 1));
    let topic = &manifest.topics[0];
    let docs: Vec<u32> = read_json(&content, &shared_file(&topic.file));
    assert_eq!((topic.value.as_str(), docs), ("ops", vec![0]));
}

#[test]
fn aliases_become_redirects_to_their_route() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/renamed.md",
        "---\ntitle: Renamed\ndate: 2026-01-02\naliases:\n  - /posts/old-name\n  - /2019/01/02/renamed.html\n---\nBody.\n",
    );
    write(
        site.path(),
        "content/pages/about.md",
        "---\ntitle: About\naliases: [/about-me/]\n---\nHi.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let redirects: Vec<(String, String)> = compiled
        .redirects
        .iter()
        .map(|r| (r.from.clone(), r.to.path()))
        .collect();
    assert_eq!(
        redirects,
        [
            ("/posts/old-name".to_string(), "/posts/renamed".to_string()),
            ("/2019/01/02/renamed.html".into(), "/posts/renamed".into()),
            ("/about-me/".into(), "/about".into()),
        ]
    );
    assert_eq!(compiled.redirects[0].title, "Renamed");
}

#[test]
fn an_alias_that_is_taken_or_malformed_is_an_error_at_its_line() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/a.md",
        "---\ntitle: A\ndate: 2026-01-02\naliases: [/posts/newer]\n---\n",
    );
    write(
        site.path(),
        "content/posts/b.md",
        "---\ntitle: B\ndate: 2026-01-03\n\naliases: [/feed.xml, /old/]\n---\n",
    );
    write(
        site.path(),
        "content/posts/c.md",
        "---\ntitle: C\ndate: 2026-01-04\naliases: [/old]\n---\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let joined = messages.join("\n");
    assert!(
        joined.contains("a.md:4:1: the alias `/posts/newer` is the address of /posts/newer — remove it from `aliases`"),
        "{joined}"
    );
    assert!(
        joined.contains("b.md:5:1: the alias `/feed.xml` is a file the build writes"),
        "{joined}"
    );
    // c.md is newer, so it is read first: b.md's `/old/` is the second claim.
    assert!(
        joined.contains("b.md:5:1: the alias `/old/` is already an alias of /posts/c"),
        "{joined}"
    );
    assert_eq!(messages.len(), 3, "{joined}");

    let site = fixture_site();
    write(
        site.path(),
        "content/posts/d.md",
        "---\ntitle: D\ndate: 2026-01-02\naliases: [old-d]\n---\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let first = problems.iter().next().unwrap().to_string();
    assert!(
        first.contains("d.md:4:1: the alias `old-d` is not a path on this site — write the old address's path, starting with `/`"),
        "{first}"
    );
}

#[test]
fn invalid_math_is_an_error_naming_the_expression() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/math.md",
        "---\ntitle: M\ndate: 2026-01-02\n---\nGood: $x^2$.\n\nBad: $\\frac{a}$ here.\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let first = problems.iter().next().unwrap().to_string();
    assert!(
        first.contains("math.md:7:6: the math `\\frac{a}` is not valid LaTeX: "),
        "{first}"
    );
    assert!(
        first.contains("write \\$ for a literal dollar sign"),
        "{first}"
    );
}

#[test]
fn a_posts_own_social_image_is_read_with_its_size() {
    let site = fixture_site();
    let card = quire_compiler::cards::CardText {
        label: String::new(),
        title: "Launch".into(),
        summary: String::new(),
        site: "Test site".into(),
        meta: String::new(),
        cover: None,
    };
    write(site.path(), "public/images/launch.png", "");
    fs::write(
        site.path().join("public/images/launch.png"),
        card.draw().unwrap(),
    )
    .unwrap();
    write(
        site.path(),
        "content/posts/launch.md",
        "---\ntitle: Launch\ndate: 2026-01-02\nsocial_image: /images/launch.png\n---\nBody.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let launch = post_of(&compiled, "launch");
    assert_eq!(
        launch.post.social_image,
        Some(quire_model::ImageFile {
            path: "/images/launch.png".into(),
            width: 1200,
            height: 630,
        })
    );

    write(site.path(), "public/images/notes.txt", "not an image");
    write(
        site.path(),
        "content/posts/launch.md",
        "---\ntitle: Launch\ndate: 2026-01-02\nsocial_image: /images/notes.txt\n---\nBody.\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let first = problems.iter().next().unwrap().to_string();
    assert!(
        first.contains("launch.md:4:1: the size of `/images/notes.txt` cannot be read"),
        "{first}"
    );
}

#[test]
fn raster_images_become_pictures_and_covers_carry_their_variants() {
    let site = fixture_site();
    write_png(site.path(), "public/images/wide.png", 1000, 500);
    write_png(site.path(), "public/images/cover.png", 900, 300);
    write(
        site.path(),
        "public/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(
        site.path(),
        "content/posts/pictures.md",
        "---\ntitle: Pictures\ndate: 2026-01-20\ncover: /images/cover.png\ncover_alt: A gradient\n---\n\
         ![A wide chart](/images/wide.png)\n\n![The logo](/images/logo.svg)\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let post = post_of(&compiled, "pictures");
    // The cover is first on the page, so the body's first image waits.
    insta::assert_snapshot!(post.html.replace(&compiled.images[1].key, "wide-HASH"));
    let cover = post.cover.as_ref().unwrap();
    assert!(
        cover.starts_with(
            r#"<picture class="cover"><source type="image/avif" srcset="/content/images/cover-"#
        ),
        "{cover}"
    );
    assert!(cover.contains(r#"alt="A gradient""#), "{cover}");
    assert!(
        cover.contains(r#"/images/cover.png 900w" sizes="#),
        "{cover}"
    );
    assert!(cover.contains(r#"width="900" height="300""#), "{cover}");
    let urls: Vec<&str> = compiled.images.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["/images/cover.png", "/images/wide.png"]);

    // Without a cover, the body's first image is the one fetched early.
    write(
        site.path(),
        "content/posts/pictures.md",
        "---\ntitle: Pictures\ndate: 2026-01-20\n---\n![A wide chart](/images/wide.png)\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let post = post_of(&compiled, "pictures");
    assert!(
        post.html
            .contains(r#"decoding="async" fetchpriority="high""#),
        "{}",
        post.html
    );
    assert!(post.cover.is_none());
}

// Unix: the test reads inode numbers to tell a link kept from a new one.
#[cfg(unix)]
#[test]
fn image_variants_stay_across_rebuilds_and_unused_ones_go() {
    use quire_compiler::images::{copy_variants, encode_variants};
    use std::os::unix::fs::MetadataExt;
    let site = fixture_site();
    let out = tempfile::tempdir().unwrap();
    let cache = out.path().join("cache");
    let root = out.path().join("dist");
    write_png(site.path(), "public/images/a.png", 60, 30);
    write_png(site.path(), "public/images/b.png", 50, 40);
    let post = |images: &str| {
        write(
            site.path(),
            "content/posts/pictures.md",
            &format!("---\ntitle: Pictures\ndate: 2026-01-20\n---\n{images}"),
        );
        let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
        encode_variants(&compiled.images, &cache).unwrap();
        quire_compiler::write_site(&compiled, &root).unwrap();
        copy_variants(&compiled.images, &cache, &root).unwrap();
        compiled
    };
    let variants = |compiled: &quire_compiler::CompiledSite| -> Vec<String> {
        compiled
            .images
            .iter()
            .flat_map(|s| s.variants())
            .map(|v| v.file_name)
            .collect()
    };
    let both = post("![A](/images/a.png)\n\n![B](/images/b.png)\n");
    let images = root.join("content/images");
    let inode = |name: &str| fs::metadata(images.join(name)).unwrap().ino();
    let first = variants(&both)[0].clone();
    let before = inode(&first);

    // Rebuilt with a change elsewhere: the variants are the same files.
    write(
        site.path(),
        "content/posts/older.md",
        "---\ntitle: Older\ndate: 2025-12-31\n---\nEdited.\n",
    );
    let again = post("![A](/images/a.png)\n\n![B](/images/b.png)\n");
    assert_eq!(inode(&first), before);
    assert_eq!(variants(&again), variants(&both));

    // B no longer shown: its variants leave the output, A's stay.
    let only_a = post("![A](/images/a.png)\n");
    let mut left: Vec<String> = fs::read_dir(&images)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let mut wanted = variants(&only_a);
    wanted.sort();
    assert_eq!(left, wanted);
    assert!(wanted.len() < variants(&both).len());
}

#[test]
fn an_unreadable_image_is_a_problem_at_each_line_that_shows_it() {
    let site = fixture_site();
    write(site.path(), "public/images/broken.png", "not a png");
    write(
        site.path(),
        "content/posts/pictures.md",
        "---\ntitle: Pictures\ndate: 2026-01-20\ncover: /images/broken.png\n---\n\
         Text.\n\n![Broken](/images/broken.png)\n",
    );
    let problems = compile_site(site.path(), CompileOptions::default()).unwrap_err();
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let file = site.path().join("content/posts/pictures.md");
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (line, at) in lines.iter().zip([8, 4]) {
        assert!(
            line.starts_with(&format!(
                "{}:{at}:1: the image `/images/broken.png` is not a readable PNG file",
                file.display()
            )),
            "{line}"
        );
        assert!(
            line.ends_with("— save it again as PNG, JPEG or WebP, or fix the path"),
            "{line}"
        );
    }
}

#[test]
fn a_cover_that_is_not_a_local_raster_is_a_warning_and_not_shown() {
    let site = fixture_site();
    write(
        site.path(),
        "content/posts/pictures.md",
        "---\ntitle: Pictures\ndate: 2026-01-20\ncover: https://cdn.example/cover.jpg\n---\nText.\n",
    );
    let compiled = compile_site(site.path(), CompileOptions::default()).unwrap();
    let post = post_of(&compiled, "pictures");
    assert!(post.cover.is_none());
    let warning = compiled
        .warnings
        .iter()
        .map(|w| w.to_string())
        .find(|w| w.contains("cover"))
        .unwrap();
    assert!(warning.contains("pictures.md:4:1: the cover `https://cdn.example/cover.jpg` is not a PNG, JPEG or WebP in public/"), "{warning}");
}
