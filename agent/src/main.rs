//! `runner-agent`: loads and validates the config (exit 2 on a bad one, one line per problem)
//! before connecting anywhere, sets up logs, traces and signals, then runs the agent.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use agent::Config;
use clap::Parser;
use settings::ProcessEnv;
use telemetry::TelemetryOptions;
use tokio_util::sync::CancellationToken;
use tracing::{error, info};

/// `service.name` of the agent's spans unless `OTEL_SERVICE_NAME` says otherwise.
const SERVICE_NAME: &str = "llm-runner-agent";

/// Exit status for configuration that cannot be used (DESIGN.md).
const EXIT_BAD_CONFIG: u8 = 2;

/// The llm-runner node agent: reports this host's Ollama (or, with `backend = "groq"`,
/// `"gemini"` or `"anthropic"`, that cloud provider's models) to the coordinator and runs its
/// jobs.
#[derive(Debug, Parser)]
#[command(name = "runner-agent", version)]
struct Arguments {
    /// The agent's TOML config; every key can also be set as RUNNER_<KEY>.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Read secrets and overrides from this dotenv file instead of ./.env (it must exist)
    #[arg(long, value_name = "PATH")]
    env_file: Option<PathBuf>,
    /// Check the config as start-up would, print one line and exit: 0 when usable, 2 when not
    #[arg(long)]
    check_config: bool,
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let loaded = load_config(arguments.config.as_deref(), arguments.env_file.as_deref());
    let (config, env) = match loaded {
        Ok(loaded) => loaded,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(EXIT_BAD_CONFIG);
        }
    };
    if arguments.check_config {
        if let Err(error) = telemetry::OtlpSettings::from_env(&env, SERVICE_NAME) {
            eprintln!("config: {error}");
            return ExitCode::from(EXIT_BAD_CONFIG);
        }
        return match agent::check_config(&config) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(problem) => {
                eprintln!("config: {problem}");
                ExitCode::from(EXIT_BAD_CONFIG)
            }
        };
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("runner-agent: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let options = TelemetryOptions {
            log_format: config.log_format,
            default_service_name: SERVICE_NAME,
            service_version: env!("CARGO_PKG_VERSION"),
        };
        // Dropped when this block ends, flushing the last spans while the runtime still runs.
        let _telemetry = match telemetry::init(&options, &env) {
            Ok(guard) => guard,
            Err(error) => {
                eprintln!("config: {error}");
                return ExitCode::from(EXIT_BAD_CONFIG);
            }
        };
        let shutdown = CancellationToken::new();
        tokio::spawn(cancel_on_signal(shutdown.clone()));
        match agent::run(config, shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                error!(%error, "runner-agent cannot run");
                ExitCode::FAILURE
            }
        }
    })
}

/// The config, and the environment (process plus `.env`, or the `--env-file`) it came from.
fn load_config(
    file: Option<&Path>,
    env_file: Option<&Path>,
) -> Result<(Config, ProcessEnv), String> {
    let env = ProcessEnv::for_process(env_file).map_err(|problem| format!("config: {problem}"))?;
    let config = Config::load(file, &env).map_err(|error| error.to_string())?;
    Ok((config, env))
}

/// SIGINT or SIGTERM cancels `shutdown` once; the services then wind down.
async fn cancel_on_signal(shutdown: CancellationToken) {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                error!(%error, "cannot listen for SIGTERM; only Ctrl-C stops the agent");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => info!("SIGINT received; shutting down"),
        _ = terminate => info!("SIGTERM received; shutting down"),
    }
    shutdown.cancel();
}
