//! The `runner` command line as clap types: every subcommand with its flags, defaults and
//! conflicts, so `main.rs` only parses and dispatches.

mod global_coordinator;
mod memory_args;
mod schedules_args;
mod submit_args;
mod usage_args;
mod worker_args;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use proto::v1::JobState;

pub use self::memory_args::{
    MemoryArgs, MemoryCommand, MemorySearchArgs, MemoryStatusArgs, MemorySyncArgs,
};
pub use self::schedules_args::{
    ScheduleNameArgs, SchedulesArgs, SchedulesCommand, ShowScheduleArgs,
};
pub use self::submit_args::{ModelOptionArgs, SubmitArgs};
pub use self::usage_args::{UsageArgs, UsageGroupingArg};
pub use self::worker_args::WorkerArgs;

/// Where client commands find the coordinator unless `--coordinator` or
/// `RUNNER_COORDINATOR` say otherwise.
pub const DEFAULT_COORDINATOR_URL: &str = "http://127.0.0.1:7070";

/// The parsed command line, with the coordinator's address settled: `--coordinator` after
/// the subcommand, else before it (`runner --coordinator URL nodes`), else
/// `RUNNER_COORDINATOR`, else [`DEFAULT_COORDINATOR_URL`] (see `global_coordinator`).
#[derive(Debug)]
pub struct Cli {
    pub command: Command,
}

/// What clap parses; [`Cli`] settles the coordinator's address from it.
#[derive(Debug, Parser)]
#[command(
    name = "runner",
    version,
    about = "Run LLM jobs on the llm-runner cluster, or serve as its coordinator"
)]
struct RawCli {
    /// The coordinator's gRPC address, for the client commands and mcp, as after them
    #[arg(long = "coordinator", value_name = "URL")]
    coordinator: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the coordinator with a TOML config file
    Serve {
        /// The coordinator's TOML config (listen addresses, data_dir, [[nodes]], [[routes]], …);
        /// every key can be overridden by RUNNER_<KEY>
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// Read secrets and overrides from this dotenv file instead of ./.env (it must exist)
        #[arg(long, value_name = "FILE")]
        env_file: Option<PathBuf>,
        /// Check the config as start-up would, print one line and exit: 0 when usable, 2 when
        /// not (nothing is created, nothing listens)
        #[arg(long)]
        check_config: bool,
    },
    /// Run a coordinator and a local agent on localhost, with built-in defaults
    Dev {
        /// The local Ollama the agent watches
        #[arg(long, value_name = "URL")]
        ollama_url: Option<String>,
        /// Where the job store lives
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// Also run the vault worker over this Obsidian vault (jobs as notes in Runner/inbox/)
        #[arg(long, value_name = "DIR")]
        vault: Option<PathBuf>,
    },
    /// Run the vault worker: job notes in <vault>/Runner/inbox/ become jobs, answered by result notes
    Worker(Box<WorkerArgs>),
    /// Speak MCP on stdin/stdout (for AI assistants that start a command), against a coordinator
    Mcp {
        /// The coordinator's gRPC address (env: RUNNER_COORDINATOR)
        #[arg(long, value_name = "URL", default_value = DEFAULT_COORDINATOR_URL)]
        coordinator: String,
    },
    // Flattened so the client commands are top-level subcommands, while `run_client` takes
    // only client commands and has no impossible "serve" case to handle.
    #[command(flatten)]
    Client(ClientCommand),
}

/// The subcommands that talk to a running coordinator over gRPC.
#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Submit a job and stream its tokens as they arrive
    Submit(Box<SubmitArgs>),
    /// List jobs, newest first
    Jobs(ListJobsArgs),
    /// Show one job with its timings, output and reasons
    Job(ShowJobArgs),
    /// Cancel a queued or running job
    Cancel(CancelJobArgs),
    /// List the nodes with their state, Ollama and host facts
    Nodes(ListNodesArgs),
    /// List models with their availability on every node
    Models(ListModelsArgs),
    /// Stop sending new jobs to a node (running ones finish)
    Drain(SetDrainingArgs),
    /// Let a drained node take jobs again
    Undrain(SetDrainingArgs),
    /// Tokens and cost over a time range, by day, model or node, and every budget's use
    Usage(UsageArgs),
    /// Search and sync memory: the vault's notes in full text, vectors and a graph of links
    Memory(MemoryArgs),
    /// List the schedules with their next and last firings; show, run, pause or resume one
    Schedules(SchedulesArgs),
}

/// `RUNNER_COORDINATOR` is read by [`Cli`], not by clap: clap would count a value from the
/// environment as given and print `--coordinator <URL>` in usage lines as if required.
#[derive(Debug, Clone, Args)]
pub struct CoordinatorArgs {
    /// The coordinator's gRPC address (env: RUNNER_COORDINATOR)
    #[arg(
        id = "coordinator",
        long = "coordinator",
        value_name = "URL",
        default_value = DEFAULT_COORDINATOR_URL
    )]
    pub url: String,
}

#[derive(Debug, Args)]
pub struct ListJobsArgs {
    /// Only jobs in this state
    #[arg(long, value_name = "S")]
    pub state: Option<JobStateArg>,
    /// Only jobs for this model
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Only jobs served by this node
    #[arg(long, value_name = "N")]
    pub node: Option<String>,
    /// At most this many jobs (the coordinator's default is 50)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,
    /// Only jobs older than this id (pass the last id of the previous page)
    #[arg(long, value_name = "ID")]
    pub before: Option<String>,
    /// Full job ids and every column in full, however wide (by default ids are the shortest
    /// prefix that tells the listed jobs apart, and the table fits `COLUMNS`, or 80 on a
    /// terminal; piped, it is never cut)
    #[arg(long)]
    pub wide: bool,
    /// Print the API's JSON (as the HTTP API returns it) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct ShowJobArgs {
    /// The job id or a unique prefix of it (6 characters or more, any case)
    #[arg(value_name = "ID")]
    pub id: String,
    /// Stream a queued or running job's output until it ends, then exit as `runner submit`
    /// would (Ctrl-C stops following, not the job)
    #[arg(long)]
    pub follow: bool,
    /// Print the API's JSON (as the HTTP API returns it) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct CancelJobArgs {
    /// The job id or a unique prefix of it (6 characters or more, any case)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct ListNodesArgs {
    /// Every column and the whole reason, however wide (by default the table fits `COLUMNS`,
    /// or 80 on a terminal; piped, it is never cut)
    #[arg(long)]
    pub wide: bool,
    /// Print the API's JSON (as the HTTP API returns it) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct ListModelsArgs {
    /// The whole status of each node, however wide (by default the table fits `COLUMNS`, or 80
    /// on a terminal; piped, it is never cut)
    #[arg(long)]
    pub wide: bool,
    /// Print the API's JSON (as the HTTP API returns it) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct SetDrainingArgs {
    /// The node name, as in the coordinator config
    #[arg(value_name = "NODE")]
    pub node: String,
    /// drain: return only once nothing runs or waits on the node; undrain: first wait until
    /// the node's agent is connected (a rolling upgrade runs both)
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits before giving up with exit 1, e.g. 90s or 10m
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = worker_args::duration)]
    pub timeout: std::time::Duration,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

/// Job states a user can filter by, named as `runner jobs` prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JobStateArg {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Rejected,
}

impl JobStateArg {
    pub fn to_proto(self) -> JobState {
        match self {
            Self::Queued => JobState::Queued,
            Self::Running => JobState::Running,
            Self::Succeeded => JobState::Succeeded,
            Self::Failed => JobState::Failed,
            Self::Cancelled => JobState::Cancelled,
            Self::Rejected => JobState::Rejected,
        }
    }
}

#[cfg(test)]
mod tests;
