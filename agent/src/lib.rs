//! The llm-runner node agent: watches its host's Ollama, reports to the coordinator over one
//! long-lived gRPC stream that it dials, and runs the jobs the coordinator assigns.
//!
//! Services (each `run(self, shutdown)`): [`prober::Prober`] (Ollama health),
//! [`host_facts::HostFactsService`] (sysinfo), [`link::LinkService`] (the stream, whose event
//! loop owns the [`executor::Executor`]). [`run`] starts them all.

// Tests may unwrap: a panic is how a test fails. Production code is linted without this.

pub mod backend;
pub mod config;
mod error_chain;
pub mod executor;
pub mod host_facts;
pub mod link;
pub mod ollama;
pub mod prober;
pub mod providers;
mod run;

#[cfg(test)]
mod test_support;

pub use config::{Config, LogFormat};
pub use run::{AgentError, check_config, run};
