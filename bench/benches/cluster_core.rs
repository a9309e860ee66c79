//! `cargo bench -p bench --bench cluster_core -- [--quick] [--requests N] ...`: the cluster
//! core's benchmark; parses the command line, runs it, prints the report.
//!
//! `--scale-only`, `--throughput-only`, `--cloud-only`, `--openai-only`, `--usage-only`,
//! `--memory-only`, `--vault-only` and `--schedules-only` run one part and print its table.
//!
//! A bench target with its own `main` (harness = false): cargo runs it from
//! `target/release/deps/`, where the harness finds the release `runner` and `runner-agent`.

use std::process::ExitCode;
use std::time::Duration;

use bench::BenchSettings;
use clap::Parser;

/// Measures the latency coordinator + agent add (data dir on disk and on tmpfs), failure
/// detection times, and short-job throughput with three agents.
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
    /// Throughput concurrency levels, comma-separated, e.g. `32,64,128`.
    #[arg(long, value_delimiter = ',')]
    throughput_concurrency: Option<Vec<usize>>,
    /// At most this many measured throughput jobs per level.
    #[arg(long)]
    throughput_jobs: Option<usize>,
    /// No throughput job starts after this many seconds of a level.
    #[arg(long)]
    throughput_seconds: Option<u64>,
    /// Simulated agent counts for the scale benchmark, comma-separated, e.g. `1000,10000`;
    /// `0` skips it.
    #[arg(long, value_delimiter = ',')]
    agents: Option<Vec<usize>>,
    /// Seconds over which the coordinator's CPU is measured with every agent reporting.
    #[arg(long)]
    scale_window_seconds: Option<u64>,
    /// Status-to-view trials (one agent's Ollama down and back) per agent count.
    #[arg(long)]
    view_trials: Option<usize>,
    /// Accepted, then rejected, SubmitJob calls per agent count.
    #[arg(long)]
    routing_requests: Option<usize>,
    /// Measured chats per path and level side by side with LiteLLM.
    #[arg(long)]
    chat_requests: Option<usize>,
    /// Seconds over which the idle agent's and coordinator's RSS and CPU are measured.
    #[arg(long)]
    idle_window_seconds: Option<u64>,
    /// Node loss -> alert trials.
    #[arg(long)]
    alert_trials: Option<usize>,
    /// Extra environment for the scale benchmark's coordinator, `KEY=VALUE`, repeatable; e.g.
    /// `LD_PRELOAD=/usr/lib/heaptrack/libheaptrack_preload.so` to heap-profile it.
    #[arg(long, value_parser = parse_key_value)]
    coordinator_env: Vec<(String, String)>,
    /// Runs only the scale benchmark.
    #[arg(long)]
    scale_only: bool,
    /// The scale benchmark with the web UI's dashboard open (its event stream read) throughout.
    #[arg(long)]
    scale_with_web_ui: bool,
    /// Only the throughput run (three agents), e.g. to profile the coordinator under it.
    #[arg(long)]
    throughput_only: bool,
    /// Only the cloud paths (direct, LiteLLM and llm-runner to a stand-in Groq), at the
    /// `--concurrency` levels with `--tokens` and `--chat-requests`.
    #[arg(long)]
    cloud_only: bool,
    /// Only the OpenAI paths (`/v1/chat/completions` direct to the stand-in Ollama, through
    /// LiteLLM's `openai/` and through llm-runner), at the `--concurrency` levels with
    /// `--tokens` and `--chat-requests`.
    #[arg(long)]
    openai_only: bool,
    /// Only the usage ledger: `--usage-rows` ended jobs written through the job store, the
    /// year's report by day × model against a full scan, through `runner serve`, and the
    /// store writer's cost of recording usage per job end.
    #[arg(long)]
    usage_only: bool,
    /// Ledger rows the usage ledger's figures are measured over.
    #[arg(long)]
    usage_rows: Option<usize>,
    /// Only memory: a synthetic vault of `--memory-notes` notes synced through a real
    /// `runner serve` (fresh, unchanged, 1 % edited), then search latency per retriever mode.
    #[arg(long)]
    memory_only: bool,
    /// Notes in memory's synthetic vault.
    #[arg(long)]
    memory_notes: Option<usize>,
    /// Only the vault worker: settle → start latency, notes/s at two `--max-in-flight` levels
    /// against the same jobs through gRPC, and its RSS watching a vault of 10,000 notes (with
    /// `--quick`: tiny sizes).
    #[arg(long)]
    vault_only: bool,
    /// Only the scheduler: slot → firing and slot → job start of `* * * * * *` schedules
    /// (unloaded, under a busy thread per core, and beside 1,000 quiet schedules) against the
    /// bench's own timed submits, and the idle coordinator's RSS and CPU with 0 and 1,000 quiet
    /// schedules (with `--quick`: tiny sizes).
    #[arg(long)]
    schedules_only: bool,
    /// With `--throughput-only`: the coordinator's data dir on tmpfs (/dev/shm), not on disk.
    #[arg(long)]
    tmpfs: bool,
    /// Passed by `cargo bench` to every bench target; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

fn parse_key_value(pair: &str) -> Result<(String, String), String> {
    pair.split_once('=')
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .ok_or_else(|| format!("`{pair}` is not KEY=VALUE"))
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
        let throughput = &mut settings.throughput;
        if let Some(levels) = self
            .throughput_concurrency
            .filter(|levels| !levels.is_empty())
        {
            throughput.concurrency_levels = levels;
        }
        throughput.jobs = self.throughput_jobs.unwrap_or(throughput.jobs);
        if let Some(seconds) = self.throughput_seconds {
            throughput.time_limit = Duration::from_secs(seconds);
        }
        let scale = &mut settings.scale;
        if let Some(counts) = self.agents {
            scale.agent_counts = counts.into_iter().filter(|count| *count > 0).collect();
        }
        if let Some(seconds) = self.scale_window_seconds {
            scale.steady_window = Duration::from_secs(seconds);
        }
        scale.view_trials = self.view_trials.unwrap_or(scale.view_trials);
        scale.routing_requests = self.routing_requests.unwrap_or(scale.routing_requests);
        scale.coordinator_env = self.coordinator_env;
        scale.web_ui_open = self.scale_with_web_ui;
        settings.chat.requests = self.chat_requests.unwrap_or(settings.chat.requests);
        if let Some(seconds) = self.idle_window_seconds {
            settings.footprint.idle_window = Duration::from_secs(seconds);
        }
        settings.alerts.trials = self.alert_trials.unwrap_or(settings.alerts.trials);
        settings.usage_ledger.rows = self.usage_rows.unwrap_or(settings.usage_ledger.rows);
        settings.memory.notes = self.memory_notes.unwrap_or(settings.memory.notes);
        if let Some(milliseconds) = self.heartbeat_timeout_ms {
            settings.heartbeat_timeout = Duration::from_millis(milliseconds);
        }
        settings
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let arguments = Arguments::parse();
    if arguments.scale_only {
        let settings = arguments.settings();
        return match bench::scale::measure_scale(&settings.scale).await {
            Ok(figures) => {
                println!("{}", bench::scale::table::render_section(&figures));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.cloud_only {
        let settings = arguments.settings();
        return match bench::measure_cloud(&settings).await {
            Ok(figures) => {
                println!("{}", bench::cloud_paths::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.openai_only {
        let settings = arguments.settings();
        return match bench::measure_openai(&settings).await {
            Ok(figures) => {
                println!("{}", bench::openai_paths::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.usage_only {
        let settings = arguments.settings();
        return match bench::measure_usage(&settings).await {
            Ok(figures) => {
                println!("{}", bench::usage_ledger::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.memory_only {
        let settings = arguments.settings();
        return match bench::measure_memory(&settings).await {
            Ok(figures) => {
                println!("{}", bench::memory_scale::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.vault_only {
        let settings = if arguments.quick {
            bench::vault_queue::VaultQueueSettings::quick()
        } else {
            bench::vault_queue::VaultQueueSettings::full()
        };
        return match bench::vault_queue::measure_vault_queue(&settings).await {
            Ok(figures) => {
                println!("{}", bench::vault_queue::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.schedules_only {
        let settings = if arguments.quick {
            bench::schedules::SchedulesSettings::quick()
        } else {
            bench::schedules::SchedulesSettings::full()
        };
        return match bench::schedules::measure_schedules(&settings).await {
            Ok(figures) => {
                println!("{}", bench::schedules::render_section(Some(&figures)));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    if arguments.throughput_only {
        let arguments_tmpfs = arguments.tmpfs;
        let settings = arguments.settings();
        // `--throughput-only` measures with the data dir on disk; `--tmpfs` puts it in /dev/shm.
        let root = arguments_tmpfs.then(|| std::path::PathBuf::from("/dev/shm"));
        return match bench::throughput::measure_throughput(
            &settings.throughput,
            bench::BENCH_MODEL,
            settings.heartbeat_timeout,
            root,
        )
        .await
        {
            Ok(levels) => {
                println!("{}", bench::throughput::throughput_table(&levels).render());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("bench: error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    let settings = arguments.settings();
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
