//! `cargo xtask`: the repository's own automation — `ci` (exactly what CI runs), `tidy`
//! (repository checks), `install` (the outside tools the tests use) and `bench` (the cluster
//! core's benchmark on release binaries).

// Tests may unwrap: a panic there is a test failure with its location, which is the point.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod bench;
mod ci;
mod install;
mod run;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use install::InstallPolicy;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  ci       what CI runs, in order: install, fmt, clippy, tidy, build, test (stops at the first failure);
           the install step changes the machine (apt-get, pip into the system python3, npm,
           cargo install; it assumes Debian): `ci --no-install` installs nothing and lists what is missing
  tidy     repository checks: //! module docs, file sizes, test layout, internal imports, a test
           per module, env reads, Cargo.lock, ARCHITECTURE.md; `tidy DIR` checks another checkout
  install  install the outside tools the tests use, when missing (CI's first step)
  bench    build release binaries and run the cluster core benchmark; options pass through
           (--quick, --requests N, --warmup N, --concurrency 1,32, --tokens N, --trials N,
           --agents 1000,10000, --scale-only, --usage-only, --usage-rows N,
           --memory-only, --memory-notes N)";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(arguments: &[String]) -> Result<()> {
    let root = repository_root();
    match arguments
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["ci"] => ci::run(&root, InstallPolicy::InstallMissing),
        ["ci", "--no-install"] => ci::run(&root, InstallPolicy::ListMissing),
        ["tidy"] => tidy::run(&root),
        ["tidy", other_root] => tidy::run(Path::new(other_root)),
        ["install"] => install::run(&mut run::Shell::new(&root), InstallPolicy::InstallMissing),
        ["bench", ..] => bench::run(&root, &arguments[1..]),
        [] | ["help" | "-h" | "--help"] => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown arguments {other:?}: run `cargo xtask help`\n\n{USAGE}"),
    }
}

/// The workspace root: xtask lives one level below it (where cargo built it from).
fn repository_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
