//! Imports: a production file depends on at most [`MAX_INTERNAL_MODULES`] internal modules of
//! its own crate, unless it is a crate root or a named composition root.
//!
//! **Internal module**, precisely: every `crate::…` and `super::…` path in the file (in `use`
//! trees, with braces expanded, and in code) is resolved to a path from the crate root, using
//! the file's own module path (`coordinator/src/cluster/routing.rs` is `cluster::routing`).
//! The internal module it names is that path cut just after the first segment where it leaves
//! the file's own ancestry: from `cluster::routing`, `crate::store::Store` is `store`,
//! `super::job_lifecycle::start` is `cluster::job_lifecycle`, and `super::Cluster` (a
//! capitalised item, a glob or `self` right there) is the parent `cluster` itself; an item of
//! the crate root is `crate`. Paths into the file's own submodules, `self::…`, bare paths
//! (other crates, own children) and `$crate` do not count. A lowercase name directly in an
//! ancestor (`super::helper`) is taken for a module: only rustc knows better. Paths inside
//! the inline `#[cfg(test)]` module are left out: that is test code.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use super::checks::{Problem, Severity, is_production_file};
use super::rust_paths::{internal_paths, tokens};
use super::source::{code_only, inline_test_module};

/// More distinct internal modules than this and a file is doing more than one job.
pub const MAX_INTERNAL_MODULES: usize = 3;

/// Whether too many internal imports fail tidy; listed only until the files named fail no
/// more (crate roots and [`COMPOSITION_ROOTS`] are exempt either way).
pub const IMPORTS_FAIL: bool = false;

/// Files whose job is to wire the crate's parts together, each with the reason. Crate roots
/// (`lib.rs`, `main.rs`, `src/bin/*.rs`, `build.rs`) are exempt without an entry.
pub const COMPOSITION_ROOTS: &[(&str, &str)] = &[
    (
        "coordinator/src/config/validate.rs",
        "turns every table of the raw config into the typed one, each by its module",
    ),
    (
        "agent/src/config/validate.rs",
        "turns every table of the raw config into the typed one, each by its module",
    ),
    (
        "runner/src/parts.rs",
        "starts every part the runner was asked to mount",
    ),
    (
        "runner/src/serve.rs",
        "the runner's serve command: config, parts, shutdown",
    ),
    (
        "coordinator/src/serve.rs",
        "the core's composition root: store, cluster, gRPC, HTTP",
    ),
    (
        "coordinator/src/http/router.rs",
        "mounts every HTTP handler on one router",
    ),
    (
        "coordinator/src/grpc/server.rs",
        "mounts every gRPC service on one server",
    ),
    (
        "agent/src/run.rs",
        "the agent's composition root: prober, host facts, link",
    ),
    (
        "alerts/src/service.rs",
        "wires the alerter: outbox, watch loop, sender, routes",
    ),
    (
        "bench/src/run.rs",
        "runs every measurement of one benchmark in order",
    ),
    ("bench/src/report.rs", "prints one table per measurement"),
];

/// A production file importing from more than [`MAX_INTERNAL_MODULES`] internal modules.
pub fn check_internal_imports(path: &Path, text: &str) -> Option<Problem> {
    let file_module = module_path(path)?;
    let composition_root = COMPOSITION_ROOTS
        .iter()
        .any(|(root, _)| path == Path::new(root));
    if file_module.is_empty() || composition_root || !is_production_file(path, text) {
        return None;
    }
    let modules = internal_modules(&file_module, text);
    (modules.len() > MAX_INTERNAL_MODULES).then(|| {
        let names: Vec<&str> = modules.iter().map(String::as_str).collect();
        Problem::in_file(
            path,
            format!(
                "imports from {} internal modules ({}; at most {MAX_INTERNAL_MODULES}): split \
                 it by job, or name it in COMPOSITION_ROOTS (xtask/src/tidy/imports.rs) with \
                 the reason",
                names.len(),
                names.join(", ")
            ),
        )
        .with_severity(Severity::failing_when(IMPORTS_FAIL))
    })
}

/// The module path of a file under `CRATE/src/` from its crate's root: empty for a crate root
/// (`lib.rs`, `main.rs`, `bin/NAME.rs`); `None` for a file outside any `src/` (`build.rs`).
pub fn module_path(path: &Path) -> Option<Vec<String>> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let src = parts.iter().position(|part| part == "src")?;
    let mut segments: Vec<String> = parts[src + 1..].to_vec();
    if segments.first().is_some_and(|first| first == "bin") {
        // `bin/NAME.rs` is a crate root; `bin/NAME/…` holds the modules of crate `NAME`.
        let crate_root_depth = if segments.len() == 2 { 1 } else { 2 };
        segments.drain(..crate_root_depth);
        if crate_root_depth == 1 {
            return Some(Vec::new());
        }
    }
    let last = segments.pop()?;
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "lib" | "main" | "mod") {
        segments.push(stem.to_string());
    }
    Some(segments)
}

/// The distinct internal modules (as `a::b`) a file whose module path is `file_module`
/// depends on; see the module doc for what counts.
pub fn internal_modules(file_module: &[String], text: &str) -> BTreeSet<String> {
    let mut code = code_only(text);
    if let Some(block) = inline_test_module(&code) {
        code.replace_range(block, "");
    }
    internal_paths(&tokens(&code))
        .iter()
        .filter_map(|path| module_named(file_module, path))
        .collect()
}

/// The internal module `path` names from the file at `file_module` (see the module doc).
pub fn module_named(file_module: &[String], path: &[String]) -> Option<String> {
    let mut absolute: Vec<String> = match path.first()?.as_str() {
        "crate" => path[1..].to_vec(),
        "super" => {
            let supers = path
                .iter()
                .take_while(|segment| *segment == "super")
                .count();
            let parent = file_module.len().checked_sub(supers)?;
            [&file_module[..parent], &path[supers..]].concat()
        }
        _ => return None,
    };
    if absolute.last().is_some_and(|last| last == "self") {
        absolute.pop();
    }
    let common = absolute
        .iter()
        .zip(file_module)
        .take_while(|(left, right)| left == right)
        .count();
    if common == file_module.len() {
        return None;
    }
    let item_of_ancestor = absolute.get(common).is_none_or(|segment| {
        segment == "*" || segment.starts_with(|first: char| first.is_uppercase())
    });
    let end = if item_of_ancestor { common } else { common + 1 };
    Some(if end == 0 {
        "crate".to_string()
    } else {
        absolute[..end].join("::")
    })
}
