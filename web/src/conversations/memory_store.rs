//! Conversations in memory: for tests, and the reference the redb store is checked against.

use std::collections::HashMap;
use std::sync::Mutex;

use super::{Conversation, ConversationStore, ConversationStoreError};

#[derive(Debug, Default)]
pub struct MemoryConversationStore {
    conversations: Mutex<HashMap<String, Conversation>>,
}

impl MemoryConversationStore {
    fn locked(&self) -> std::sync::MutexGuard<'_, HashMap<String, Conversation>> {
        // A panic while holding the lock cannot leave a half-written map (inserts are whole
        // values), so a poisoned lock is still safe to use.
        self.conversations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ConversationStore for MemoryConversationStore {
    fn put(&self, conversation: &Conversation) -> Result<(), ConversationStoreError> {
        self.locked()
            .insert(conversation.id.clone(), conversation.clone());
        Ok(())
    }

    fn get(&self, id: &str) -> Result<Option<Conversation>, ConversationStoreError> {
        Ok(self.locked().get(id).cloned())
    }

    fn recent(&self, limit: usize) -> Result<Vec<Conversation>, ConversationStoreError> {
        let mut all: Vec<Conversation> = self.locked().values().cloned().collect();
        all.sort_by(|a, b| (b.updated_at_ms, &b.id).cmp(&(a.updated_at_ms, &a.id)));
        all.truncate(limit);
        Ok(all)
    }
}

#[cfg(test)]
mod tests;
