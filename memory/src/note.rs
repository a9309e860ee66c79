//! A note as the vault reader sees it: its properties, tags, links and the chunks its markdown
//! structure gives. What every store is fed; what `vault::read_note` produces.

use crate::ChunkId;

/// One markdown note of the vault, read and parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNote {
    /// Vault-relative, `/`-separated ("Projects/AI governance.md").
    pub path: String,
    /// The frontmatter `title`, else the first `# ` heading, else the file name without `.md`.
    pub title: String,
    /// Hex SHA-256 of the file's bytes: an unchanged hash means nothing to re-read.
    pub content_hash: String,
    /// The file's modification time (ms since the epoch).
    pub modified_ms: i64,
    /// The day the note is about: frontmatter `date`/`created`, else a daily note's file name
    /// (`2026-12-03.md`), as ms since the epoch at 00:00 UTC.
    pub date_ms: Option<i64>,
    /// Aliases from frontmatter `aliases` (a link may name the note by one).
    pub aliases: Vec<String>,
    /// Frontmatter properties other than tags and aliases, values as written.
    pub properties: Vec<Property>,
    /// `#tags` in the body and frontmatter `tags`, without `#`, as written (nested `a/b` kept).
    pub tags: Vec<Tagged>,
    pub links: Vec<Link>,
    pub chunks: Vec<ChunkDraft>,
    /// What was wrong but did not stop the note from being read ("broken frontmatter at line
    /// 3: …"), for the sync report.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub key: String,
    /// One value, or each item of a list; a `[[link]]` value is kept as written.
    pub values: Vec<String>,
    /// 1-based line in the file.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub tag: String,
    pub line: u32,
}

/// A `[[wikilink]]`, `![[embed]]` or markdown link to another note of the vault.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The note named, as written, without `#heading`, `^block` or `|alias` ("AI governance",
    /// "Projects/AI governance", "AI governance.md").
    pub target: String,
    /// `[[Note#Heading]]`.
    pub heading: Option<String>,
    /// `[[Note#^block-id]]`.
    pub block: Option<String>,
    /// `[[Note|shown text]]`.
    pub alias: Option<String>,
    /// `![[…]]`.
    pub embed: bool,
    /// The property it was the value of (`related: "[[X]]"`); `None` in the body.
    pub property: Option<String>,
    pub line: u32,
}

/// A passage of a note, cut along its markdown structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ChunkDraft {
    pub id: ChunkId,
    /// 0 for the note's first chunk.
    pub ordinal: u32,
    /// The headings above the passage, outermost first.
    pub headings: Vec<String>,
    /// What is indexed and embedded: the note's title and heading path as a first line
    /// ("AI governance > Risk tiers"), then the passage.
    pub text: String,
    /// 1-based, inclusive lines of the passage in the file.
    pub line_start: u32,
    pub line_end: u32,
}
