//! Tests of the `fd_limit` module.

use super::*;

#[test]
fn the_soft_limit_ends_at_the_hard_one() {
    let now = raise_open_files_limit().unwrap();
    assert_eq!(now, getrlimit(Resource::Nofile).maximum);
    assert_eq!(getrlimit(Resource::Nofile).current, now);
}
