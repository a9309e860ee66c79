//! A job note: YAML frontmatter (`type`, `model`, `status`, optional `id`, `notify`,
//! type-specific fields) and the prompt as its body. Parsing never changes the operator's
//! text; a bad note gives every problem at once, each naming its property and line.

mod agent_fields;
pub(crate) mod bounds;
mod checker;
mod job_type;
mod links;
mod output_folder;
mod quick_read;
mod validate;
mod yaml_read;

pub use quick_read::{MAX_ID_CHARS, is_valid_id, read_id, read_status};
pub use validate::parse_job_note;

/// What the operator asks for (`type:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobType {
    /// The body is the user's message.
    Chat,
    /// The body is the prompt (and `system`, when given, the system message).
    Generate,
    /// The notes the body links with `[[...]]` are summarized, citing each.
    Summarize,
    /// The linked notes (or the body) go into memory.
    Embed,
    /// Same as `embed`.
    Ingest,
    /// The research agent: the body is the question; its steps run as cluster jobs.
    Research,
    /// The briefing agent: the day (`day:`, else yesterday in `time_zone:`) in
    /// `Runner/briefings/`.
    Briefing,
}

/// The note's `status:` as the operator wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteStatus {
    /// No frontmatter, no `status`, or `status: draft`: not a job yet.
    Draft,
    /// `status: submitted`: the operator says it is ready.
    Submitted,
    /// Anything else, as written (e.g. `done` on a note copied back into the inbox).
    Other(String),
}

/// A valid job note.
#[derive(Debug, Clone, PartialEq)]
pub struct JobNote {
    /// The operator's `id:` (letters, digits, `-`, `_`; at most 64), if given.
    pub id: Option<String>,
    pub job_type: JobType,
    pub model: String,
    /// `notify: discord`.
    pub notify_discord: bool,
    /// `temperature:` (0 to 2).
    pub temperature: Option<f32>,
    /// `system:`: a system message for chat and generate.
    pub system: Option<String>,
    /// `output:`: the vault-relative folder for the result note instead of `Runner/results/`
    /// (no `..`, not absolute, not inside the worker's other folders).
    pub output: Option<String>,
    /// `title:`, else the file name without `.md`: names the result note.
    pub title: String,
    /// The body after the frontmatter, trimmed.
    pub body: String,
    /// `[[target]]` / `[[target|label]]` / `[[target#heading]]` targets in the body, in order,
    /// each once, as written before `|` and `#`.
    pub links: Vec<String>,
    /// `day:` (`YYYY-MM-DD`): the day a briefing reports on.
    pub day: Option<String>,
    /// `time_zone:` (an IANA name, e.g. `Europe/Paris`): what "the day" means for a briefing.
    pub time_zone: Option<String>,
}

/// One thing wrong with a note, for the result note that explains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteProblem {
    /// The property it concerns (`model`), or `None` for the body or the frontmatter as a whole.
    pub property: Option<String>,
    /// 1-based line in the file, when known.
    pub line: Option<u32>,
    pub message: String,
}

#[cfg(test)]
pub(crate) mod tests;
