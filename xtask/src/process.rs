//! Running external programs with the project's tool directories on PATH.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::workspace_root;

/// A command with the project's tools first on PATH: npm's binaryen
/// (`wasm-opt`) and cargo-installed binaries (Trunk, wasm-bindgen).
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut dirs = vec![workspace_root().join("tools/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| {
            let mut p = std::path::PathBuf::from(h);
            p.push(".cargo");
            p.into_os_string()
        })
    }) {
        dirs.push(std::path::PathBuf::from(home).join("bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    let mut cmd = Command::new(program);
    cmd.env(
        "PATH",
        std::env::join_paths(dirs).expect("PATH entries contain no separator"),
    );
    cmd.current_dir(workspace_root());
    cmd
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// The variable cargo runs workspace crates' rustc through: `cargo xtask
/// test` sets it to clippy-driver, so its builds lint as they compile.
pub const LINT_WRAPPER: &str = "RUSTC_WORKSPACE_WRAPPER";

/// Runs `cmd` with inherited output; an error if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let what = describe(cmd);
    eprintln!("$ {what}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{what}`"))?;
    if !status.success() {
        bail!("`{what}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd`, echoing its stdout while keeping a copy. Returns whether it
/// succeeded and what it printed; failing to start is an error.
pub fn run_tee(cmd: &mut Command) -> Result<(bool, String)> {
    let what = describe(cmd);
    eprintln!("$ {what}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{what}`"))?;
    let mut captured = String::new();
    let stdout = child.stdout.take().expect("stdout was piped");
    let mut out = std::io::stdout().lock();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap_or_default();
        let _ = writeln!(out, "{line}");
        captured.push_str(&line);
        captured.push('\n');
    }
    drop(out);
    let status = child.wait()?;
    Ok((status.success(), captured))
}

/// Runs `cmd` with its stdout captured, not echoed (a machine-readable
/// stream such as cargo's JSON messages); stderr is inherited.
pub fn run_captured(cmd: &mut Command) -> Result<(bool, String)> {
    let what = describe(cmd);
    eprintln!("$ {what}");
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{what}`"))?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

/// The trimmed stdout of a command that succeeded, or `None`.
pub fn output_of(cmd: &mut Command) -> Option<String> {
    let output = cmd.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}
