//! First-load budgets (`budgets.toml`): what each route type downloads
//! before the app runs on it, measured on dist/ after brotli.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use quire_model::route::{AppStart, BudgetKind};

use crate::sizes::{measure, AssetBytes};

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

/// What each route kind loads first, in brotli bytes: the largest
/// prerendered page of its kind (its HTML, with the bundles it embeds) plus
/// what every page loads (CSS, the small scripts), plus the app where the
/// route starts it at once (search, an embedded calculator). A calculator
/// opened from a link with inputs starts the first stage that works out its
/// figures (`crates/figures`) instead. Other pages, and that one, start
/// the app on the reader's first reach for a control, not on load.
pub fn first_loads(dist: &Path, assets: AssetBytes) -> Result<BTreeMap<String, usize>> {
    let AssetBytes {
        page_assets,
        app,
        calculators_app,
        figures,
    } = assets;
    let mut loads = BTreeMap::new();
    for route in crate::routes::read_routes(dist)? {
        let page = crate::routes::page_file(dist, &route);
        let html = std::fs::read(&page).with_context(|| format!("reading {}", page.display()))?;
        let page_load = page_assets + measure(&html).brotli;
        let route_app = if route.has_own_app() {
            calculators_app
        } else {
            app
        };
        let kinds = match route.app_start() {
            AppStart::OnIntent => vec![(route.budget_kind(), 0)],
            AppStart::AtOnce => vec![(route.budget_kind(), route_app)],
            // The same page, at its own address and from a shared link.
            AppStart::WithInputs => vec![
                (route.budget_kind(), 0),
                (BudgetKind::CalculatorLink, figures),
            ],
        };
        for (kind, started) in kinds {
            let load = loads.entry(kind.name().to_string()).or_insert(0);
            *load = (page_load + started).max(*load);
        }
    }
    Ok(loads)
}

/// Prints each route type against its budget; fails if any is over.
pub fn check(dist: &Path, root: &Path, assets: AssetBytes) -> Result<()> {
    let budgets = read_budgets(root)?;
    let loads = first_loads(dist, assets)?;
    println!("{:<16} {:>8} {:>8}", "first load", "brotli", "budget");
    let mut over = Vec::new();
    for (route, bytes) in &loads {
        let Some(budget) = budgets.get(route) else {
            bail!(
                "budgets.toml has no budget for `{route}`: add one under [first_load_brotli_bytes]"
            );
        };
        let mark = if bytes > budget { "  OVER" } else { "" };
        println!("{route:<16} {bytes:>8} {budget:>8}{mark}");
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
        let mut kinds: Vec<&str> = quire_model::route::BudgetKind::ALL
            .iter()
            .map(|k| k.name())
            .collect();
        kinds.sort_unstable();
        assert_eq!(keys, kinds);
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
        write(
            "content/b1/routes.json",
            r#"[{"kind":"home"},{"kind":"post","slug":"a"},{"kind":"post","slug":"b"},
                {"kind":"archive","page":1},{"kind":"archive","page":2},{"kind":"page","slug":"about"},
                {"kind":"calculator","slug":"roas"},{"kind":"embedded_calculator","slug":"roas"},
                {"kind":"search"}]"#,
        );
        write("index.html", "<p>home</p>");
        write("posts/a/index.html", "<p>a</p>");
        write("posts/b/index.html", &format!("<p>{long}</p>"));
        // The archive's pages are listings, not posts.
        write("posts/page/2/index.html", &format!("<p>{long}{long}</p>"));
        write("posts/index.html", "<p>all</p>");
        write("about/index.html", "<p>about</p>");
        write("calculators/roas/index.html", "<p>roas</p>");
        write("embed/calculators/roas/index.html", "<p>frame</p>");
        write("search/index.html", "<p>search</p>");
        let assets = AssetBytes {
            page_assets: 1000,
            app: 50_000,
            calculators_app: 30_000,
            figures: 5_000,
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
        // A calculator at its own address starts its app on intent; from a
        // link with inputs, the first stage at once and the app on intent.
        assert_eq!(loads["calculator"], 1000 + brotli("<p>roas</p>"));
        assert_eq!(loads["calculator-link"], 6_000 + brotli("<p>roas</p>"));
        assert_eq!(loads["embed"], 31_000 + brotli("<p>frame</p>"));
        // Search starts the whole site's.
        assert_eq!(loads["search"], 51_000 + brotli("<p>search</p>"));
        assert_eq!(loads.len(), 8);
    }
}
