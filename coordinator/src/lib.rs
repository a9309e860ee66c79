//! The llm-runner coordinator: keeps the live cluster view, routes jobs to node agents by
//! Ollama model health (never downgrading a model), stores every job durably, and serves the
//! gRPC API, the HTTP API and the `runner` CLI.

pub mod cli;
pub mod clock;
pub mod cluster;
pub mod config;
pub mod dev;
pub mod fd_limit;
pub mod grpc;
pub mod http;
pub mod job_id;
pub mod metrics;
pub mod parts;
pub mod serve;
pub mod shutdown;
pub mod store;
