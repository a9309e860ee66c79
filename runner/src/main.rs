//! The `runner` binary: parses the command line and hands over to the library: `serve` (the
//! coordinator), `dev` (coordinator + local agent), or a client subcommand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use coordinator::config::LogFormat;
use coordinator::serve::Listeners;
use runner::cli::{Cli, Command, run_client};
use runner::config::RunnerConfig;
use runner::dev::{DevOptions, dev};
use runner::serve::serve;
use runner::shutdown::cancel_on_signal;
use settings::ProcessEnv;
use telemetry::{TelemetryGuard, TelemetryOptions};

/// Exit status for configuration that cannot be used (DESIGN.md).
const EXIT_BAD_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("runner: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match cli.command {
        Command::Serve {
            config,
            env_file,
            check_config,
        } => {
            let env = match environment(env_file.as_deref()) {
                Ok(env) => env,
                Err(code) => return code,
            };
            if check_config {
                return run_check_config(&config, &env);
            }
            runtime.block_on(run_serve(&config, env))
        }
        Command::Dev {
            ollama_url,
            data_dir,
            vault,
        } => runtime.block_on(run_dev(ollama_url, data_dir, vault)),
        Command::Worker(args) => runtime.block_on(run_worker(*args)),
        Command::Mcp { coordinator } => runtime.block_on(run_mcp(coordinator)),
        Command::Client(command) => runtime.block_on(run_client(command)),
    }
}

/// `service.name` of the coordinator's spans unless `OTEL_SERVICE_NAME` says otherwise.
const SERVICE_NAME: &str = "llm-runner-coordinator";

/// The process environment plus `./.env`, or plus the `--env-file` the user named.
fn environment(env_file: Option<&Path>) -> Result<ProcessEnv, ExitCode> {
    ProcessEnv::for_process(env_file).map_err(|problem| {
        eprintln!("config: {problem}");
        ExitCode::from(EXIT_BAD_CONFIG)
    })
}

/// `runner serve --check-config`: one line out, nothing created.
fn run_check_config(config_path: &Path, env: &ProcessEnv) -> ExitCode {
    match runner::check_config::check(config_path, env, SERVICE_NAME) {
        Ok(checked) => {
            for warning in &checked.warnings {
                eprintln!("warning: {warning}");
            }
            println!("{}", checked.summary);
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::from(EXIT_BAD_CONFIG)
        }
    }
}

async fn run_serve(config_path: &Path, env: ProcessEnv) -> ExitCode {
    let config = match RunnerConfig::load(Some(config_path), &env) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(EXIT_BAD_CONFIG);
        }
    };
    let _telemetry = match start_telemetry(config.core.log_format, &env) {
        Ok(guard) => guard,
        Err(code) => return code,
    };
    report(async {
        let listeners = Listeners::bind(&config.core).await?;
        serve(
            config,
            listeners,
            cancel_on_signal().context("cannot install signal handlers")?,
        )
        .await?;
        Ok(())
    })
    .await
}

async fn run_dev(
    ollama_url: Option<String>,
    data_dir: Option<PathBuf>,
    vault: Option<PathBuf>,
) -> ExitCode {
    let env = match environment(None) {
        Ok(env) => env,
        Err(code) => return code,
    };
    let _telemetry = match start_telemetry(LogFormat::Text, &env) {
        Ok(guard) => guard,
        Err(code) => return code,
    };
    let options = DevOptions {
        ollama_url: ollama_url.unwrap_or_else(|| "http://127.0.0.1:11434".to_owned()),
        data_dir,
        vault,
    };
    report(async {
        let shutdown = cancel_on_signal().context("cannot install signal handlers")?;
        match dev(options, &env, shutdown).await {
            Err(runner::dev::DevError::Config(error)) => {
                eprintln!("{error}");
                std::process::exit(i32::from(EXIT_BAD_CONFIG));
            }
            other => Ok(other?),
        }
    })
    .await
}

/// `runner worker`: the vault worker alone; a bad flag is bad config.
async fn run_worker(args: runner::cli::WorkerArgs) -> ExitCode {
    let env = match environment(None) {
        Ok(env) => env,
        Err(code) => return code,
    };
    let _telemetry = match start_telemetry(LogFormat::Text, &env) {
        Ok(guard) => guard,
        Err(code) => return code,
    };
    report(async {
        let shutdown = cancel_on_signal().context("cannot install signal handlers")?;
        Ok(runner::worker::run_worker(args, &env, shutdown).await?)
    })
    .await
}

/// `runner mcp`: stdout carries the MCP protocol, so logs go to stderr only (as always).
async fn run_mcp(coordinator: String) -> ExitCode {
    let env = match environment(None) {
        Ok(env) => env,
        Err(code) => return code,
    };
    let _telemetry = match start_telemetry(LogFormat::Text, &env) {
        Ok(guard) => guard,
        Err(code) => return code,
    };
    report(async { Ok(mcp::serve_stdio(coordinator).await?) }).await
}

/// Logs, and traces when the `OTEL_*` variables ask for them; a bad one is bad config. The
/// guard flushes the last spans when the command returns.
fn start_telemetry(log_format: LogFormat, env: &ProcessEnv) -> Result<TelemetryGuard, ExitCode> {
    let options = TelemetryOptions {
        log_format,
        default_service_name: SERVICE_NAME,
        service_version: env!("CARGO_PKG_VERSION"),
    };
    telemetry::init(&options, env).map_err(|error| {
        eprintln!("config: {error}");
        ExitCode::from(EXIT_BAD_CONFIG)
    })
}

async fn report(work: impl std::future::Future<Output = anyhow::Result<()>>) -> ExitCode {
    match work.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("runner: {}", cause_chain(&error));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes, each left out when the message before already says it (a
/// library error that prints its source too would otherwise repeat it).
fn cause_chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if text.contains(&message) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
    }
    text
}
