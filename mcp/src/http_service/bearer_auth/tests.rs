//! Tests of the `bearer_auth` module.

use super::bearer_credentials;

#[test]
fn only_bearer_credentials_are_taken() {
    assert_eq!(bearer_credentials("Bearer abc"), Some("abc"));
    assert_eq!(bearer_credentials("bearer  abc "), Some("abc"));
    assert_eq!(bearer_credentials("Basic abc"), None);
    assert_eq!(bearer_credentials("Bearer "), None);
    assert_eq!(bearer_credentials("abc"), None);
}
