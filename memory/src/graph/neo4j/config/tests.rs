//! The config's defaults, and that `Debug` never prints the password.

use super::*;

#[test]
fn defaults_to_neo4j_without_a_password_and_a_short_connect_timeout() {
    let config = Neo4jGraphConfig::new("bolt://127.0.0.1:7687");
    assert_eq!(config.user, "neo4j");
    assert_eq!(config.password, None);
    assert_eq!(config.connect_timeout, Duration::from_secs(3));
}

#[test]
fn debug_hides_the_password() {
    let mut config = Neo4jGraphConfig::new("bolt://127.0.0.1:7687");
    config.password = Some("hunter2".to_owned());
    let shown = format!("{config:?}");
    assert!(
        !shown.contains("hunter2") && shown.contains("***"),
        "{shown}"
    );
}
