//! What the Neo4j store is told: the Bolt URI, the user, the password (none for FalkorDB) and
//! how long a connection may take; the password never shows in `Debug`.

use std::time::Duration;

/// Where the Neo4j store connects and as whom.
#[derive(Clone, PartialEq, Eq)]
pub struct Neo4jGraphConfig {
    /// `bolt://host:port` (a direct connection; `neo4j://` would ask for a routing table).
    pub uri: String,
    pub user: String,
    /// `None`: no authentication (FalkorDB refuses basic auth with an empty password).
    pub password: Option<String>,
    /// How long a connection attempt may take before the store reports the server down.
    pub connect_timeout: Duration,
}

impl Neo4jGraphConfig {
    /// `uri` as `neo4j` without a password, with a 3 s connect timeout.
    pub fn new(uri: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            user: "neo4j".to_owned(),
            password: None,
            connect_timeout: Duration::from_secs(3),
        }
    }
}

impl std::fmt::Debug for Neo4jGraphConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Neo4jGraphConfig")
            .field("uri", &self.uri)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests;
