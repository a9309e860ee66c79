//! Tests of tidy: one file per check under `tests/`, and one run over a small repository
//! made on disk.

mod checks;
mod imports;
mod layout;
mod rust_paths;
mod size;
mod source;

use std::path::Path;

use super::find_problems;

/// Writes `text` to `relative` under `root`, making directories.
fn write_file(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn find_problems_walks_a_repository_and_skips_target() {
    let root = std::env::temp_dir().join(format!("xtask-tidy-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |relative: &str, text: &str| write_file(&root, relative, text);
    write("Cargo.toml", "[workspace]\n");
    write("ARCHITECTURE.md", "### `agent/`\n");
    write("agent/Cargo.toml", "[package]\n");
    write("agent/src/lib.rs", "//! Agent.\nmod probe;\n");
    write("agent/src/undocumented.rs", "fn f() {}\n");
    write(
        "agent/src/probe.rs",
        "//! Probe.\nfn p() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n",
    );
    write("web/Cargo.toml", "[package]\n");
    write(
        "web/src/lib.rs",
        "//! Web.\nfn f() { std::env::var(\"X\"); }\n",
    );
    write("web/src/tests.rs", "//! Tests of web.\n");
    write("target/debug/build/out.rs", "no doc here\n");
    let problems = find_problems(&root).unwrap();
    std::fs::remove_dir_all(&root).unwrap();
    let failures: Vec<String> = problems
        .iter()
        .filter(|problem| problem.is_failure())
        .map(ToString::to_string)
        .collect();
    let expected_starts = [
        "agent/src/probe.rs:3: has an inline",
        "agent/src/undocumented.rs: does not open",
        "web/src/lib.rs:2: reads the environment",
        "Cargo.lock: is not tracked",
        "web: is a crate missing from ARCHITECTURE.md",
    ];
    assert_eq!(failures.len(), expected_starts.len(), "{failures:#?}");
    for (failure, expected_start) in failures.iter().zip(expected_starts) {
        assert!(failure.starts_with(expected_start), "{failure}");
    }
    let warnings: Vec<String> = problems
        .iter()
        .filter(|problem| !problem.is_failure())
        .map(ToString::to_string)
        .collect();
    let listed = |start: &str| warnings.iter().any(|warning| warning.starts_with(start));
    assert!(listed(
        "warning: agent/src/undocumented.rs: has no unit test"
    ));
    assert!(!listed("warning: agent/src/probe.rs: has no unit test"));
    assert!(!listed("warning: web/src/lib.rs: has no unit test"));
    assert!(listed(
        "warning: runner/src/parts.rs: is named in a tidy allow-list"
    ));
}
