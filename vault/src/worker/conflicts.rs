//! Notes in the inbox that must not run: an unchanged copy of a claimed job (Syncthing
//! brought a moved note back) is removed; a copy edited after the claim, a note whose `id:`
//! is already taken, and Syncthing's conflict copies go to `conflicts/` with a notice, so the
//! operator decides — never a silent second run.

use crate::layout::Folder;
use crate::ledger::Stage;
use crate::whole_file::{Placed, move_no_replace, remove_durably};

use super::notice::{Notice, NoticeKind};
use super::shared::Shared;
use super::take::with_id;

/// Removes `inbox/name`, an unchanged copy of the claimed job `claimed_id`.
pub fn remove_stray(shared: &Shared, name: &str, claimed_id: &str) {
    if let Ok(Some(job)) = shared.ledger.get(claimed_id)
        && job.stage == Stage::Claimed
        && job.source_name == name
    {
        return; // not a copy: the claimed note itself, still to be moved by its job
    }
    tracing::info!(note = %name, vault_job = %claimed_id, "vault: removing an unchanged copy of a job already taken");
    remove_stray_copy(shared, name, &shared.folders.path(Folder::Inbox).join(name));
}

fn remove_stray_copy(shared: &Shared, name: &str, path: &std::path::Path) {
    match remove_durably(path) {
        Ok(_) => shared.status.update(|state| state.strays_removed += 1),
        Err(error) => {
            tracing::warn!(note = %name, %error, "vault: cannot remove a copy of a note already handled");
        }
    }
}

/// Moves `inbox/name` to `conflicts/` and tells the operator once.
pub fn move_conflict(
    shared: &Shared,
    name: &str,
    sha: &str,
    claimed_id: Option<&str>,
    now_ms: i64,
) {
    let from = shared.folders.path(Folder::Inbox).join(name);
    if shared.ledger.conflict_handled(name, sha).unwrap_or(false) {
        // This very copy was set aside before and came back (Syncthing): told once already.
        remove_stray_copy(shared, name, &from);
        return;
    }
    let conflicts = shared.folders.path(Folder::Conflicts);
    let short = sha.get(..8).unwrap_or(sha);
    let mut placed = move_no_replace(&from, &conflicts.join(name));
    if matches!(placed, Ok(Placed::AlreadyThere)) {
        placed = move_no_replace(&from, &conflicts.join(with_id(name, short)));
    }
    match placed {
        Ok(Placed::Placed) => {}
        // Removed since the scan read it: nothing left to set aside.
        Ok(Placed::SourceGone) => return,
        Ok(Placed::AlreadyThere) | Err(_) => {
            let error = placed.err().map_or_else(
                || "both names are taken in conflicts/".to_owned(),
                |error| error.to_string(),
            );
            tracing::warn!(note = %name, %error, "vault: cannot move a conflicting note to conflicts/");
            shared
                .status
                .error(format!("cannot move {name} to conflicts/: {error}"));
            return;
        }
    }
    if let Err(error) = shared.ledger.record_conflict(name, sha, now_ms) {
        tracing::warn!(note = %name, %error, "vault: cannot record a conflict");
    }
    let description = match claimed_id {
        Some(id) => format!(
            "`{name}` came back to the inbox changed after job {id} was taken from it (an edit on another device, or the note was reused). It was not run again: it is in Runner/conflicts/. To run it as a new job, give it a new name or a new `id:` and put it back in the inbox."
        ),
        None => format!(
            "`{name}` is a Syncthing conflict copy: two devices changed the same note. It was not run: it is in Runner/conflicts/."
        ),
    };
    tracing::warn!(note = %name, claimed = ?claimed_id, "vault: a conflicting note went to conflicts/");
    shared.status.update(|state| state.conflicts += 1);
    crate::metrics::conflict();
    let notice = Notice {
        kind: NoticeKind::Conflict,
        title: format!("Vault note in conflict: {name}"),
        description,
        fields: Vec::new(),
        at_ms: now_ms,
    };
    super::notices::hand_over(shared, &format!("vault-conflict:{name}:{sha}"), notice);
}

#[cfg(test)]
mod tests;
