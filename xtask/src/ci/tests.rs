//! Tests for the CI plan: the order CI depends on, and the commands each step runs.

use std::time::Duration;

use super::*;

fn command_line(step: CiStep) -> String {
    match step.action() {
        StepAction::Command(argv) => argv.join(" "),
        other => panic!("{} is not a command: {other:?}", step.name()),
    }
}

#[test]
fn steps_run_install_first_and_build_the_binaries_before_the_tests() {
    let names: Vec<_> = CI_STEPS.iter().map(|step| step.name()).collect();
    assert_eq!(names, ["install", "fmt", "clippy", "tidy", "build", "test"]);
}

#[test]
fn every_step_but_install_and_tidy_is_one_cargo_command() {
    assert_eq!(CiStep::Install.action(), StepAction::InstallOutsideTools);
    assert_eq!(CiStep::Tidy.action(), StepAction::Tidy);
    assert_eq!(command_line(CiStep::Format), "cargo fmt --all -- --check");
    assert_eq!(
        command_line(CiStep::BuildBinaries),
        "cargo build --workspace --bins"
    );
}

#[test]
fn clippy_denies_warnings_and_tests_do_not_stop_at_the_first_failure() {
    assert_eq!(
        command_line(CiStep::Clippy),
        "cargo clippy --workspace --all-targets -- -D warnings"
    );
    assert_eq!(
        command_line(CiStep::Test),
        "cargo nextest run --workspace --no-fail-fast"
    );
}

#[test]
fn the_summary_lists_each_step_and_the_total() {
    let summary = timings_summary(&[
        (CiStep::Install, Duration::from_millis(1_200)),
        (CiStep::Test, Duration::from_secs(62)),
    ]);
    assert_eq!(
        summary,
        "ci: all steps passed (install 1.2s, test 1m 02.0s; total 1m 03.2s)"
    );
}
