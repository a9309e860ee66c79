//! Filesystem events on `inbox/` as wake-ups: any event means "look again" (the scan decides
//! what it means), so events are coalesced and may be lost without harm. Syncthing delivers by
//! renaming a temp file onto the note's name: a rename-into event, which this listens to like
//! any other. Without a watcher (no inotify), the timer alone drives the scans.

use std::path::Path;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

pub struct Wakes {
    receiver: Option<mpsc::Receiver<()>>,
    /// Kept alive for as long as the wakes are wanted.
    _watcher: Option<RecommendedWatcher>,
}

pub fn watch_inbox(inbox: &Path) -> Wakes {
    let (sender, receiver) = mpsc::channel(1);
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        match &event {
            // Opening and reading (the scan's own reads among them) change nothing: waking on
            // them would make every scan wake the next.
            Ok(event) if is_read_only(event) => return,
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "vault: a filesystem event was lost; the next scan finds what changed");
            }
        }
        // Full: a wake is already pending, which covers this one.
        let _ = sender.try_send(());
    })
    .and_then(|mut watcher| {
        watcher.watch(inbox, RecursiveMode::NonRecursive)?;
        Ok(watcher)
    });
    match watcher {
        Ok(watcher) => Wakes {
            receiver: Some(receiver),
            _watcher: Some(watcher),
        },
        Err(error) => {
            tracing::warn!(inbox = %inbox.display(), %error, "vault: no filesystem events; the inbox is scanned on the timer only");
            Wakes {
                receiver: None,
                _watcher: None,
            }
        }
    }
}

/// An event that only says a file was opened, read or closed without writing.
pub fn is_read_only(event: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode};
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        _ => false,
    }
}

impl Wakes {
    /// Resolves at the next event; never, without a watcher.
    pub async fn next_wake(&mut self) {
        match &mut self.receiver {
            Some(receiver) => {
                if receiver.recv().await.is_none() {
                    self.receiver = None;
                    std::future::pending::<()>().await;
                }
            }
            None => std::future::pending().await,
        }
    }
}

#[cfg(test)]
mod tests;
