//! Recompiling content as the author saves it.
//!
//! Trunk rebuilds the whole app on any change it watches, which takes
//! seconds; content needs only the compiler. So `serve` leaves `content/`,
//! `public/` and `quire.toml` out of Trunk's watch list and recompiles them
//! here, straight into `dist/`, in well under a second.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

/// How long to wait for more events after one arrives: an editor's save is
/// often several writes (temporary file, rename, metadata).
const SETTLE: Duration = Duration::from_millis(30);

/// Watches `site`'s content, public files and configuration, and after each
/// change compiles the site into `out` (drafts included, as in development).
/// `on_compiled` gets the time from the first event to the written output.
/// Returns when `stop` is set.
pub fn watch_content(
    site: &Path,
    out: &Path,
    stop: &AtomicBool,
    mut on_compiled: impl FnMut(Result<Duration>),
) -> Result<()> {
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = events.send(Instant::now());
        }
    })
    .context("starting the file watcher")?;
    for (path, mode) in [
        (site.join("content"), RecursiveMode::Recursive),
        (site.join("public"), RecursiveMode::Recursive),
        (site.join("quire.toml"), RecursiveMode::NonRecursive),
    ] {
        if path.exists() {
            watcher
                .watch(&path, mode)
                .with_context(|| format!("watching {}", path.display()))?;
        }
    }
    while !stop.load(Ordering::Relaxed) {
        let Ok(first) = changes.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        while changes.recv_timeout(SETTLE).is_ok() {}
        let result = crate::compile_into(site, out, true).map(|summary| {
            println!("{summary}");
            first.elapsed()
        });
        on_compiled(result);
    }
    Ok(())
}
