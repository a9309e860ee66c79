//! Unit tests of the stored status: models shared between nodes, changes told apart from the
//! host facts that move with every report, and records no node holds dropped.

use std::sync::Arc;

use proto::v1::{AgentStatus, HostFacts, InstalledModel, LoadedModel};

use super::{SharedModels, StoredStatus};

fn model(name: &str, digest: &str) -> InstalledModel {
    InstalledModel {
        name: name.to_owned(),
        digest: digest.to_owned(),
        size_bytes: 8_988_124_069,
        family: "qwen2".to_owned(),
        capabilities: vec!["completion".to_owned()],
        ..Default::default()
    }
}

fn status(installed: Vec<InstalledModel>, load_1m: f64) -> AgentStatus {
    AgentStatus {
        ollama_reachable: true,
        ollama_version: "0.12.3".to_owned(),
        installed,
        loaded: vec![LoadedModel {
            name: "qwen2.5:14b".to_owned(),
            ..Default::default()
        }],
        host: Some(HostFacts {
            load_1m,
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn nodes_reporting_the_same_model_share_one_record_and_another_digest_gets_its_own() {
    let mut shared = SharedModels::default();
    let first = StoredStatus::new(status(vec![model("qwen2.5:14b", "aa")], 0.1), &mut shared);
    let second = StoredStatus::new(status(vec![model("qwen2.5:14b", "aa")], 0.2), &mut shared);
    let updated = StoredStatus::new(status(vec![model("qwen2.5:14b", "bb")], 0.3), &mut shared);
    assert!(Arc::ptr_eq(&first.installed[0], &second.installed[0]));
    assert!(Arc::ptr_eq(&first.ollama_version, &second.ollama_version));
    assert!(!Arc::ptr_eq(&first.installed[0], &updated.installed[0]));
    assert_eq!(updated.installed[0].digest, "bb");
    assert_eq!(shared.distinct_models(), 2);
    assert_eq!(first.installed[0].model(), &model("qwen2.5:14b", "aa"));
}

#[test]
fn only_ollama_and_its_models_make_a_change_not_the_host_facts() {
    let stored = StoredStatus::from(status(vec![model("qwen2.5:14b", "aa")], 0.1));
    assert!(!stored.differs_from(&status(vec![model("qwen2.5:14b", "aa")], 0.9)));
    assert!(stored.differs_from(&status(vec![model("qwen2.5:14b", "bb")], 0.1)));
    assert!(stored.differs_from(&status(Vec::new(), 0.1)));
    let mut unloaded = status(vec![model("qwen2.5:14b", "aa")], 0.1);
    unloaded.loaded.clear();
    assert!(stored.differs_from(&unloaded));
    let unreachable = AgentStatus {
        ollama_reachable: false,
        ..Default::default()
    };
    assert!(stored.differs_from(&unreachable));
    // Unreachable again: its empty list is no news, the last known one stays.
    let mut down = StoredStatus::from(unreachable.clone());
    down.installed = stored.installed.clone();
    assert!(!down.differs_from(&unreachable));
}

#[test]
fn records_no_node_holds_any_more_are_dropped_as_new_ones_come() {
    let mut shared = SharedModels::default();
    let kept = StoredStatus::new(status(vec![model("kept:1b", "k")], 0.0), &mut shared);
    for round in 0..1_000 {
        let digest = format!("{round:064x}");
        let passing = StoredStatus::new(status(vec![model("churn:1b", &digest)], 0.0), &mut shared);
        drop(passing);
    }
    assert!(
        shared.distinct_models() <= 2 * 64,
        "{} records kept",
        shared.distinct_models()
    );
    let again = StoredStatus::new(status(vec![model("kept:1b", "k")], 0.0), &mut shared);
    assert!(Arc::ptr_eq(&kept.installed[0], &again.installed[0]));
}
