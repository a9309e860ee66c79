//! Where a model's methods live: Gemini's REST paths are `{api root}/{resource name}:{method}`
//! with the resource name `models/<id>` (ai.google.dev/api/rest/v1beta/models). Follows the
//! python-genai SDK's `_transformers.py` `t_model`: a name already starting with `models/` or
//! `tunedModels/` is kept, any other gets `models/` in front, so the operator's
//! `models/gemini-2.5-flash` and the bare `gemini-2.5-flash` both give exactly one `models/`.

/// The model's resource name: `models/gemini-2.5-flash` for either spelling.
pub(super) fn resource_name(model: &str) -> String {
    if model.starts_with("models/") || model.starts_with("tunedModels/") {
        model.to_owned()
    } else {
        format!("models/{model}")
    }
}

/// The URL of one of the model's methods, e.g. `…/v1beta/models/gemini-2.5-flash:batchEmbedContents`.
pub(super) fn method_url(base_url: &str, model: &str, method: &str) -> String {
    format!("{base_url}/{}:{method}", resource_name(model))
}
