//! Stand-ins that the agent's unit tests run against: a fake Ollama speaking its HTTP API and
//! a fake coordinator serving the agent link.

pub(crate) mod fake_coordinator;
pub(crate) mod fake_ollama;

pub(crate) use fake_coordinator::FakeCoordinator;
pub(crate) use fake_ollama::{FakeOllama, Script};
