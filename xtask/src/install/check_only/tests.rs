//! Tests of the `check_only` module.

use super::*;

#[test]
fn every_missing_tool_is_named_with_the_commands_that_would_install_it() {
    let message = missing_tools_message(&[
        (
            "chromium",
            vec![
                "apt-get update -q".to_owned(),
                "apt-get install -y -q --no-install-recommends chromium".to_owned(),
            ],
        ),
        ("grpcurl", vec!["apt-get install -y -q grpcurl".to_owned()]),
    ]);
    assert_eq!(
        message,
        "2 tools the tests need are missing (--no-install installs nothing); install them yourself, or run `cargo xtask ci` without --no-install:\n  chromium: apt-get update -q && apt-get install -y -q --no-install-recommends chromium\n  grpcurl: apt-get install -y -q grpcurl"
    );
}

#[test]
fn one_missing_tool_reads_in_the_singular() {
    let message =
        missing_tools_message(&[("promtool", vec!["apt-get install prometheus".to_owned()])]);
    assert!(
        message.starts_with("1 tool the tests need is missing"),
        "{message}"
    );
    assert!(message.contains("install it yourself"), "{message}");
}
