//! A tiny tmpfs mounted on a temp dir, for scenarios that need a disk that fills up. The tests
//! run as root, so file modes cannot stop a write; only a full filesystem can. Unmounted when
//! dropped, even when the test failed.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

pub struct TinyFilesystem {
    mount_point: PathBuf,
    // Dropped after the unmount in `Drop::drop`, so the (then empty) directory is removed.
    _dir: tempfile::TempDir,
}

impl TinyFilesystem {
    /// Mounts a tmpfs of `size_kib` KiB on a new temp dir.
    pub fn mount(size_kib: u64) -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("llm-runner-tiny-fs-")
            .tempdir()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size_kib}k"), "tmpfs"])
            .arg(dir.path())
            .status()
            .context("cannot run mount")?;
        if !status.success() {
            bail!(
                "mount -t tmpfs on {} failed ({status}); this scenario needs root",
                dir.path().display()
            );
        }
        Ok(Self {
            mount_point: dir.path().to_owned(),
            _dir: dir,
        })
    }

    pub fn path(&self) -> &Path {
        &self.mount_point
    }
}

impl Drop for TinyFilesystem {
    fn drop(&mut self) {
        // Lazy: a process that still holds a file there (a coordinator being killed) must not
        // leave the mount behind.
        let unmounted = Command::new("umount")
            .arg("--lazy")
            .arg(&self.mount_point)
            .status();
        if !unmounted.is_ok_and(|status| status.success()) {
            eprintln!("could not unmount {}", self.mount_point.display());
        }
    }
}
