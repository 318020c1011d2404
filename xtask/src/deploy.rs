//! What a CDN needs besides the files, written into dist/ after Trunk:
//! `_headers` (Netlify and Cloudflare Pages) with a strict
//! Content-Security-Policy, framing rules and caching rules, then a page
//! per route and `404.html` (`routes`), then the old addresses
//! (`redirects`), then the embed scripts (`embed.js` for the pages that
//! frame a calculator, `embed-frame.js` for the framed page). The policy allows no inline script, so the build
//! fails if index.html has one (quire's has none: `assets/start.js` starts
//! the app, see Trunk.toml).

use std::path::Path;

use anyhow::{bail, Context, Result};

/// The policy. Scripts only from this origin, WebAssembly compiled without allowing `eval`, no inline
/// styles, no plugins, no `<base>` tricks. Who may frame a page is added
/// per path (see [`headers_file`]).
const POLICY: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),
    // The search worker, a file of this origin.
    ("worker-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
];

/// The script a page that frames a calculator loads (the snippet names
/// it): sizes the frame, tells it who frames it.
pub const EMBED_HOST_SCRIPT: &str = "embed.js";
const EMBED_JS: &str = include_str!("../../assets/embed.js");
/// The script an embed page loads (`routes` adds it): answers the host's
/// script, follows `theme=`.
pub const EMBED_FRAME_SCRIPT: &str = "embed-frame.js";
const EMBED_FRAME_JS: &str = include_str!("../../assets/embed-frame.js");

/// The host's and the frame's embed scripts, into `dist`.
pub fn write_embed_scripts(dist: &Path) -> Result<()> {
    std::fs::write(dist.join(EMBED_HOST_SCRIPT), EMBED_JS)?;
    std::fs::write(dist.join(EMBED_FRAME_SCRIPT), EMBED_FRAME_JS)?;
    Ok(())
}

/// How many inline `<script>`s in `html` would run (data blocks such as
/// JSON and JSON-LD never run): the policy allows none.
pub fn inline_scripts_that_run(html: &str) -> usize {
    let mut count = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let data = tag.contains("type=\"application/json\"")
            || tag.contains("type=\"application/ld+json\"");
        if !tag.contains(" src=") && !data {
            count += 1;
        }
        rest = &after[open_end..];
    }
    count
}

/// The origin (`scheme://host[:port]`) of an absolute URL.
fn origin(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    Some(&url[..end])
}

/// The Content-Security-Policy for a site whose lead form posts to
/// `lead_endpoint`.
pub fn content_security_policy(lead_endpoint: Option<&str>) -> String {
    POLICY
        .iter()
        .map(|(directive, sources)| {
            let mut sources = sources.to_string();
            if *directive == "connect-src" {
                if let Some(origin) = lead_endpoint.and_then(origin) {
                    sources.push(' ');
                    sources.push_str(origin);
                }
            }
            format!("{directive} {sources}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `frame-ancestors` for the embed pages: this site, and the sites
/// `[embeds] allowed_origins` lists (`*`: any site).
pub fn embed_ancestors(origins: &[String]) -> String {
    if origins.iter().any(|o| o == "*") {
        return "frame-ancestors *".into();
    }
    let mut sources = vec!["'self'".to_string()];
    sources.extend(origins.iter().cloned());
    format!("frame-ancestors {}", sources.join(" "))
}

/// The address patterns of every page that no site may frame: each route
/// that is not an embed (listings and posts by their section's wildcard,
/// standalone pages one by one), the landing page and `404.html`.
pub fn unframed_patterns(routes: &[quire_model::route::Route]) -> Vec<String> {
    let mut patterns = std::collections::BTreeSet::new();
    for path in ["/", "/index.html", "/404.html"] {
        patterns.insert(path.to_string());
    }
    for route in routes.iter().filter(|r| !r.may_be_framed()) {
        let path = route.path();
        let mut segments = path.trim_start_matches('/').split('/');
        match (segments.next(), segments.next()) {
            // The landing page, listed above.
            (Some(""), _) | (None, _) => {}
            (Some(first), None) => {
                patterns.insert(format!("/{first}"));
            }
            (Some(first), Some(_)) => {
                patterns.insert(format!("/{first}/*"));
            }
        }
    }
    patterns.into_iter().collect()
}

/// The `_headers` file: the security headers on every path; who may frame
/// what; immutable caching for files whose name changes with their
/// content (Trunk's hashed assets, the bundles under `content/<build>/`,
/// the search index's content-hashed chunks under `content/search/`, the
/// image variants under `content/images/`); revalidation for HTML and the
/// site index, which name the current build.
///
/// Framing: the hosts disagree on a header that two matching rules set
/// (Netlify keeps the more specific rule's value; Cloudflare Pages joins
/// both with a comma, which for a policy means both are enforced), and
/// neither can leave one path out of `/*`. So `/*` has the policy without
/// `frame-ancestors` plus `X-Frame-Options: DENY` (any address, a 404
/// included, refuses framing), and each page's own rule repeats the whole
/// policy with its `frame-ancestors`: `'none'` on the site's pages, the
/// allowed sites on `/embed/*`. Either way of combining gives the same
/// result, and a `frame-ancestors` makes browsers ignore the
/// `X-Frame-Options` on the embeds.
pub fn headers_file(
    csp: &str,
    build: &str,
    hashed_assets: &[String],
    unframed: &[String],
    embed_ancestors: &str,
) -> String {
    let mut out = String::from(
        "# Written by `cargo xtask build` for Netlify and Cloudflare Pages. Do not edit.\n",
    );
    out.push_str("/*\n");
    out.push_str(&format!("  Content-Security-Policy: {csp}\n"));
    out.push_str("  X-Frame-Options: DENY\n");
    out.push_str("  X-Content-Type-Options: nosniff\n");
    out.push_str("  Referrer-Policy: strict-origin-when-cross-origin\n");
    out.push_str("  Permissions-Policy: camera=(), microphone=(), geolocation=()\n");
    // No Cache-Control on `/*`: both CDNs would merge it into the rules
    // below. Their default for everything else is to revalidate.
    for pattern in unframed {
        out.push_str(&format!(
            "{pattern}\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        ));
    }
    out.push_str(&format!(
        "/embed/*\n  Content-Security-Policy: {csp}; {embed_ancestors}\n"
    ));
    let revalidate = "  Cache-Control: public, max-age=0, must-revalidate\n";
    for path in ["/index.html", "/404.html", "/content/index.json"] {
        out.push_str(&format!("{path}\n{revalidate}"));
    }
    let immutable = "  Cache-Control: public, max-age=31536000, immutable\n";
    out.push_str(&format!("/content/{build}/*\n{immutable}"));
    // Search chunks and filter lists are named by a hash of their bytes.
    out.push_str(&format!("/content/search/*\n{immutable}"));
    // Image variants are named by a hash of their source file.
    out.push_str(&format!("/content/images/*\n{immutable}"));
    for asset in hashed_assets {
        out.push_str(&format!("/{asset}\n{immutable}"));
    }
    out
}

/// Trunk's content-hashed outputs: `name-<hex hash>.ext`.
fn is_hashed_asset(name: &str) -> bool {
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        // Trunk writes the 64-bit hash without leading zeros.
        .is_some_and(|(_, hash)| {
            (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// Writes `_headers`, `404.html` and every route's page into `dist`.
pub fn write_deploy_files(dist: &Path) -> Result<()> {
    let index_html =
        std::fs::read_to_string(dist.join("index.html")).context("reading dist/index.html")?;
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dist.join("content/index.json"))
            .context("reading dist/content/index.json")?,
    )?;
    let Some(build) = index["build"].as_str() else {
        bail!("dist/content/index.json names no build");
    };
    let lead_endpoint = index["site"]["lead_endpoint"].as_str();
    let mut assets: Vec<String> = std::fs::read_dir(dist)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| is_hashed_asset(name))
        .collect();
    assets.sort();
    let inline = inline_scripts_that_run(&index_html);
    if inline > 0 {
        bail!("dist/index.html has {inline} inline script(s), which the Content-Security-Policy blocks: move each into a file under assets/ and load it with src=");
    }
    let csp = content_security_policy(lead_endpoint);
    let embed_origins: Vec<String> = index["site"]["embed_origins"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|o| o.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let ancestors = embed_ancestors(&embed_origins);
    let unframed = unframed_patterns(&crate::routes::read_routes(dist)?);
    std::fs::write(
        dist.join("_headers"),
        headers_file(&csp, build, &assets, &unframed, &ancestors),
    )?;
    write_embed_scripts(dist)?;
    let routes = crate::routes::write_route_pages(dist, &index_html)?;
    // 404.html is served by every host for paths with no file, with status
    // 404: the prerendered not-found page, where the app starts too.
    println!("route pages: {routes} (dist/<route>/index.html, with each route's metadata and prerendered body) and 404.html");
    let moved = crate::redirects::write_redirects(dist)?;
    if moved > 0 {
        println!("old addresses: {moved} (rules in dist/_redirects, a page at each)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<head><script src=\"/theme-0123456789abcdef.js\"></script>\n\
        <script type=\"module\">\nimport init from '/quire.js';\n</script>\n\
        <script type=\"application/ld+json\">{}</script>\n\
        <script type=\"application/json\" data-bundle=\"/content/index.json\">{}</script></head>";

    #[test]
    fn inline_scripts_that_run_are_counted_and_data_blocks_are_not() {
        assert_eq!(inline_scripts_that_run(INDEX), 1);
        let without = INDEX.replace(
            "<script type=\"module\">\nimport init from '/quire.js';\n</script>",
            "",
        );
        assert_eq!(inline_scripts_that_run(&without), 0);
    }

    #[test]
    fn the_policy_is_strict_and_allows_the_lead_endpoint() {
        let csp = content_security_policy(Some("https://hooks.example:8443/leads?x=1"));
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{csp}"
        );
        assert!(
            csp.contains("connect-src 'self' https://hooks.example:8443;"),
            "{csp}"
        );
        assert!(!csp.contains("frame-ancestors"), "set per path: {csp}");
        let without = content_security_policy(None);
        assert!(without.contains("connect-src 'self';"), "{without}");
    }

    #[test]
    fn hashed_files_are_immutable_and_the_rest_revalidates() {
        let headers = headers_file(
            "default-src 'self'",
            "abc123",
            &["main-0123456789abcdef.css".into()],
            &[],
            "frame-ancestors 'self'",
        );
        assert!(headers.starts_with("# Written by"));
        assert!(headers.contains("/*\n  Content-Security-Policy: default-src 'self'\n"));
        assert!(headers.contains(
            "/content/index.json\n  Cache-Control: public, max-age=0, must-revalidate\n"
        ));
        // The catch-all rule sets no caching that a specific rule would be merged with.
        let catch_all = headers.split("\n/").nth(1).unwrap();
        assert!(!catch_all.contains("Cache-Control"), "{catch_all}");
        assert!(headers
            .contains("/content/abc123/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(headers
            .contains("/content/search/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(headers.contains(
            "/main-0123456789abcdef.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }

    #[test]
    fn only_the_embeds_may_be_framed_and_only_by_the_sites_allowed() {
        use quire_model::route::Route;
        let routes = [
            Route::Home,
            Route::Archive { page: 2 },
            Route::Post { slug: "a".into() },
            Route::topic("pg"),
            Route::Tag {
                tag: "t".into(),
                page: 1,
            },
            Route::Search,
            Route::Calculators,
            Route::Calculator {
                slug: "roas".into(),
            },
            Route::EmbeddedCalculator {
                slug: "roas".into(),
            },
            Route::Page {
                slug: "about".into(),
            },
        ];
        let unframed = unframed_patterns(&routes);
        assert_eq!(
            unframed,
            [
                "/",
                "/404.html",
                "/about",
                "/calculators",
                "/calculators/*",
                "/index.html",
                "/posts/*",
                "/search",
                "/tags/*",
                "/topics/*"
            ]
        );
        let ancestors = embed_ancestors(&["https://partner.example".into()]);
        assert_eq!(ancestors, "frame-ancestors 'self' https://partner.example");
        assert_eq!(embed_ancestors(&["*".into()]), "frame-ancestors *");
        let headers = headers_file("default-src 'self'", "b", &[], &unframed, &ancestors);
        let catch_all = headers.split("\n/").nth(1).unwrap();
        assert!(catch_all.contains("X-Frame-Options: DENY"), "{catch_all}");
        assert!(!catch_all.contains("frame-ancestors"), "{catch_all}");
        assert!(headers.contains(
            "\n/calculators/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n"
        ));
        assert!(headers.contains(
            "\n/embed/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'self' https://partner.example\n"
        ));
        assert!(!unframed.iter().any(|p| p.starts_with("/embed")));
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("quire-cf0ac42b268be7e9_bg.wasm"));
        assert!(is_hashed_asset("quire-cf0ac42b268be7e9.js"));
        assert!(is_hashed_asset("main-6553d32187b6c949.css"));
        assert!(is_hashed_asset("main-660fea5d1311351.css"));
        assert!(!is_hashed_asset("favicon.svg"));
        assert!(!is_hashed_asset("index.html"));
        assert!(!is_hashed_asset("feed.xml"));
    }
}
