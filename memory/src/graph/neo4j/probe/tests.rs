//! The probe's address parsing and that a probe to a closed port returns at once.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn host_port_of_bolt_uris() {
    assert_eq!(host_port("bolt://127.0.0.1:7688"), "127.0.0.1:7688");
    assert_eq!(host_port("bolt://graph.lan"), "graph.lan:7687");
    assert_eq!(host_port("neo4j://10.0.0.2:7687/db?x=1"), "10.0.0.2:7687");
    assert_eq!(host_port("localhost:9999"), "localhost:9999");
}

#[test]
fn a_probe_of_a_closed_port_returns_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    absorb_goodbye(&format!("127.0.0.1:{port}"), Duration::from_secs(1));
    assert!(started.elapsed() < Duration::from_secs(2));
}
