//! `--coordinator` before the subcommand as well as after it, and `RUNNER_COORDINATOR` read
//! here rather than by clap (which would show an address from the environment in usage lines
//! as `--coordinator <URL>`, as if it were required).

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};

use super::{Cli, ClientCommand, Command, CoordinatorArgs, RawCli};

use crate::cli::config::coordinator_from_env;

impl CommandFactory for Cli {
    fn command() -> clap::Command {
        RawCli::command()
    }

    fn command_for_update() -> clap::Command {
        RawCli::command_for_update()
    }
}

impl FromArgMatches for Cli {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let environment = coordinator_from_env();
        settle(matches, environment)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Parser for Cli {}

/// [`Cli`] from clap's matches, with `RUNNER_COORDINATOR`'s value passed in (for tests).
pub(super) fn settle(
    matches: &ArgMatches,
    environment: Option<String>,
) -> Result<Cli, clap::Error> {
    let RawCli {
        coordinator: before,
        mut command,
    } = RawCli::from_arg_matches(matches)?;
    let url = match command {
        Command::Mcp {
            ref mut coordinator,
        } => coordinator,
        Command::Client(ref mut client) => &mut client.coordinator_mut().url,
        Command::Worker(ref mut worker) => &mut worker.coordinator.url,
        Command::Serve { .. } | Command::Dev { .. } => {
            if before.is_some() {
                return Err(clap::Error::raw(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--coordinator is for the client commands and mcp; serve and dev take \
                     their addresses from their config",
                ));
            }
            return Ok(Cli { command });
        }
    };
    // Only the client commands and mcp have the argument (asking serve's matches would panic).
    let after = given_after(matches);
    let from_environment = environment.filter(|value| !value.trim().is_empty());
    if let Some(chosen) = after.or(before).or(from_environment) {
        *url = chosen;
    }
    Ok(Cli { command })
}

/// `--coordinator` as given after the subcommand, at any depth (`runner memory search … --coordinator URL`).
fn given_after(matches: &ArgMatches) -> Option<String> {
    let (_, sub) = matches.subcommand()?;
    if let Some(deeper) = given_after(sub) {
        return Some(deeper);
    }
    // A command level without the argument (`memory`) answers `Err` rather than panicking.
    let value = sub.try_get_one::<String>("coordinator").ok().flatten()?;
    let given = sub.value_source("coordinator") == Some(ValueSource::CommandLine);
    given.then(|| value.clone())
}

impl ClientCommand {
    fn coordinator_mut(&mut self) -> &mut CoordinatorArgs {
        match self {
            Self::Submit(args) => &mut args.coordinator,
            Self::Jobs(args) => &mut args.coordinator,
            Self::Job(args) => &mut args.coordinator,
            Self::Cancel(args) => &mut args.coordinator,
            Self::Nodes(args) => &mut args.coordinator,
            Self::Models(args) => &mut args.coordinator,
            Self::Usage(args) => &mut args.coordinator,
            Self::Memory(args) => args.coordinator_mut(),
            Self::Schedules(args) => args.coordinator_mut(),
            Self::Drain(args) | Self::Undrain(args) => &mut args.coordinator,
        }
    }
}

#[cfg(test)]
mod tests;
