//! Tests of the `suggest` module.

use super::{did_you_mean, nearest};

#[test]
fn a_typo_finds_the_key_it_meant() {
    let keys = ["grpc_addr", "http_addr", "heartbeat_timeout"];
    assert_eq!(nearest("heartbeat_timout", keys), Some("heartbeat_timeout"));
    assert_eq!(nearest("grpc_adr", keys), Some("grpc_addr"));
    assert_eq!(nearest("GRPC_ADR", keys), Some("grpc_addr"));
}

#[test]
fn an_unrelated_word_finds_nothing() {
    assert_eq!(nearest("colour", ["grpc_addr", "http_addr"]), None);
    assert_eq!(did_you_mean("colour", ["size"]), "");
    assert_eq!(did_you_mean("sise", ["size"]), " (did you mean `size`?)");
}
