//! Everything a sync does but embedding: the vault scanned, changed notes written (one
//! transaction each), notes gone from the vault marked deleted with their vectors removed and
//! their facts expired, and every note's graph facts recorded against a resolver over all notes
//! (a new note can resolve an old missing link).

use std::collections::HashSet;
use std::path::Path;

use super::read::{self, VaultScan};
use super::report::{SyncError, SyncOptions, SyncPhase, SyncReport};
use super::run::{SyncTargets, store_error};
use crate::vault::{self, LinkResolver};

/// Everything but embedding, on a blocking thread.
pub(super) fn index(
    targets: &SyncTargets,
    root: &Path,
    options: &SyncOptions,
    now_ms: i64,
) -> Result<SyncReport, SyncError> {
    let VaultScan {
        files,
        notes,
        skipped,
    } = read::scan(root, |done, total| {
        options.tell(SyncPhase::Scanning, done, total, 0, 0);
    })?;
    let db = &targets.db;
    if options.rebuild {
        targets.vectors.clear().map_err(store_error)?;
        db.clear_embedded().map_err(store_error)?;
    }
    let stored = db.note_hashes().map_err(store_error)?;
    let mut report = SyncReport {
        notes: u32::try_from(files.len()).unwrap_or(u32::MAX),
        skipped,
        ..SyncReport::default()
    };
    let mut removed = Vec::new();
    for note in &notes {
        report.warnings.extend(
            note.parsed
                .warnings
                .iter()
                .map(|w| format!("{}: {w}", note.parsed.path)),
        );
        match stored.get(&note.parsed.path) {
            Some(hash) if *hash == note.hash && !options.rebuild => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
            None => report.added += 1,
        }
        removed.extend(
            db.write_note(&note.parsed, &note.content, &note.hash, now_ms)
                .map_err(store_error)?,
        );
    }
    let listed: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut gone: Vec<String> = stored
        .keys()
        .filter(|path| !listed.contains(path.as_str()))
        .cloned()
        .collect();
    gone.sort();
    report.deleted = u32::try_from(gone.len()).unwrap_or(u32::MAX);
    removed.extend(db.delete_notes(&gone, now_ms).map_err(store_error)?);
    targets.vectors.remove(&removed).map_err(store_error)?;
    for path in &gone {
        targets
            .graph
            .expire_note(path, now_ms)
            .map_err(store_error)?;
    }
    // A skipped note still answers links to it (its aliases are unknown until it reads again).
    let no_aliases: Vec<String> = Vec::new();
    let resolver = LinkResolver::new(
        notes
            .iter()
            .map(|n| (n.parsed.path.as_str(), n.parsed.aliases.as_slice()))
            .chain(
                report
                    .skipped
                    .iter()
                    .map(|s| (s.path.as_str(), no_aliases.as_slice())),
            ),
    );
    for (done, note) in notes.iter().enumerate() {
        targets
            .graph
            .record(&vault::note_facts(&note.parsed, &resolver), now_ms)
            .map_err(store_error)?;
        options.tell(SyncPhase::Indexing, done + 1, notes.len(), 0, 0);
    }
    Ok(report)
}
