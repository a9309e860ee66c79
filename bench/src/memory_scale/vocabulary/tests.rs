//! The generator repeats for a seed, the vocabulary's words are distinct, and the draw favours
//! the frequent ranks as a Zipf law does.

use std::collections::HashSet;

use super::{SeededRandom, Vocabulary};

#[test]
fn the_same_seed_draws_the_same_numbers_and_another_seed_others() {
    let draws = |seed| {
        let mut random = SeededRandom::new(seed);
        (0..8).map(|_| random.next_u64()).collect::<Vec<_>>()
    };
    assert_eq!(draws(7), draws(7));
    assert_ne!(draws(7), draws(8));
}

#[test]
fn below_stays_in_its_range_and_an_empty_range_gives_its_start() {
    let mut random = SeededRandom::new(1);
    for _ in 0..1_000 {
        assert!((3..9).contains(&random.below(3..9)));
    }
    assert_eq!(random.below(5..5), 5);
}

#[test]
fn the_vocabulary_has_as_many_distinct_words_as_asked() {
    let vocabulary = Vocabulary::new(2_000, &mut SeededRandom::new(3));
    assert_eq!(vocabulary.len(), 2_000);
    let distinct: HashSet<&str> = (0..2_000).map(|rank| vocabulary.word(rank)).collect();
    assert_eq!(distinct.len(), 2_000);
    assert!(
        distinct
            .iter()
            .all(|word| word.chars().all(|c| c.is_ascii_lowercase()))
    );
}

#[test]
fn the_most_frequent_word_is_drawn_far_more_often_than_a_rare_one() {
    let vocabulary = Vocabulary::new(1_000, &mut SeededRandom::new(4));
    let mut random = SeededRandom::new(5);
    let (mut first, mut hundredth) = (0, 0);
    for _ in 0..20_000 {
        let word = vocabulary.draw(&mut random);
        first += usize::from(word == vocabulary.word(0));
        hundredth += usize::from(word == vocabulary.word(99));
    }
    // Zipf: rank 1 is about 100 times as likely as rank 100 (some 2,700 against 27 draws).
    assert!(first > 20 * hundredth.max(1), "{first} against {hundredth}");
}
