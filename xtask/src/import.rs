//! `cargo xtask import --from hugo|jekyll|zola DIR`: finds another
//! generator's posts and pages, converts each (see `quire_compiler::import`)
//! and writes them into this site's `content/`, never over an existing file.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use quire_compiler::import::{convert, Kind, Source};

/// Folders whose Markdown files are blog posts in Hugo and Zola sites.
const POST_SECTIONS: [&str; 6] = ["posts", "post", "blog", "articles", "notes", "writing"];

/// One file to import.
struct Found {
    path: PathBuf,
    kind: Kind,
    /// The name the slug comes from: the file's stem, or its folder's for `index.md`.
    stem: String,
    draft_dir: bool,
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
                Source::Jekyll => "_posts/, _drafts/ and top-level .md files",
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
        let mut converted = convert(source, file.kind, &file.stem, &text, file.draft_dir);
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
        println!(
            "\nTheir categories became topics; add these to quire.toml (and write descriptions):"
        );
        for topic in new_topics {
            println!(
                "\n[[topics]]\nslug = \"{topic}\"\nname = \"{}\"\ndescription = \"\"",
                title_case(&topic)
            );
        }
    }
    Ok(())
}

/// The Markdown files of a site, by each generator's layout.
fn find(source: Source, root: &Path) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    match source {
        Source::Jekyll => {
            for (folder, draft_dir) in [("_posts", false), ("_drafts", true)] {
                for path in markdown_under(&root.join(folder))? {
                    found.push(Found {
                        stem: stem(&path),
                        path,
                        kind: Kind::Post,
                        draft_dir,
                    });
                }
            }
            for path in markdown_in(root)? {
                let stem = stem(&path);
                if !["README", "readme", "index", "404", "CHANGELOG", "LICENSE"]
                    .contains(&stem.as_str())
                {
                    found.push(Found {
                        stem,
                        path,
                        kind: Kind::Page,
                        draft_dir: false,
                    });
                }
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
                let stem = if name == "index" {
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
                    draft_dir: false,
                });
            }
        }
    }
    Ok(found)
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
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
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

    #[test]
    fn an_empty_directory_is_an_error_naming_where_it_looked() {
        let empty = tempfile::tempdir().unwrap();
        let error = import(Source::Jekyll, empty.path(), empty.path()).unwrap_err();
        assert!(error.to_string().contains("_posts/"), "{error}");
    }
}
