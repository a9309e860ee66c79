//! Stand-ins that the agent's unit tests run against: a fake Ollama speaking its HTTP API and
//! a fake coordinator serving the agent link; what the fuzz properties share.

pub(crate) mod fake_coordinator;
pub(crate) mod fake_ollama;
pub(crate) mod fuzzing;

pub(crate) use fake_coordinator::FakeCoordinator;
pub(crate) use fake_ollama::{FakeOllama, Script};
