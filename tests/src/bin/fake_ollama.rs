//! `fake-ollama`: the stand-in Ollama as a process, for demos and benchmarks, e.g.
//! `fake-ollama --addr 127.0.0.1:11434 --models gemma4:27b,qwen2.5:14b --token-delay-ms 20`;
//! `--models nomic-embed-text --semantic-embeddings` serves real sentence embeddings.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use tests::fake_ollama::{DEFAULT_ANSWER_TOKENS, FakeOllama};

/// A stand-in Ollama: speaks Ollama's HTTP API with deterministic answers.
#[derive(Debug, Parser)]
#[command(name = "fake-ollama", version)]
struct Arguments {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:11434")]
    addr: SocketAddr,
    /// Installed models, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "gemma4:27b,qwen2.5:14b")]
    models: Vec<String>,
    /// Think time between streamed tokens, in milliseconds.
    #[arg(long, default_value_t = 0)]
    token_delay_ms: u64,
    /// Think time before the first token, in milliseconds.
    #[arg(long, default_value_t = 0)]
    first_token_delay_ms: u64,
    /// Tokens per answer.
    #[arg(long, default_value_t = DEFAULT_ANSWER_TOKENS)]
    tokens: usize,
    /// Answer `/api/embed` with a real sentence encoder (paraphrase-MiniLM-L3-v2, 384 values)
    /// instead of deterministic hash vectors.
    #[arg(long)]
    semantic_embeddings: bool,
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
    let ollama = FakeOllama::start_on(arguments.addr, &models).await?;
    ollama.set_token_delay(Duration::from_millis(arguments.token_delay_ms));
    ollama.set_first_token_delay(Duration::from_millis(arguments.first_token_delay_ms));
    ollama.set_answer_tokens(arguments.tokens);
    ollama.set_semantic_embeddings(arguments.semantic_embeddings);
    println!("stand-in ollama listening on {}", ollama.url());
    tokio::signal::ctrl_c()
        .await
        .context("waiting for ctrl-c to stop the stand-in ollama")?;
    ollama.stop_answering().await;
    Ok(())
}
