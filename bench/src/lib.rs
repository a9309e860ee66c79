//! Benchmarks of the cluster core, run against real `runner` and `runner-agent` processes with
//! the stand-in Ollama of the `tests` harness: the latency coordinator + agent add to a
//! generate request, how fast a dead or frozen agent stops being routed to, how many short
//! jobs per second one coordinator carries with three agents, and what llm-runner and LiteLLM
//! add to a chat with a stand-in Groq, and to a streamed `/v1/chat/completions` against the
//! stand-in Ollama's own OpenAI-compatible endpoint; and what the usage ledger's report costs over a
//! year of rows, and what recording usage costs the store writer per job end; and what memory's
//! sync and search cost over a synthetic vault of 10,000 notes; and how fast the vault worker takes a
//! settled note, how many notes per second it carries and what it costs watching a large vault.

// Tests may unwrap: a panic there is a test failure with its location, which is the point.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod chat_paths;
pub mod cloud_paths;
pub mod failure_detection;
pub mod footprint;
pub mod litellm;
pub mod machine;
pub mod memory_scale;
pub mod openai_paths;
pub mod overhead;
pub mod path_table;
pub mod percentiles;
pub mod process_stats;
pub mod report;
mod run;
pub mod scale;
pub mod schedules;
pub mod stream_lines;
pub mod table;
pub mod throughput;
pub mod usage_ledger;
pub mod vault_queue;

pub use report::BenchReport;
pub use run::{
    BENCH_MODEL, BENCH_NODE, BenchSettings, measure_cloud, measure_memory, measure_openai,
    measure_usage, run,
};
