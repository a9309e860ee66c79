//! Tests of the `memory_arguments` module: what each tool asks for, and what it refuses.

use proto::v1::{RelatedNotesRequest, RememberRequest, Retriever, SearchMemoryRequest};

use super::*;

#[test]
fn search_arguments_become_the_request_with_retrievers_as_enums() {
    let arguments = SearchMemoryArguments {
        query: "  risk tiers ".into(),
        limit: Some(3),
        retrievers: Some(vec!["full_text".into(), "graph".into()]),
    };
    assert_eq!(
        arguments.request().unwrap(),
        SearchMemoryRequest {
            query: "risk tiers".into(),
            limit: 3,
            retrievers: vec![Retriever::FullText as i32, Retriever::Graph as i32],
            ..Default::default()
        }
    );
}

#[test]
fn blank_text_and_unknown_retrievers_are_refused_with_what_to_use() {
    let blank = SearchMemoryArguments {
        query: " ".into(),
        limit: None,
        retrievers: None,
    };
    assert_eq!(
        blank.request().unwrap_err().error,
        "query: must not be empty"
    );
    let unknown = SearchMemoryArguments {
        query: "q".into(),
        limit: None,
        retrievers: Some(vec!["bm25".into()]),
    };
    assert_eq!(
        unknown.request().unwrap_err().error,
        "retrievers: \"bm25\" is not a retriever; use full_text, vector, graph"
    );
    let untitled = RememberArguments {
        title: String::new(),
        content: "c".into(),
        tags: None,
        source: None,
    };
    assert_eq!(
        untitled.request().unwrap_err().error,
        "title: must not be empty"
    );
    let nowhere = NotePathArgument { path: "\n".into() };
    assert_eq!(
        nowhere.request().unwrap_err().error,
        "path: must not be empty"
    );
}

#[test]
fn defaults_are_left_to_the_server() {
    let related = RelatedNotesArguments {
        path: "A.md".into(),
        hops: None,
        limit: Some(5),
    };
    assert_eq!(
        related.request().unwrap(),
        RelatedNotesRequest {
            path: "A.md".into(),
            hops: 0,
            limit: 5,
        }
    );
    let remember = RememberArguments {
        title: "Model risk tiers".into(),
        content: "Tier 1 needs review.".into(),
        tags: Some(vec!["governance".into()]),
        source: None,
    };
    assert_eq!(
        remember.request().unwrap(),
        RememberRequest {
            title: "Model risk tiers".into(),
            content: "Tier 1 needs review.".into(),
            tags: vec!["governance".into()],
            source: String::new(),
        }
    );
}
