//! `serve` and `build`: Trunk with the project's tools, and what a release weighs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{bail, Context, Result};

use crate::process::{command, output_of, run};
use crate::sizes::{brotli, gzip, measure, AssetBytes};
use crate::tools::ensure_build_tools;
use crate::workspace_root;

/// Crates that must never reach the browser: Markdown is rendered at build time.
const NATIVE_ONLY_CRATES: [&str; 3] = ["pulldown-cmark", "ammonia", "lol_html"];

/// Trunk serves and rebuilds the app; content is recompiled by our own
/// watcher (see `watch`), which is much faster than a Trunk rebuild.
pub fn serve() -> Result<()> {
    ensure_build_tools()?;
    let _inbox = start_dev_inbox();
    eprintln!(
        "serving at http://127.0.0.1:8080 (live reload on src/, style/ and content/ changes)"
    );
    let mut trunk = command("trunk")
        .arg("serve")
        .spawn()
        .context("could not start `trunk serve`")?;
    static STOP: AtomicBool = AtomicBool::new(false);
    let trunk_status = std::thread::spawn(move || {
        let status = trunk.wait();
        STOP.store(true, Ordering::Relaxed);
        status
    });
    let root = workspace_root();
    crate::watch::watch_content(&root, &root.join("dist"), &STOP, |result| {
        if let Err(error) = result {
            eprintln!("content not updated: {error:#}");
        }
    })?;
    let status = trunk_status
        .join()
        .map_err(|_| anyhow::anyhow!("the Trunk thread panicked"))??;
    if !status.success() {
        bail!("`trunk serve` failed ({status})");
    }
    Ok(())
}

/// Starts the local lead inbox and, unless `quire.toml` names an endpoint,
/// points the dev site's lead forms at it. A failure to start is printed,
/// not fatal: the site is served anyway.
fn start_dev_inbox() -> Option<ChildGuard> {
    let inbox = crate::inbox::LocalInbox::dev();
    let root = workspace_root();
    let own_endpoint = match crate::inbox::site_has_endpoint(&root) {
        Ok(own) => own,
        Err(error) => {
            eprintln!("lead inbox not started: {error:#}");
            return None;
        }
    };
    let child = match inbox.start() {
        Ok(child) => child,
        Err(error) => {
            eprintln!("lead inbox not started: {error:#}");
            return None;
        }
    };
    if own_endpoint {
        eprintln!(
            "leads: quire.toml sends them to its own [leads] endpoint; the local inbox at {} is idle",
            inbox.page()
        );
    } else {
        // Read by the content compile in this process and in Trunk's hook.
        let (variable, endpoint) = inbox.site_env();
        std::env::set_var(variable, endpoint);
        eprintln!(
            "leads: calculator forms send to {}; read them at {} (any user name, password in .quire/inbox-secret: {}) or with `cargo xtask leads`",
            inbox.endpoint(),
            inbox.page(),
            inbox.secret().unwrap_or_default()
        );
    }
    Some(ChildGuard(child))
}

/// Stops a child process when dropped (the inbox, when `serve` ends).
pub struct ChildGuard(pub std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Builds the release site into dist/ and prints its sizes.
pub fn build_release() -> Result<PathBuf> {
    build_release_with(&[])
}

/// [`build_release`] with extra environment for the build (and its content hook).
pub fn build_release_with(env: &[(&str, &str)]) -> Result<PathBuf> {
    ensure_build_tools()?;
    check_no_markdown_in_wasm()?;
    run(command("trunk")
        .args(["build", "--release"])
        .envs(env.iter().copied())
        // Trunk's own builds never lint (`cargo xtask test` checks them with
        // `cargo clippy`): its hooks run `cargo xtask`, which a lint wrapper
        // would compile again.
        .env_remove(crate::process::LINT_WRAPPER)
        .env_remove("CLIPPY_ARGS"))?;
    let dist = workspace_root().join("dist");
    build_extra_app(&dist, &CALCULATORS)?;
    build_extra_app(&dist, &FIGURES)?;
    crate::deploy::write_deploy_files(&dist)?;
    let assets = print_sizes(&dist)?;
    crate::budget::check(&dist, &workspace_root(), assets)?;
    Ok(dist)
}

/// A WebAssembly app that `cargo xtask build` makes beside Trunk's, which
/// cannot build a second app (trunk-rs/trunk#961).
struct ExtraApp {
    /// Its crate.
    package: &'static str,
    /// `--bin <name>`, or `--lib` for a cdylib.
    target: &'static [&'static str],
    /// The `.wasm` cargo writes (and the glue's name for wasm-bindgen).
    artifact: &'static str,
    /// The prefix of its hashed files in dist/.
    prefix: &'static str,
}

/// The calculator pages' own app (`src/calculators_main.rs`). It redraws
/// the page rather than hydrating it (`boot::Takeover::Redraw`), so it is
/// built without Leptos's hydration code (default features, `csr`): 34 KB
/// less brotli. The calculator pages start it instead of the whole site's.
const CALCULATORS: ExtraApp = ExtraApp {
    package: "quire",
    target: &["--bin", CALCULATORS_BIN],
    artifact: CALCULATORS_BIN,
    prefix: CALCULATORS_APP,
};

/// The first stage of a calculator opened from a shared link
/// (`crates/figures`): its figures, before and without the app.
const FIGURES: ExtraApp = ExtraApp {
    package: "quire-figures",
    target: &["--lib"],
    artifact: "quire_figures",
    prefix: FIGURES_APP,
};

/// Builds an [`ExtraApp`] the way Trunk builds the whole site's: a release
/// WASM, then wasm-bindgen's web glue and `wasm-opt -Oz`, into `dist`
/// under names hashed from the bytes (`<prefix><hash>.js` and `_bg.wasm`).
fn build_extra_app(dist: &Path, app: &ExtraApp) -> Result<()> {
    run(command("cargo")
        .args([
            "build",
            "--release",
            "--package",
            app.package,
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(app.target)
        .env_remove(crate::process::LINT_WRAPPER)
        .env_remove("CLIPPY_ARGS"))?;
    let root = workspace_root();
    let built = root.join(format!(
        "target/wasm32-unknown-unknown/release/{}.wasm",
        app.artifact
    ));
    let staging = root.join(format!("target/extra-app-{}", app.artifact));
    let _ = std::fs::remove_dir_all(&staging);
    run(command("wasm-bindgen")
        .args(["--target=web", "--no-typescript"])
        .arg(format!("--out-name={}", app.artifact))
        .arg(format!("--out-dir={}", staging.display()))
        .arg(&built))?;
    let wasm = staging.join(format!("{}_bg.wasm", app.artifact));
    run(command("wasm-opt")
        .arg(format!("--output={}", wasm.display()))
        .arg("-Oz")
        .arg(&wasm))?;
    let glue = staging.join(format!("{}.js", app.artifact));
    if staging.join("snippets").exists() {
        bail!(
            "{} has wasm-bindgen snippets, which this build does not copy: copy {}/snippets into dist",
            app.package,
            staging.display()
        );
    }
    let wasm_bytes = std::fs::read(&wasm)?;
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&wasm_bytes));
    for stale in std::fs::read_dir(dist)? {
        let stale = stale?.path();
        if stale
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(app.prefix))
        {
            std::fs::remove_file(stale)?;
        }
    }
    std::fs::write(
        dist.join(format!("{}{hash}_bg.wasm", app.prefix)),
        wasm_bytes,
    )?;
    std::fs::copy(glue, dist.join(format!("{}{hash}.js", app.prefix)))?;
    Ok(())
}

/// The calculator pages' app: its binary, and the prefix of its files in dist/.
pub const CALCULATORS_BIN: &str = "quire_calculators";
pub const CALCULATORS_APP: &str = "quire_calculators-";
/// The prefix of the shared link's first stage's files in dist/.
pub const FIGURES_APP: &str = "quire_figures-";

fn check_no_markdown_in_wasm() -> Result<()> {
    let tree = output_of(command("cargo").args([
        "tree",
        "--package",
        "quire",
        "--target",
        "wasm32-unknown-unknown",
        "--edges",
        "normal",
        "--prefix",
        "none",
    ]))
    .context("`cargo tree` failed for the app")?;
    let found: Vec<_> = NATIVE_ONLY_CRATES
        .iter()
        .filter(|name| tree.lines().any(|l| l.starts_with(&format!("{name} "))))
        .collect();
    if !found.is_empty() {
        bail!("the browser app depends on {found:?}: render Markdown in crates/compiler instead");
    }
    Ok(())
}

/// Kinds of file worth compressing: text, and WebAssembly.
const COMPRESSIBLE: [&str; 9] = [
    "html", "css", "js", "wasm", "json", "svg", "xml", "txt", "map",
];

/// Writes `<file>.br` and `<file>.gz` beside every compressible file of
/// 1 KB or more under `dir`, for servers that send precompressed files
/// (nginx `brotli_static`/`gzip_static`, S3 with Content-Encoding set);
/// returns how many files it compressed.
pub fn precompress(dir: &Path) -> Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            count += precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .is_some_and(|e| COMPRESSIBLE.contains(&e.to_string_lossy().as_ref()));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        if bytes.len() < 1024 {
            continue;
        }
        let with_suffix = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        std::fs::write(with_suffix(".br"), brotli(&bytes))?;
        std::fs::write(with_suffix(".gz"), gzip(&bytes))?;
        count += 1;
    }
    Ok(count)
}

/// File name prefixes of the workers' loaders, scripts and WASM.
const WORKERS: [&str; 2] = ["search_worker", "cohort_worker"];

/// File name prefix of the app's JS glue and WASM.
const APP: &str = "quire-";

/// Prints each file's sizes; returns the brotli bytes of the assets pages load.
fn print_sizes(dist: &Path) -> Result<AssetBytes> {
    let files: Vec<PathBuf> = std::fs::read_dir(dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["wasm", "js", "css"].contains(&e.to_string_lossy().as_ref()))
        })
        // Pages (HTML) are counted per route type, in budget.rs.
        .collect();
    // Workers are loaded by the first search or upload, not by the page.
    let named = |p: &PathBuf, prefix: &str| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    };
    let (workers, files): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| WORKERS.iter().any(|w| named(p, w)));
    // The app's JS glue and WASM are loaded by assets/start.js when a page
    // needs them; the rest (CSS, the theme and start scripts) by every page.
    let (mut calculators, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| named(p, CALCULATORS_APP));
    let (mut figures, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| named(p, FIGURES_APP));
    let (mut app, mut page): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|p| named(p, APP));
    app.sort();
    page.sort();
    calculators.sort();
    figures.sort();
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "dist/", "raw", "gzip -9", "brotli 11"
    );
    let page_assets = print_files(&page)?;
    println!("every page's assets (css, js, brotli): {page_assets} bytes");
    let app = print_files(&app)?;
    println!("the app, started by the search page or the reader's first reach for a control (brotli): {app} bytes");
    let calculators_app = print_files(&calculators)?;
    println!(
        "the calculators' app, started by an embed or the reader's first reach on a calculator (brotli): {calculators_app} bytes"
    );
    let figures = print_files(&figures)?;
    println!(
        "the first stage of a calculator link with inputs, started at once by it (brotli): {figures} bytes"
    );
    for worker in WORKERS {
        let files: Vec<PathBuf> = workers
            .iter()
            .filter(|p| named(p, worker))
            .cloned()
            .collect();
        let total = print_files(&files)?;
        println!("{worker}, loaded when first used (brotli): {total} bytes");
    }
    Ok(AssetBytes {
        page_assets,
        app,
        calculators_app,
        figures,
    })
}

/// Prints each file's sizes; returns their brotli total.
fn print_files(files: &[PathBuf]) -> Result<usize> {
    let mut total = 0;
    for file in files {
        let sizes = measure(&std::fs::read(file)?);
        total += sizes.brotli;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{name:<40} {:>10} {:>10} {:>10}",
            sizes.raw, sizes.gzip, sizes.brotli
        );
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_shrinks_repetitive_input() {
        let sizes = measure(&b"quire ".repeat(1000));
        assert_eq!(sizes.raw, 6000);
        assert!(sizes.gzip < 200 && sizes.brotli < 200, "{sizes:?}");
    }

    #[test]
    fn precompressed_files_decompress_to_the_original_and_small_ones_are_left() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("quire-precompress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("posts"))?;
        let page = "<p>quire</p>".repeat(200);
        std::fs::write(dir.join("posts/index.html"), &page)?;
        std::fs::write(dir.join("tiny.json"), "{}")?;
        std::fs::write(dir.join("photo.png"), vec![7u8; 4096])?;

        assert_eq!(precompress(&dir)?, 1);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(dir.join("posts/index.html.br"))?[..],
            &mut unbrotli,
        )?;
        assert_eq!(unbrotli, page.as_bytes());
        let mut ungzip = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&std::fs::read(dir.join("posts/index.html.gz"))?[..]),
            &mut ungzip,
        )?;
        assert_eq!(ungzip, page);
        assert!(!dir.join("tiny.json.br").exists() && !dir.join("photo.png.br").exists());
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
