//! The inbox's settings: a TOML file (optional) and `QUIRE_INBOX_*`
//! environment variables over it. Every bad value is an error that names
//! where it came from (file:line:column, or the variable) and the fix.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

/// The settings as the service uses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub listen: SocketAddr,
    /// `sqlite://path/to/leads.sqlite3` or `postgres://user@host/db`.
    pub database_url: String,
    /// Origins (`https://example.com`) whose pages may send leads.
    pub allowed_origins: Vec<String>,
    /// The author's secret for the inbox page, exports and the JSON list.
    pub secret: Option<String>,
    /// Where each new lead is announced.
    pub webhooks: Vec<String>,
    pub rate_limit: RateLimit,
    /// Take the client's address from the last `X-Forwarded-For` entry
    /// (behind a reverse proxy), not from the connection.
    pub trust_forwarded_for: bool,
    /// Log lines as JSON objects instead of text.
    pub json_logs: bool,
}

/// Leads one client address may send: `per_minute` on average, `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            per_minute: 10,
            burst: 5,
        }
    }
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8790";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://leads.sqlite3";
/// Shorter secrets can be guessed; `openssl rand -hex 24` makes a good one.
pub const MIN_SECRET_CHARS: usize = 16;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    database_url: Option<String>,
    allowed_origins: Option<Vec<String>>,
    /// A quire.toml whose `base_url` is an allowed origin.
    site: Option<PathBuf>,
    secret: Option<String>,
    #[serde(default)]
    webhooks: Vec<WebhookEntry>,
    rate_limit: Option<RateLimit>,
    trust_forwarded_for: Option<bool>,
    json_logs: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookEntry {
    url: String,
}

const FILE_KEYS: [&str; 9] = [
    "listen",
    "database_url",
    "allowed_origins",
    "site",
    "secret",
    "webhooks",
    "rate_limit",
    "trust_forwarded_for",
    "json_logs",
];

/// A setting that cannot be used, with where it was set and how to fix it.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{path}: cannot read the inbox settings: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}:{line}:{column}: {problem} — {fix}")]
    File {
        path: String,
        line: usize,
        column: usize,
        problem: String,
        fix: String,
    },
    #[error("{source_name}: {problem} — {fix}")]
    Value {
        /// The variable or key that holds the value.
        source_name: String,
        problem: String,
        fix: String,
    },
}

fn bad(source_name: &str, problem: impl Into<String>, fix: impl Into<String>) -> ConfigError {
    ConfigError::Value {
        source_name: source_name.into(),
        problem: problem.into(),
        fix: fix.into(),
    }
}

impl Config {
    /// Reads `file` (if given) and the process environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_with(file, |name| std::env::var(name).ok())
    }

    /// Reads `file` (if given) and the variables `env` returns, which win.
    pub fn load_with(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let (raw, base) = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
                let raw = parse_file(&path.display().to_string(), &text)?;
                (
                    raw,
                    path.parent().map(Path::to_path_buf).unwrap_or_default(),
                )
            }
            None => (FileConfig::default(), PathBuf::new()),
        };
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());

        let (listen_source, listen) = match env("QUIRE_INBOX_LISTEN") {
            Some(v) => ("QUIRE_INBOX_LISTEN", v),
            None => (
                "listen",
                raw.listen.unwrap_or_else(|| DEFAULT_LISTEN.into()),
            ),
        };
        let listen = listen.trim().parse::<SocketAddr>().map_err(|_| {
            bad(
                listen_source,
                format!("`{listen}` is not an address to listen on"),
                "write an IP and a port, e.g. 127.0.0.1:8790",
            )
        })?;

        let (db_source, database_url) = match env("QUIRE_INBOX_DATABASE_URL") {
            Some(v) => ("QUIRE_INBOX_DATABASE_URL", v),
            None => (
                "database_url",
                raw.database_url
                    .unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            ),
        };
        let database_url = check_database_url(db_source, database_url.trim(), &base)?;

        let mut allowed_origins = Vec::new();
        let origins: Vec<(String, String)> = match env("QUIRE_INBOX_ALLOWED_ORIGINS") {
            Some(list) => list
                .split(',')
                .map(|o| ("QUIRE_INBOX_ALLOWED_ORIGINS".to_string(), o.to_string()))
                .collect(),
            None => raw
                .allowed_origins
                .unwrap_or_default()
                .into_iter()
                .map(|o| ("allowed_origins".to_string(), o))
                .collect(),
        };
        for (source_name, origin) in origins {
            allowed_origins.push(origin_of(&source_name, origin.trim())?);
        }
        let site = env("QUIRE_INBOX_SITE")
            .map(PathBuf::from)
            .or_else(|| raw.site.map(|s| base.join(s)));
        if let Some(site) = site {
            let origin = site_origin(&site)?;
            if !allowed_origins.contains(&origin) {
                allowed_origins.push(origin);
            }
        }

        let secret = env("QUIRE_INBOX_SECRET").or(raw.secret);
        if let Some(secret) = &secret {
            if secret.chars().count() < MIN_SECRET_CHARS {
                return Err(bad(
                    "secret",
                    format!("the secret is shorter than {MIN_SECRET_CHARS} characters"),
                    "use a long random one, e.g. the output of `openssl rand -hex 24`",
                ));
            }
        }

        let webhooks: Vec<(String, String)> = match env("QUIRE_INBOX_WEBHOOKS") {
            Some(list) => list
                .split(',')
                .map(|u| ("QUIRE_INBOX_WEBHOOKS".to_string(), u.trim().to_string()))
                .collect(),
            None => raw
                .webhooks
                .into_iter()
                .map(|w| ("webhooks.url".to_string(), w.url))
                .collect(),
        };
        for (source_name, url) in &webhooks {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(bad(
                    source_name,
                    format!("`{url}` is not a web address"),
                    "write the webhook's full URL, starting with https://",
                ));
            }
        }

        let mut rate_limit = raw.rate_limit.unwrap_or_default();
        if let Some(v) = env("QUIRE_INBOX_RATE_PER_MINUTE") {
            rate_limit.per_minute = positive("QUIRE_INBOX_RATE_PER_MINUTE", &v)?;
        }
        if let Some(v) = env("QUIRE_INBOX_RATE_BURST") {
            rate_limit.burst = positive("QUIRE_INBOX_RATE_BURST", &v)?;
        }
        if rate_limit.per_minute == 0 || rate_limit.burst == 0 {
            return Err(bad(
                "rate_limit",
                "a rate limit of 0 refuses every lead",
                "set `per_minute` and `burst` to 1 or more (defaults: 10 and 5)",
            ));
        }
        let flag = |name: &str, file_value: Option<bool>| -> Result<bool, ConfigError> {
            match env(name) {
                Some(v) => match v.trim() {
                    "1" | "true" | "yes" => Ok(true),
                    "0" | "false" | "no" => Ok(false),
                    other => Err(bad(
                        name,
                        format!("`{other}` is not true or false"),
                        "write true or false",
                    )),
                },
                None => Ok(file_value.unwrap_or(false)),
            }
        };
        Ok(Config {
            listen,
            database_url,
            allowed_origins,
            secret,
            webhooks: webhooks.into_iter().map(|(_, url)| url).collect(),
            rate_limit,
            trust_forwarded_for: flag("QUIRE_INBOX_TRUST_FORWARDED_FOR", raw.trust_forwarded_for)?,
            json_logs: flag("QUIRE_INBOX_JSON_LOGS", raw.json_logs)?,
        })
    }

    /// What `serve` needs beyond a database: somewhere leads may come from.
    pub fn check_for_serving(&self) -> Result<(), ConfigError> {
        if self.allowed_origins.is_empty() {
            return Err(bad(
                "allowed_origins",
                "no site may send leads to this inbox",
                "list your site's origin, e.g. allowed_origins = [\"https://example.com\"], \
                 or set `site` to your quire.toml",
            ));
        }
        Ok(())
    }
}

fn parse_file(path: &str, text: &str) -> Result<FileConfig, ConfigError> {
    toml::from_str(text).map_err(|error| {
        let (line, column) = error
            .span()
            .map_or((1, 1), |span| line_col(text, span.start));
        let message = error.message().to_string();
        let fix = match message
            .split("unknown field `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
        {
            Some(unknown) => match FILE_KEYS
                .iter()
                .map(|k| (k, strsim::jaro_winkler(unknown, k)))
                .filter(|(_, score)| *score >= 0.8)
                .max_by(|a, b| a.1.total_cmp(&b.1))
            {
                Some((key, _)) => format!("did you mean `{key}`?"),
                None => format!("remove `{unknown}`; the README lists the inbox's settings"),
            },
            None => "check the value's type against the README's inbox settings".into(),
        };
        ConfigError::File {
            path: path.into(),
            line,
            column,
            problem: message,
            fix,
        }
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn positive(name: &str, value: &str) -> Result<u32, ConfigError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            bad(
                name,
                format!("`{value}` is not a whole number above 0"),
                "write a number such as 10",
            )
        })
}

/// `sqlite://…` (a relative path is taken from the settings file's folder)
/// or `postgres://…`.
fn check_database_url(source_name: &str, url: &str, base: &Path) -> Result<String, ConfigError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(url.to_string());
    }
    let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err(bad(
            source_name,
            format!("`{url}` is neither a SQLite nor a PostgreSQL URL"),
            "write sqlite://path/to/leads.sqlite3 or postgres://user:password@host/database",
        ));
    };
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if path.is_empty() || path == ":memory:" {
        return Err(bad(
            source_name,
            "the SQLite database has no file",
            "name a file, e.g. sqlite://leads.sqlite3 (leads in memory would be lost)",
        ));
    }
    let path = if Path::new(path).is_absolute() || base.as_os_str().is_empty() {
        PathBuf::from(path)
    } else {
        base.join(path)
    };
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Ok(format!("sqlite://{}{query}", path.display()))
}

/// `scheme://host[:port]`, lower-cased, without a path or trailing slash.
fn origin_of(source_name: &str, origin: &str) -> Result<String, ConfigError> {
    let lower = origin.trim_end_matches('/').to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ', '*']) => Ok(lower),
        _ => Err(bad(
            source_name,
            format!("`{origin}` is not an origin"),
            "write the scheme and host your site is served from, e.g. https://example.com",
        )),
    }
}

/// The origin of the site whose `quire.toml` is at `path`.
fn site_origin(path: &Path) -> Result<String, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Read {
        path: shown.clone(),
        reason: e.message().to_string(),
    })?;
    let base_url = table
        .get("site")
        .and_then(|s| s.get("base_url"))
        .and_then(|u| u.as_str())
        .ok_or_else(|| {
            bad(
                &shown,
                "it has no [site] base_url",
                "set base_url in quire.toml",
            )
        })?;
    let (scheme, rest) = base_url.split_once("://").unwrap_or(("", base_url));
    let host = rest.split('/').next().unwrap_or_default();
    origin_of(&format!("{shown}: base_url"), &format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(file: Option<&str>, env: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inbox.toml");
        if let Some(text) = file {
            std::fs::write(&path, text).unwrap();
        }
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load_with(file.map(|_| path.as_path()), |k| env.get(k).cloned())
    }

    #[test]
    fn defaults_need_only_an_origin_to_serve() {
        let config = load(None, &[]).unwrap();
        assert_eq!(config.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(config.database_url, "sqlite://leads.sqlite3");
        assert_eq!(config.rate_limit, RateLimit::default());
        assert!(config.check_for_serving().is_err());
        let config = load(
            None,
            &[(
                "QUIRE_INBOX_ALLOWED_ORIGINS",
                "https://A.example/, http://localhost:8080",
            )],
        )
        .unwrap();
        assert_eq!(
            config.allowed_origins,
            ["https://a.example", "http://localhost:8080"]
        );
        assert!(config.check_for_serving().is_ok());
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let file = "listen = \"0.0.0.0:9000\"\ndatabase_url = \"sqlite://data/leads.db\"\nallowed_origins = [\"https://site.example\"]\n[[webhooks]]\nurl = \"https://hooks.example/a\"\n[rate_limit]\nper_minute = 30\nburst = 10\n";
        let config = load(Some(file), &[]).unwrap();
        assert_eq!(config.listen.port(), 9000);
        assert!(
            config.database_url.ends_with("/data/leads.db"),
            "{}",
            config.database_url
        );
        assert_eq!(config.webhooks, ["https://hooks.example/a"]);
        assert_eq!(config.rate_limit.per_minute, 30);
        let config = load(
            Some(file),
            &[
                ("QUIRE_INBOX_LISTEN", "127.0.0.1:1234"),
                ("QUIRE_INBOX_DATABASE_URL", "postgres://u@h/db"),
                ("QUIRE_INBOX_RATE_BURST", "2"),
            ],
        )
        .unwrap();
        assert_eq!(config.listen.port(), 1234);
        assert_eq!(config.database_url, "postgres://u@h/db");
        assert_eq!(config.rate_limit.burst, 2);
    }

    #[test]
    fn the_site_base_url_is_an_allowed_origin() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("quire.toml");
        std::fs::write(
            &site,
            "[site]\ntitle = \"T\"\nbase_url = \"https://Notes.example/blog/\"\n",
        )
        .unwrap();
        let config = load(None, &[("QUIRE_INBOX_SITE", site.to_str().unwrap())]).unwrap();
        assert_eq!(config.allowed_origins, ["https://notes.example"]);
    }

    /// A settings file (if any), the environment, and what the error says.
    type Case = (
        Option<&'static str>,
        &'static [(&'static str, &'static str)],
        &'static str,
    );

    #[test]
    fn bad_values_name_where_they_were_set_and_the_fix() {
        let cases: &[Case] = &[
            (Some("listn = \"x\"\n"), &[], ":1:1: unknown field `listn`"),
            (Some("listn = \"x\"\n"), &[], "did you mean `listen`?"),
            (Some("\nlisten = 8790\n"), &[], ":2:10: invalid type"),
            (
                Some("listen = \"nowhere\"\n"),
                &[],
                "listen: `nowhere` is not an address to listen on — write an IP and a port",
            ),
            (
                None,
                &[("QUIRE_INBOX_LISTEN", "8790")],
                "QUIRE_INBOX_LISTEN: `8790` is not an address",
            ),
            (
                None,
                &[("QUIRE_INBOX_DATABASE_URL", "mysql://x")],
                "QUIRE_INBOX_DATABASE_URL: `mysql://x` is neither a SQLite nor a PostgreSQL URL",
            ),
            (
                None,
                &[("QUIRE_INBOX_DATABASE_URL", "sqlite::memory:")],
                "the SQLite database has no file",
            ),
            (
                None,
                &[("QUIRE_INBOX_ALLOWED_ORIGINS", "example.com")],
                "`example.com` is not an origin",
            ),
            (
                None,
                &[("QUIRE_INBOX_ALLOWED_ORIGINS", "https://example.com/leads")],
                "is not an origin",
            ),
            (
                None,
                &[("QUIRE_INBOX_SECRET", "short")],
                "secret: the secret is shorter than 16 characters",
            ),
            (
                None,
                &[("QUIRE_INBOX_WEBHOOKS", "hooks.example")],
                "QUIRE_INBOX_WEBHOOKS: `hooks.example` is not a web address",
            ),
            (
                None,
                &[("QUIRE_INBOX_RATE_PER_MINUTE", "-3")],
                "QUIRE_INBOX_RATE_PER_MINUTE: `-3` is not a whole number above 0",
            ),
            (
                Some("[rate_limit]\nper_minute = 0\nburst = 1\n"),
                &[],
                "a rate limit of 0 refuses every lead",
            ),
            (
                None,
                &[("QUIRE_INBOX_TRUST_FORWARDED_FOR", "maybe")],
                "`maybe` is not true or false",
            ),
            (
                None,
                &[("QUIRE_INBOX_SITE", "/no/such/quire.toml")],
                "/no/such/quire.toml: cannot read",
            ),
        ];
        for (file, env, expected) in cases {
            let error = load(*file, env).expect_err(expected).to_string();
            assert!(
                error.contains(expected),
                "{error}\n  should contain: {expected}"
            );
        }
    }
}
