//! The `runner` command line: argument parsing for every subcommand, and the client commands
//! that talk to a running coordinator over gRPC (submit, jobs, job, cancel, nodes, models,
//! drain, undrain). `serve` and `dev` are parsed here but run by the server code.

// Tests may unwrap: a panic there is a failed test with its location. The non-test build is
// still linted against them.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod args;
mod cancel_job;
mod config;
mod connect;
mod exit_code;
mod interrupt;
mod json;
mod list_jobs;
mod list_models;
mod list_nodes;
mod memory;
mod rejection;
mod render;
mod schedules;
mod set_draining;
mod show_job;
mod submit;
#[cfg(test)]
mod test_coordinator;
#[cfg(test)]
mod tests;
mod usage;

use std::future::Future;
use std::io::Write;
use std::process::ExitCode;

pub use args::{
    CancelJobArgs, Cli, ClientCommand, Command, CoordinatorArgs, DEFAULT_COORDINATOR_URL,
    JobStateArg, ListJobsArgs, ListModelsArgs, ListNodesArgs, ModelOptionArgs, SetDrainingArgs,
    ShowJobArgs, SubmitArgs, UsageArgs, UsageGroupingArg, WorkerArgs,
};
pub use exit_code::{ClientError, ClientExit};
pub use interrupt::Interrupt;

/// Where a client command writes: its result on `out` (stdout), messages and errors on `err`
/// (stderr). Tests pass buffers to check both.
pub struct Terminal<'a> {
    pub out: &'a mut (dyn Write + Send),
    pub err: &'a mut (dyn Write + Send),
}

/// Runs a client command against the real stdout, stderr, Ctrl-C and SIGTERM, and returns the
/// process's exit code (see [`ClientExit`]). Never panics; every failure is printed on stderr.
pub async fn run_client(command: ClientCommand) -> ExitCode {
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    let mut terminal = Terminal {
        out: &mut stdout,
        err: &mut stderr,
    };
    run_client_with(command, &mut terminal, interrupt::signalled())
        .await
        .into()
}

/// [`run_client`] with the output and the interrupt signal supplied, for tests.
pub async fn run_client_with(
    command: ClientCommand,
    terminal: &mut Terminal<'_>,
    interrupt: impl Future<Output = Interrupt> + Send,
) -> ClientExit {
    let result = match command {
        ClientCommand::Submit(args) => submit::submit(&args, terminal, interrupt).await,
        ClientCommand::Jobs(args) => list_jobs::list_jobs(&args, terminal).await,
        ClientCommand::Job(args) => show_job::show_job(&args, terminal, interrupt).await,
        ClientCommand::Cancel(args) => cancel_job::cancel_job(&args, terminal).await,
        ClientCommand::Nodes(args) => list_nodes::list_nodes(&args, terminal).await,
        ClientCommand::Models(args) => list_models::list_models(&args, terminal).await,
        ClientCommand::Drain(args) => set_draining::set_draining(&args, true, terminal).await,
        ClientCommand::Undrain(args) => set_draining::set_draining(&args, false, terminal).await,
        ClientCommand::Usage(args) => usage::usage(&args, terminal).await,
        ClientCommand::Memory(args) => memory::memory(&args, terminal).await,
        ClientCommand::Schedules(args) => schedules::schedules(&args, terminal).await,
    };
    match result {
        Ok(exit) => exit,
        Err(error) => exit_code::report_error(&error, terminal.err),
    }
}
