//! Tests of the `payload` module.

use prost::Message;

use super::*;

#[test]
fn every_agent_has_six_to_ten_distinct_models_including_the_shared_one() {
    for index in 0..50 {
        let models = installed_models(index);
        assert!(
            (6..=10).contains(&models.len()),
            "{index}: {}",
            models.len()
        );
        assert!(models.iter().any(|model| model.name == SHARED_MODEL));
        assert!(models.iter().all(|model| model.name != ABSENT_MODEL));
        let mut names: Vec<&str> = models.iter().map(|model| model.name.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), models.len(), "sorted and distinct");
        assert!(models.iter().all(|model| model.digest.len() == 64));
    }
}

#[test]
fn one_or_two_models_are_loaded_and_an_unreachable_ollama_reports_none() {
    assert_eq!(status("sim-1", 0, 1, true, false).loaded.len(), 1);
    assert_eq!(status("sim-2", 1, 1, true, true).loaded.len(), 2);
    let down = status("sim-1", 0, 2, false, true);
    assert!(!down.ollama_reachable && down.installed.is_empty() && down.loaded.is_empty());
    assert!(!down.ollama_error.is_empty());
}

#[test]
fn a_status_is_about_as_large_as_a_real_agents() {
    let bytes = status("sim-00001", 3, 9, true, false).encoded_len();
    assert!((800..4000).contains(&bytes), "{bytes} bytes");
    // Once the link has sent the list, as the real agent's next statuses.
    let unchanged = status("sim-00001", 3, 10, true, true);
    assert!(unchanged.installed_unchanged && unchanged.installed.is_empty());
    assert!(
        unchanged.encoded_len() < 600,
        "{} bytes",
        unchanged.encoded_len()
    );
}
