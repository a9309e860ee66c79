//! What the stand-in "model" says: a deterministic answer built from the prompt's own words, and
//! deterministic unit-length embeddings, so a test can compute exactly what it should receive.
//!
//! Token `i` of an answer is word `i mod n` of the prompt (lowercased, punctuation dropped), with
//! a leading space on every token but the first, as real tokenisers emit them. A prompt with no
//! words answers with the word `token`.

/// The word a prompt without any letters or digits is answered with.
const FALLBACK_WORD: &str = "token";

/// Ollama's token ids are at most this large for the vocabularies we imitate (Llama 3's is
/// 128256); `context` arrays use ids below it.
const VOCABULARY_SIZE: u64 = 128_256;

/// The prompt's words as the stand-in model sees them.
pub fn prompt_words(prompt: &str) -> Vec<String> {
    prompt
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|character| character.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// How many prompt tokens the stand-in model reports having evaluated (`prompt_eval_count`).
pub fn prompt_token_count(prompt: &str) -> usize {
    prompt_words(prompt).len().max(1)
}

/// Token `index` (from 0) of the answer to `prompt`, exactly as it appears in one stream chunk.
pub fn answer_token(prompt: &str, index: usize) -> String {
    let words = prompt_words(prompt);
    let word = words
        .get(index % words.len().max(1))
        .map_or(FALLBACK_WORD, String::as_str);
    if index == 0 {
        word.to_string()
    } else {
        format!(" {word}")
    }
}

/// The whole answer of `tokens` tokens to `prompt`: what a client gets by joining the chunks.
pub fn expected_answer(prompt: &str, tokens: usize) -> String {
    (0..tokens)
        .map(|index| answer_token(prompt, index))
        .collect()
}

/// The unit-length embedding the stand-in returns for `text` at `dimensions` wide.
pub fn expected_embedding(text: &str, dimensions: usize) -> Vec<f32> {
    let seed = stable_hash(text);
    let raw: Vec<f64> = (0..dimensions as u64)
        .map(|position| {
            let bits = mix_64(seed ^ position.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            // The top 53 bits as a fraction in [0, 1), then shifted to [-1, 1).
            (bits >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
        })
        .collect();
    let norm = raw.iter().map(|value| value * value).sum::<f64>().sqrt();
    // Ollama normalises every embedding to unit length (server/routes.go `normalize`).
    raw.iter()
        .map(|value| (value / norm.max(1e-12)) as f32)
        .collect()
}

/// Token ids for a generate `context`: one per prompt word and answer token.
pub(crate) fn context_token_ids(prompt: &str, answer: &str) -> Vec<u64> {
    prompt_words(prompt)
        .iter()
        .chain(prompt_words(answer).iter())
        .map(|word| stable_hash(word) % VOCABULARY_SIZE)
        .collect()
}

/// FNV-1a over the bytes, finished with a 64-bit mixer: stable across runs and platforms, unlike
/// the standard library's randomly seeded hasher.
pub(crate) fn stable_hash(text: &str) -> u64 {
    let fnv = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix_64(fnv)
}

/// The splitmix64 finaliser: spreads every input bit over the whole output.
fn mix_64(value: u64) -> u64 {
    let mut mixed = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    mixed ^ (mixed >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_cycle_through_the_prompt_words() {
        assert_eq!(answer_token("Why is the sky blue?", 0), "why");
        assert_eq!(answer_token("Why is the sky blue?", 4), " blue");
        assert_eq!(answer_token("Why is the sky blue?", 5), " why");
        assert_eq!(expected_answer("Hello, World!", 3), "hello world hello");
        assert_eq!(prompt_token_count("Why is the sky blue?"), 5);
    }

    #[test]
    fn a_prompt_without_words_still_gets_an_answer() {
        assert_eq!(expected_answer("?!", 2), "token token");
        assert_eq!(prompt_token_count(""), 1);
    }

    #[test]
    fn embeddings_are_deterministic_unit_vectors_that_differ_per_text() {
        let sky = expected_embedding("why is the sky blue", 768);
        assert_eq!(sky.len(), 768);
        assert_eq!(sky, expected_embedding("why is the sky blue", 768));
        assert_ne!(sky, expected_embedding("why is the grass green", 768));
        let length: f32 = sky.iter().map(|value| value * value).sum::<f32>().sqrt();
        assert!((length - 1.0).abs() < 1e-4, "length was {length}");
    }

    #[test]
    fn context_has_one_id_per_word_within_the_vocabulary() {
        let context = context_token_ids("why is the sky blue", "why is");
        assert_eq!(context.len(), 7);
        assert!(context.iter().all(|id| *id < VOCABULARY_SIZE));
        assert_eq!(context[0], context[5], "the same word gets the same id");
    }
}
