//! quire's lead inbox: the receiving end of the site's lead outbox.
//!
//! One small native service beside the static site. It checks each lead
//! (`lead`), stores it once by its id in SQLite or PostgreSQL with group
//! commit (`store`, `writer`), notifies the author through webhooks from a
//! queue in the same database (`notify`), and serves the author's inbox
//! page and exports (`admin`, `page`, `export`). `config` reads its settings.

pub mod admin;
pub mod config;
pub mod export;
pub mod lead;
pub mod notify;
pub mod page;
pub mod server;
pub mod store;
pub mod writer;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

pub use config::Config;
pub use store::Store;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{url}: {source}")]
    Database {
        url: String,
        source: store::StoreError,
    },
    #[error("cannot listen on {address}: {source} — choose another port with QUIRE_INBOX_LISTEN")]
    Listen {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// The database URL with any password left out, for messages and logs.
pub fn redacted(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, rest)), Some(at)) if at > scheme.len() => {
            let user_part = &rest[..at - scheme.len() - 3];
            let user = user_part.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:…@{}", &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

pub async fn open_store(config: &Config) -> Result<Store, InboxError> {
    Store::open(&config.database_url)
        .await
        .map_err(|source| InboxError::Database {
            url: redacted(&config.database_url),
            source,
        })
}

/// Binds the configured address.
pub async fn bind(config: &Config) -> Result<TcpListener, InboxError> {
    TcpListener::bind(config.listen)
        .await
        .map_err(|source| InboxError::Listen {
            address: config.listen,
            source,
        })
}

/// Serves until `shutdown` completes; then requests in flight finish, the
/// leads handed to the writer are committed, and the database is closed.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), InboxError> {
    config.check_for_serving()?;
    let store = open_store(&config).await?;
    let stored_new = Arc::new(Notify::new());
    let (writer, writer_task) = writer::Writer::start(
        store.clone(),
        Arc::new(config.webhooks.clone()),
        stored_new.clone(),
    );
    let (stop_notifier, stopped) = watch::channel(false);
    let notifier = tokio::spawn(notify::run(store.clone(), stored_new, stopped));
    let state = server::AppState::new(&config, store.clone(), writer);
    let pruner = tokio::spawn(server::prune_limiters([
        state.lead_limiter.clone(),
        state.auth_limiter.clone(),
    ]));
    let app = server::router(state);
    tracing::info!(
        address = %listener.local_addr().map_err(InboxError::Serve)?,
        database = %redacted(&config.database_url),
        origins = ?config.allowed_origins,
        webhooks = config.webhooks.len(),
        "lead inbox listening"
    );
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    // The router (and with it every writer handle) is gone: the writer
    // commits what it holds and ends.
    pruner.abort();
    let _ = writer_task.await;
    let _ = stop_notifier.send(true);
    let _ = notifier.await;
    store.close().await;
    tracing::info!("lead inbox stopped");
    served.map_err(InboxError::Serve)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_left_out_of_urls() {
        assert_eq!(
            redacted("postgres://quire:s3cret@db.example:5432/leads"),
            "postgres://quire:…@db.example:5432/leads"
        );
        assert_eq!(redacted("sqlite://leads.sqlite3"), "sqlite://leads.sqlite3");
    }
}
