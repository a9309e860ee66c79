//! Tests of the small checks: module docs, environment reads, the codemap, and which files
//! count as test code.

use std::path::{Path, PathBuf};

use crate::tidy::checks::*;

#[test]
fn module_doc_is_required_on_the_first_non_blank_line() {
    let path = Path::new("agent/src/prober.rs");
    assert_eq!(
        check_module_doc(path, "//! Probes Ollama.\nfn f() {}\n"),
        None
    );
    assert_eq!(check_module_doc(path, "\n\n//! After blank lines.\n"), None);
    let problem = check_module_doc(path, "// plain comment\n//! too late\n").unwrap();
    assert_eq!(problem.path, path);
    assert!(
        problem
            .to_string()
            .starts_with("agent/src/prober.rs: does not open")
    );
    assert!(check_module_doc(path, "/// item doc\nfn f() {}\n").is_some());
    assert!(check_module_doc(path, "").is_some());
}

#[test]
fn test_files_are_recognised_by_directory_or_name() {
    assert!(is_test_file(Path::new("tests/src/lib.rs")));
    assert!(is_test_file(Path::new("coordinator/src/http/tests.rs")));
    assert!(is_test_file(Path::new(
        "coordinator/src/job_store_tests.rs"
    )));
    assert!(!is_test_file(Path::new("coordinator/src/contests.rs")));
    assert!(!is_test_file(Path::new("coordinator/src/latests/x.rs")));
    assert!(!is_test_file(Path::new("agent/src/main.rs")));
}

#[test]
fn env_reads_outside_config_are_flagged_with_their_line() {
    let path = Path::new("agent/src/link.rs");
    let text = "//! Link.\nfn token() -> String {\n    std::env::var(\"RUNNER_AGENT_TOKEN\").unwrap_or_default()\n}\n\
                fn home() { env::var_os(\"HOME\"); }\n";
    let problems = check_env_reads(path, text);
    let lines: Vec<_> = problems.iter().map(|problem| problem.line).collect();
    assert_eq!(lines, vec![Some(3), Some(5)]);
    assert!(
        problems[0]
            .to_string()
            .starts_with("agent/src/link.rs:3: reads the environment")
    );
}

#[test]
fn env_reads_in_comments_and_exempt_files_are_fine() {
    let text = "//! Config.\nfn f() { std::env::var(\"X\"); }\n";
    for path in [
        "coordinator/src/config/load.rs",
        "settings/src/env_source.rs",
        "proto/build.rs",
        "tests/src/cluster/process.rs",
        "xtask/src/run.rs",
        "agent/src/link/tests.rs",
    ] {
        assert!(check_env_reads(Path::new(path), text).is_empty(), "{path}");
    }
    let commented = "//! Link.\n// never call std::env::var here\n/// nor env::var(\"X\")\n";
    assert!(check_env_reads(Path::new("agent/src/link.rs"), commented).is_empty());
}

#[test]
fn crates_missing_from_the_codemap_are_named() {
    let crate_dirs = vec![
        PathBuf::from("agent"),
        PathBuf::from("coordinator"),
        PathBuf::from("web"),
        PathBuf::from("xtask"),
    ];
    let codemap = "### `agent/`\nthe agent\n### `coordinator`\n- `xtask/src/main.rs`\nweb/ is mentioned without backticks\n";
    let problems = check_crates_on_codemap(&crate_dirs, Some(codemap));
    let named: Vec<_> = problems
        .iter()
        .map(|problem| problem.path.clone())
        .collect();
    assert_eq!(named, vec![PathBuf::from("web")]);
}

#[test]
fn a_missing_codemap_is_one_problem() {
    let problems = check_crates_on_codemap(&[PathBuf::from("agent")], None);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .starts_with("ARCHITECTURE.md: is missing")
    );
}
