//! The leads' database: SQLite (a file, WAL, every commit synced) or
//! PostgreSQL, chosen by URL, through one set of SQL and migrations.
//!
//! A lead is stored once by its id (`ON CONFLICT DO NOTHING`), so retries,
//! two tabs and several inbox processes on one PostgreSQL never make two.
//! Notifications owed for a lead are written in the same transaction, so a
//! stored lead is always announced, even after a crash.

use std::collections::BTreeMap;
use std::time::Duration;

use quire_model::Lead;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};
use thiserror::Error;

/// The database failed; the request may succeed later (a 503 to the sender).
#[derive(Debug, Error)]
#[error("the lead database failed: {0}")]
pub struct StoreError(#[from] sqlx::Error);

/// Which database the URL named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A lead as kept, with what the inbox adds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredLead {
    #[serde(flatten)]
    pub lead: Lead,
    /// When the inbox committed it, milliseconds since the Unix epoch.
    pub received_at: i64,
    /// The `Origin` of the page that sent it.
    pub origin: Option<String>,
    /// When the author marked it handled.
    pub handled_at: Option<i64>,
}

/// A lead with where it came from, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub lead: Lead,
    pub origin: Option<String>,
}

/// Which leads to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadFilter {
    /// Only this calculator's leads.
    pub calculator: Option<String>,
    /// Only leads from calculators framed on this site, or from the site's
    /// own pages.
    pub source: Option<Source>,
    /// At most this many (all when `None`).
    pub limit: Option<i64>,
    pub offset: i64,
}

/// Where a lead was captured.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The site's own pages.
    Own,
    /// A calculator framed on this origin.
    EmbeddedOn(String),
}

impl Source {
    /// The value the inbox page's filter uses: `own`, or the origin.
    pub fn param(&self) -> &str {
        match self {
            Source::Own => "own",
            Source::EmbeddedOn(origin) => origin,
        }
    }

    pub fn from_param(param: &str) -> Option<Self> {
        match param {
            "" => None,
            "own" => Some(Source::Own),
            origin => Some(Source::EmbeddedOn(origin.to_string())),
        }
    }
}

/// A notification claimed for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNotification {
    pub lead_id: String,
    pub webhook: String,
    pub attempts: i64,
}

/// How many notifications wait, and the last failure, for the inbox page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationSummary {
    pub waiting: i64,
    pub gave_up: i64,
    pub last_error: Option<String>,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

const LEAD_COLUMNS: &str = "id, email, name, company, calculator, inputs, results, page_url, \
                            created_at, received_at, origin, handled_at, embedded_on, partner";

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets the page read while leads are written;
                        // FULL syncs the log at every commit, so a 2xx is on disk.
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = FULL",
                            "PRAGMA busy_timeout = 5000",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| StoreError(e.into()))?;
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Stores the leads in one transaction (one sync for all: group commit)
    /// with a notification per webhook for each new one. Says, per lead,
    /// whether it was new (`false`: its id was already stored).
    pub async fn insert(
        &self,
        leads: &[Incoming],
        webhooks: &[String],
        now: i64,
    ) -> Result<Vec<bool>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut new = Vec::with_capacity(leads.len());
        for incoming in leads {
            let lead = &incoming.lead;
            let done = sqlx::query(
                "INSERT INTO leads (id, email, name, company, calculator, inputs, results, \
                 page_url, created_at, received_at, origin, embedded_on, partner) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&lead.id)
            .bind(&lead.email)
            .bind(lead.name.as_deref())
            .bind(lead.company.as_deref())
            .bind(&lead.calculator)
            .bind(to_json(&lead.inputs))
            .bind(to_json(&lead.results))
            .bind(&lead.page_url)
            .bind(&lead.created_at)
            .bind(now)
            .bind(incoming.origin.as_deref())
            .bind(lead.embedded_on.as_deref())
            .bind(lead.partner.as_deref())
            .execute(&mut *tx)
            .await?;
            let is_new = done.rows_affected() == 1;
            if is_new {
                for webhook in webhooks {
                    sqlx::query(
                        "INSERT INTO notifications (lead_id, webhook, next_attempt_at) \
                         VALUES ($1, $2, $3) ON CONFLICT (lead_id, webhook) DO NOTHING",
                    )
                    .bind(&lead.id)
                    .bind(webhook)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            new.push(is_new);
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Leads, newest first.
    pub async fn list(&self, filter: &LeadFilter) -> Result<Vec<StoredLead>, StoreError> {
        // $4: '' for any source, 'own' for the site's pages, else an origin.
        let sql = format!(
            "SELECT {LEAD_COLUMNS} FROM leads WHERE ($1 = '' OR calculator = $1) \
             AND ($4 = '' OR ($4 = 'own' AND embedded_on IS NULL) OR embedded_on = $4) \
             ORDER BY received_at DESC, id DESC LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(&sql)
            .bind(filter.calculator.as_deref().unwrap_or(""))
            .bind(filter.limit.unwrap_or(i64::MAX))
            .bind(filter.offset)
            .bind(filter.source.as_ref().map_or("", Source::param))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(stored_lead).collect()
    }

    pub async fn get(&self, id: &str) -> Result<Option<StoredLead>, StoreError> {
        let sql = format!("SELECT {LEAD_COLUMNS} FROM leads WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(stored_lead).transpose()
    }

    /// How many leads each calculator has, by calculator.
    pub async fn counts(&self) -> Result<BTreeMap<String, i64>, StoreError> {
        let rows = sqlx::query("SELECT calculator, COUNT(*) FROM leads GROUP BY calculator")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect()
    }

    /// How many leads each source has: the site's own pages, and each
    /// site that frames a calculator.
    pub async fn counts_by_source(&self) -> Result<BTreeMap<Source, i64>, StoreError> {
        let rows = sqlx::query("SELECT embedded_on, COUNT(*) FROM leads GROUP BY embedded_on")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let source = match row.try_get::<Option<String>, _>(0)? {
                    Some(origin) => Source::EmbeddedOn(origin),
                    None => Source::Own,
                };
                Ok((source, row.try_get(1)?))
            })
            .collect()
    }

    /// Marks a lead handled (or not); false if there is no such lead.
    pub async fn set_handled(&self, id: &str, handled: bool, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE leads SET handled_at = $2 WHERE id = $1")
            .bind(id)
            .bind(handled.then_some(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes every lead of one person (any letter case), with the
    /// notifications still owed for them. Returns how many leads went.
    pub async fn forget(&self, email: &str) -> Result<u64, StoreError> {
        let email = email.trim().to_lowercase();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM notifications WHERE lead_id IN \
             (SELECT id FROM leads WHERE lower(email) = $1)",
        )
        .bind(&email)
        .execute(&mut *tx)
        .await?;
        let done = sqlx::query("DELETE FROM leads WHERE lower(email) = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// Claims up to `limit` due notifications for `lease_ms`: a claim is an
    /// update that only one process can win, so two inboxes sharing a
    /// database never send the same notification at once.
    pub async fn claim_due(
        &self,
        now: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<DueNotification>, StoreError> {
        let rows = sqlx::query(
            "SELECT lead_id, webhook, attempts FROM notifications \
             WHERE delivered_at IS NULL AND gave_up_at IS NULL \
             AND next_attempt_at <= $1 AND lease_until <= $1 \
             ORDER BY next_attempt_at LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let due = DueNotification {
                lead_id: row.try_get(0)?,
                webhook: row.try_get(1)?,
                attempts: row.try_get(2)?,
            };
            let done = sqlx::query(
                "UPDATE notifications SET lease_until = $3 \
                 WHERE lead_id = $1 AND webhook = $2 AND lease_until <= $4 \
                 AND delivered_at IS NULL AND gave_up_at IS NULL",
            )
            .bind(&due.lead_id)
            .bind(&due.webhook)
            .bind(now + lease_ms)
            .bind(now)
            .execute(&self.pool)
            .await?;
            if done.rows_affected() == 1 {
                claimed.push(due);
            }
        }
        Ok(claimed)
    }

    pub async fn notification_delivered(
        &self,
        due: &DueNotification,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE notifications SET delivered_at = $3, attempts = attempts + 1, \
             last_error = NULL, lease_until = 0 WHERE lead_id = $1 AND webhook = $2",
        )
        .bind(&due.lead_id)
        .bind(&due.webhook)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or never again
    /// when `retry_at` is `None`.
    pub async fn notification_failed(
        &self,
        due: &DueNotification,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE notifications SET attempts = attempts + 1, last_error = $3, \
             next_attempt_at = $4, gave_up_at = $5, lease_until = 0 \
             WHERE lead_id = $1 AND webhook = $2",
        )
        .bind(&due.lead_id)
        .bind(&due.webhook)
        .bind(error)
        .bind(retry_at.unwrap_or(now))
        .bind(if retry_at.is_none() { Some(now) } else { None })
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Drops a notification whose lead was deleted before it was sent.
    pub async fn drop_notification(&self, due: &DueNotification) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM notifications WHERE lead_id = $1 AND webhook = $2")
            .bind(&due.lead_id)
            .bind(&due.webhook)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn notification_summary(&self) -> Result<NotificationSummary, StoreError> {
        let row = sqlx::query(
            "SELECT \
             COALESCE(SUM(CASE WHEN delivered_at IS NULL AND gave_up_at IS NULL THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN gave_up_at IS NOT NULL THEN 1 ELSE 0 END), 0) \
             FROM notifications",
        )
        .fetch_one(&self.pool)
        .await?;
        let last_error = sqlx::query(
            "SELECT last_error FROM notifications WHERE last_error IS NOT NULL \
             AND delivered_at IS NULL ORDER BY next_attempt_at DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?
        .map(|row| row.try_get::<String, _>(0))
        .transpose()?;
        Ok(NotificationSummary {
            waiting: row.try_get(0)?,
            gave_up: row.try_get(1)?,
            last_error,
        })
    }

    /// Every notification of one lead: (webhook, delivered, attempts).
    pub async fn notifications_of(
        &self,
        lead_id: &str,
    ) -> Result<Vec<(String, bool, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT webhook, delivered_at, attempts FROM notifications WHERE lead_id = $1 ORDER BY webhook",
        )
        .bind(lead_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0)?,
                    row.try_get::<Option<i64>, _>(1)?.is_some(),
                    row.try_get(2)?,
                ))
            })
            .collect()
    }

    /// The database answers (for the health check).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn to_json(map: &BTreeMap<String, String>) -> String {
    serde_json::to_string(map).unwrap_or_else(|_| "{}".into())
}

fn from_json(text: &str) -> BTreeMap<String, String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn stored_lead(row: &sqlx::any::AnyRow) -> Result<StoredLead, StoreError> {
    Ok(StoredLead {
        lead: Lead {
            id: row.try_get(0)?,
            email: row.try_get(1)?,
            name: row.try_get(2)?,
            company: row.try_get(3)?,
            calculator: row.try_get(4)?,
            inputs: from_json(&row.try_get::<String, _>(5)?),
            results: from_json(&row.try_get::<String, _>(6)?),
            page_url: row.try_get(7)?,
            created_at: row.try_get(8)?,
            consent: true,
            embedded_on: row.try_get(12)?,
            partner: row.try_get(13)?,
        },
        received_at: row.try_get(9)?,
        origin: row.try_get(10)?,
        handled_at: row.try_get(11)?,
    })
}
