//! `fake-provider`: a stand-in cloud provider as a process, for demos and benchmarks, e.g.
//! `fake-provider --vendor groq --addr 127.0.0.1:8081 --models qwen/qwen3-32b --key gsk_x`.
//! Prints the `base_url` an agent takes, then serves until ctrl-c, and then prints the usage it
//! reported per model.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Parser, ValueEnum};
use tests::fake_providers::{Controls, DEFAULT_ANSWER_TOKENS, FakeAnthropic, FakeGemini, FakeGroq};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Vendor {
    Groq,
    Gemini,
    Anthropic,
}

/// A stand-in Groq, Gemini or Anthropic: the vendor's HTTP API with deterministic answers.
#[derive(Debug, Parser)]
#[command(name = "fake-provider", version)]
struct Arguments {
    /// Which vendor's API to speak.
    #[arg(long, value_enum)]
    vendor: Vendor,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Listed models, comma-separated (bare ids, also for Gemini).
    #[arg(long, value_delimiter = ',', required = true)]
    models: Vec<String>,
    /// The API key the stand-in accepts.
    #[arg(long)]
    key: String,
    /// Think time between streamed tokens, in milliseconds.
    #[arg(long, default_value_t = 0)]
    token_delay_ms: u64,
    /// Think time before the first token, in milliseconds.
    #[arg(long, default_value_t = 0)]
    first_token_delay_ms: u64,
    /// Tokens per answer.
    #[arg(long, default_value_t = DEFAULT_ANSWER_TOKENS)]
    tokens: usize,
}

/// Keeps the vendor handle alive and says where it listens.
enum Running {
    Groq(FakeGroq),
    Gemini(FakeGemini),
    Anthropic(FakeAnthropic),
}

impl Running {
    fn controls(&self) -> &Controls {
        match self {
            Self::Groq(groq) => groq,
            Self::Gemini(gemini) => gemini,
            Self::Anthropic(anthropic) => anthropic,
        }
    }

    fn base_url(&self) -> String {
        match self {
            Self::Groq(groq) => groq.base_url(),
            Self::Gemini(gemini) => gemini.base_url(),
            Self::Anthropic(anthropic) => anthropic.base_url(),
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let arguments = Arguments::parse();
    let models: Vec<&str> = arguments.models.iter().map(String::as_str).collect();
    let (address, key) = (arguments.addr, arguments.key.as_str());
    let running = match arguments.vendor {
        Vendor::Groq => Running::Groq(FakeGroq::start_on(address, key, &models).await?),
        Vendor::Gemini => Running::Gemini(FakeGemini::start_on(address, key, &models).await?),
        Vendor::Anthropic => {
            Running::Anthropic(FakeAnthropic::start_on(address, key, &models).await?)
        }
    };
    let controls = running.controls();
    controls.set_token_delay(Duration::from_millis(arguments.token_delay_ms));
    controls.set_first_token_delay(Duration::from_millis(arguments.first_token_delay_ms));
    controls.set_answer_tokens(arguments.tokens);
    println!(
        "stand-in {:?} listening; base_url {}",
        arguments.vendor,
        running.base_url()
    );
    tokio::signal::ctrl_c()
        .await
        .context("waiting for ctrl-c to stop the stand-in provider")?;
    // The usage it reported, so a demo or benchmark can compare it with `runner usage`.
    for (model, usage) in running.controls().reported_usage() {
        println!(
            "reported usage: model {model}: {} answers, {} input ({} cached), {} output ({} \
             reasoning) tokens",
            usage.answers,
            usage.input_tokens,
            usage.cached_input_tokens,
            usage.output_tokens,
            usage.reasoning_tokens
        );
    }
    Ok(())
}
