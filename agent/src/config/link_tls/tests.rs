//! Tests of the agent's `tls_*` keys: needed with https, refused without it.

use super::*;

const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY: &str = "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n";

fn text(problems: Problems) -> String {
    problems
        .finish(|| ())
        .map(|()| String::new())
        .unwrap_or_else(|e| e.to_string())
}

fn files(dir: &tempfile::TempDir) -> RawLinkTls {
    let path = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        Some(path.display().to_string())
    };
    RawLinkTls {
        ca: path("ca.pem", CERT),
        cert: path("davas.pem", CERT),
        key: path("davas.key", KEY),
    }
}

#[test]
fn plain_http_needs_no_files() {
    let mut problems = Problems::default();
    let tls = link_tls(
        RawLinkTls::default(),
        "http://100.64.0.1:7070",
        &mut problems,
    );
    assert!(tls.is_none());
    assert_eq!(problems.len(), 0);
}

#[test]
fn https_reads_all_three_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Problems::default();
    let tls = link_tls(
        files(&dir),
        "https://runner.example.net:7443",
        &mut problems,
    )
    .unwrap();
    assert_eq!(tls.ca_pem, CERT);
    assert_eq!(tls.key_pem.expose(), KEY);
    assert!(!format!("{tls:?}").contains("MHcC"));
}

#[test]
fn https_without_the_files_and_files_without_https_are_problems() {
    let mut problems = Problems::default();
    assert!(link_tls(RawLinkTls::default(), "https://h:7443", &mut problems).is_none());
    assert!(text(problems).contains("is https://: set tls_ca"));
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Problems::default();
    assert!(link_tls(files(&dir), "http://h:7070", &mut problems).is_none());
    assert!(text(problems).contains("is not https://"));
}
