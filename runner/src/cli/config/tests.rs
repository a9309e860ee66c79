//! Tests of the `config` module.

use super::*;

#[test]
fn an_unset_variable_reads_as_none() {
    assert_eq!(
        variable("RUNNER_SURELY_NEVER_SET_IN_ANY_TEST_ENVIRONMENT"),
        None
    );
}

#[test]
fn the_coordinator_variable_is_the_one_the_readme_names() {
    assert_eq!(COORDINATOR_ENV, "RUNNER_COORDINATOR");
    assert!(
        include_str!("../../../../README.md").contains(COORDINATOR_ENV),
        "README names {COORDINATOR_ENV}"
    );
}
