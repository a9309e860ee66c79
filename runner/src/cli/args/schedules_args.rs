//! `runner schedules` and its subcommands: list the schedules, show one with its firings (and
//! an agent run's steps), fire one now, pause and resume — each a `ScheduleService` call.

use clap::{Args, Subcommand};

use super::CoordinatorArgs;

/// Without a subcommand, the table of every schedule.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SchedulesArgs {
    #[command(subcommand)]
    pub command: Option<SchedulesCommand>,
    /// Every column in full, however wide (by default the table fits `COLUMNS`, or 80 on a
    /// terminal; piped, it is never cut)
    #[arg(long)]
    pub wide: bool,
    /// Print the API's JSON (the ListSchedulesResponse) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Subcommand)]
pub enum SchedulesCommand {
    /// One schedule with its recent firings, newest first, and an agent run's steps
    Show(ShowScheduleArgs),
    /// Fire a schedule now, whatever its overlap policy says, and print the firing
    Run(ScheduleNameArgs),
    /// Stop a schedule firing (kept across restarts; slots passed while paused are not caught up)
    Pause(ScheduleNameArgs),
    /// Let a paused schedule fire again from its next slot
    Resume(ScheduleNameArgs),
}

#[derive(Debug, Args)]
pub struct ShowScheduleArgs {
    /// The schedule's name, as in the coordinator's config
    #[arg(value_name = "NAME")]
    pub name: String,
    /// At most this many recent firings (the coordinator's default is 20, at most 500)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=500))]
    pub limit: Option<u32>,
    /// Print the API's JSON (the Schedule) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct ScheduleNameArgs {
    /// The schedule's name, as in the coordinator's config
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Print the API's JSON (the Firing or Schedule) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

impl SchedulesArgs {
    pub fn coordinator_mut(&mut self) -> &mut CoordinatorArgs {
        match &mut self.command {
            None => &mut self.coordinator,
            Some(SchedulesCommand::Show(args)) => &mut args.coordinator,
            Some(
                SchedulesCommand::Run(args)
                | SchedulesCommand::Pause(args)
                | SchedulesCommand::Resume(args),
            ) => &mut args.coordinator,
        }
    }
}

#[cfg(test)]
mod tests;
