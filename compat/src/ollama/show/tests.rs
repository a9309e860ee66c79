//! `/api/show` gives a served model's facts and capabilities.

use proto::v1::InstalledModel;

use super::*;

#[test]
fn a_model_with_facts_shows_details_and_capabilities() {
    let model = ServedModel {
        name: "nomic-embed-text:latest".into(),
        nodes: vec!["homelab".into()],
        facts: Some(InstalledModel {
            name: "nomic-embed-text:latest".into(),
            family: "nomic-bert".into(),
            modified_at: "2026-11-01T10:00:00Z".into(),
            capabilities: vec!["embedding".into()],
            ..Default::default()
        }),
        loaded: Vec::new(),
    };
    let body = shown(&model);
    assert_eq!(body["capabilities"], json!(["embedding"]));
    assert_eq!(body["details"]["family"], "nomic-bert");
    assert_eq!(body["model_info"]["general.architecture"], "nomic-bert");
    assert_eq!(body["modified_at"], "2026-11-01T10:00:00Z");
    assert_eq!(body["nodes"], json!(["homelab"]));
}

#[test]
fn a_provider_model_shows_its_nodes_and_claims_no_capability() {
    let model = ServedModel {
        name: "llama-3.3-70b-versatile".into(),
        nodes: vec!["groq".into()],
        facts: None,
        loaded: Vec::new(),
    };
    let body = shown(&model);
    assert!(body.get("capabilities").is_none());
    assert!(body.get("details").is_none());
    assert_eq!(body["nodes"], json!(["groq"]));
}

#[test]
fn the_model_or_its_older_name_is_required() {
    let request = |body: Value| serde_json::from_value::<ShowRequest>(body).unwrap();
    assert_eq!(request(json!({"name": "m"})).model().unwrap(), "m");
    assert_eq!(
        request(json!({"model": "a", "name": "b"})).model().unwrap(),
        "a"
    );
    assert!(request(json!({})).model().is_err());
}
