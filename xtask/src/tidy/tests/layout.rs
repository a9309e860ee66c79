//! Tests of the test-layout checks: inline test modules are named, and a module with code but
//! no test anywhere it could be is reported unless allowed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::tidy::checks::Severity;
use crate::tidy::layout::*;

const INLINE: &str =
    "//! Probe.\nfn p() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n";

fn files(paths: &[&str]) -> BTreeSet<PathBuf> {
    paths.iter().map(PathBuf::from).collect()
}

#[test]
fn an_inline_test_module_is_reported_at_its_line_with_where_to_move_it() {
    let problem = check_inline_tests(Path::new("agent/src/prober.rs"), INLINE).unwrap();
    assert_eq!(problem.line, Some(4));
    assert!(
        problem.message.contains("agent/src/prober/tests.rs"),
        "{problem}"
    );
    assert_eq!(problem.severity, Severity::failing_when(INLINE_TESTS_FAIL));
    let root = check_inline_tests(Path::new("web/src/lib.rs"), INLINE).unwrap();
    assert!(root.message.contains("web/src/tests.rs"), "{root}");
}

#[test]
fn a_declared_test_module_and_test_files_are_not_inline_tests() {
    let declared = "//! Probe.\nfn p() {}\n#[cfg(test)]\nmod tests;\n";
    assert_eq!(
        check_inline_tests(Path::new("agent/src/prober.rs"), declared),
        None
    );
    assert_eq!(
        check_inline_tests(Path::new("agent/src/prober/tests.rs"), INLINE),
        None
    );
    let in_string = "//! S.\nconst S: &str = \"#[cfg(test)]\\nmod tests {\";\n";
    assert_eq!(
        check_inline_tests(Path::new("agent/src/s.rs"), in_string),
        None
    );
}

#[test]
fn sibling_tests_go_in_the_module_directory() {
    assert_eq!(
        sibling_tests_file(Path::new("a/src/x/y.rs")),
        Path::new("a/src/x/y/tests.rs")
    );
    for root in ["a/src/lib.rs", "a/src/main.rs", "a/src/mod.rs"] {
        assert_eq!(
            sibling_tests_file(Path::new(root)),
            Path::new("a/src/tests.rs")
        );
    }
}

#[test]
fn a_module_with_code_and_no_test_is_reported() {
    let text = "//! Routing.\npub fn route() {}\n";
    let path = Path::new("coordinator/src/cluster/routing.rs");
    let problem = check_module_tested(path, text, &files(&[])).unwrap();
    assert!(
        problem
            .message
            .contains("coordinator/src/cluster/routing/tests.rs")
    );
    assert!(problem.message.contains("UNTESTED_MODULES_ALLOWED"));
    assert_eq!(
        problem.severity,
        Severity::failing_when(UNTESTED_MODULES_FAIL)
    );
    // A commented-out test is no test.
    let commented = "//! Routing.\npub fn route() {}\n// #[test]\n";
    assert!(check_module_tested(path, commented, &files(&[])).is_some());
}

#[test]
fn a_test_inline_or_in_any_sibling_test_file_counts() {
    let text = "//! Routing.\npub fn route() {}\n";
    let path = Path::new("c/src/routing.rs");
    assert_eq!(check_module_tested(path, INLINE, &files(&[])), None);
    let tokio = "//! R.\nfn r() {}\n#[tokio::test(start_paused = true)]\nasync fn t() {}\n";
    assert_eq!(check_module_tested(path, tokio, &files(&[])), None);
    for sibling in [
        "c/src/routing/tests.rs",
        "c/src/routing/contract_tests.rs",
        "c/src/routing_tests.rs",
        "c/src/tests/routing.rs",
    ] {
        assert_eq!(
            check_module_tested(path, text, &files(&[sibling])),
            None,
            "{sibling}"
        );
    }
    let unrelated = files(&[
        "c/src/other/tests.rs",
        "c/src/tests.rs",
        "c/src/routing/x.rs",
    ]);
    assert!(check_module_tested(path, text, &unrelated).is_some());
    assert_eq!(
        check_module_tested(Path::new("c/src/lib.rs"), text, &unrelated),
        None
    );
}

#[test]
fn declarations_only_test_files_and_allowed_modules_need_no_test() {
    let declarations = "//! Types.\npub struct Node { pub name: String }\npub use x::Y;\n";
    assert_eq!(
        check_module_tested(Path::new("c/src/node.rs"), declarations, &files(&[])),
        None
    );
    let text = "//! Main.\nfn main() {}\n";
    assert_eq!(
        check_module_tested(Path::new("c/tests/scenario.rs"), text, &files(&[])),
        None
    );
    let (allowed, reason) = UNTESTED_MODULES_ALLOWED[0];
    assert!(!reason.is_empty());
    assert_eq!(
        check_module_tested(Path::new(allowed), text, &files(&[])),
        None
    );
}
