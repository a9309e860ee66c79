//! Tests of the `agent_tls_*` keys: all or none, each file read and checked.

use super::*;

const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

fn files(dir: &tempfile::TempDir) -> RawAgentTls {
    let path = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        Some(path.display().to_string())
    };
    RawAgentTls {
        addr: Some("0.0.0.0:7443".into()),
        cert: path("coordinator.pem", CERT),
        key: path("coordinator.key", KEY),
        client_ca: path("ca.pem", CERT),
    }
}

fn problems_text(problems: Problems) -> String {
    problems
        .finish(|| ())
        .map(|()| String::new())
        .unwrap_or_else(|e| e.to_string())
}

#[test]
fn none_of_the_keys_is_no_listener_and_no_problem() {
    let mut problems = Problems::default();
    assert!(validate(RawAgentTls::default(), &mut problems).is_none());
    assert_eq!(problems.len(), 0);
}

#[test]
fn all_four_read_their_files_and_keep_the_key_secret() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Problems::default();
    let tls = validate(files(&dir), &mut problems).unwrap();
    assert_eq!(tls.addr, "0.0.0.0:7443".parse().unwrap());
    assert_eq!(tls.cert_pem, CERT);
    assert_eq!(tls.client_ca_pem, CERT);
    assert_eq!(tls.key_pem.expose(), KEY);
    assert!(!format!("{tls:?}").contains("MIIE"));
}

#[test]
fn some_keys_without_the_others_is_one_problem() {
    let mut problems = Problems::default();
    let raw = RawAgentTls {
        addr: Some("0.0.0.0:7443".into()),
        ..Default::default()
    };
    assert!(validate(raw, &mut problems).is_none());
    assert!(problems_text(problems).contains("go together: set all four"));
}

#[test]
fn a_bad_address_and_a_key_in_place_of_the_ca_are_both_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut raw = files(&dir);
    raw.addr = Some("everywhere".into());
    raw.client_ca = raw.key.clone();
    let mut problems = Problems::default();
    assert!(validate(raw, &mut problems).is_none());
    let text = problems_text(problems);
    assert!(text.contains("agent_tls_addr: `everywhere`"), "{text}");
    assert!(text.contains("agent_tls_client_ca: "), "{text}");
    assert!(text.contains("holds no PEM certificate"), "{text}");
}
