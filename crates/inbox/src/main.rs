//! `quire-inbox`: serve the lead inbox, or read its leads from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use quire_inbox::store::LeadFilter;
use quire_inbox::{Config, InboxError};

#[derive(Parser)]
#[command(name = "quire-inbox", about = "quire's lead inbox", version)]
struct Cli {
    /// Settings file (TOML); QUIRE_INBOX_* variables win over it.
    #[arg(long, global = true, env = "QUIRE_INBOX_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Receive leads and serve the inbox page (the default).
    Serve,
    /// Print the stored leads, newest first: one a line, or CSV or JSON.
    List {
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[arg(long)]
        json: bool,
        /// Only this calculator's leads.
        #[arg(long)]
        calculator: Option<String>,
    },
    /// Create or update the database's tables, then exit.
    Migrate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    init_logs(config.json_logs);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => {
                let listener = quire_inbox::bind(&config).await?;
                quire_inbox::serve(config, listener, shutdown_signal()).await
            }
            Command::List {
                csv,
                json,
                calculator,
            } => list(&config, csv, json, calculator).await,
            Command::Migrate => {
                quire_inbox::open_store(&config).await?.close().await;
                println!(
                    "{}: up to date",
                    quire_inbox::redacted(&config.database_url)
                );
                Ok(())
            }
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn list(
    config: &Config,
    csv: bool,
    json: bool,
    calculator: Option<String>,
) -> Result<(), InboxError> {
    let store = quire_inbox::open_store(config).await?;
    let leads = store
        .list(&LeadFilter {
            calculator,
            ..LeadFilter::default()
        })
        .await
        .map_err(|source| InboxError::Database {
            url: quire_inbox::redacted(&config.database_url),
            source,
        })?;
    store.close().await;
    if csv {
        print!("{}", quire_inbox::export::to_csv(&leads));
    } else if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&leads).unwrap_or_default()
        );
    } else if leads.is_empty() {
        eprintln!("no leads yet");
    } else {
        for stored in &leads {
            let lead = &stored.lead;
            let who = [lead.name.as_deref(), lead.company.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            println!(
                "{}  {}  {}  {}  {}{}",
                quire_inbox::export::rfc3339(stored.received_at),
                lead.email,
                lead.calculator,
                if who.is_empty() { "-" } else { &who },
                lead.page_url,
                if stored.handled_at.is_some() {
                    "  (handled)"
                } else {
                    ""
                },
            );
        }
    }
    Ok(())
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        logs.json().init();
    } else {
        logs.init();
    }
}

/// Ctrl-C or SIGTERM (systemd's stop).
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
    tracing::info!("stopping: finishing requests in flight");
}
