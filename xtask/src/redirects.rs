//! Old addresses in `dist/`: each redirect the compiler listed
//! (`redirects.json`, from front matter `aliases`) becomes
//! - a `_redirects` rule, for Netlify and Cloudflare Pages: `301!` first,
//!   which Netlify applies even though a file is there (below), then a plain
//!   `301` for Cloudflare Pages, which always applies its rules and skips a
//!   line it cannot read;
//! - a page at the old address for hosts without redirect rules (GitHub
//!   Pages, S3, nginx as configured in the README): a canonical link and a
//!   `<meta http-equiv="refresh">`, with no script (the CSP allows none
//!   inline), and a link for the reader to follow by hand.

use std::path::Path;

use anyhow::{bail, Context, Result};
use quire_model::redirect::{alias_page_file, redirects_file, Redirect};

use crate::routes::{escape, read_json};
use quire_model::structured_data::absolute_url;
use quire_model::PostIndex;

/// Marks where the build's rules start in `_redirects` (after the site's own
/// from `public/_redirects`, which come first and so win).
const GENERATED: &str = "# Old addresses (front matter `aliases`), written by `cargo xtask build`:";

/// Writes the rules and pages; returns how many redirects there are.
pub fn write_redirects(dist: &Path) -> Result<usize> {
    let index: PostIndex = read_json(&dist.join("content/index.json"))?;
    let redirects: Vec<Redirect> =
        read_json(&dist.join("content").join(redirects_file(&index.build)))?;
    let rules_file = dist.join("_redirects");
    let own_rules = match std::fs::read_to_string(&rules_file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).context("reading dist/_redirects"),
    };
    let own_rules = own_rules
        .split(GENERATED)
        .next()
        .unwrap_or_default()
        .trim_end();
    std::fs::write(&rules_file, rules_text(own_rules, &redirects))
        .context("writing dist/_redirects")?;
    for redirect in &redirects {
        let Some(file) = alias_page_file(&redirect.from) else {
            continue;
        };
        let file = dist.join(file);
        if file.exists() {
            bail!(
                "the alias {} would overwrite {}: remove it from the front matter's `aliases`",
                redirect.from,
                file.display()
            );
        }
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let to = redirect.to.path();
        let page = alias_page(&redirect.title, &to, &absolute_url(&index.site, &to));
        std::fs::write(&file, page).with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(redirects.len())
}

fn rules_text(own_rules: &str, redirects: &[Redirect]) -> String {
    let mut text = String::from(own_rules);
    if redirects.is_empty() {
        text.push('\n');
        return text;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(GENERATED);
    text.push('\n');
    for redirect in redirects {
        let to = redirect.to.path();
        text.push_str(&format!(
            "{} {to} 301!\n{} {to} 301\n",
            redirect.from, redirect.from
        ));
    }
    text
}

/// The page at an old address. It names the same icon as every page
/// (index.html): without one, a browser asks for `/favicon.ico`, which
/// does not exist, before the refresh leaves.
fn alias_page(title: &str, to: &str, canonical: &str) -> String {
    let title = escape(title);
    let to = escape(to);
    let canonical = escape(canonical);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Moved: {title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <link rel=\"icon\" href=\"/favicon.png\" type=\"image/png\" sizes=\"32x32\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n\
         </head>\n<body>\n<p>This page has moved: <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_model::route::Route;

    fn moved(from: &str, slug: &str) -> Redirect {
        Redirect {
            from: from.into(),
            to: Route::Post { slug: slug.into() },
            title: "Pricing <tiers>".into(),
        }
    }

    #[test]
    fn the_sites_own_rules_come_first_and_a_rebuild_replaces_ours() {
        let own = "# mine\n/old-shop https://shop.example 302";
        let first = rules_text(own, &[moved("/2019/01/02/pricing.html", "pricing")]);
        assert_eq!(
            first,
            format!(
                "{own}\n\n{GENERATED}\n/2019/01/02/pricing.html /posts/pricing 301!\n/2019/01/02/pricing.html /posts/pricing 301\n"
            )
        );
        // What a second build reads back is cut at our marker.
        let again = first.split(GENERATED).next().unwrap().trim_end();
        assert_eq!(again, own);
        assert_eq!(rules_text(own, &[]), format!("{own}\n"));
    }

    #[test]
    fn the_old_address_page_sends_readers_on_without_a_script() {
        let page = alias_page(
            "Pricing <tiers>",
            "/posts/pricing",
            "https://x.dev/posts/pricing",
        );
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/posts/pricing\">"));
        assert!(page.contains("<link rel=\"canonical\" href=\"https://x.dev/posts/pricing\">"));
        assert!(page.contains("<link rel=\"icon\" href=\"/favicon.png\""));
        assert!(page.contains("<a href=\"/posts/pricing\">Pricing &lt;tiers&gt;</a>"));
        assert!(page.contains("noindex"));
        assert!(!page.contains("<script"));
    }
}
