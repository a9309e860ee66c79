//! `cargo xtask tidy`: repository checks that rustc and clippy do not make — a `//!` line on
//! every module, small production files, tests in sibling files, few internal imports per
//! file, a test (or a named reason) for every module, no raw environment reads outside config,
//! `Cargo.lock` tracked, and every crate on the `ARCHITECTURE.md` codemap.

mod checks;
mod imports;
mod layout;
mod rust_paths;
mod size;
mod source;

use std::collections::BTreeSet;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use checks::{Problem, check_crates_on_codemap, check_env_reads, check_module_doc};
use imports::{COMPOSITION_ROOTS, check_internal_imports};
use layout::{UNTESTED_MODULES_ALLOWED, check_inline_tests, check_module_tested};
use size::check_production_file_size;

use crate::run::Shell;

/// Directories never searched: build output, version control, other tools' caches.
const SKIPPED_DIRS: &[&str] = &["target", ".git", "node_modules", "__pycache__", "data"];

/// Runs every check over the repository at `root`, prints one line per problem (warnings
/// first), and fails when any problem is a failure.
pub fn run(root: &Path) -> Result<()> {
    let mut problems = find_problems(root)?;
    problems.sort_by_key(Problem::is_failure);
    for problem in &problems {
        println!("tidy: {problem}");
    }
    let failures = problems
        .iter()
        .filter(|problem| problem.is_failure())
        .count();
    let warnings = problems.len() - failures;
    if failures > 0 {
        bail!(
            "tidy found {failures} problem(s) and {warnings} warning(s), listed above: fix each \
             file named without `warning:`"
        );
    }
    println!("tidy: all checks passed ({warnings} warning(s) listed above)");
    Ok(())
}

/// Every problem tidy finds in the repository at `root`.
pub fn find_problems(root: &Path) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let mut rust_files = Vec::new();
    let mut crate_dirs = Vec::new();
    walk(root, root, &mut rust_files, &mut crate_dirs)?;
    rust_files.sort();
    crate_dirs.sort();
    let known_files: BTreeSet<PathBuf> = rust_files.iter().cloned().collect();
    for relative_path in &rust_files {
        let text = fs::read_to_string(root.join(relative_path))
            .with_context(|| format!("could not read {}", relative_path.display()))?;
        problems.extend(check_module_doc(relative_path, &text));
        problems.extend(check_production_file_size(relative_path, &text));
        problems.extend(check_inline_tests(relative_path, &text));
        problems.extend(check_internal_imports(relative_path, &text));
        problems.extend(check_module_tested(relative_path, &text, &known_files));
        problems.extend(check_env_reads(relative_path, &text));
    }
    problems.extend(stale_allow_list_entries(root));
    problems.extend(check_cargo_lock_tracked(root));
    let codemap = fs::read_to_string(root.join("ARCHITECTURE.md")).ok();
    problems.extend(check_crates_on_codemap(&crate_dirs, codemap.as_deref()));
    Ok(problems)
}

/// Collects `.rs` files and crate directories (those with a `Cargo.toml`, the root excepted),
/// as paths relative to `root`.
fn walk(
    root: &Path,
    dir: &Path,
    rust_files: &mut Vec<PathBuf>,
    crate_dirs: &mut Vec<PathBuf>,
) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("could not list {}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let file_type = entry
            .file_type()
            .with_context(|| format!("could not stat {}", path.display()))?;
        let relative_path = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if file_type.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) && !name.starts_with('.') {
                walk(root, &path, rust_files, crate_dirs)?;
            }
        } else if name.ends_with(".rs") {
            rust_files.push(relative_path);
        } else if name == "Cargo.toml" && dir != root {
            crate_dirs.push(dir.strip_prefix(root).unwrap_or(dir).to_path_buf());
        }
    }
    Ok(())
}

/// Allow-list entries naming files that are gone: an exemption outlives its file only by
/// mistake (listed, not failing, so a file moved by another change does not break CI).
fn stale_allow_list_entries(root: &Path) -> Vec<Problem> {
    COMPOSITION_ROOTS
        .iter()
        .chain(UNTESTED_MODULES_ALLOWED)
        .filter(|(path, _)| !root.join(path).is_file())
        .map(|(path, _)| {
            Problem::in_file(
                Path::new(path),
                "is named in a tidy allow-list but does not exist: remove or update the entry",
            )
            .into_warning()
        })
        .collect()
}

/// `Cargo.lock` must be committed so CI and deployments build what was tested.
fn check_cargo_lock_tracked(root: &Path) -> Option<Problem> {
    let shell = Shell::new(root);
    let tracked = shell
        .first_output_line(&["git", "ls-files", "--error-unmatch", "Cargo.lock"])
        .is_some();
    (!tracked).then(|| {
        Problem::in_file(
            Path::new("Cargo.lock"),
            "is not tracked by git: commit it (`git add Cargo.lock`)",
        )
    })
}

#[cfg(test)]
mod tests;
