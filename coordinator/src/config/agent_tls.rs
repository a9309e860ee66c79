//! `agent_tls_addr`, `agent_tls_cert`, `agent_tls_key`, `agent_tls_client_ca`: an optional
//! second listener for the agent link with mutual TLS, for agents not behind Tailscale. The
//! four keys go together; the PEM files are read at load, so a wrong path is a config problem.
//! An agent on it must show a certificate signed by `agent_tls_client_ca` **and** its node's
//! token.

use std::net::SocketAddr;
use std::path::Path;

use settings::{PemKind, Problems, Secret, read_pem, read_pem_key};

/// The mutual-TLS agent listener, its files read.
#[derive(Debug, Clone)]
pub struct AgentTlsConfig {
    pub addr: SocketAddr,
    /// The coordinator's certificate (and chain), PEM.
    pub cert_pem: String,
    pub key_pem: Secret,
    /// The CA that signs the agents' client certificates, PEM.
    pub client_ca_pem: String,
}

/// The four keys as written.
#[derive(Debug, Default)]
pub(super) struct RawAgentTls {
    pub addr: Option<String>,
    pub cert: Option<String>,
    pub key: Option<String>,
    pub client_ca: Option<String>,
}

pub(super) fn validate(raw: RawAgentTls, problems: &mut Problems) -> Option<AgentTlsConfig> {
    let given = [&raw.addr, &raw.cert, &raw.key, &raw.client_ca];
    if given.iter().all(|value| value.is_none()) {
        return None;
    }
    let (Some(addr), Some(cert), Some(key), Some(client_ca)) =
        (raw.addr, raw.cert, raw.key, raw.client_ca)
    else {
        problems.push(
            "agent_tls_addr, agent_tls_cert, agent_tls_key and agent_tls_client_ca go together: \
             set all four for the mutual-TLS agent listener, or none",
        );
        return None;
    };
    let addr = match addr.parse::<SocketAddr>() {
        Ok(addr) => Some(addr),
        Err(_) => {
            problems.push(format!(
                "agent_tls_addr: `{addr}` is not an address like 0.0.0.0:7443"
            ));
            None
        }
    };
    let cert_pem = read_pem(
        "agent_tls_cert",
        Path::new(&cert),
        PemKind::Certificate,
        problems,
    );
    let key_pem = read_pem_key("agent_tls_key", Path::new(&key), problems);
    let client_ca_pem = read_pem(
        "agent_tls_client_ca",
        Path::new(&client_ca),
        PemKind::Certificate,
        problems,
    );
    Some(AgentTlsConfig {
        addr: addr?,
        cert_pem: cert_pem?,
        key_pem: key_pem?,
        client_ca_pem: client_ca_pem?,
    })
}

#[cfg(test)]
mod tests;
