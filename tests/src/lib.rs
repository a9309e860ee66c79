//! The llm-runner integration test harness: a stand-in Ollama that speaks Ollama's real HTTP API
//! and can be told to misbehave, used by the scenario tests and the benchmarks.

pub mod ansible_deploy;
pub mod browser_script;
pub mod cluster;
pub mod crash_load;
pub mod deploy_files;
pub mod fake_discord;
pub mod fake_ollama;
pub mod fake_providers;
pub mod falkordb;
pub mod history_check;
pub mod litellm_proxy;
pub mod memory_fixture;
pub mod mutual_tls;
pub mod netlab;
pub mod otlp_receiver;
pub mod python_script;
pub mod qdrant_shim;
pub mod syncthing;
pub mod tiny_filesystem;
pub mod vault_queue;
