//! Tests of the `memory_view` module: retriever words both ways, and a hit's JSON shape.

use proto::v1::{MemoryHit, Retriever, RetrieverRank, SearchMemoryResponse};
use serde_json::json;

use super::*;

#[test]
fn retriever_words_round_trip_and_unknown_words_are_refused() {
    for word in RETRIEVER_WORDS {
        let retriever = parse_retriever(word).unwrap();
        assert_eq!(retriever_word(retriever as i32), word);
    }
    assert_eq!(parse_retriever("Full-Text"), Some(Retriever::FullText));
    assert_eq!(parse_retriever("bm25"), None);
    assert_eq!(retriever_word(0), "unspecified");
}

#[test]
fn a_hit_says_where_it_is_and_who_found_it() {
    let response = SearchMemoryResponse {
        hits: vec![MemoryHit {
            note: "Projects/AI governance.md".into(),
            title: "AI governance".into(),
            headings: vec!["Risk".into(), "Tiers".into()],
            line_start: 12,
            line_end: 18,
            score: 0.031,
            text: "Tier 1 models need review.".into(),
            found_by: vec![RetrieverRank {
                retriever: Retriever::Graph as i32,
                rank: 2,
                score: 0.5,
            }],
            graph_path: vec!["Risk.md".into(), "Projects/AI governance.md".into()],
        }],
        warnings: vec!["vectors not used: no embed model".into()],
    };
    let view = serde_json::to_value(SearchMemoryView::from(&response)).unwrap();
    assert_eq!(
        view,
        json!({
            "hits": [{
                "note": "Projects/AI governance.md",
                "title": "AI governance",
                "headings": ["Risk", "Tiers"],
                "lines": {"start": 12, "end": 18},
                "score": 0.031,
                "text": "Tier 1 models need review.",
                "found_by": [{"retriever": "graph", "rank": 2, "score": 0.5}],
                "graph_path": ["Risk.md", "Projects/AI governance.md"],
            }],
            "warnings": ["vectors not used: no embed model"],
        })
    );
    let plain = MemoryHitView::from(&MemoryHit::default());
    let plain = serde_json::to_value(plain).unwrap();
    assert!(plain.get("graph_path").is_none(), "{plain}");
}
