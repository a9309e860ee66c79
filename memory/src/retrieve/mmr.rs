//! Greedy maximal marginal relevance (Carbonell and Goldstein 1998): take the most relevant
//! chunk, then repeatedly the one maximising `λ·relevance − (1−λ)·max similarity to the chunks
//! already taken`, so near-duplicates give way to different passages. graphiti penalises each
//! candidate by its similarity to all other candidates at once, which punishes a chunk for
//! neighbours that are never shown; here only what was taken counts.
//!
//! Relevance is rescaled to [0, 1] (min-max) so λ means the same whatever the fused scores'
//! scale. A chunk without a vector gets no similarity penalty. Two chunks of the same note whose
//! line ranges overlap are never both taken: the second would only repeat the first.

/// One chunk to choose among.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmrCandidate<'a> {
    /// Higher is more relevant, on any scale.
    pub relevance: f64,
    pub vector: Option<&'a [f32]>,
    pub note: &'a str,
    /// 1-based, inclusive.
    pub line_start: u32,
    pub line_end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmrParams {
    /// 1: relevance only; 0: diversity only (default 0.7).
    pub lambda: f64,
}

impl Default for MmrParams {
    fn default() -> Self {
        Self { lambda: 0.7 }
    }
}

/// The cosine similarity of two vectors; 0 when either is zero or their lengths differ.
pub fn cosine(left: &[f32], right: &[f32]) -> f64 {
    if left.len() != right.len() {
        return 0.0;
    }
    let (mut dot, mut left_norm, mut right_norm) = (0.0_f64, 0.0_f64, 0.0_f64);
    for (a, b) in left.iter().zip(right) {
        let (a, b) = (f64::from(*a), f64::from(*b));
        dot += a * b;
        left_norm += a * a;
        right_norm += b * b;
    }
    let norms = left_norm.sqrt() * right_norm.sqrt();
    if norms > 0.0 { dot / norms } else { 0.0 }
}

/// The indices of at most `limit` candidates in the order MMR takes them. Ties go to the
/// earlier candidate, so candidates given best first keep their order when λ = 1.
pub fn select_mmr(candidates: &[MmrCandidate<'_>], limit: usize, params: &MmrParams) -> Vec<usize> {
    let lambda = params.lambda.clamp(0.0, 1.0);
    let relevance = normalised_relevance(candidates);
    let mut taken: Vec<usize> = Vec::with_capacity(limit.min(candidates.len()));
    // The highest similarity of each candidate to anything taken so far (updated per pick).
    let mut max_similarity = vec![0.0_f64; candidates.len()];
    let mut open: Vec<bool> = vec![true; candidates.len()];
    while taken.len() < limit {
        let mut best: Option<(usize, f64)> = None;
        for index in 0..candidates.len() {
            if !open[index] {
                continue;
            }
            let penalty = if taken.is_empty() {
                0.0
            } else {
                max_similarity[index]
            };
            let value = lambda * relevance[index] - (1.0 - lambda) * penalty;
            if best.is_none_or(|(_, best_value)| value > best_value) {
                best = Some((index, value));
            }
        }
        let Some((pick, _)) = best else { break };
        taken.push(pick);
        open[pick] = false;
        let picked = &candidates[pick];
        for (index, candidate) in candidates.iter().enumerate() {
            if !open[index] {
                continue;
            }
            if overlaps(picked, candidate) {
                open[index] = false;
                continue;
            }
            if let (Some(left), Some(right)) = (picked.vector, candidate.vector) {
                max_similarity[index] = max_similarity[index].max(cosine(left, right));
            }
        }
    }
    taken
}

fn overlaps(left: &MmrCandidate<'_>, right: &MmrCandidate<'_>) -> bool {
    left.note == right.note
        && left.line_start <= right.line_end
        && right.line_start <= left.line_end
}

fn normalised_relevance(candidates: &[MmrCandidate<'_>]) -> Vec<f64> {
    let lowest = candidates
        .iter()
        .map(|c| c.relevance)
        .fold(f64::INFINITY, f64::min);
    let highest = candidates
        .iter()
        .map(|c| c.relevance)
        .fold(f64::NEG_INFINITY, f64::max);
    let spread = highest - lowest;
    candidates
        .iter()
        .map(|candidate| {
            if spread > 0.0 {
                (candidate.relevance - lowest) / spread
            } else {
                1.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
