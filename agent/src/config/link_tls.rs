//! `tls_ca`, `tls_cert`, `tls_key`: the agent's side of the mutual-TLS link (the coordinator's
//! `agent_tls_*`), for hosts not behind Tailscale. An `https://` coordinator needs all three:
//! the CA that signed the coordinator's certificate (no other is trusted), and this node's
//! client certificate and key. The node's token is still sent.

use std::path::Path;

use settings::{PemKind, Problems, Secret, read_pem, read_pem_key};

/// The PEM files of a mutual-TLS link, read.
#[derive(Debug, Clone)]
pub struct LinkTls {
    /// The only CA trusted for the coordinator's certificate.
    pub ca_pem: String,
    /// This node's client certificate (and chain).
    pub cert_pem: String,
    pub key_pem: Secret,
}

/// The three keys as written.
#[derive(Debug, Default)]
pub(super) struct RawLinkTls {
    pub ca: Option<String>,
    pub cert: Option<String>,
    pub key: Option<String>,
}

pub(super) fn link_tls(
    raw: RawLinkTls,
    coordinator_url: &str,
    problems: &mut Problems,
) -> Option<LinkTls> {
    let https = coordinator_url.starts_with("https://");
    let given = [&raw.ca, &raw.cert, &raw.key];
    if !https {
        if given.iter().any(|value| value.is_some()) {
            problems.push(format!(
                "tls_ca, tls_cert, tls_key: set, but the coordinator `{coordinator_url}` is not \
                 https://; use the coordinator's agent_tls_addr as https://HOST:PORT"
            ));
        }
        return None;
    }
    let (Some(ca), Some(cert), Some(key)) = (raw.ca, raw.cert, raw.key) else {
        problems.push(format!(
            "coordinator `{coordinator_url}` is https://: set tls_ca (the CA of the \
             coordinator's certificate), tls_cert and tls_key (this node's client certificate)"
        ));
        return None;
    };
    let ca_pem = read_pem("tls_ca", Path::new(&ca), PemKind::Certificate, problems);
    let cert_pem = read_pem("tls_cert", Path::new(&cert), PemKind::Certificate, problems);
    let key_pem = read_pem_key("tls_key", Path::new(&key), problems);
    Some(LinkTls {
        ca_pem: ca_pem?,
        cert_pem: cert_pem?,
        key_pem: key_pem?,
    })
}

#[cfg(test)]
mod tests;
