//! Tests of the `redb_store` module.

use super::*;
use crate::conversations::contract_tests::check_store_contract;

#[test]
fn the_redb_store_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    check_store_contract(&RedbConversationStore::open(dir.path()).unwrap());
}

#[test]
fn conversations_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut conversation = Conversation::new("c1".into(), 10);
    conversation.push_user_message("kept?", 11);
    RedbConversationStore::open(dir.path())
        .unwrap()
        .put(&conversation)
        .unwrap();
    let reopened = RedbConversationStore::open(dir.path()).unwrap();
    assert_eq!(reopened.get("c1").unwrap(), Some(conversation));
}
