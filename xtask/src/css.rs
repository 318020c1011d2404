//! One stylesheet from many: `style/site.css` lists the per-component files
//! with `@import "…";` lines, and this inlines them in order, so the page
//! makes one request and nothing waits on a chain of imports.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// Where Trunk picks the bundle up (`index.html` links it).
pub const BUNDLE: &str = "target/style/site.css";

/// `entry` with each of its `@import "file";` lines replaced by that file,
/// read relative to `dir`. Imports are one level deep, as `site.css` uses them.
pub fn bundle(dir: &Path, entry: &str) -> Result<String> {
    let entry_path = dir.join(entry);
    let text = std::fs::read_to_string(&entry_path)
        .with_context(|| format!("reading {}", entry_path.display()))?;
    let mut out = String::with_capacity(64 * 1024);
    for (number, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("@import") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let Some(file) = rest
            .trim()
            .strip_suffix(';')
            .map(|f| f.trim().trim_matches('"'))
            .filter(|f| !f.is_empty() && !f.contains(['(', ' ']))
        else {
            bail!(
                "{}:{}: write imports as `@import \"file.css\";`",
                entry_path.display(),
                number + 1
            );
        };
        let path = dir.join(file);
        let imported = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{}:{}: `{file}` cannot be read; create it or remove the import",
                entry_path.display(),
                number + 1
            )
        })?;
        out.push_str(&format!("/* {file} */\n{imported}\n"));
    }
    Ok(out)
}

/// Writes the bundle of `style/site.css` to [`BUNDLE`], only if it changed
/// (so watchers do not see a write for nothing).
pub fn write_bundle(root: &Path) -> Result<()> {
    let css = bundle(&root.join("style"), "site.css")?;
    let target = root.join(BUNDLE);
    if std::fs::read_to_string(&target).ok().as_deref() == Some(css.as_str()) {
        return Ok(());
    }
    std::fs::create_dir_all(target.parent().expect("BUNDLE has a directory"))?;
    std::fs::write(&target, css)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_inlined_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("components")).unwrap();
        std::fs::write(dir.path().join("a.css"), ":root { --x: 1; }\n").unwrap();
        std::fs::write(dir.path().join("components/b.css"), ".b { color: red; }\n").unwrap();
        std::fs::write(
            dir.path().join("site.css"),
            "/* entry */\n@import \"a.css\";\n@import \"components/b.css\";\n",
        )
        .unwrap();
        let css = bundle(dir.path(), "site.css").unwrap();
        let a = css.find("--x: 1").unwrap();
        let b = css.find(".b { color: red; }").unwrap();
        assert!(css.starts_with("/* entry */\n"));
        assert!(a < b, "{css}");
        assert!(!css.contains("@import"), "{css}");
    }

    #[test]
    fn a_missing_import_names_the_line_and_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.css"), "\n@import \"gone.css\";\n").unwrap();
        let error = format!("{:#}", bundle(dir.path(), "site.css").unwrap_err());
        assert!(
            error.contains("site.css:2: `gone.css` cannot be read"),
            "{error}"
        );
        std::fs::write(dir.path().join("site.css"), "@import url(x.css);\n").unwrap();
        let error = format!("{:#}", bundle(dir.path(), "site.css").unwrap_err());
        assert!(error.contains("site.css:1: write imports as"), "{error}");
    }

    #[test]
    fn the_site_stylesheet_bundles() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let css = bundle(&root.join("style"), "site.css").unwrap();
        assert!(css.contains("--color-bg"));
        assert!(css.contains(".hl-comment"));
        assert!(css.contains("@media print"));
        assert!(!css.contains("@import"));
    }
}
