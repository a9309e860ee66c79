//! Chat conversations, kept on the coordinator host so a reload or a second device shows them:
//! the `ConversationStore` trait with an in-memory and a redb implementation (one contract
//! test runs against both), and `Conversations`, the async handle the handlers use.

mod answer;
mod answer_memory;
mod conversation;
mod conversation_id;
#[cfg(test)]
mod memory_store;
mod redb_store;

#[cfg(test)]
mod contract_tests;

use std::sync::Arc;

use tokio::sync::{Mutex, MutexGuard};

pub use answer::{Answer, AnswerState, tokens_per_second};
pub use answer_memory::{AnswerMemory, Citation};
pub use conversation::{Conversation, Turn};
pub use conversation_id::{is_conversation_id, new_conversation_id};
#[cfg(test)]
pub use memory_store::MemoryConversationStore;
pub use redb_store::RedbConversationStore;

#[derive(Debug, thiserror::Error)]
pub enum ConversationStoreError {
    #[error("cannot open the conversation store {path}: {source}; check that data_dir is writable")]
    Open {
        path: String,
        #[source]
        source: redb::Error,
    },
    #[error("the conversation store failed: {0}; check the disk under data_dir")]
    Storage(#[from] redb::Error),
    #[error("conversation {id} is stored in a form this version cannot read: {source}")]
    Corrupt {
        id: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("cannot encode conversation {id}: {source}")]
    Encode {
        id: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("a conversation store task was interrupted: {0}; try again")]
    Interrupted(String),
}

/// Where conversations are kept. Calls block (redb writes sync to disk): `Conversations`
/// runs them on the blocking pool.
pub trait ConversationStore: Send + Sync {
    fn put(&self, conversation: &Conversation) -> Result<(), ConversationStoreError>;
    fn get(&self, id: &str) -> Result<Option<Conversation>, ConversationStoreError>;
    /// The most recently updated conversations, newest first.
    fn recent(&self, limit: usize) -> Result<Vec<Conversation>, ConversationStoreError>;
}

/// The handlers' way to the store: off the async threads, and one writer at a time so a
/// read-modify-write (append a turn) never loses another's.
#[derive(Clone)]
pub struct Conversations {
    store: Arc<dyn ConversationStore>,
    writing: Arc<Mutex<()>>,
}

impl Conversations {
    pub fn new(store: Arc<dyn ConversationStore>) -> Self {
        Self {
            store,
            writing: Arc::new(Mutex::new(())),
        }
    }

    /// Held across a read-modify-write of a conversation.
    pub async fn writing(&self) -> MutexGuard<'_, ()> {
        self.writing.lock().await
    }

    pub async fn get(&self, id: &str) -> Result<Option<Conversation>, ConversationStoreError> {
        let id = id.to_owned();
        self.blocking(move |store| store.get(&id)).await
    }

    pub async fn recent(&self, limit: usize) -> Result<Vec<Conversation>, ConversationStoreError> {
        self.blocking(move |store| store.recent(limit)).await
    }

    pub async fn put(&self, conversation: Conversation) -> Result<(), ConversationStoreError> {
        self.blocking(move |store| store.put(&conversation)).await
    }

    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn ConversationStore) -> Result<T, ConversationStoreError> + Send + 'static,
    ) -> Result<T, ConversationStoreError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|error| ConversationStoreError::Interrupted(error.to_string()))?
    }
}
