//! Tests that `runner schedules` parses with and without a subcommand, that each subcommand
//! keeps its own `--coordinator`, and that bad limits and mixed-up flags are refused.

use clap::Parser;
use clap::error::ErrorKind;

use super::super::{ClientCommand, Command, RawCli};
use super::*;

fn schedules(arguments: &[&str]) -> Result<SchedulesArgs, ErrorKind> {
    let raw = RawCli::try_parse_from(["runner", "schedules"].iter().chain(arguments))
        .map_err(|error| error.kind())?;
    match raw.command {
        Command::Client(ClientCommand::Schedules(args)) => Ok(args),
        other => panic!("{arguments:?} parsed as {other:?}"),
    }
}

#[test]
fn without_a_subcommand_it_lists_and_with_one_it_names_the_schedule() {
    let listed = schedules(&["--json", "--wide"]).unwrap();
    assert!(listed.command.is_none() && listed.json && listed.wide);
    let Some(SchedulesCommand::Show(show)) = schedules(&["show", "morning", "--limit", "5"])
        .unwrap()
        .command
    else {
        panic!("not show");
    };
    assert_eq!((show.name.as_str(), show.limit), ("morning", Some(5)));
    for (word, paused) in [("pause", true), ("resume", false), ("run", false)] {
        let mut args = schedules(&[word, "morning", "--coordinator", "http://vps:7070"]).unwrap();
        assert_eq!(args.coordinator_mut().url, "http://vps:7070", "{word}");
        let named = match args.command.unwrap() {
            SchedulesCommand::Pause(named) => {
                assert!(paused);
                named
            }
            SchedulesCommand::Resume(named) | SchedulesCommand::Run(named) => {
                assert!(!paused);
                named
            }
            SchedulesCommand::Show(_) => panic!("{word} parsed as show"),
        };
        assert_eq!(named.name, "morning");
    }
}

#[test]
fn a_limit_out_of_range_a_missing_name_and_list_flags_before_a_subcommand_are_refused() {
    assert_eq!(
        schedules(&["show", "morning", "--limit", "0"]).unwrap_err(),
        ErrorKind::ValueValidation
    );
    assert_eq!(
        schedules(&["show", "morning", "--limit", "501"]).unwrap_err(),
        ErrorKind::ValueValidation
    );
    assert_eq!(
        schedules(&["run"]).unwrap_err(),
        ErrorKind::MissingRequiredArgument
    );
    assert!(schedules(&["--wide", "show", "morning"]).is_err());
}
