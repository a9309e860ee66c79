//! Tests of `pem_files`: the block each kind needs, and the problems named by key.

use super::*;

const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

#[test]
fn a_certificate_and_a_key_are_read_when_they_hold_their_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    std::fs::write(&cert, CERT).unwrap();
    std::fs::write(&key, KEY).unwrap();
    let mut problems = Problems::default();
    assert_eq!(
        read_pem("agent_tls_cert", &cert, PemKind::Certificate, &mut problems).as_deref(),
        Some(CERT)
    );
    let secret = read_pem_key("agent_tls_key", &key, &mut problems).unwrap();
    assert_eq!(secret.expose(), KEY);
    assert_eq!(format!("{secret:?}"), "***");
    assert_eq!(problems.len(), 0);
}

#[test]
fn a_swapped_file_or_a_missing_one_is_a_problem_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("k.pem");
    std::fs::write(&key, KEY).unwrap();
    let mut problems = Problems::default();
    assert!(read_pem("tls_ca", &key, PemKind::Certificate, &mut problems).is_none());
    assert!(read_pem_key("tls_key", &dir.path().join("none.pem"), &mut problems).is_none());
    let text = problems.finish(|| ()).unwrap_err().to_string();
    assert!(
        text.contains(&format!(
            "tls_ca: {} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            key.display()
        )),
        "{text}"
    );
    assert!(text.contains("tls_key: cannot read"), "{text}");
}
