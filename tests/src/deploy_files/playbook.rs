//! `ansible-playbook` as a process, on localhost with the local connection, and what its
//! recap says.

use std::path::Path;
use std::process::Output;

use anyhow::{Context, bail};

/// Runs `ansible-playbook -i <inventory> PLAYBOOK ARGS…` in `dir` with `env` added, where the
/// inventory makes localhost local and runs modules with the Python that runs Ansible.
pub async fn run_playbook(
    dir: &Path,
    playbook: &str,
    args: &[String],
    env: &[(String, String)],
) -> anyhow::Result<Output> {
    let inventory = dir.join("inventory.ini");
    std::fs::write(
        &inventory,
        "localhost ansible_connection=local ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n",
    )?;
    tokio::process::Command::new("ansible-playbook")
        .arg("-i")
        .arg(&inventory)
        .arg(playbook)
        .args(args)
        .current_dir(dir)
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_RETRY_FILES_ENABLED", "0")
        .envs(env.iter().map(|(name, value)| (name, value)))
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run ansible-playbook (cargo xtask ci installs ansible-core)")
}

/// The `changed=` count of localhost's recap line (read by the one recap reader,
/// [`crate::ansible_deploy::play_recap`]); an error when the play failed.
pub fn changed_count(output: &Output) -> anyhow::Result<u32> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let recap = crate::ansible_deploy::play_recap(&stdout)?;
    let localhost = recap
        .get("localhost")
        .with_context(|| format!("no recap line for localhost in the output:\n{stdout}"))?;
    if !output.status.success() || localhost.failed > 0 {
        bail!(
            "the play failed ({}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(localhost.changed)
}
