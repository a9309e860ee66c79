//! Tests of the `args` module.

use clap::CommandFactory;

use super::*;

#[test]
fn the_command_line_definition_is_consistent() {
    // clap's own checks: no duplicate flags, groups naming real arguments, and so on.
    Cli::command().debug_assert();
}

#[test]
fn state_filters_map_to_their_proto_states() {
    assert_eq!(JobStateArg::Queued.to_proto(), JobState::Queued);
    assert_eq!(JobStateArg::Rejected.to_proto(), JobState::Rejected);
    assert_eq!(JobStateArg::Cancelled.to_proto(), JobState::Cancelled);
}
