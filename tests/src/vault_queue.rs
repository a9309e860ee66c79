//! The vault-as-a-queue harness: a temp Obsidian vault with `Runner/inbox/`, job notes
//! written the way Syncthing delivers them (a temp file renamed onto the name, so the worker
//! never sees half a note), the worker's folders read back, and `runner worker` started as a
//! real process against a `TestCluster`.

mod notes;

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cluster::{ManagedProcess, Patience, TestCluster, binary_path, eventually};

pub use notes::{frontmatter_value, job_note};

/// An Obsidian vault in a temp dir.
pub struct Vault {
    pub root: PathBuf,
}

impl Vault {
    /// `dir/vault` with `Runner/inbox/`.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        let root = dir.join("vault");
        std::fs::create_dir_all(root.join("Runner/inbox"))?;
        Ok(Self { root })
    }

    pub fn folder(&self, folder: &str) -> PathBuf {
        self.root.join("Runner").join(folder)
    }

    /// Writes `Runner/inbox/<name>` whole: a dot-file first, then a rename, as Syncthing does.
    pub fn drop_note(&self, name: &str, text: &str) -> anyhow::Result<PathBuf> {
        let inbox = self.folder("inbox");
        let temp = inbox.join(format!(".syncthing.{name}.tmp"));
        std::fs::write(&temp, text)?;
        let path = inbox.join(name);
        std::fs::rename(&temp, &path)?;
        Ok(path)
    }

    /// The file names in `Runner/<folder>/`, sorted; dot-files left out unless asked for.
    pub fn names(&self, folder: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.folder(folder))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|entry| entry.file_name().to_string_lossy().to_string())
                    .filter(|name| !name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    pub fn read(&self, folder: &str, name: &str) -> anyhow::Result<String> {
        let path = self.folder(folder).join(name);
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    }

    /// Waits until `Runner/<folder>/` holds a file whose name contains `part`; its name.
    pub async fn wait_for(
        &self,
        folder: &str,
        part: &str,
        patience: Patience,
    ) -> anyhow::Result<String> {
        eventually(
            &format!("a note with {part:?} in Runner/{folder}/"),
            patience,
            || async {
                self.names(folder)
                    .into_iter()
                    .find(|name| name.contains(part))
                    .with_context(|| format!("Runner/{folder}/ holds {:?}", self.names(folder)))
            },
        )
        .await
    }

    /// The result note whose frontmatter `job:` is `vault_job`, or whose name holds it.
    pub fn results_for(&self, id: &str) -> Vec<String> {
        self.names("results")
            .into_iter()
            .filter(|name| name.contains(id))
            .collect()
    }
}

/// Starts `runner worker` over `vault` against `cluster`, with its ledger in `data_dir`.
pub fn start_worker(
    cluster: &TestCluster,
    vault: &Path,
    data_dir: &Path,
    log_name: &str,
    extra_args: &[&str],
) -> anyhow::Result<ManagedProcess> {
    let mut args: Vec<String> = [
        "worker",
        "--vault",
        &vault.display().to_string(),
        "--data-dir",
        &data_dir.display().to_string(),
        "--coordinator",
        &cluster.grpc_url(),
    ]
    .iter()
    .map(|arg| (*arg).to_owned())
    .collect();
    // Quick defaults for tests, unless the caller sets them.
    for (flag, value) in [("--settle", "200ms"), ("--rescan", "1s")] {
        if !extra_args.contains(&flag) {
            args.extend([flag.to_owned(), value.to_owned()]);
        }
    }
    args.extend(extra_args.iter().map(|arg| (*arg).to_owned()));
    let log_dir = data_dir.parent().unwrap_or(data_dir);
    ManagedProcess::spawn(log_name, &binary_path("runner")?, &args, &[], log_dir)
}
