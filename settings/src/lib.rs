//! Layered configuration shared by the `runner` and `runner-agent` processes: a TOML file,
//! overridden key by key from `RUNNER_*` environment variables, with secrets read only from
//! the environment (or a `.env` file) and wrapped so they never print.
//!
//! Each process defines its own typed config; this crate only merges the layers, parses the
//! values with meaning (durations) and collects every problem so start-up can report them all.

mod coordinator_url;
mod duration;
mod env_source;
mod layered;
mod problems;
mod secret;

pub use coordinator_url::normalized_coordinator_url;
pub use duration::parse_duration;
pub use env_source::{EnvSource, MapEnv, ProcessEnv};
pub use layered::{ENV_PREFIX, load_raw, load_table};
pub use problems::{ConfigError, Problems};
pub use secret::Secret;
/// The TOML crate, so processes deserialize the merged table with the same version.
pub use toml;
