//! What a CDN needs besides the files, written into dist/ after Trunk:
//! `_headers` (Netlify and Cloudflare Pages) with a strict
//! Content-Security-Policy and caching rules, then a page per route and
//! `404.html` (`routes`), then the old addresses (`redirects`). The policy allows no inline script, so the build
//! fails if index.html has one (quire's has none: `assets/start.js` starts
//! the app, see Trunk.toml).

use std::path::Path;

use anyhow::{bail, Context, Result};

/// The policy. Scripts only from this origin, WebAssembly compiled without allowing `eval`, no inline
/// styles, no plugins, no framing, no `<base>` tricks.
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
    ("frame-ancestors", "'none'"),
];

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

/// The `_headers` file: the security headers on every path; immutable
/// caching for files whose name changes with their content (Trunk's hashed
/// assets, the bundles under `content/<build>/`, the search index's
/// content-hashed chunks under `content/search/`, the image variants
/// under `content/images/`); revalidation for HTML
/// and the site index, which name the current build.
pub fn headers_file(csp: &str, build: &str, hashed_assets: &[String]) -> String {
    let mut out = String::from(
        "# Written by `cargo xtask build` for Netlify and Cloudflare Pages. Do not edit.\n",
    );
    out.push_str("/*\n");
    out.push_str(&format!("  Content-Security-Policy: {csp}\n"));
    out.push_str("  X-Content-Type-Options: nosniff\n");
    out.push_str("  Referrer-Policy: strict-origin-when-cross-origin\n");
    out.push_str("  Permissions-Policy: camera=(), microphone=(), geolocation=()\n");
    // No Cache-Control on `/*`: both CDNs would merge it into the rules
    // below. Their default for everything else is to revalidate.
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
    std::fs::write(dist.join("_headers"), headers_file(&csp, build, &assets))?;
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
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        let without = content_security_policy(None);
        assert!(without.contains("connect-src 'self';"), "{without}");
    }

    #[test]
    fn hashed_files_are_immutable_and_the_rest_revalidates() {
        let headers = headers_file(
            "default-src 'self'",
            "abc123",
            &["main-0123456789abcdef.css".into()],
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
