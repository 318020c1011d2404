//! Group commit: every lead request hands its lead to one writer task,
//! which stores all the leads waiting at that moment in one transaction and
//! answers each request only after the commit. One disk sync then covers
//! many leads, so under load the inbox stores more leads per second than
//! the disk can sync, and no lead is ever answered before it is durable.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Notify};

use crate::store::{Incoming, Store};

/// Most leads in one transaction.
const MAX_BATCH: usize = 256;
/// Leads waiting for the writer before new ones are turned away (503).
const QUEUE: usize = 4_096;

/// What became of a lead handed to the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// First time this id was seen.
    New,
    /// The id was already stored (a retry, or another tab).
    Duplicate,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("too many leads are waiting to be written")]
    Busy,
    #[error("the writer has stopped")]
    Stopped,
    #[error("the lead database failed: {0}")]
    Failed(String),
}

struct Job {
    incoming: Incoming,
    reply: oneshot::Sender<Result<Stored, String>>,
}

/// The handle request handlers use; cloning it is cheap.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task. It ends when every `Writer` is dropped and
    /// the leads already handed over are written.
    pub fn start(
        store: Store,
        webhooks: Arc<Vec<String>>,
        stored_new: Arc<Notify>,
    ) -> (Self, tokio::task::JoinHandle<()>) {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let task = tokio::spawn(run(store, webhooks, stored_new, queue));
        (Self { jobs }, task)
    }

    /// Stores a lead; returns once it is committed.
    pub async fn store(&self, incoming: Incoming) -> Result<Stored, WriteError> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .try_send(Job { incoming, reply })
            .map_err(|e| match e {
                mpsc::error::TrySendError::Full(_) => WriteError::Busy,
                mpsc::error::TrySendError::Closed(_) => WriteError::Stopped,
            })?;
        match answer.await {
            Ok(Ok(stored)) => Ok(stored),
            Ok(Err(message)) => Err(WriteError::Failed(message)),
            Err(_) => Err(WriteError::Stopped),
        }
    }
}

async fn run(
    store: Store,
    webhooks: Arc<Vec<String>>,
    stored_new: Arc<Notify>,
    mut queue: mpsc::Receiver<Job>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (leads, replies): (Vec<Incoming>, Vec<_>) =
            batch.drain(..).map(|job| (job.incoming, job.reply)).unzip();
        let outcomes = match store.insert(&leads, &webhooks, crate::now_ms()).await {
            Ok(new) => new.into_iter().map(Ok).collect(),
            // One lead the database refuses must not fail the others with
            // it: try each alone.
            Err(error) if leads.len() > 1 => {
                tracing::warn!(%error, leads = leads.len(), "batch failed; storing one by one");
                let mut outcomes = Vec::with_capacity(leads.len());
                for lead in &leads {
                    let one = store
                        .insert(std::slice::from_ref(lead), &webhooks, crate::now_ms())
                        .await;
                    outcomes.push(one.map(|new| new[0]).map_err(|e| e.to_string()));
                }
                outcomes
            }
            Err(error) => vec![Err(error.to_string())],
        };
        let mut any_new = false;
        for ((lead, reply), outcome) in leads.iter().zip(replies).zip(outcomes) {
            let answer = outcome.map(|new| {
                any_new |= new;
                if new {
                    Stored::New
                } else {
                    Stored::Duplicate
                }
            });
            if let Err(error) = &answer {
                tracing::error!(lead = %lead.lead.id, %error, "lead not stored");
            }
            // The request may have gone away (client closed): the lead is stored anyway.
            let _ = reply.send(answer);
        }
        if any_new && !webhooks.is_empty() {
            stored_new.notify_one();
        }
    }
}
