//! Finds the `runner` and `runner-agent` binaries that `cargo build --workspace --bins` made.

use std::path::PathBuf;

use anyhow::{Context, bail};

/// `target/<profile>/<name>`, found from the running test binary (`target/<profile>/deps/…`),
/// so it works with any target dir.
pub fn binary_path(name: &str) -> anyhow::Result<PathBuf> {
    let test_binary = std::env::current_exe().context("cannot find the running test binary")?;
    let profile_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .context("the test binary is not inside target/<profile>/deps")?;
    let path = profile_dir.join(name);
    if !path.exists() {
        bail!(
            "{} does not exist; build the binaries first with `cargo build --workspace --bins` (cargo xtask ci does)",
            path.display()
        );
    }
    Ok(path)
}
