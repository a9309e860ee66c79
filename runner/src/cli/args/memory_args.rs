//! `runner memory`'s subcommands: sync the vault into memory, search it, and show its state,
//! each a `MemoryService` call on the coordinator.

use clap::{Args, Subcommand, ValueEnum};
use proto::v1::Retriever;

use super::CoordinatorArgs;

#[derive(Debug, Args)]
pub struct MemoryArgs {
    #[command(subcommand)]
    pub command: MemoryCommand,
}

#[derive(Debug, Subcommand)]
pub enum MemoryCommand {
    /// Read what changed in the vault into memory, and embed new passages through the cluster
    Sync(MemorySyncArgs),
    /// The passages that answer a question, each with its note, lines and why it was found
    Search(MemorySearchArgs),
    /// What memory holds, where it lives, and what is still waiting for vectors
    Status(MemoryStatusArgs),
}

#[derive(Debug, Args)]
pub struct MemorySyncArgs {
    /// Re-read and re-embed every note, changed or not
    #[arg(long)]
    pub rebuild: bool,
    /// Print the API's JSON (the SyncReport) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct MemorySearchArgs {
    /// What to look for, in your own words
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many passages
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub limit: u32,
    /// Only this retriever (repeat or comma-separate); default: all of them, fused
    #[arg(long = "retriever", value_name = "R", value_delimiter = ',')]
    pub retrievers: Vec<RetrieverArg>,
    /// Print the API's JSON (the SearchMemoryResponse) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

#[derive(Debug, Args)]
pub struct MemoryStatusArgs {
    /// Print the API's JSON (the MemoryStatus) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

/// The retrievers, named as the hits' explanations name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RetrieverArg {
    #[value(name = "full_text")]
    FullText,
    Vector,
    Graph,
}

impl RetrieverArg {
    pub fn to_proto(self) -> Retriever {
        match self {
            Self::FullText => Retriever::FullText,
            Self::Vector => Retriever::Vector,
            Self::Graph => Retriever::Graph,
        }
    }
}

impl MemoryArgs {
    pub fn coordinator_mut(&mut self) -> &mut CoordinatorArgs {
        match &mut self.command {
            MemoryCommand::Sync(args) => &mut args.coordinator,
            MemoryCommand::Search(args) => &mut args.coordinator,
            MemoryCommand::Status(args) => &mut args.coordinator,
        }
    }
}
