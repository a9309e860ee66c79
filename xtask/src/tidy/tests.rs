//! Tests for the tidy checks: each check flags what it should, names the file, and leaves
//! exempt files alone; plus one run over a small repository made on disk.

use std::path::{Path, PathBuf};

use super::checks::*;
use super::find_problems;

fn code(lines: usize) -> String {
    (0..lines).map(|n| format!("let x{n} = {n};\n")).collect()
}

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
fn code_lines_leave_out_blanks_comments_and_the_inline_test_module() {
    let text = "//! Module.\n\
                \n\
                /// Item doc.\n\
                fn f() {\n\
                    /* block\n\
                       comment */\n\
                    let x = 1; // trailing comments still count as code\n\
                }\n\
                \n\
                #[cfg(test)]\n\
                mod tests {\n\
                    #[test]\n\
                    fn t() {}\n\
                }\n\
                fn after_tests() {}\n";
    assert_eq!(count_code_lines(text), 4);
}

#[test]
fn an_external_test_module_declaration_counts_as_code() {
    assert_eq!(count_code_lines("#[cfg(test)]\nmod tests;\n"), 2);
    assert_eq!(count_code_lines("#[cfg(test)]\nfn only_in_tests() {}\n"), 2);
}

#[test]
fn production_files_over_the_limit_are_flagged_with_the_count() {
    let path = Path::new("coordinator/src/cluster/routing.rs");
    let limit = MAX_PRODUCTION_CODE_LINES;
    assert_eq!(check_production_file_size(path, &code(limit)), None);
    let problem = check_production_file_size(path, &code(limit + 1)).unwrap();
    assert!(
        problem
            .message
            .contains(&format!("has {} lines", limit + 1))
    );
    assert_eq!(problem.path, path);
}

#[test]
fn test_files_and_xtask_may_be_long() {
    let long = code(MAX_PRODUCTION_CODE_LINES + 50);
    for path in [
        "tests/scenarios/gemma_job_is_rejected_while_davas_is_down.rs",
        "tests/src/cluster.rs",
        "coordinator/src/store/tests.rs",
        "coordinator/src/store/contract_tests.rs",
        "agent/tests/link.rs",
        "xtask/src/tidy/checks.rs",
    ] {
        assert_eq!(
            check_production_file_size(Path::new(path), &long),
            None,
            "{path}"
        );
    }
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

#[test]
fn find_problems_walks_a_repository_and_skips_target() {
    let root = std::env::temp_dir().join(format!("xtask-tidy-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("Cargo.toml", "[workspace]\n");
    write("ARCHITECTURE.md", "### `agent/`\n");
    write("agent/Cargo.toml", "[package]\n");
    write("agent/src/lib.rs", "//! Agent.\n");
    write("agent/src/undocumented.rs", "fn f() {}\n");
    write("web/Cargo.toml", "[package]\n");
    write(
        "web/src/lib.rs",
        "//! Web.\nfn f() { std::env::var(\"X\"); }\n",
    );
    write("target/debug/build/out.rs", "no doc here\n");
    let problems: Vec<String> = find_problems(&root)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    std::fs::remove_dir_all(&root).unwrap();
    let expected_starts = [
        "agent/src/undocumented.rs: does not open",
        "web/src/lib.rs:2: reads the environment",
        "Cargo.lock: is not tracked",
        "web: is a crate missing from ARCHITECTURE.md",
    ];
    assert_eq!(problems.len(), expected_starts.len(), "{problems:#?}");
    for (problem, expected_start) in problems.iter().zip(expected_starts) {
        assert!(problem.starts_with(expected_start), "{problem}");
    }
}
