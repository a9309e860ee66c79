//! Tests of the `error_chain` module.

use super::innermost_cause;

#[derive(Debug, thiserror::Error)]
#[error("transport error")]
struct Outer(#[source] std::io::Error);

#[test]
fn the_deepest_cause_is_named() {
    let error = Outer(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "connection refused",
    ));
    assert_eq!(innermost_cause(&error), "connection refused");
    assert_eq!(innermost_cause(&std::io::Error::other("alone")), "alone");
}
