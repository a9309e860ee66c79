//! The words a synthetic vault is written in: a seeded generator, a vocabulary of made-up words
//! built from syllables, and a Zipf-like draw over it, so a few words are everywhere and most
//! are rare, as in real prose, and BM25 has real term statistics to work with.

/// SplitMix64: small, seeded and the same on every platform, so a vault is the same every run.
#[derive(Debug, Clone)]
pub struct SeededRandom {
    state: u64,
}

impl SeededRandom {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A number in `range` (start inclusive, end exclusive; an empty range gives its start).
    pub fn below(&mut self, range: std::ops::Range<usize>) -> usize {
        let span = range.end.saturating_sub(range.start).max(1) as u64;
        range.start + (self.next_u64() % span) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// A uniform fraction in [0, 1).
    pub fn fraction(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
const CODAS: &[&str] = &["", "n", "r", "s", "l", "m", "x"];

/// Made-up words, each one distinct, ordered from the most to the least frequent.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: Vec<String>,
    /// Running sums of the Zipf weights 1 / rank, for drawing a word by binary search.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// `size` distinct words of two or three syllables, drawn with `random`.
    pub fn new(size: usize, random: &mut SeededRandom) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::with_capacity(size);
        // Each attempt adds a word or repeats one; there are far more possible words than asked
        // for, so the bound is never what stops the loop in practice.
        for _ in 0..size.saturating_mul(50).max(50) {
            if words.len() == size {
                break;
            }
            let syllables = random.below(2..4);
            let word: String = (0..syllables)
                .map(|_| {
                    let onset = ONSETS[random.below(0..ONSETS.len())];
                    let vowel = VOWELS[random.below(0..VOWELS.len())];
                    let coda = CODAS[random.below(0..CODAS.len())];
                    format!("{onset}{vowel}{coda}")
                })
                .collect();
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Self { words, cumulative }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word of this frequency rank (0: the most frequent).
    pub fn word(&self, rank: usize) -> &str {
        &self.words[rank % self.words.len().max(1)]
    }

    /// A word drawn with probability proportional to 1 / rank.
    pub fn draw(&self, random: &mut SeededRandom) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = random.fraction() * total;
        let rank = self.cumulative.partition_point(|sum| *sum <= target);
        self.word(rank)
    }

    /// `count` words drawn and joined by spaces.
    pub fn phrase(&self, count: usize, random: &mut SeededRandom) -> String {
        (0..count)
            .map(|_| self.draw(random))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests;
