//! Installing the tools quire needs, each only if missing or at the wrong
//! version. Versions and the reasons for them: ../shared/TOOLCHAIN.md.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::process::{command, output_of, run};
use crate::workspace_root;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "132";

/// What `cargo xtask serve` and `build` need: the wasm target, Trunk,
/// wasm-bindgen matching Cargo.lock, and wasm-opt from npm's binaryen.
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    // Trunk builds offline, so every crate must be downloaded beforehand.
    run(command("cargo").args(["fetch", "--quiet"]))
}

/// What the browser and end-to-end tests need on top: Chromium, its driver,
/// and the e2e package's npm dependencies from its lockfile.
pub fn ensure_test_tools() -> Result<()> {
    ensure_build_tools()?;
    ensure_chromium()?;
    ensure_npm_packages(&workspace_root().join("tests/e2e"), "@playwright/test")
}

fn ensure_wasm_target() -> Result<()> {
    let installed =
        output_of(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result<()> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    if output_of(command("trunk").arg("--version")).is_some_and(|v| v == wanted) {
        return Ok(());
    }
    eprintln!("installing Trunk {TRUNK_VERSION} (about 15 minutes on 2 cores)…");
    // 0.22 needs a newer rustc than this machine's 1.95.
    run(command("cargo").args(["install", "trunk", "--locked", "--version", TRUNK_VERSION]))
}

fn ensure_wasm_bindgen() -> Result<()> {
    let version = wasm_bindgen_version_in_lockfile()?;
    check_trunk_toml_pins(&version)?;
    if output_of(command("wasm-bindgen").arg("--version"))
        .is_some_and(|v| v == format!("wasm-bindgen {version}"))
    {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {version} (about 5 minutes)…");
    // Without --locked: its lockfile pins a webpki-roots the registry no longer has.
    run(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--force",
        "--version",
        &version,
    ]))
}

fn ensure_wasm_opt() -> Result<()> {
    ensure_npm_packages(&workspace_root().join("tools"), "binaryen")?;
    let version = output_of(command("wasm-opt").arg("--version")).unwrap_or_default();
    if !version.contains(&format!("version_{WASM_OPT_VERSION}")) {
        bail!("wasm-opt reports `{version}`, expected version {WASM_OPT_VERSION}: run `npm ci --prefix tools`");
    }
    Ok(())
}

fn ensure_chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    eprintln!("installing Chromium and ChromeDriver from apt…");
    apt_install(&["chromium", "chromium-driver"])
}

/// Installs Debian packages (as root, without questions).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    run(command("apt-get").args(["update", "-qq"]))?;
    run(command("apt-get")
        .args(["install", "-y", "-qq"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The measuring commands' npm tools (Pagefind, Lighthouse), pinned in
/// `tools/bench`'s lockfile: the path of `bin` once installed.
pub fn ensure_bench_tool(bin: &str) -> Result<std::path::PathBuf> {
    let dir = workspace_root().join("tools/bench");
    ensure_npm_packages(&dir, bin)?;
    Ok(dir.join("node_modules/.bin").join(bin))
}

/// `npm ci` in `dir` unless `package` is already installed from its lockfile.
fn ensure_npm_packages(dir: &Path, package: &str) -> Result<()> {
    let installed = dir.join("node_modules").join(package).join("package.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&marker), std::fs::metadata(&lock)) {
        (Ok(m), Ok(l)) => installed.exists() && m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must be exactly that.
pub fn wasm_bindgen_version_in_lockfile() -> Result<String> {
    let lock = read_toml("Cargo.lock")?;
    lock.get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_table())
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some("wasm-bindgen"))
        .and_then(|p| p.get("version")?.as_str().map(str::to_string))
        .context("Cargo.lock has no wasm-bindgen package: run `cargo generate-lockfile`")
}

/// Trunk compares its `[tools]` pins with the tools' own versions and would
/// try to download on a mismatch; catch that here with a clear fix instead.
fn check_trunk_toml_pins(wasm_bindgen: &str) -> Result<()> {
    let trunk = read_toml("Trunk.toml")?;
    let tools = trunk.get("tools").and_then(|t| t.as_table());
    let pinned = |key: &str| {
        tools
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or("")
    };
    if pinned("wasm_bindgen") != wasm_bindgen {
        bail!(
            "Trunk.toml pins wasm_bindgen = \"{}\" but Cargo.lock has {wasm_bindgen}: set them equal",
            pinned("wasm_bindgen")
        );
    }
    if pinned("wasm_opt") != format!("version_{WASM_OPT_VERSION}") {
        bail!("Trunk.toml must pin wasm_opt = \"version_{WASM_OPT_VERSION}\" (tools/package.json's binaryen)");
    }
    Ok(())
}

/// A TOML file at the workspace root.
fn read_toml(name: &str) -> Result<toml::Table> {
    let path = workspace_root().join(name);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    text.parse()
        .with_context(|| format!("parsing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_toml_agrees_with_cargo_lock() {
        let version = wasm_bindgen_version_in_lockfile().unwrap();
        check_trunk_toml_pins(&version).unwrap();
    }

    #[test]
    fn cargo_toml_pins_wasm_bindgen_exactly() {
        let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
        let version = wasm_bindgen_version_in_lockfile().unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
            "pin wasm-bindgen = \"={version}\""
        );
    }

    #[test]
    fn binaryen_is_pinned_to_the_wasm_opt_version() {
        let manifest =
            std::fs::read_to_string(workspace_root().join("tools/package.json")).unwrap();
        assert!(manifest.contains(&format!("\"binaryen\": \"{WASM_OPT_VERSION}.0.0\"")));
    }
}
