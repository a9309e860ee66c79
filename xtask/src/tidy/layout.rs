//! Test layout: one place for unit tests (a sibling `tests.rs`, not an inline module), and
//! every production module either tested or named with the reason it is not.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::checks::{Problem, Severity, is_production_file};
use super::source::{code_only, inline_test_module, line_of};

/// Whether an inline `#[cfg(test)] mod tests { … }` fails tidy: one test layout everywhere,
/// tests in a sibling `tests.rs` (`xtask/move_inline_tests.py` moves one).
pub const INLINE_TESTS_FAIL: bool = true;

/// Whether a production module with no test and no allow-list entry fails tidy. Listed only
/// until every such module has a test or a named reason below.
pub const UNTESTED_MODULES_FAIL: bool = false;

/// Production modules deliberately without unit tests, each with the reason; the path is
/// relative to the repository root.
pub const UNTESTED_MODULES_ALLOWED: &[(&str, &str)] = &[
    (
        "coordinator/src/grpc/agent_tls_server.rs",
        "a TLS server needs certificates and a real handshake: covered end to end by \
         tests/scenarios/agents_over_mutual_tls_need_the_right_certificates_and_their_token.rs",
    ),
    (
        "schedules/src/scheduler/fire.rs",
        "methods of Scheduler: covered by scheduler/tests/ (firing, catch_up, overlap)",
    ),
    (
        "schedules/src/scheduler/pass.rs",
        "methods of Scheduler: covered by scheduler/tests/ (firing, catch_up)",
    ),
    (
        "schedules/src/scheduler/resume.rs",
        "methods of Scheduler: covered by scheduler/tests/catch_up.rs",
    ),
    (
        "schedules/src/scheduler/agent_runs.rs",
        "methods of Scheduler: covered by scheduler/tests/firing.rs (an agent firing)",
    ),
    (
        "schedules/src/config/job_template.rs",
        "read through parse_schedules: covered by config/tests.rs",
    ),
    (
        "schedules/src/launch/cluster.rs",
        "needs a coordinator: covered by tests/scenarios/schedules_fire_*",
    ),
    (
        "schedules/src/launch.rs",
        "a trait and its answers: the fake in test_support.rs implements it for every test",
    ),
    (
        "runner/src/schedules_part.rs",
        "composition: mounted by every runner serve; covered by tests/scenarios/schedules_fire_*",
    ),
    (
        "runner/src/schedules_part/alert_notices.rs",
        "needs the alerts outbox: covered by tests/scenarios/schedules_fire_* (Discord titles)",
    ),
    (
        "schedules/src/store/reads.rs",
        "the store's reads: covered by store/tests.rs with its writes",
    ),
    (
        "schedules/src/notices.rs",
        "a trait and its no-op: the runner's alert adapter is its user",
    ),
    ("runner/src/main.rs", "thin main: covered by the scenarios"),
    ("agent/src/main.rs", "thin main: covered by the scenarios"),
    ("xtask/src/main.rs", "thin main: every command runs in CI"),
    ("proto/build.rs", "build script: a failed build is its test"),
    (
        "coordinator/src/store/memory.rs",
        "covered by store/contract_tests.rs",
    ),
    (
        "coordinator/src/store/redb_store.rs",
        "covered by store/contract_tests.rs",
    ),
    (
        "compat/src/job_run.rs",
        "needs a coordinator: covered by tests/scenarios/*openai* and *ollama*",
    ),
    (
        "compat/src/openai/completion_job.rs",
        "runs jobs: covered by tests/scenarios/the_official_openai_sdk_* and an_api_request_*",
    ),
    (
        "compat/src/ollama/text_job.rs",
        "runs jobs: covered by tests/scenarios/ollamas_own_endpoints_* and the ollama client's",
    ),
    (
        "alerts/src/outbox/memory_store.rs",
        "covered by outbox/contract_tests.rs",
    ),
    (
        "alerts/src/outbox/redb_store.rs",
        "covered by outbox/contract_tests.rs",
    ),
    (
        "vault/src/worker.rs",
        "driven end to end by the vault scenarios; needs a coordinator",
    ),
    (
        "vault/src/worker/run_job.rs",
        "driven end to end by the vault scenarios; needs a coordinator",
    ),
    (
        "vault/src/worker/execute.rs",
        "driven end to end by the vault scenarios; needs a coordinator",
    ),
    (
        "vault/src/worker/follow.rs",
        "driven end to end by the vault scenarios; needs a coordinator",
    ),
    (
        "vault/src/worker/ingest.rs",
        "driven end to end by the vault scenarios; needs a coordinator",
    ),
    (
        "vault/src/worker/notice.rs",
        "the Notice types and the Notifier trait only: exercised by worker/notices/tests.rs",
    ),
];

/// A production file with its tests inline rather than in a sibling `tests.rs`.
pub fn check_inline_tests(path: &Path, text: &str) -> Option<Problem> {
    if !is_production_file(path, text) {
        return None;
    }
    let block = inline_test_module(&code_only(text))?;
    let problem = Problem {
        line: Some(line_of(text, block.start)),
        ..Problem::in_file(
            path,
            format!(
                "has an inline `#[cfg(test)] mod tests {{ … }}`: move it to {} and declare it \
                 with `#[cfg(test)] mod tests;` (xtask/move_inline_tests.py does it)",
                sibling_tests_file(path).display()
            ),
        )
    };
    Some(problem.with_severity(Severity::failing_when(INLINE_TESTS_FAIL)))
}

/// A production module with a function but no `#[test]`, no sibling test file and no entry
/// in [`UNTESTED_MODULES_ALLOWED`]; `rust_files` is every `.rs` path in the repository.
pub fn check_module_tested(
    path: &Path,
    text: &str,
    rust_files: &BTreeSet<PathBuf>,
) -> Option<Problem> {
    let code = code_only(text);
    let allowed = UNTESTED_MODULES_ALLOWED
        .iter()
        .any(|(allowed_path, _)| path == Path::new(allowed_path));
    let untested = is_production_file(path, text)
        && !allowed
        && declares_a_function(&code)
        && !code.contains("#[test]")
        && !code.contains("#[tokio::test")
        && !has_sibling_tests(path, rust_files);
    untested.then(|| {
        Problem::in_file(
            path,
            format!(
                "has no unit test: add one in {} or name the reason in \
                 UNTESTED_MODULES_ALLOWED (xtask/src/tidy/layout.rs)",
                sibling_tests_file(path).display()
            ),
        )
        .with_severity(Severity::failing_when(UNTESTED_MODULES_FAIL))
    })
}

/// Where a file's unit tests go: `dir/tests.rs` for `lib.rs`, `main.rs` and `mod.rs`, which
/// own their directory; `dir/STEM/tests.rs` for `dir/STEM.rs`.
pub fn sibling_tests_file(path: &Path) -> PathBuf {
    tests_dir(path).join("tests.rs")
}

/// A module with nothing but declarations (types, re-exports) has no behaviour to test.
fn declares_a_function(code: &str) -> bool {
    code.split(|character: char| !(character.is_alphanumeric() || character == '_'))
        .any(|word| word == "fn")
}

/// `tests.rs` or any `*_tests.rs` in the directory the file's tests belong in, a
/// `STEM_tests.rs` beside `STEM.rs`, or `tests/STEM.rs` beside it (the parent's tests split
/// by module).
fn has_sibling_tests(path: &Path, rust_files: &BTreeSet<PathBuf>) -> bool {
    let tests_dir = tests_dir(path);
    let stem = file_stem(path);
    let beside = path.with_file_name(format!("{stem}_tests.rs"));
    let in_parent_tests = path.with_file_name("tests").join(format!("{stem}.rs"));
    rust_files.contains(&beside)
        || rust_files.contains(&in_parent_tests)
        || rust_files.iter().any(|file| {
            file.parent() == Some(tests_dir.as_path())
                && file.file_name().is_some_and(|name| {
                    let name = name.to_string_lossy();
                    name == "tests.rs" || name.ends_with("_tests.rs")
                })
        })
}

fn tests_dir(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new(""));
    match file_stem(path).as_str() {
        "lib" | "main" | "mod" => parent.to_path_buf(),
        stem => parent.join(stem),
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}
