//! Syncthing as the vault worker meets it, with two real instances on loopback. A note written
//! on the laptop reaches the server whole: never seen part-written under its name, and an update
//! replaces the file (a new inode: a temp file renamed onto the name, not a write in place).
//! The worker's `.runner-tmp-*` files stay where they are written. With the laptop offline, an
//! edit on each side ends, once it is back, in the newer edit under the name and the older in a
//! `*.sync-conflict-*` copy, on both sides.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use anyhow::{Context, ensure};
use tests::cluster::{Patience, eventually};
use tests::syncthing::SyncthingPair;

/// The whole scenario must end well inside a minute.
const SCENARIO_BUDGET: Duration = Duration::from_secs(50);
/// Large enough that Syncthing pulls it in many blocks (128 KiB each).
const NOTE_BYTES: usize = 4 * 1024 * 1024;
const DELIVERY: Patience = Patience {
    timeout: Duration::from_secs(20),
    interval: Duration::from_millis(20),
};

#[tokio::test]
async fn syncthing_delivers_a_note_by_temp_file_and_rename_and_makes_conflict_copies()
-> anyhow::Result<()> {
    let vaults = tempfile::tempdir()?;
    let laptop = vaults.path().join("laptop");
    let server = vaults.path().join("server");
    let pair = SyncthingPair::start(&laptop, &server).await?;
    let outcome = tokio::time::timeout(SCENARIO_BUDGET, scenario(&pair, &laptop, &server)).await;
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(error.context(pair.logs())),
        Err(_) => anyhow::bail!("over {SCENARIO_BUDGET:?}\n{}", pair.logs()),
    }
}

async fn scenario(pair: &SyncthingPair, laptop: &Path, server: &Path) -> anyhow::Result<()> {
    let first = note_text("first", NOTE_BYTES);
    let first_inode = deliver_whole(pair, laptop, server, &first, None).await?;
    let second = note_text("second", NOTE_BYTES / 2);
    deliver_whole(pair, laptop, server, &second, Some(first_inode)).await?;
    worker_temp_files_stay_local(pair, laptop, server).await?;
    edits_on_both_sides_while_offline_leave_a_conflict_copy(pair, laptop, server).await
}

/// A note of about `bytes` bytes whose last line says which note it is, so a cut-off copy
/// differs from the whole.
fn note_text(which: &str, bytes: usize) -> String {
    let line = format!("a line of the {which} note, long enough to fill blocks quickly\n");
    let mut text = "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: submitted\n---\n".to_owned();
    while text.len() < bytes {
        text.push_str(&line);
    }
    text.push_str(&format!("the end of the {which} note\n"));
    text
}

/// Writes `text` to `inbox/note.md` on the laptop and watches the server's copy until it holds
/// `text`: every read in between sees a whole version, never a part. When it replaces
/// `previous_inode`, the file must be a new one. Returns the server copy's inode.
async fn deliver_whole(
    pair: &SyncthingPair,
    laptop: &Path,
    server: &Path,
    text: &str,
    previous_inode: Option<u64>,
) -> anyhow::Result<u64> {
    std::fs::create_dir_all(laptop.join("inbox"))?;
    let target = server.join("inbox/note.md");
    let done = Arc::new(AtomicBool::new(false));
    let watcher = tokio::task::spawn_blocking({
        let (target, done, expected) = (target.clone(), done.clone(), text.to_owned());
        move || reads_until_done(&target, &done, &expected)
    });
    std::fs::write(laptop.join("inbox/note.md"), text)?;
    let arrived = eventually("the note whole on the server", DELIVERY, || async {
        let copy = std::fs::read_to_string(&target).context("not there yet")?;
        ensure!(
            copy == text,
            "{} of {} bytes so far",
            copy.len(),
            text.len()
        );
        Ok(())
    })
    .await;
    done.store(true, Ordering::Relaxed);
    let partial_reads = watcher.await??;
    arrived?;
    ensure!(
        partial_reads.is_empty(),
        "the server's note.md was read part-written (lengths {partial_reads:?})"
    );
    let inode = std::fs::metadata(&target)?.ino();
    if let Some(previous) = previous_inode {
        ensure!(
            inode != previous,
            "the update was written in place (inode {inode} kept), not renamed onto the name"
        );
    }
    pair.wait_until_idle().await?;
    let leftovers = names_in(&server.join("inbox"), |name| {
        name.starts_with(".syncthing.")
    })?;
    ensure!(
        leftovers.is_empty(),
        "temp files left behind: {leftovers:?}"
    );
    Ok(inode)
}

/// Reads `target` over and over until told to stop; returns the lengths of reads that were
/// neither a previous whole version nor `expected` (a note always ends with its last line).
fn reads_until_done(
    target: &Path,
    done: &AtomicBool,
    expected: &str,
) -> anyhow::Result<Vec<usize>> {
    let mut partial_reads = Vec::new();
    while !done.load(Ordering::Relaxed) {
        if let Ok(copy) = std::fs::read_to_string(target) {
            let last_line = copy.lines().last().unwrap_or_default();
            let whole = copy == expected
                || copy.ends_with(" note\n") && last_line.starts_with("the end of the ");
            if !whole {
                partial_reads.push(copy.len());
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Ok(partial_reads)
}

/// A `.runner-tmp-*` file (the worker's temp files) is ignored, while a note written beside it
/// at the same moment arrives.
async fn worker_temp_files_stay_local(
    pair: &SyncthingPair,
    laptop: &Path,
    server: &Path,
) -> anyhow::Result<()> {
    std::fs::write(laptop.join("inbox/.runner-tmp-result.md"), "half a result")?;
    std::fs::write(laptop.join("inbox/beside.md"), "a note beside it\n")?;
    pair.scan_now().await?;
    eventually("beside.md on the server", DELIVERY, || async {
        Ok(std::fs::read_to_string(server.join("inbox/beside.md"))?)
    })
    .await?;
    pair.wait_until_idle().await?;
    ensure!(
        !server.join("inbox/.runner-tmp-result.md").exists(),
        "a .runner-tmp-* file was replicated despite .stignore"
    );
    Ok(())
}

async fn edits_on_both_sides_while_offline_leave_a_conflict_copy(
    pair: &SyncthingPair,
    laptop: &Path,
    server: &Path,
) -> anyhow::Result<()> {
    pair.pause_laptop().await?;
    let now = SystemTime::now();
    // The older edit loses the name (Syncthing's rule), so the two are a minute apart.
    write_with_mtime(
        &laptop.join("inbox/note.md"),
        "the laptop's edit\n",
        now - Duration::from_secs(60),
    )?;
    write_with_mtime(&server.join("inbox/note.md"), "the server's edit\n", now)?;
    pair.scan_now().await?;
    pair.resume_laptop().await?;
    for side in [laptop, server] {
        eventually("a sync-conflict copy on both sides", DELIVERY, || async {
            let copies = conflict_copies(side)?;
            ensure!(
                copies.len() == 1,
                "{} conflict copies in {}",
                copies.len(),
                side.display()
            );
            Ok(())
        })
        .await?;
    }
    pair.scan_now().await?;
    pair.wait_until_idle().await?;
    for side in [laptop, server] {
        let copies = conflict_copies(side)?;
        ensure!(
            copies.len() == 1,
            "conflict copies in {}: {copies:?}",
            side.display()
        );
        let kept = std::fs::read_to_string(side.join("inbox/note.md"))?;
        let copy = std::fs::read_to_string(&copies[0])?;
        ensure!(
            kept == "the server's edit\n" && copy == "the laptop's edit\n",
            "{}: note.md {kept:?}, conflict copy {copy:?}",
            side.display()
        );
    }
    Ok(())
}

fn write_with_mtime(path: &Path, text: &str, modified: SystemTime) -> anyhow::Result<()> {
    std::fs::write(path, text)?;
    std::fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(modified)?;
    Ok(())
}

fn conflict_copies(vault: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let inbox = vault.join("inbox");
    let names = names_in(&inbox, |name| {
        name.starts_with("note.sync-conflict-") && name.ends_with(".md")
    })?;
    Ok(names.into_iter().map(|name| inbox.join(name)).collect())
}

fn names_in(dir: &Path, wanted: impl Fn(&str) -> bool) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if wanted(&name) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}
