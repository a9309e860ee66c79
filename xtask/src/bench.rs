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
mod tests {
    use super::*;

    #[test]
    fn options_follow_the_double_dash() {
        let options = vec![
            "--quick".to_owned(),
            "--requests".to_owned(),
            "7".to_owned(),
        ];
        let command = bench_command(&options);
        let dash = command.iter().position(|part| part == "--").unwrap();
        assert_eq!(&command[dash + 1..], options.as_slice());
        assert_eq!(&command[..2], ["cargo", "bench"]);
    }

    #[test]
    fn the_release_build_makes_both_binaries_the_agent_on_its_own() {
        let builds: Vec<String> = BUILD_RELEASE_BINARIES
            .iter()
            .map(|build| build.join(" "))
            .collect();
        assert_eq!(
            builds,
            [
                "cargo build --release --bins -p runner",
                "cargo build --release --bins -p agent"
            ]
        );
    }
}
