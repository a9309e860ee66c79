//! `runner worker`: the vault worker on its own, against a coordinator elsewhere.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::CoordinatorArgs;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// The Obsidian vault; the worker owns its Runner/ folder (inbox/, processing/, done/,
    /// failed/, results/, conflicts/)
    #[arg(long, value_name = "DIR")]
    pub vault: PathBuf,
    /// How long a note must stay unchanged before it is taken (Obsidian saves as you type,
    /// Syncthing ships about every 10 s)
    #[arg(long, value_name = "DURATION", default_value = "15s", value_parser = duration)]
    pub settle: Duration,
    /// How often the inbox is scanned even without a filesystem event
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = duration)]
    pub rescan: Duration,
    /// How many vault jobs run at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub max_in_flight: u16,
    /// Where the worker's ledger (vault.redb) and Discord outbox live; never inside the vault
    #[arg(long, value_name = "DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Serve the worker's state (GET /api/vault) on this address
    #[arg(long, value_name = "ADDR")]
    pub http_addr: Option<SocketAddr>,
    /// Tests only: abort right after this protocol step (claimed, moved, submitted,
    /// result-written, filed)
    #[arg(long, value_name = "STEP", hide = true)]
    pub crash_after: Option<String>,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

pub(super) fn duration(text: &str) -> Result<Duration, String> {
    settings::parse_duration(text)
}
