//! `systemd-analyze` on an installed unit file: `verify` (the unit loads, every command is
//! an executable) and `security --offline=true` (the exposure score of its sandboxing).

use std::path::Path;

use anyhow::{Context as _, ensure};

/// Runs `systemd-analyze verify` on `unit` installed under the name `unit_name` (a template
/// unit is checked as one of its instances); returns its output, which must be empty.
pub async fn verify_unit(unit: &Path, unit_name: &str) -> anyhow::Result<String> {
    let (success, output) = analyze(unit, unit_name, &["verify"]).await?;
    ensure!(
        success,
        "systemd-analyze verify {unit_name} failed: {output}"
    );
    Ok(output)
}

/// The overall exposure level `systemd-analyze security --offline=true` gives `unit`
/// (0.0 is the most sandboxed, 10.0 the least).
pub async fn security_exposure(unit: &Path, unit_name: &str) -> anyhow::Result<f64> {
    let (_, output) = analyze(unit, unit_name, &["security", "--offline=true"]).await?;
    let line = output
        .lines()
        .find(|line| line.contains("Overall exposure level"))
        .with_context(|| format!("no exposure level for {unit_name}: {output}"))?;
    let score = line
        .rsplit_once(": ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .with_context(|| format!("cannot read the exposure in `{line}`"))?;
    score
        .parse()
        .with_context(|| format!("cannot read the exposure in `{line}`"))
}

/// Copies `unit` into a temporary directory as `unit_name` (systemd reads the unit's name
/// from the file name) and runs `systemd-analyze ARGUMENTS <file>`.
async fn analyze(
    unit: &Path,
    unit_name: &str,
    arguments: &[&str],
) -> anyhow::Result<(bool, String)> {
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join(unit_name);
    std::fs::copy(unit, &copy).with_context(|| format!("cannot copy {}", unit.display()))?;
    let output = tokio::process::Command::new("systemd-analyze")
        .args(arguments)
        .arg(&copy)
        .output()
        .await
        .context("cannot run systemd-analyze")?;
    Ok((
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    ))
}
