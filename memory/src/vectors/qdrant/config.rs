//! What the Qdrant store is told: the gRPC URL, the collection, and how long a connection and
//! a call may take.

use std::time::Duration;

/// The collection used when the config names none.
pub const DEFAULT_COLLECTION: &str = "llm_runner_memory";

/// Where the Qdrant store connects and which collection it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QdrantVectorsConfig {
    /// The gRPC address, `http://127.0.0.1:6334`.
    pub url: String,
    pub collection: String,
    /// How long a connection attempt may take before the store reports the server down.
    pub connect_timeout: Duration,
    /// How long one call may take.
    pub request_timeout: Duration,
}

impl QdrantVectorsConfig {
    /// `url` with the default collection, a 3 s connect and a 30 s call timeout.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            collection: DEFAULT_COLLECTION.to_owned(),
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(30),
        }
    }
}
