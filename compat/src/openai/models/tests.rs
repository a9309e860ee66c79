//! A model object with its nodes and date.

use proto::v1::InstalledModel;

use super::*;

#[test]
fn a_served_model_lists_its_nodes_and_date() {
    let model = ServedModel {
        name: "qwen2.5:14b".into(),
        nodes: vec!["contabo".into()],
        facts: Some(InstalledModel {
            modified_at: "2026-11-01T10:00:00Z".into(),
            ..Default::default()
        }),
        loaded: Vec::new(),
    };
    let object = model_object(&model);
    assert_eq!(object["id"], "qwen2.5:14b");
    assert_eq!(object["object"], "model");
    assert_eq!(object["created"], 1_793_527_200);
    assert_eq!(object["nodes"], json!(["contabo"]));
}
