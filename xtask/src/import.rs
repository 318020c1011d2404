//! `cargo xtask import --from hugo|jekyll|zola DIR`: finds another
//! generator's posts and pages, converts each (see `quire_compiler::import`)
//! and writes them into this site's `content/`, never over an existing file.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use quire_compiler::import::{convert, Kind, Place, Source};

/// Folders whose Markdown files are blog posts in Hugo and Zola sites.
const POST_SECTIONS: [&str; 6] = ["posts", "post", "blog", "articles", "notes", "writing"];

/// One file to import.
struct Found {
    path: PathBuf,
    kind: Kind,
    /// The name the slug comes from: the file's stem, or its folder's for `index.md`.
    stem: String,
    place: Place,
    /// Jekyll: the folders above its `_posts/`, the post's first categories.
    folder_categories: Vec<String>,
}

pub fn import(source: Source, from: &Path, site: &Path) -> Result<()> {
    if !from.is_dir() {
        bail!(
            "{} is not a directory; pass the root of the {} site",
            from.display(),
            source.name()
        );
    }
    let found = find(source, from)?;
    if found.is_empty() {
        bail!(
            "no Markdown posts found in {} (looked in {}); pass the root of the {} site",
            from.display(),
            match source {
                Source::Jekyll => "_posts/, _drafts/, dated files and top-level .md files",
                Source::Hugo | Source::Zola => "content/",
            },
            source.name()
        );
    }
    let known_topics = known_topics(site);
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut new_topics = BTreeSet::new();
    let (mut posts, mut pages, mut noted) = (0, 0, 0);
    for file in found {
        let bytes = std::fs::read(&file.path)
            .with_context(|| format!("reading {}", file.path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let mut converted = convert(
            source,
            file.kind,
            &file.stem,
            &text,
            file.place,
            &file.folder_categories,
        );
        if matches!(text, std::borrow::Cow::Owned(_)) {
            converted.notes.insert(
                0,
                quire_compiler::import::Note {
                    line: None,
                    message: "the file is not valid UTF-8; unreadable bytes became �".into(),
                },
            );
        }
        let folder = site.join("content").join(match file.kind {
            Kind::Post => "posts",
            Kind::Page => "pages",
        });
        std::fs::create_dir_all(&folder)?;
        // Never overwrite: a slug already used gets a number.
        let mut target = folder.join(format!("{}.md", converted.slug));
        for n in 2.. {
            if !target.exists() && !taken.contains(&target) {
                break;
            }
            target = folder.join(format!("{}-{n}.md", converted.slug));
        }
        std::fs::write(&target, &converted.text)
            .with_context(|| format!("writing {}", target.display()))?;
        if let (Some(resources), Some(bundle)) = (&converted.resources, file.path.parent()) {
            copy_resources(bundle, &site.join("public").join(resources))?;
        }
        taken.insert(target.clone());
        match file.kind {
            Kind::Post => posts += 1,
            Kind::Page => pages += 1,
        }
        if let Some(topic) = converted.topic.filter(|t| !known_topics.contains(t)) {
            new_topics.insert(topic);
        }
        let relative = file.path.strip_prefix(from).unwrap_or(&file.path);
        if !converted.notes.is_empty() {
            noted += 1;
            println!(
                "{} → {}",
                relative.display(),
                target.strip_prefix(site).unwrap_or(&target).display()
            );
            for note in &converted.notes {
                println!("  {}: {note}", relative.display());
            }
        }
    }
    println!(
        "imported {posts} post(s) and {pages} page(s) from {} into {}; {noted} file(s) have notes above",
        source.name(),
        site.join("content").display()
    );
    if !new_topics.is_empty() {
        // The posts name these topics, so the site must have them to build.
        let config = site.join("quire.toml");
        let mut entries = String::new();
        for topic in &new_topics {
            entries.push_str(&format!(
                "\n[[topics]]\nslug = \"{topic}\"\nname = \"{}\"\ndescription = \"\"\n",
                title_case(topic)
            ));
        }
        let mut text = std::fs::read_to_string(&config)
            .with_context(|| format!("reading {} to add the topics", config.display()))?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&entries);
        std::fs::write(&config, text).with_context(|| format!("writing {}", config.display()))?;
        println!(
            "\nTheir categories became topics, added to {} (write their descriptions there):{entries}",
            config.display()
        );
    }
    Ok(())
}

/// The Markdown files of a site, by each generator's layout.
fn find(source: Source, root: &Path) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    match source {
        Source::Jekyll => {
            for path in markdown_under(root)? {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let folders: Vec<&str> = relative
                    .parent()
                    .into_iter()
                    .flat_map(|p| p.components())
                    .filter_map(|c| c.as_os_str().to_str())
                    .collect();
                // Jekyll's own folders (`_site`, `_layouts`, …) hold no content,
                // and neither do dependencies.
                let skipped = |f: &&str| {
                    (f.starts_with('_') && !["_posts", "_drafts"].contains(f))
                        || f.starts_with('.')
                        || ["node_modules", "vendor"].contains(f)
                };
                if folders.iter().any(skipped) {
                    continue;
                }
                let stem = stem(&path);
                // Posts are in any `_posts/` (categories may nest them), and
                // are named by date wherever they are.
                let dated = quire_compiler::import::has_date_prefix(&stem);
                let (kind, place) = if folders.contains(&"_drafts") {
                    (Kind::Post, Place::Drafts)
                } else if folders.contains(&"_posts") || dated {
                    (Kind::Post, Place::File)
                } else if folders.is_empty()
                    && !["README", "readme", "index", "404", "CHANGELOG", "LICENSE"]
                        .contains(&stem.as_str())
                {
                    (Kind::Page, Place::File)
                } else {
                    continue;
                };
                let folder_categories = folders
                    .iter()
                    .take_while(|f| **f != "_posts")
                    .filter(|_| folders.contains(&"_posts"))
                    .map(|f| f.to_string())
                    .collect();
                found.push(Found {
                    stem,
                    path,
                    kind,
                    place,
                    folder_categories,
                });
            }
        }
        Source::Hugo | Source::Zola => {
            let content = if root.join("content").is_dir() {
                root.join("content")
            } else {
                root.to_path_buf()
            };
            for path in markdown_under(&content)? {
                let name = stem(&path);
                // Section list pages carry no post.
                if name == "_index" {
                    continue;
                }
                let relative = path.strip_prefix(&content).unwrap_or(&path);
                let depth = relative.components().count();
                // A leaf bundle: the post or page with its images beside it.
                let bundle = name == "index";
                let stem = if bundle {
                    path.parent().map(stem).unwrap_or(name)
                } else {
                    name
                };
                let section = relative
                    .components()
                    .next()
                    .and_then(|c| c.as_os_str().to_str())
                    .unwrap_or("");
                let kind = if depth == 1
                    || (depth == 2
                        && relative.ends_with("index.md")
                        && !POST_SECTIONS.contains(&section))
                {
                    Kind::Page
                } else {
                    Kind::Post
                };
                found.push(Found {
                    path,
                    kind,
                    stem,
                    place: if bundle { Place::Bundle } else { Place::File },
                    folder_categories: Vec::new(),
                });
            }
        }
    }
    Ok(found)
}

/// Copies a page bundle's files (all but its Markdown) into `into`,
/// keeping their paths inside the bundle.
fn copy_resources(bundle: &Path, into: &Path) -> Result<()> {
    for entry in std::fs::read_dir(bundle)? {
        let path = entry?.path();
        let target = into.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_resources(&path, &target)?;
        } else if !is_markdown(&path) {
            std::fs::create_dir_all(into)?;
            std::fs::copy(&path, &target)
                .with_context(|| format!("copying {} to {}", path.display(), target.display()))?;
        }
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "md" || e == "markdown")
}

/// Markdown files directly in `dir`, sorted.
fn markdown_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_markdown(p))
        .collect();
    files.sort();
    Ok(files)
}

/// Markdown files anywhere under `dir`, sorted; a missing `dir` has none.
fn markdown_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = markdown_in(dir)?;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(files);
    };
    // Hidden folders, build output and dependencies hold no content.
    let skipped = |p: &Path| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.starts_with('.') || ["node_modules", "vendor", "_site", "public"].contains(&name)
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !skipped(p))
        .collect();
    folders.sort();
    for folder in folders {
        files.extend(markdown_under(&folder)?);
    }
    Ok(files)
}

/// Topic slugs already in the site's quire.toml.
fn known_topics(site: &Path) -> HashSet<String> {
    let Ok(text) = std::fs::read_to_string(site.join("quire.toml")) else {
        return HashSet::new();
    };
    let Ok(config) = text.parse::<toml::Table>() else {
        return HashSet::new();
    };
    config
        .get("topics")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("slug")?.as_str().map(str::to_string))
        .collect()
}

fn title_case(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_hugo_site_lands_in_content_without_overwriting() {
        let hugo = tempfile::tempdir().unwrap();
        write(
            hugo.path(),
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\n",
        );
        write(
            hugo.path(),
            "content/about.md",
            "+++\ntitle = \"About\"\n+++\nMe.\n",
        );
        write(
            hugo.path(),
            "content/posts/first.md",
            "+++\ntitle = \"First\"\ndate = 2020-01-01\n+++\nHi.\n",
        );
        write(
            hugo.path(),
            "content/posts/bundle/index.md",
            "---\ntitle: Bundled\ndate: 2020-02-01\n---\nHi.\n",
        );
        write(hugo.path(), "content/posts/latin1.md", "");
        std::fs::write(
            hugo.path().join("content/posts/latin1.md"),
            b"---\ntitle: Caf\xe9\ndate: 2020-03-01\n---\n",
        )
        .unwrap();
        let site = tempfile::tempdir().unwrap();
        write(site.path(), "content/posts/first.md", "mine");

        import(Source::Hugo, hugo.path(), site.path()).unwrap();
        let read = |rel: &str| std::fs::read_to_string(site.path().join(rel)).unwrap();
        assert_eq!(read("content/posts/first.md"), "mine");
        assert!(read("content/posts/first-2.md")
            .starts_with("---\ntitle: \"First\"\ndate: \"2020-01-01\"\n"));
        assert!(read("content/posts/bundle.md").contains("title: \"Bundled\""));
        assert!(read("content/pages/about.md").starts_with("---\ntitle: \"About\"\n---\n"));
        assert!(read("content/posts/latin1.md").contains("Caf\u{fffd}"));
        assert!(!site.path().join("content/pages/_index.md").exists());
    }

    /// A new quire site with the topics the imported posts use.
    fn new_site(topics: &[&str]) -> tempfile::TempDir {
        let site = tempfile::tempdir().unwrap();
        let mut config =
            String::from("[site]\ntitle = \"Imported\"\nbase_url = \"https://imported.example\"\n");
        for topic in topics {
            config.push_str(&format!(
                "\n[[topics]]\nslug = \"{topic}\"\nname = \"{topic}\"\n"
            ));
        }
        write(site.path(), "quire.toml", &config);
        site
    }

    /// Compiles the site: the import must need no edits.
    fn compile(site: &Path) -> quire_compiler::CompiledSite {
        let options = quire_compiler::CompileOptions::default();
        quire_compiler::compile_site(site, options)
            .unwrap_or_else(|problems| panic!("the imported site does not compile:\n{problems}"))
    }

    fn redirects(compiled: &quire_compiler::CompiledSite) -> Vec<(String, String)> {
        compiled
            .redirects
            .iter()
            .map(|r| (r.from.clone(), r.to.path()))
            .collect()
    }

    /// A small real PNG: the compiler reads every image's header.
    fn png() -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbImage::from_pixel(64, 32, image::Rgb([31, 78, 121]))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    #[test]
    fn hugo_page_bundles_bring_their_images_and_compile_without_edits() {
        let hugo = tempfile::tempdir().unwrap();
        write(
            hugo.path(),
            "content/posts/pricing/index.md",
            "+++\ntitle = \"Pricing\"\ndate = 2021-02-03\naliases = [\"/2021/pricing/\"]\n\
             [cover]\nimage = \"cover.png\"\nalt = \"A price tag\"\n+++\n\
             ## Tiers {#tiers}\n\n![Tiers](images/tiers.png)\n\n![Logo][logo]\n\n\
             <img src=\"./images/raw.png\" alt=\"Raw\">\n\n\
             Back to [the tiers]({{< ref \"#tiers\" >}}) or [the price list](price-list.pdf).\n\n\
             [logo]: images/logo.png\n",
        );
        std::fs::create_dir_all(hugo.path().join("content/posts/pricing/images")).unwrap();
        for image in [
            "cover.png",
            "images/tiers.png",
            "images/logo.png",
            "images/raw.png",
        ] {
            std::fs::write(hugo.path().join("content/posts/pricing").join(image), png()).unwrap();
        }
        std::fs::write(
            hugo.path().join("content/posts/pricing/price-list.pdf"),
            b"%PDF",
        )
        .unwrap();
        let site = new_site(&[]);

        import(Source::Hugo, hugo.path(), site.path()).unwrap();
        let post = std::fs::read_to_string(site.path().join("content/posts/pricing.md")).unwrap();
        assert!(
            post.contains("cover: \"/images/pricing/cover.png\"\ncover_alt: \"A price tag\"\n"),
            "{post}"
        );
        assert!(
            post.contains("![Tiers](/images/pricing/images/tiers.png)"),
            "{post}"
        );
        assert!(
            post.contains("[logo]: /images/pricing/images/logo.png"),
            "{post}"
        );
        assert!(
            post.contains("<img src=\"/images/pricing/images/raw.png\""),
            "{post}"
        );
        assert!(post.contains("[the tiers](#tiers)"), "{post}");
        assert!(
            post.contains("[the price list](/images/pricing/price-list.pdf)"),
            "{post}"
        );
        for copied in ["cover.png", "images/tiers.png", "price-list.pdf"] {
            assert!(
                site.path()
                    .join("public/images/pricing")
                    .join(copied)
                    .is_file(),
                "{copied}"
            );
        }
        assert!(!site.path().join("public/images/pricing/index.md").exists());

        let compiled = compile(site.path());
        assert_eq!(
            redirects(&compiled),
            [("/2021/pricing/".to_string(), "/posts/pricing".to_string())]
        );
        // The bundle's images go through the image pipeline.
        let bundle = &compiled.posts[0];
        let cover = bundle.cover.as_ref().expect("the cover is shown");
        assert!(cover.contains(r#"alt="A price tag""#), "{cover}");
        assert!(cover.contains(r#"width="64""#), "{cover}");
        assert_eq!(
            bundle.html.matches("<picture>").count(),
            2,
            "{}",
            bundle.html
        );
    }

    #[test]
    fn jekyll_dated_files_are_posts_wherever_they_are() {
        let jekyll = tempfile::tempdir().unwrap();
        let post = |title: &str| format!("---\ntitle: {title}\n---\nText.\n");
        write(jekyll.path(), "_posts/2019-03-01-first.md", &post("First"));
        write(
            jekyll.path(),
            "growth/_posts/2019-04-01-second.md",
            &post("Second"),
        );
        write(jekyll.path(), "notes/2019-05-01-third.md", &post("Third"));
        write(
            jekyll.path(),
            "2019-06-01-fourth.md",
            "---\ntitle: Fourth\npermalink: /fourth/\n---\nText.\n",
        );
        write(jekyll.path(), "about.md", &post("About"));
        write(jekyll.path(), "_layouts/post.md", &post("Layout"));
        write(
            jekyll.path(),
            "_site/2019-03-01-first.md",
            &post("Built copy"),
        );
        let site = new_site(&[]);

        import(Source::Jekyll, jekyll.path(), site.path()).unwrap();
        let posts: Vec<String> = {
            let mut names: Vec<String> = std::fs::read_dir(site.path().join("content/posts"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(posts, ["first.md", "fourth.md", "second.md", "third.md"]);
        let third = std::fs::read_to_string(site.path().join("content/posts/third.md")).unwrap();
        assert!(third.contains("date: \"2019-05-01\""), "{third}");
        assert!(site.path().join("content/pages/about.md").is_file());

        let compiled = compile(site.path());
        let mut moved = redirects(&compiled);
        moved.sort();
        let expected = [
            ("/2019/03/01/first.html", "/posts/first"),
            ("/2019/05/01/third.html", "/posts/third"),
            ("/fourth/", "/posts/fourth"),
            ("/growth/2019/04/01/second.html", "/posts/second"),
        ]
        .map(|(from, to)| (from.to_string(), to.to_string()));
        assert_eq!(moved, expected);
    }

    #[test]
    fn a_zola_site_compiles_without_edits() {
        let zola = tempfile::tempdir().unwrap();
        write(
            zola.path(),
            "content/blog/hello.md",
            "+++\ntitle = \"Hello\"\ndate = 2022-01-02\naliases = [\"/old/hello/\"]\n\n[taxonomies]\ntags = [\"rust\"]\n+++\nSee [the other](@/blog/other.md#part).\n",
        );
        write(
            zola.path(),
            "content/blog/other/index.md",
            "+++\ntitle = \"Other\"\ndate = 2022-01-01\n+++\n## Part {#part}\n\n![Diagram](diagram.png)\n",
        );
        std::fs::write(zola.path().join("content/blog/other/diagram.png"), png()).unwrap();
        let site = new_site(&[]);

        import(Source::Zola, zola.path(), site.path()).unwrap();
        let compiled = compile(site.path());
        assert_eq!(
            redirects(&compiled),
            [("/old/hello/".to_string(), "/posts/hello".to_string())]
        );
    }

    #[test]
    fn an_empty_directory_is_an_error_naming_where_it_looked() {
        let empty = tempfile::tempdir().unwrap();
        let error = import(Source::Jekyll, empty.path(), empty.path()).unwrap_err();
        assert!(error.to_string().contains("_posts/"), "{error}");
    }
}
