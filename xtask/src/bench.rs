//! `cargo xtask bench [--quick] [options]`: builds the release `runner` and `runner-agent`, then
//! runs the cluster core benchmark (`bench/benches/cluster_core.rs`) against them, passing every
//! option through (`--requests`, `--concurrency`, `--trials`, ...).

use std::path::Path;

use anyhow::Result;

use crate::run::Shell;

/// The benchmark spawns these from `target/release/`, next to its own binary's `deps/`. The
/// agent is built on its own, as it is deployed: built with the coordinator, cargo unifies their
/// dependencies' features and the agent carries the coordinator's TLS stack (reqwest's rustls
/// and aws-lc for Discord), some 2 MB more resident memory than it needs.
const BUILD_RELEASE_BINARIES: &[&[&str]] = &[
    &["cargo", "build", "--release", "--bins", "-p", "runner"],
    &["cargo", "build", "--release", "--bins", "-p", "agent"],
];

pub fn run(root: &Path, options: &[String]) -> Result<()> {
    let shell = Shell::new(root);
    for build in BUILD_RELEASE_BINARIES {
        shell.run(build)?;
    }
    let command = bench_command(options);
    let argv: Vec<&str> = command.iter().map(String::as_str).collect();
    shell.run(&argv)
}

/// `cargo bench` builds the benchmark with the release profile and runs it with `options`.
pub fn bench_command(options: &[String]) -> Vec<String> {
    let mut command: Vec<String> = [
        "cargo",
        "bench",
        "-p",
        "bench",
        "--bench",
        "cluster_core",
        "--",
    ]
    .iter()
    .map(|part| (*part).to_owned())
    .collect();
    command.extend(options.iter().cloned());
    command
}

#[cfg(test)]
mod tests;
