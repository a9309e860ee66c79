//! `cargo bench -p bench --bench cluster_core -- [--quick] [--requests N] ...`: the cluster
//! core's benchmark; parses the command line, runs it, prints the report.
//!
//! A bench target with its own `main` (harness = false): cargo runs it from
//! `target/release/deps/`, where the harness finds the release `runner` and `runner-agent`.

use std::process::ExitCode;
use std::time::Duration;

use bench::BenchSettings;
use clap::Parser;

/// Measures the latency coordinator + agent add, and failure detection times.
#[derive(Debug, Parser)]
#[command(name = "cluster_core")]
struct Arguments {
    /// Tiny sizes that only check the harness works (explicit options below still win).
    #[arg(long)]
    quick: bool,
    /// Measured requests per path and concurrency level.
    #[arg(long)]
    requests: Option<usize>,
    /// Unmeasured warm-up requests per path and concurrency level.
    #[arg(long)]
    warmup: Option<usize>,
    /// Concurrency levels (client tasks, each sequential), comma-separated, e.g. `1,32`.
    #[arg(long, value_delimiter = ',')]
    concurrency: Option<Vec<usize>>,
    /// Tokens per answer.
    #[arg(long)]
    tokens: Option<usize>,
    /// Trials per fault kind (SIGKILL, SIGSTOP).
    #[arg(long)]
    trials: Option<usize>,
    /// The coordinator's heartbeat_timeout, in milliseconds (at least 200).
    #[arg(long)]
    heartbeat_timeout_ms: Option<u64>,
    /// Passed by `cargo bench` to every bench target; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

impl Arguments {
    fn settings(self) -> BenchSettings {
        let mut settings = if self.quick {
            BenchSettings::quick()
        } else {
            BenchSettings::full()
        };
        let overhead = &mut settings.overhead;
        overhead.requests = self.requests.unwrap_or(overhead.requests);
        overhead.warmup = self.warmup.unwrap_or(overhead.warmup);
        if let Some(levels) = self.concurrency.filter(|levels| !levels.is_empty()) {
            overhead.concurrency_levels = levels;
        }
        overhead.tokens = self.tokens.unwrap_or(overhead.tokens);
        settings.failure_trials = self.trials.unwrap_or(settings.failure_trials);
        if let Some(milliseconds) = self.heartbeat_timeout_ms {
            settings.heartbeat_timeout = Duration::from_millis(milliseconds);
        }
        settings
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let settings = Arguments::parse().settings();
    match bench::run(&settings).await {
        Ok(report) => {
            println!("{}", report.render());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
