//! Tests of the `memory_store` module.

use super::*;
use crate::conversations::contract_tests::check_store_contract;

#[test]
fn the_memory_store_keeps_the_contract() {
    check_store_contract(&MemoryConversationStore::default());
}
