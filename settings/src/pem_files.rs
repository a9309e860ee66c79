//! PEM files named in a config (`agent_tls_cert = "/etc/llm-runner/tls/coordinator.pem"`):
//! read at load and checked to hold the block they should, so a wrong path or a swapped
//! certificate and key is one config problem naming the key, not a failed handshake later.

use std::path::Path;

use crate::{Problems, Secret};

/// What a PEM file must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemKind {
    /// One or more `CERTIFICATE` blocks (a certificate, its chain, or a CA).
    Certificate,
    /// A private key: `PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`.
    PrivateKey,
}

/// The file's text, or `None` with a problem naming `key` when it cannot be read or holds
/// no block of `kind`.
pub fn read_pem(key: &str, path: &Path, kind: PemKind, problems: &mut Problems) -> Option<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.push(format!("{key}: cannot read {}: {error}", path.display()));
            return None;
        }
    };
    if holds(&text, kind) {
        return Some(text);
    }
    let wanted = match kind {
        PemKind::Certificate => "PEM certificate (-----BEGIN CERTIFICATE-----)",
        PemKind::PrivateKey => "PEM private key (-----BEGIN PRIVATE KEY-----)",
    };
    problems.push(format!("{key}: {} holds no {wanted}", path.display()));
    None
}

/// A private key read as a [`Secret`], so it never prints.
pub fn read_pem_key(key: &str, path: &Path, problems: &mut Problems) -> Option<Secret> {
    read_pem(key, path, PemKind::PrivateKey, problems).map(Secret::new)
}

fn holds(text: &str, kind: PemKind) -> bool {
    text.lines().map(str::trim).any(|line| match kind {
        PemKind::Certificate => line == "-----BEGIN CERTIFICATE-----",
        PemKind::PrivateKey => {
            line.starts_with("-----BEGIN ") && line.ends_with("PRIVATE KEY-----")
        }
    })
}

#[cfg(test)]
mod tests;
