//! The `runner` binary's library: the composition root (`serve` and `dev` put the coordinator
//! core, the web UI, MCP and alerts together) and the CLI, a client of the core like the parts.
//!
//! **Architecture Invariant:** this is the one crate that depends on both the core and its
//! clients; nothing depends on it.

pub mod check_config;
pub mod cli;
pub mod config;
pub mod dev;
pub mod parts;
pub mod schedules_part;
pub mod serve;
pub mod shutdown;
pub mod vault_part;
pub mod worker;
