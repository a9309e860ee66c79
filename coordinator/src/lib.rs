//! The llm-runner coordinator core: keeps the live cluster view, routes jobs to node agents by
//! Ollama model health (never downgrading a model), stores every job durably, and serves the
//! gRPC API and the HTTP API. The `runner` crate composes it with its parts and the CLI.
//!
//! **Architecture Invariant:** the core depends on none of its clients (`client`, `web`, `mcp`,
//! `alerts`, `agent`); they reach it through the public gRPC API.

pub mod clock;
pub mod cluster;
pub mod config;
pub mod fd_limit;
pub mod grpc;
pub mod http;
pub mod job_id;
pub mod metrics;
pub mod serve;
pub mod spend;
pub mod store;
pub mod usage;
