//! The durable conversation store: `conversations.redb` under `data_dir`, id -> JSON. Its own
//! file, so the web UI never touches the coordinator's job store.

use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::{Conversation, ConversationStore, ConversationStoreError};

const CONVERSATIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("conversations");

#[derive(Debug)]
pub struct RedbConversationStore {
    database: Database,
}

impl RedbConversationStore {
    /// Opens (or creates) `conversations.redb` in `data_dir`, creating the directory too.
    pub fn open(data_dir: &Path) -> Result<Self, ConversationStoreError> {
        let database = datafile::open_redb(data_dir, "conversations.redb", |transaction| {
            transaction.open_table(CONVERSATIONS).map(drop)
        })
        .map_err(|error| ConversationStoreError::Open {
            path: error.path,
            source: error.source,
        })?;
        Ok(Self { database })
    }

    fn decode(id: &str, bytes: &[u8]) -> Result<Conversation, ConversationStoreError> {
        serde_json::from_slice(bytes).map_err(|source| ConversationStoreError::Corrupt {
            id: id.to_owned(),
            source,
        })
    }
}

impl ConversationStore for RedbConversationStore {
    fn put(&self, conversation: &Conversation) -> Result<(), ConversationStoreError> {
        let bytes =
            serde_json::to_vec(conversation).map_err(|source| ConversationStoreError::Encode {
                id: conversation.id.clone(),
                source,
            })?;
        let transaction = self.database.begin_write().map_err(redb::Error::from)?;
        {
            let mut table = transaction
                .open_table(CONVERSATIONS)
                .map_err(redb::Error::from)?;
            table
                .insert(conversation.id.as_str(), bytes.as_slice())
                .map_err(redb::Error::from)?;
        }
        transaction.commit().map_err(redb::Error::from)?;
        Ok(())
    }

    fn get(&self, id: &str) -> Result<Option<Conversation>, ConversationStoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction
            .open_table(CONVERSATIONS)
            .map_err(redb::Error::from)?;
        let found = table.get(id).map_err(redb::Error::from)?;
        found
            .map(|value| Self::decode(id, value.value()))
            .transpose()
    }

    fn recent(&self, limit: usize) -> Result<Vec<Conversation>, ConversationStoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction
            .open_table(CONVERSATIONS)
            .map_err(redb::Error::from)?;
        let mut all = Vec::new();
        for entry in table.iter().map_err(redb::Error::from)? {
            let (key, value) = entry.map_err(redb::Error::from)?;
            all.push(Self::decode(key.value(), value.value())?);
        }
        all.sort_by(|a, b| (b.updated_at_ms, &b.id).cmp(&(a.updated_at_ms, &a.id)));
        all.truncate(limit);
        Ok(all)
    }
}

#[cfg(test)]
mod tests;
