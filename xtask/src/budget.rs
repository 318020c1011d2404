//! First-load budgets (`budgets.toml`): what each route type downloads
//! before the app runs on it, measured on dist/ after brotli.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::build::{measure, AssetBytes};

/// The committed budgets, by route type.
pub fn read_budgets(root: &Path) -> Result<BTreeMap<String, usize>> {
    let text =
        std::fs::read_to_string(root.join("budgets.toml")).context("reading budgets.toml")?;
    parse_budgets(&text)
}

fn parse_budgets(text: &str) -> Result<BTreeMap<String, usize>> {
    #[derive(serde::Deserialize)]
    struct File {
        first_load_brotli_bytes: BTreeMap<String, usize>,
    }
    let file: File = toml::from_str(text).context("budgets.toml is not valid")?;
    Ok(file.first_load_brotli_bytes)
}

/// Brotli size of the largest of `pages` that exists (0 if none).
fn largest(pages: impl IntoIterator<Item = PathBuf>) -> Result<usize> {
    let mut largest = 0;
    for page in pages {
        if page.is_file() {
            largest = largest.max(measure(&std::fs::read(&page)?).brotli);
        }
    }
    Ok(largest)
}

/// `dir/<each subdirectory>/index.html`, except the subdirectories named in `except`.
fn pages_below(dir: &Path, except: &[&str]) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() && !except.contains(&name.as_ref()) {
            pages.push(path.join("index.html"));
        }
    }
    Ok(pages)
}

/// What each route type loads first, in brotli bytes: the largest
/// prerendered page of its kind (its HTML, with the bundles it embeds) plus
/// what every page loads (CSS, the small scripts), plus the app where the
/// page starts it at once (a calculator; see `routes::starts_app_at_once`).
/// Other pages start the app on the reader's first reach for a control,
/// not on load.
pub fn first_loads(dist: &Path, assets: AssetBytes) -> Result<BTreeMap<String, usize>> {
    let AssetBytes { page_assets, app } = assets;
    let index_text = std::fs::read(dist.join("content/index.json"))
        .context("reading dist/content/index.json")?;
    let index_json: serde_json::Value = serde_json::from_slice(&index_text)?;
    let build = index_json["build"]
        .as_str()
        .context("the index names no build")?;
    // Standalone pages live at the root, named like their bundles.
    let page_bundles = dist.join("content").join(build).join("pages");
    let mut standalone = Vec::new();
    if page_bundles.is_dir() {
        for entry in std::fs::read_dir(&page_bundles)? {
            let path = entry?.path();
            if let Some(slug) = path.file_stem() {
                standalone.push(dist.join(slug).join("index.html"));
            }
        }
    }
    let listings = [dist.join("posts/index.html")]
        .into_iter()
        .chain(pages_below(&dist.join("posts/page"), &[])?)
        .chain(pages_below(&dist.join("topics"), &[])?)
        .chain(pages_below(&dist.join("tags"), &[])?);
    let mut loads = BTreeMap::new();
    loads.insert(
        "landing".to_string(),
        page_assets + largest([dist.join("index.html")])?,
    );
    loads.insert(
        "post".to_string(),
        page_assets + largest(pages_below(&dist.join("posts"), &["page"])?)?,
    );
    loads.insert("listing".to_string(), page_assets + largest(listings)?);
    loads.insert("page".to_string(), page_assets + largest(standalone)?);
    loads.insert(
        "calculator".to_string(),
        page_assets + app + largest(pages_below(&dist.join("calculators"), &[])?)?,
    );
    Ok(loads)
}

/// Prints each route type against its budget; fails if any is over.
pub fn check(dist: &Path, root: &Path, assets: AssetBytes) -> Result<()> {
    let budgets = read_budgets(root)?;
    let loads = first_loads(dist, assets)?;
    println!("{:<12} {:>12} {:>12}", "first load", "brotli", "budget");
    let mut over = Vec::new();
    for (route, bytes) in &loads {
        let Some(budget) = budgets.get(route) else {
            bail!(
                "budgets.toml has no budget for `{route}`: add one under [first_load_brotli_bytes]"
            );
        };
        let mark = if bytes > budget { "  OVER" } else { "" };
        println!("{route:<12} {bytes:>12} {budget:>12}{mark}");
        if bytes > budget {
            over.push(format!("{route} {bytes} B > {budget} B"));
        }
    }
    if !over.is_empty() {
        bail!("over the first-load budget: {}; make the route lighter (or, if the growth is deliberate, raise budgets.toml in the same commit)", over.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_budgets_cover_every_route_type() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let budgets = read_budgets(&root).unwrap();
        let keys: Vec<&str> = budgets.keys().map(String::as_str).collect();
        assert_eq!(keys, ["calculator", "landing", "listing", "page", "post"]);
    }

    #[test]
    fn a_malformed_budget_file_is_an_error() {
        assert!(parse_budgets("[first_load_brotli_bytes]\npost = \"small\"\n").is_err());
        assert!(parse_budgets("post = 1\n").is_err());
    }

    #[test]
    fn first_loads_add_the_largest_page_of_each_kind() {
        let dist = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dist.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let long = "lorem ipsum dolor sit amet, ".repeat(40);
        write("content/index.json", r#"{"build":"b1"}"#);
        write("content/b1/pages/about.json", "{}");
        write("index.html", "<p>home</p>");
        write("posts/a/index.html", "<p>a</p>");
        write("posts/b/index.html", &format!("<p>{long}</p>"));
        // The archive's pages are listings, not posts.
        write("posts/page/2/index.html", &format!("<p>{long}{long}</p>"));
        write("posts/index.html", "<p>all</p>");
        write("about/index.html", "<p>about</p>");
        write("calculators/roas/index.html", "<p>roas</p>");
        let assets = AssetBytes {
            page_assets: 1000,
            app: 50_000,
        };
        let loads = first_loads(dist.path(), assets).unwrap();
        let brotli = |text: &str| measure(text.as_bytes()).brotli;
        assert_eq!(loads["landing"], 1000 + brotli("<p>home</p>"));
        assert_eq!(loads["post"], 1000 + brotli(&format!("<p>{long}</p>")));
        assert_eq!(
            loads["listing"],
            1000 + brotli(&format!("<p>{long}{long}</p>"))
        );
        assert_eq!(loads["page"], 1000 + brotli("<p>about</p>"));
        // A calculator starts the app at once.
        assert_eq!(loads["calculator"], 51_000 + brotli("<p>roas</p>"));
    }
}
