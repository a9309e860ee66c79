//! One level-triggered pass over `inbox/`: every file is looked at, its settling tracked and
//! the reconcile decision carried out. New jobs are claimed here (ledger first, then the move
//! to `processing/`) and handed back to be run; strays, edited copies and conflict copies
//! are dealt with on the spot.

use std::collections::HashSet;

use crate::job_note::{NoteStatus, read_id, read_status};
use crate::layout::Folder;
use crate::ledger::Stage;
use crate::names::{NameKind, classify};
use crate::reconcile::{Decision, InboxEntry, decide};
use crate::settle::{Settler, fingerprint};

use super::conflicts::{move_conflict, remove_stray};
use super::shared::Shared;
use super::take::take;

/// What a pass found.
#[derive(Debug, Default)]
pub struct Scan {
    pub taken: Vec<crate::ledger::VaultJob>,
    /// When the next note will have settled, if any is waiting.
    pub next_ready_at_ms: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("cannot read the inbox {path}: {source}")]
    Inbox {
        path: String,
        source: std::io::Error,
    },
}

pub fn scan_inbox(shared: &Shared, settler: &mut Settler, now_ms: i64) -> Result<Scan, ScanError> {
    let inbox = shared.folders.path(Folder::Inbox);
    let entries = std::fs::read_dir(&inbox).map_err(|source| ScanError::Inbox {
        path: inbox.display().to_string(),
        source,
    })?;
    let mut scan = Scan::default();
    let mut present = HashSet::new();
    let mut drafts = 0;
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue; // not UTF-8: no Obsidian note
        };
        if !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let kind = classify(&name);
        if matches!(kind, NameKind::Ignored(_)) {
            continue;
        }
        present.insert(name.clone());
        let (print, text) = match fingerprint(&entry.path()) {
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                tracing::warn!(note = %name, %error, "vault: cannot read an inbox note; it stays where it is");
                shared
                    .status
                    .error(format!("cannot read inbox/{name}: {error}"));
                continue;
            }
        };
        let settling = settler.observe(&name, &print, now_ms);
        let note_id = read_id(&text);
        let claimed = match note_id.as_deref() {
            Some(id) => shared.ledger.get(id),
            None => shared.ledger.by_source(&name),
        };
        let claimed = match claimed {
            Ok(claimed) => claimed,
            Err(error) => {
                shared.status.error(error.to_string());
                tracing::error!(%error, "vault: the ledger cannot be read; nothing is taken");
                continue;
            }
        };
        let entry = InboxEntry {
            name: name.clone(),
            kind,
            status: read_status(&text),
            print: print.clone(),
            note_id,
        };
        match decide(&entry, claimed.as_ref(), settling) {
            Decision::Ignore => {}
            Decision::Draft => drafts += 1,
            Decision::Wait { ready_at_ms } => {
                scan.next_ready_at_ms = Some(
                    scan.next_ready_at_ms
                        .map_or(ready_at_ms, |next| next.min(ready_at_ms)),
                );
            }
            Decision::Take => {
                if let Some(taken) = take(shared, &name, &text, &print, now_ms) {
                    settler.forget(&name);
                    scan.taken.push(taken);
                }
            }
            Decision::Stray { claimed_id } => {
                remove_stray(shared, &name, &claimed_id);
                settler.forget(&name);
            }
            // A draft under the name of a job long finished is the operator writing a new
            // note, not an edit coming back: leave it until it is submitted.
            Decision::EditedAfterClaim { .. }
                if entry.status == NoteStatus::Draft
                    && claimed
                        .as_ref()
                        .is_some_and(|job| job.stage == Stage::Finished) =>
            {
                drafts += 1;
            }
            Decision::EditedAfterClaim { claimed_id } => {
                move_conflict(shared, &name, &print.sha256, Some(&claimed_id), now_ms);
                settler.forget(&name);
            }
            Decision::SyncConflict => {
                move_conflict(shared, &name, &print.sha256, None, now_ms);
                settler.forget(&name);
            }
        }
    }
    settler.retain_only(&present);
    let settling = settler.waiting();
    shared.status.update(|state| {
        state.settling = settling;
        state.drafts = drafts;
        state.last_scan_ms = Some(now_ms);
    });
    crate::metrics::inbox(settling, drafts);
    Ok(scan)
}

#[cfg(test)]
mod tests;
