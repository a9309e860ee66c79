//! Unit tests of model name matching.

use super::*;
use crate::cluster::job_spec::canonical_model_name;

#[test]
fn a_reported_name_matches_exactly_the_canonical_model_it_stands_for() {
    for (reported, model) in [
        ("qwen2.5:14b", "qwen2.5:14b"),
        ("llama3", "llama3:latest"),
        ("llama3:latest", "llama3:latest"),
    ] {
        assert!(names_model(reported, model), "{reported} {model}");
        assert_eq!(canonical_model_name(reported), model);
    }
    for (reported, model) in [
        ("qwen2.5:14b", "qwen2.5:7b"),
        ("llama3", "llama3:8b"),
        ("models/gemini-2.5-flash", "gemini-2.5-flash-lite"),
        ("gemini-2.5-flash", "models/gemini-2.5-flash"),
        ("llama", "llama3:latest"),
    ] {
        assert!(!names_model(reported, model), "{reported} {model}");
    }
}

#[test]
fn provider_names_match_as_written_and_gemini_models_without_their_prefix() {
    for (reported, model) in [
        ("llama-3.3-70b-versatile", "llama-3.3-70b-versatile"),
        ("qwen/qwen3-32b", "qwen/qwen3-32b"),
        ("models/gemini-2.5-flash", "models/gemini-2.5-flash"),
        ("models/gemini-2.5-flash", "gemini-2.5-flash"),
        ("models/gemini-2.5-flash", "gemini-2.5-flash:latest"),
    ] {
        assert!(names_model(reported, model), "{reported} {model}");
    }
}
