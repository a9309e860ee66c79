//! The space written into a new collection reads back from its info, and a collection that
//! llm-runner did not make is refused by name.

use qdrant_client::qdrant::{CollectionConfig, CollectionInfo, CollectionParams};

use super::*;

fn info_of(request: CreateCollection) -> GetCollectionInfoResponse {
    GetCollectionInfoResponse {
        result: Some(CollectionInfo {
            config: Some(CollectionConfig {
                params: Some(CollectionParams {
                    vectors_config: request.vectors_config,
                    ..CollectionParams::default()
                }),
                metadata: request.metadata,
                ..CollectionConfig::default()
            }),
            ..CollectionInfo::default()
        }),
        ..GetCollectionInfoResponse::default()
    }
}

#[test]
fn the_space_of_a_created_collection_reads_back() {
    let space = EmbeddingSpace {
        model: "nomic-embed-text".to_owned(),
        dimension: 768,
    };
    let request = create_request("memory", &space);
    assert_eq!(request.collection_name, "memory");
    assert_eq!(of_collection("memory", info_of(request)), Ok(space));
}

#[test]
fn a_collection_without_the_model_is_refused_by_name() {
    let space = EmbeddingSpace {
        model: "m".to_owned(),
        dimension: 3,
    };
    let mut request = create_request("theirs", &space);
    request.metadata.clear();
    let refused = of_collection("theirs", info_of(request)).unwrap_err();
    assert!(
        refused.contains("theirs") && refused.contains(MODEL_FIELD),
        "{refused}"
    );
}
