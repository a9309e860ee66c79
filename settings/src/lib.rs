//! Layered configuration shared by the `runner` and `runner-agent` processes: a TOML file,
//! overridden key by key from `RUNNER_*` environment variables, with secrets read only from
//! the environment (or a `.env` file) and wrapped so they never print.
//!
//! Each process defines its own typed config and the keys it takes ([`Key`]); this crate merges
//! the layers, checks every key and value kind, parses the values with meaning (durations) and
//! collects every problem, naming its file line or variable, so start-up can report them all.

mod config_file;
mod coordinator_url;
mod duration;
mod env_source;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod layered;
mod overrides;
mod pem_files;
mod problems;
mod schema;
mod secret;
mod suggest;

pub use config_file::Step;
pub use coordinator_url::normalized_coordinator_url;
pub use duration::parse_duration;
pub use env_source::{EnvSource, MapEnv, ProcessEnv};
pub use layered::{ENV_PREFIX, load_raw, load_table, override_variable};
pub use overrides::{OTHER_VARIABLES, unknown_overrides};
pub use pem_files::{PemKind, read_pem, read_pem_key};
pub use problems::{ConfigError, Problems};
pub use schema::{Key, Kind, check_table};
pub use secret::Secret;
pub use suggest::nearest;
/// The TOML crate, so processes deserialize the merged table with the same version.
pub use toml;
