//! The provider node's health from what it learnt: offered, retired, inactive, cooling down,
//! gone, key refused.

use std::time::{Duration, Instant};

use proto::v1::IneligibilityCode;

use super::ProviderState;
use crate::providers::ListedModel;

fn chat(id: &str) -> ListedModel {
    ListedModel {
        id: id.to_owned(),
        chat: true,
        embed: false,
    }
}

fn offered(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn a_configured_model_the_provider_does_not_list_is_unavailable_with_the_reason() {
    let mut state = ProviderState::default();
    state.listed_ok(vec![chat("qwen/qwen3-32b")], Instant::now());
    let health = state.health(
        "groq",
        "openai/v1",
        &offered(&["llama-3.3-70b-versatile", "qwen/qwen3-32b"]),
        0,
    );
    assert!(health.reachable);
    let names: Vec<&str> = health.installed.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["qwen/qwen3-32b"]);
    assert_eq!(health.installed[0].capabilities, ["completion"]);
    assert_eq!(health.unavailable.len(), 1);
    let retired = &health.unavailable[0];
    assert_eq!(retired.model, "llama-3.3-70b-versatile");
    assert_eq!(retired.code, IneligibilityCode::ModelNotOffered as i32);
    assert!(
        retired
            .reason
            .contains("groq does not list llama-3.3-70b-versatile")
    );
}

#[test]
fn a_bare_gemini_name_is_the_listed_prefixed_model_and_no_list_means_everything_listed() {
    let mut state = ProviderState::default();
    let embed = ListedModel {
        id: "models/text-embedding-004".to_owned(),
        chat: false,
        embed: true,
    };
    let inactive = ListedModel {
        id: "models/old".to_owned(),
        chat: false,
        embed: false,
    };
    state.listed_ok(
        vec![chat("models/gemini-2.5-flash"), embed, inactive],
        Instant::now(),
    );
    let health = state.health("gemini", "v1beta", &offered(&["gemini-2.5-flash"]), 0);
    assert_eq!(health.installed[0].name, "models/gemini-2.5-flash");
    assert!(health.unavailable.is_empty());
    let everything = state.health("gemini", "v1beta", &[], 0);
    let names: Vec<&str> = everything
        .installed
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["models/gemini-2.5-flash", "models/text-embedding-004"]
    );
    assert_eq!(everything.installed[1].capabilities, ["embedding"]);
}

#[test]
fn a_cool_down_lists_the_model_as_rate_limited_until_it_passes() {
    let mut state = ProviderState::default();
    state.listed_ok(vec![chat("qwen/qwen3-32b")], Instant::now());
    state.rate_limited("qwen/qwen3-32b", 5_000, "groq answered 429".to_owned());
    let cooling = state.health("groq", "v", &offered(&["qwen/qwen3-32b"]), 1_000);
    assert_eq!(
        cooling.unavailable[0].code,
        IneligibilityCode::RateLimited as i32
    );
    assert_eq!(cooling.unavailable[0].until_ms, 5_000);
    assert_eq!(
        state.cooling_until("qwen/qwen3-32b", 1_000),
        Some((5_000, "groq answered 429"))
    );
    let after = state.health("groq", "v", &offered(&["qwen/qwen3-32b"]), 5_000);
    assert!(after.unavailable.is_empty());
    assert_eq!(after.installed.len(), 1);
    assert_eq!(state.cooling_until("qwen/qwen3-32b", 5_000), None);
}

#[test]
fn a_refused_key_takes_the_node_down_until_a_list_call_works_again() {
    let mut state = ProviderState::default();
    let start = Instant::now();
    assert!(state.list_due(start, Duration::from_secs(60)));
    state.listed_ok(vec![chat("m")], start);
    assert!(!state.list_due(start, Duration::from_secs(60)));
    state.key_rejected("groq rejected the API key (401 …)".to_owned());
    let down = state.health("groq", "v", &offered(&["m"]), 0);
    assert!(!down.reachable);
    assert_eq!(down.error, "groq rejected the API key (401 …)");
    assert!(
        state.list_due(start + Duration::from_secs(5), Duration::from_secs(60)),
        "after a refusal the list is asked again soon"
    );
    state.listed_ok(vec![chat("m")], start + Duration::from_secs(5));
    assert!(state.health("groq", "v", &offered(&["m"]), 0).reachable);
}

#[test]
fn a_model_a_job_found_gone_is_unavailable_until_the_next_list() {
    let mut state = ProviderState::default();
    state.listed_ok(vec![chat("m")], Instant::now());
    state.model_gone("m", "groq answered 400 model_decommissioned".to_owned());
    let gone = state.health("groq", "v", &offered(&["m"]), 0);
    assert!(gone.installed.is_empty());
    assert_eq!(
        gone.unavailable[0].reason,
        "groq answered 400 model_decommissioned"
    );
    state.listed_ok(vec![], Instant::now());
    let retired = state.health("groq", "v", &offered(&["m"]), 0);
    assert!(retired.unavailable[0].reason.contains("does not list m"));
}

#[test]
fn before_the_first_list_the_node_is_not_reachable_and_says_why() {
    let mut state = ProviderState::default();
    let health = state.health("anthropic", "2023-06-01", &[], 0);
    assert!(!health.reachable);
    assert_eq!(
        health.error,
        "anthropic has not been asked for its models yet"
    );
}
