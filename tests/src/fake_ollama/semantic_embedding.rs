//! Real sentence embeddings for the stand-in's `/api/embed` when a test asks for them
//! ([`super::FakeOllama::set_semantic_embeddings`]): `pocket-encoder`'s bundled
//! paraphrase-MiniLM-L3-v2 (384 values, unit length, 128 WordPiece tokens with the rest cut
//! off, as Ollama truncates at a model's context), so paraphrases land near each other and
//! retrieval can be measured. The encoder loads once per process, on first use.

use std::sync::OnceLock;
use std::time::Instant;

use pocket_encoder::Encoder;

/// How many values a semantic embedding has.
pub const SEMANTIC_EMBEDDING_DIMENSIONS: usize = 384;

/// The encoder's context: longer inputs are cut to their first 128 tokens.
pub const SEMANTIC_CONTEXT_TOKENS: usize = 128;

fn encoder() -> Result<&'static Encoder, String> {
    static ENCODER: OnceLock<Result<Encoder, String>> = OnceLock::new();
    let loaded = ENCODER.get_or_init(|| {
        let started = Instant::now();
        let encoder = Encoder::new().map_err(|error| format!("loading pocket-encoder: {error}"));
        tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "stand-in ollama loaded its sentence encoder"
        );
        encoder
    });
    loaded.as_ref().map_err(Clone::clone)
}

/// One unit-length vector of `width` values (at most 384: a smaller `dimensions` keeps the
/// first values and renormalises, as Ollama does) per text, in order. Blocks: call it from a
/// blocking thread.
pub(crate) fn semantic_embeddings(texts: &[String], width: usize) -> Result<Vec<Vec<f32>>, String> {
    // The encoder refuses blank text; Ollama embeds it, so a blank input becomes a lone ".".
    let inputs: Vec<&str> = texts
        .iter()
        .map(|text| {
            if text.trim().is_empty() {
                "."
            } else {
                text.as_str()
            }
        })
        .collect();
    let vectors = encoder()?
        .embed(&inputs)
        .map_err(|error| error.to_string())?;
    Ok(vectors
        .into_iter()
        .map(|vector| shortened(vector, width))
        .collect())
}

fn shortened(mut vector: Vec<f32>, width: usize) -> Vec<f32> {
    if width == 0 || width >= vector.len() {
        return vector;
    }
    vector.truncate(width);
    let norm = vector
        .iter()
        .map(|v| f64::from(*v).powi(2))
        .sum::<f64>()
        .sqrt();
    vector
        .iter()
        .map(|v| (f64::from(*v) / norm.max(1e-12)) as f32)
        .collect()
}
