//! Tests of the words of `type:`.

use super::*;

#[test]
fn job_types_read_their_words() {
    for job_type in JobType::ALL {
        assert_eq!(JobType::from_word(job_type.word()), Some(job_type));
    }
    assert_eq!(JobType::from_word(" Chat "), Some(JobType::Chat));
    assert_eq!(JobType::from_word("talk"), None);
}
