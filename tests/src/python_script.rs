//! The outside-client scripts in `tests/python/` run as a scenario's child: `python3 SCRIPT
//! ARGS…`, killed if the scenario gives up on it, their one JSON line read back; a script that
//! fails is an error carrying its message (stderr), which says what it expected.

use std::path::PathBuf;

use anyhow::{Context, ensure};
use serde_json::Value;

/// Runs `tests/python/<script>` with `args` and parses the last line it printed as JSON.
pub async fn run_python_script(script: &str, args: &[String]) -> anyhow::Result<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("python")
        .join(script);
    let output = tokio::process::Command::new("python3")
        .arg(&path)
        .args(args)
        .kill_on_drop(true)
        .output()
        .await
        .with_context(|| format!("cannot run python3 {script} (run `cargo xtask install`)"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    ensure!(
        output.status.success(),
        "{script} {args:?} failed ({}); are its packages installed (`cargo xtask install`)?\n{stderr}",
        output.status
    );
    let line = stdout
        .lines()
        .last()
        .with_context(|| format!("{script} printed nothing; stderr: {stderr}"))?;
    serde_json::from_str(line).with_context(|| format!("{script} printed no JSON: {line}"))
}
