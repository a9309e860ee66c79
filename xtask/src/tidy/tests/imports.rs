//! Tests of the imports check: the module path of a file, the use-tree parser, what counts
//! as an internal module, and the limit with its exemptions.

use std::path::Path;

use crate::tidy::checks::Severity;
use crate::tidy::imports::*;

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(ToString::to_string).collect()
}

fn modules(file_module: &[&str], text: &str) -> Vec<String> {
    internal_modules(&strings(file_module), text)
        .into_iter()
        .collect()
}

#[test]
fn a_file_s_module_path_comes_from_where_it_sits_under_src() {
    let of = |path: &str| module_path(Path::new(path));
    assert_eq!(
        of("coordinator/src/cluster/routing.rs"),
        Some(strings(&["cluster", "routing"]))
    );
    assert_eq!(
        of("coordinator/src/cluster.rs"),
        Some(strings(&["cluster"]))
    );
    assert_eq!(of("web/src/views/mod.rs"), Some(strings(&["views"])));
    assert_eq!(of("runner/src/main.rs"), Some(Vec::new()));
    assert_eq!(of("agent/src/lib.rs"), Some(Vec::new()));
    assert_eq!(of("tests/src/bin/fake_ollama.rs"), Some(Vec::new()));
    assert_eq!(of("tests/src/bin/fake/wire.rs"), Some(strings(&["wire"])));
    assert_eq!(of("proto/build.rs"), None);
}

#[test]
fn a_path_names_the_module_where_it_leaves_the_file_s_ancestry() {
    let file = strings(&["cluster", "job_lifecycle"]);
    let named = |path: &str| module_named(&file, &strings(&path.split("::").collect::<Vec<_>>()));
    assert_eq!(named("crate::store::Store").as_deref(), Some("store"));
    assert_eq!(
        named("super::routing::route").as_deref(),
        Some("cluster::routing")
    );
    assert_eq!(
        named("crate::cluster::routing::Rejection").as_deref(),
        Some("cluster::routing")
    );
    assert_eq!(named("super::Cluster").as_deref(), Some("cluster"));
    assert_eq!(named("super::*").as_deref(), Some("cluster"));
    assert_eq!(named("super::super::clock::now").as_deref(), Some("clock"));
    assert_eq!(named("crate::Error").as_deref(), Some("crate"));
    assert_eq!(named("crate::store::self").as_deref(), Some("store"));
    assert_eq!(named("crate::cluster::job_lifecycle::submit::X"), None);
    assert_eq!(named("super::super::super::x"), None);
    assert_eq!(named("self::submit::X"), None);
    assert_eq!(named("tokio::sync::mpsc"), None);
}

#[test]
fn internal_modules_come_from_use_trees_and_paths_in_code() {
    let text = "//! Routing.\n\
        use std::sync::Arc;\n\
        pub(crate) use crate::{store::{Store, StoreError}, clock::now_ms};\n\
        use super::node::Node;\n\
        mod eligibility;\n\
        use eligibility::eligible;\n\
        fn f() { crate::metrics::count(); super::helper(); let s = \"crate::fake::X\"; }\n\
        // crate::commented::X\n\
        #[cfg(test)]\n\
        mod tests {\n\
            use super::*;\n\
            use crate::test_only::X;\n\
        }\n";
    assert_eq!(
        modules(&["cluster", "routing"], text),
        ["clock", "cluster", "cluster::node", "metrics", "store"]
    );
}

#[test]
fn more_than_three_internal_modules_is_reported_with_their_names() {
    let path = Path::new("coordinator/src/cluster/views.rs");
    let three = "//! V.\nuse crate::{a::A, b::B};\nuse super::c::C;\n";
    assert_eq!(check_internal_imports(path, three), None);
    let four = format!("{three}use crate::d::D;\n");
    let problem = check_internal_imports(path, &four).unwrap();
    assert!(
        problem
            .message
            .contains("imports from 4 internal modules (a, b, cluster::c, d;")
    );
    assert_eq!(problem.severity, Severity::failing_when(IMPORTS_FAIL));
}

#[test]
fn crate_roots_composition_roots_and_tests_may_import_widely() {
    let many = "//! Wiring.\nuse crate::{a::A, b::B, c::C, d::D, e::E};\n";
    for path in [
        "runner/src/main.rs",
        "web/src/lib.rs",
        "coordinator/src/tests.rs",
        "proto/build.rs",
    ] {
        assert_eq!(
            check_internal_imports(Path::new(path), many),
            None,
            "{path}"
        );
    }
    for (root, reason) in COMPOSITION_ROOTS {
        assert!(!reason.is_empty(), "{root}");
        assert_eq!(
            check_internal_imports(Path::new(root), many),
            None,
            "{root}"
        );
    }
}
