//! Tests of the `parts` module.

use super::own_grpc_url;

#[test]
fn an_unspecified_address_is_reached_over_loopback() {
    assert_eq!(
        own_grpc_url("0.0.0.0:7070".parse().unwrap()),
        "http://127.0.0.1:7070"
    );
    assert_eq!(
        own_grpc_url("100.64.0.1:7070".parse().unwrap()),
        "http://100.64.0.1:7070"
    );
}
