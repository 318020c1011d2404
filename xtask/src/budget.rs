//! First-load budgets (`budgets.toml`): what each route type downloads
//! before it can draw, measured on dist/ after brotli.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::build::measure;

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

/// Brotli size of the largest `.json` file directly in `dir` (0 if none).
fn largest_json(dir: &Path) -> Result<usize> {
    let mut largest = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            largest = largest.max(measure(&std::fs::read(&path)?).brotli);
        }
    }
    Ok(largest)
}

/// What each route type loads first, in brotli bytes: the shell plus its JSON.
pub fn first_loads(dist: &Path, shell: usize) -> Result<BTreeMap<String, usize>> {
    let index_path = dist.join("content/index.json");
    let index_text = std::fs::read(&index_path).context("reading dist/content/index.json")?;
    let index_json: serde_json::Value = serde_json::from_slice(&index_text)?;
    let build = index_json["build"]
        .as_str()
        .context("the index names no build")?;
    let index = measure(&index_text).brotli;
    let content = dist.join("content").join(build);
    let page_bundles = content.join("pages");
    let mut loads = BTreeMap::new();
    loads.insert("landing".to_string(), shell + index);
    loads.insert("calculator".to_string(), shell + index);
    loads.insert(
        "post".to_string(),
        shell + index + largest_json(&content.join("posts"))?,
    );
    loads.insert(
        "listing".to_string(),
        shell + index + largest_json(&content.join("lists/all"))?,
    );
    let page = if page_bundles.is_dir() {
        largest_json(&page_bundles)?
    } else {
        0
    };
    loads.insert("page".to_string(), shell + index + page);
    Ok(loads)
}

/// Prints each route type against its budget; fails if any is over.
pub fn check(dist: &Path, root: &Path, shell: usize) -> Result<()> {
    let budgets = read_budgets(root)?;
    let loads = first_loads(dist, shell)?;
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
    fn first_loads_add_the_largest_bundle_of_each_kind() {
        let dist = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dist.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("content/index.json", r#"{"build":"b1"}"#);
        write("content/b1/posts/a.json", "{}");
        write(
            "content/b1/posts/b.json",
            &format!("{{\"x\":\"{}\"}}", "lorem ipsum ".repeat(50)),
        );
        write("content/b1/lists/all/1.json", "[]");
        let loads = first_loads(dist.path(), 1000).unwrap();
        let index = measure(br#"{"build":"b1"}"#).brotli;
        assert_eq!(loads["landing"], 1000 + index);
        assert_eq!(loads["page"], 1000 + index);
        assert!(loads["post"] > loads["listing"], "{loads:?}");
    }
}
