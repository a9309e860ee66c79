//! An embed job: `POST {root}/{model}:batchEmbedContents` with one request per text, each naming
//! the model with its `models/` prefix (ai.google.dev/api/embeddings#method:-models.batchembedcontents;
//! providers.md §3.1: `{"requests":[{"model":"models/<id>","content":{"parts":[{"text":…}]}}]}`
//! → `{"embeddings":[{"values":[…]}]}`, in order). Google takes at most 100 requests per batch,
//! so longer jobs go in several batches, in order. Gemini reports no usage for embeddings.

use proto::v1::{Embedding, JobKind, JobSpec};
use serde_json::{Value, json};

use super::errors::local;
use super::wire::EmbeddingList;
use super::{Completion, GeminiClient, ProviderError, ProviderErrorKind, model_path};

/// The most requests one `batchEmbedContents` call may carry.
const BATCH_LIMIT: usize = 100;

pub(super) async fn embed(
    client: &GeminiClient,
    spec: &JobSpec,
) -> Result<Completion, ProviderError> {
    if spec.kind() != JobKind::Embed {
        return Err(local(
            ProviderErrorKind::BadRequest,
            &format!("a {} job is not an embedding", spec.kind().as_str_name()),
        ));
    }
    let url = model_path::method_url(&client.base_url, &spec.model, "batchEmbedContents");
    let name = model_path::resource_name(&spec.model);
    let mut embeddings = Vec::with_capacity(spec.texts.len());
    for batch in spec.texts.chunks(BATCH_LIMIT) {
        let response = client
            .send(client.http.post(&url).json(&batch_body(&name, batch)))
            .await?;
        let answer: EmbeddingList = client.read_json(response).await?;
        if answer.embeddings.len() != batch.len() {
            return Err(local(
                ProviderErrorKind::Malformed,
                &format!(
                    "gemini answered {} embeddings for {} texts",
                    answer.embeddings.len(),
                    batch.len()
                ),
            ));
        }
        embeddings.extend(answer.embeddings.into_iter().map(|embedding| Embedding {
            values: embedding.values,
        }));
    }
    Ok(Completion {
        embeddings,
        ..Completion::default()
    })
}

fn batch_body(name: &str, texts: &[String]) -> Value {
    let requests: Vec<Value> = texts
        .iter()
        .map(|text| json!({"model": name, "content": {"parts": [{"text": text}]}}))
        .collect();
    json!({ "requests": requests })
}
