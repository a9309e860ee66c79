//! The words of `type:`: every job type, its word, and the type a word names.

use super::JobType;

impl JobType {
    pub const ALL: [JobType; 7] = [
        JobType::Chat,
        JobType::Generate,
        JobType::Summarize,
        JobType::Embed,
        JobType::Ingest,
        JobType::Research,
        JobType::Briefing,
    ];

    /// The word in `type:`.
    pub fn word(self) -> &'static str {
        match self {
            JobType::Chat => "chat",
            JobType::Generate => "generate",
            JobType::Summarize => "summarize",
            JobType::Embed => "embed",
            JobType::Ingest => "ingest",
            JobType::Research => "research",
            JobType::Briefing => "briefing",
        }
    }

    /// The type a `type:` word names, in any case.
    pub fn from_word(word: &str) -> Option<JobType> {
        let word = word.trim();
        JobType::ALL
            .into_iter()
            .find(|job_type| job_type.word().eq_ignore_ascii_case(word))
    }
}
