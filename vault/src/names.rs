//! Which file names in `inbox/` may ever be job notes: never dot-files (Syncthing's
//! `.syncthing.*.tmp`, the worker's own `.runner-tmp-*`), Windows Syncthing temp files
//! (`~syncthing~*`), or anything but `.md`; `*.sync-conflict-*` copies are never run but are
//! surfaced in `conflicts/`.

/// The prefix of every temp file the worker writes (dot-prefixed: Obsidian hides it and a
/// `.stignore` line `(?d).runner-tmp-*` keeps Syncthing from shipping it).
pub const TEMP_PREFIX: &str = ".runner-tmp-";

/// What a file name in `inbox/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameKind {
    /// A markdown note that may be a job.
    Candidate,
    /// A Syncthing conflict copy (`why-sky.sync-conflict-20261202-170525-DRYE65A.md`): never
    /// run, moved to `conflicts/` once settled.
    SyncConflict,
    /// Never looked at again, with why (for the debug log).
    Ignored(&'static str),
}

/// The longest slug, in characters.
pub const MAX_SLUG_CHARS: usize = 60;

/// What `file_name` (a name in `inbox/`, without its folder) is.
pub fn classify(file_name: &str) -> NameKind {
    if file_name.starts_with(TEMP_PREFIX) {
        return NameKind::Ignored("the worker's own temp file");
    }
    if file_name.starts_with(".syncthing.") {
        return NameKind::Ignored("a Syncthing temp file");
    }
    if file_name.starts_with('.') {
        return NameKind::Ignored("a dot-file");
    }
    if file_name.starts_with("~syncthing~") {
        return NameKind::Ignored("a Syncthing temp file (Windows)");
    }
    let Some(stem) = strip_markdown_extension(file_name) else {
        return NameKind::Ignored("not a markdown note");
    };
    if stem.is_empty() {
        return NameKind::Ignored("no name before `.md`");
    }
    if is_sync_conflict_stem(stem) {
        return NameKind::SyncConflict;
    }
    NameKind::Candidate
}

/// The name without a `.md` extension of any case, or `None` when it has none.
fn strip_markdown_extension(file_name: &str) -> Option<&str> {
    let split_at = file_name.len().checked_sub(3)?;
    let extension = file_name.get(split_at..)?;
    extension
        .eq_ignore_ascii_case(".md")
        .then(|| &file_name[..split_at])
}

/// Whether a stem ends as Syncthing names a conflict copy:
/// `.sync-conflict-YYYYMMDD-HHMMSS-DEVICEID` (Go's `.sync-conflict-20060102-150405-` then the
/// first characters of the device id that modified it).
fn is_sync_conflict_stem(stem: &str) -> bool {
    const MARKER: &str = ".sync-conflict-";
    stem.match_indices(MARKER).any(|(at, _)| {
        let rest = &stem[at + MARKER.len()..];
        let mut parts = rest.splitn(3, '-');
        let (Some(date), Some(time), Some(device)) = (parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        all_digits(date, 8)
            && all_digits(time, 6)
            && !device.is_empty()
            && device.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

fn all_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// A file-name-safe slug of `text`: lowercase words joined by `-`, ASCII letters and digits and
/// non-ASCII letters kept (Obsidian users write in any language), at most
/// [`MAX_SLUG_CHARS`] characters cut at a word boundary; `"note"` when nothing is left.
pub fn slug(text: &str) -> String {
    let words = slug_words(text);
    let joined = join_within(&words, |candidate| {
        candidate.chars().count() <= MAX_SLUG_CHARS
    });
    if joined.is_empty() {
        "note".to_owned()
    } else {
        joined
    }
}

/// `slug(text)` cut further at a word boundary to at most `max_bytes` bytes; empty when not even
/// its first word fits.
pub fn slug_within_bytes(text: &str, max_bytes: usize) -> String {
    let words = slug_words(&slug(text));
    join_within(&words, |candidate| candidate.len() <= max_bytes)
}

/// The lowercase words of `text`: runs of letters, digits and the marks inside words,
/// everything else a separator.
fn slug_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || is_mark_inside_words(c)))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Combining marks and joiners that are not letters themselves but belong inside words: the
/// combining diacritics, Hebrew and Arabic points, the Indic viramas and signs (not the danda
/// `।`, a full stop), zero-width (non-)joiners of Persian and Indic scripts.
fn is_mark_inside_words(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0963}'
        | '\u{0966}'..='\u{0DFF}'
        | '\u{200C}'..='\u{200D}')
}

/// The longest prefix of `words`, joined by `-`, that `fits`; a first word too long alone is cut
/// at a character boundary (a 200-letter word still gives a slug).
fn join_within(words: &[String], fits: impl Fn(&str) -> bool) -> String {
    let mut joined = String::new();
    for word in words {
        let candidate = if joined.is_empty() {
            word.clone()
        } else {
            format!("{joined}-{word}")
        };
        if fits(&candidate) {
            joined = candidate;
            continue;
        }
        if joined.is_empty() {
            for character in word.chars() {
                joined.push(character);
                if !fits(&joined) {
                    joined.pop();
                    break;
                }
            }
        }
        break;
    }
    joined
}

#[cfg(test)]
mod tests;
