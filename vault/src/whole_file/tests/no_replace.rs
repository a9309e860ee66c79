//! Tests of the hard-link fallback of the no-replace rename.

use super::*;
use crate::whole_file::no_replace;

#[test]
fn the_hard_link_fallback_behaves_like_the_no_replace_rename() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (dir.path().join("from.md"), dir.path().join("to.md"));
    std::fs::write(&from, "a").unwrap();
    std::fs::write(&to, "b").unwrap();
    assert_eq!(
        no_replace::link_then_unlink(&from, &to).unwrap(),
        Placed::AlreadyThere
    );
    assert_eq!(std::fs::read_to_string(&to).unwrap(), "b");
    std::fs::remove_file(&to).unwrap();
    assert_eq!(
        no_replace::link_then_unlink(&from, &to).unwrap(),
        Placed::Placed
    );
    assert_eq!(names_in(dir.path()), ["to.md"]);
    assert_eq!(
        no_replace::link_then_unlink(&from, &to).unwrap(),
        Placed::SourceGone
    );
}
