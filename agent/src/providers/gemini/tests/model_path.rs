//! The model path carries exactly one `models/`, whichever way the operator spells the model.

use crate::providers::gemini::model_path::{method_url, resource_name};

const BASE: &str = "https://generativelanguage.googleapis.com/v1beta";

#[test]
fn both_spellings_name_the_same_resource() {
    assert_eq!(
        resource_name("models/gemini-2.5-flash"),
        "models/gemini-2.5-flash"
    );
    assert_eq!(resource_name("gemini-2.5-flash"), "models/gemini-2.5-flash");
}

#[test]
fn a_tuned_model_keeps_its_own_collection() {
    assert_eq!(
        resource_name("tunedModels/my-model-7"),
        "tunedModels/my-model-7"
    );
}

#[test]
fn the_method_url_holds_exactly_one_models_segment() {
    for model in ["models/gemini-2.5-flash", "gemini-2.5-flash"] {
        let url = method_url(BASE, model, "streamGenerateContent");
        assert_eq!(
            url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent"
        );
        assert_eq!(url.matches("models/").count(), 1, "{url}");
    }
}
