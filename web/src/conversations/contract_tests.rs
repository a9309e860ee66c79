//! The one contract every `ConversationStore` keeps, run against each implementation.

use proto::v1::{Job, JobState};

use super::{Answer, Conversation, ConversationStore};

pub fn check_store_contract(store: &dyn ConversationStore) {
    assert_eq!(store.get("missing").unwrap(), None);
    assert!(store.recent(10).unwrap().is_empty());

    let mut older = Conversation::new("c-older".into(), 100);
    older.push_user_message("first question", 101);
    let mut newer = Conversation::new("c-newer".into(), 200);
    newer.push_user_message("second question", 201);
    newer.push_answer(
        Answer::from_job(&Job {
            id: "J1".into(),
            state: JobState::Running as i32,
            ..Default::default()
        }),
        202,
    );
    store.put(&older).unwrap();
    store.put(&newer).unwrap();
    assert_eq!(store.get("c-newer").unwrap().as_ref(), Some(&newer));

    // Newest update first; an update moves a conversation to the front.
    let ids = |list: Vec<Conversation>| list.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(store.recent(10).unwrap()), vec!["c-newer", "c-older"]);
    older.push_user_message("follow-up", 300);
    store.put(&older).unwrap();
    assert_eq!(ids(store.recent(10).unwrap()), vec!["c-older", "c-newer"]);
    assert_eq!(ids(store.recent(1).unwrap()), vec!["c-older"]);

    // A put replaces the whole conversation.
    let stored = store.get("c-older").unwrap().unwrap();
    assert_eq!(stored.turns.len(), 2);
    assert_eq!(stored.title, "first question");
}
