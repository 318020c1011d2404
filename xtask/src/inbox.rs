//! The lead inbox on this machine: `serve` runs one beside the dev site
//! (leads in `.quire/leads.sqlite3`), the end-to-end tests run one beside
//! the release build, both wired by [`LocalInbox`]; `cargo xtask leads`
//! prints what it holds.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use anyhow::{bail, Context, Result};

use crate::process::{command, run};
use crate::workspace_root;

/// Where `serve`'s inbox listens.
pub const DEV_PORT: u16 = 8790;
/// The dev server's origins (Trunk serves on 127.0.0.1:8080).
pub const DEV_ORIGINS: [&str; 2] = ["http://127.0.0.1:8080", "http://localhost:8080"];

/// One inbox process and how the site reaches it.
pub struct LocalInbox {
    pub port: u16,
    /// Holds the SQLite file and the secret.
    pub dir: PathBuf,
    /// Origins allowed besides the site's `base_url`.
    pub origins: Vec<String>,
}

impl LocalInbox {
    /// `serve`'s inbox: kept across runs in the ignored `.quire/` folder.
    pub fn dev() -> Self {
        Self {
            port: DEV_PORT,
            dir: workspace_root().join(".quire"),
            origins: DEV_ORIGINS.iter().map(|o| o.to_string()).collect(),
        }
    }

    /// Where the site's lead form posts.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/leads", self.port)
    }

    /// The build setting that sends the site's leads here (read by the
    /// content compile): `serve` and the end-to-end build both use it.
    pub fn site_env(&self) -> (&'static str, String) {
        ("QUIRE_LEADS_ENDPOINT", self.endpoint())
    }

    pub fn page(&self) -> String {
        format!("http://127.0.0.1:{}/inbox", self.port)
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.dir.join("leads.sqlite3").display())
    }

    /// The inbox secret, made on first use (24 random bytes as hex).
    pub fn secret(&self) -> Result<String> {
        let path = self.dir.join("inbox-secret");
        if let Ok(secret) = std::fs::read_to_string(&path) {
            if !secret.trim().is_empty() {
                return Ok(secret.trim().to_string());
            }
        }
        std::fs::create_dir_all(&self.dir)?;
        let mut bytes = [0u8; 24];
        use std::io::Read;
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .context("reading /dev/urandom for the inbox secret")?;
        let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(secret)
    }

    /// The inbox's settings as environment variables.
    fn configure(&self, cmd: &mut Command) -> Result<()> {
        cmd.env("QUIRE_INBOX_LISTEN", format!("127.0.0.1:{}", self.port))
            .env("QUIRE_INBOX_DATABASE_URL", self.database_url())
            .env("QUIRE_INBOX_SITE", workspace_root().join("quire.toml"))
            .env("QUIRE_INBOX_ALLOWED_ORIGINS", self.origins.join(","))
            .env("QUIRE_INBOX_SECRET", self.secret()?)
            // Local use: one developer or one test run sends many leads.
            .env("QUIRE_INBOX_RATE_PER_MINUTE", "600")
            .env("QUIRE_INBOX_RATE_BURST", "200")
            .env_remove("QUIRE_INBOX_CONFIG");
        Ok(())
    }

    /// Starts the inbox (built first) and waits until it answers.
    pub fn start(&self) -> Result<Child> {
        self.start_binary(&build_inbox()?)
    }

    /// Starts the inbox `binary` and waits until it answers.
    pub fn start_binary(&self, binary: &Path) -> Result<Child> {
        // Another inbox already there would answer in this one's place.
        if std::net::TcpListener::bind(("127.0.0.1", self.port)).is_err() {
            bail!(
                "port {} is taken (an inbox left running?): stop what listens there",
                self.port
            );
        }
        std::fs::create_dir_all(&self.dir)?;
        let mut cmd = Command::new(binary);
        self.configure(&mut cmd)?;
        cmd.arg("serve");
        let mut child = cmd
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let health = format!("127.0.0.1:{}", self.port);
        for _ in 0..100 {
            if let Some(status) = child.try_wait()? {
                bail!(
                    "the lead inbox stopped at once ({status}); is port {} taken?",
                    self.port
                );
            }
            if health_ok(&health) {
                return Ok(child);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        bail!("the lead inbox did not answer on {health} within 10 s")
    }

    /// Prints the stored leads (`quire-inbox list`).
    pub fn print_leads(&self, csv: bool) -> Result<()> {
        if !self.dir.join("leads.sqlite3").exists() {
            bail!(
                "no local inbox yet: run `cargo xtask serve`, send a lead from a calculator, then try again"
            );
        }
        let binary = build_inbox()?;
        let mut cmd = Command::new(binary);
        self.configure(&mut cmd)?;
        cmd.arg("list");
        if csv {
            cmd.arg("--csv");
        }
        let status = cmd.status()?;
        if !status.success() {
            bail!("listing the leads failed ({status})");
        }
        Ok(())
    }
}

/// `GET /health` answers 200.
fn health_ok(address: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(address) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
    let request = format!("GET /health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

/// Builds the inbox binary (debug: it is the dev and test inbox) and
/// returns its path.
pub fn build_inbox() -> Result<PathBuf> {
    run(command("cargo").args(["build", "--quiet", "--package", "quire-inbox"]))?;
    Ok(workspace_root().join("target/debug/quire-inbox"))
}

/// Whether `quire.toml` names a lead endpoint of its own.
pub fn site_has_endpoint(root: &Path) -> Result<bool> {
    let path = root.join("quire.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).with_context(|| format!("reading {}", path.display()))?;
    Ok(table
        .get("leads")
        .and_then(|l| l.get("endpoint"))
        .and_then(|e| e.as_str())
        .is_some_and(|e| !e.trim().is_empty()))
}
