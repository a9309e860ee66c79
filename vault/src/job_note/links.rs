//! The wiki links of a note's body, as Obsidian resolves them: `[[target]]`,
//! `[[target|label]]`, `[[target#heading]]` and embeds `![[target]]`, outside code fences and
//! inline code.

/// The link targets in `body`, in order, each once, as written before `|` and `#`.
pub(crate) fn wiki_links(body: &str) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in body.lines() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = fence_run(trimmed);
        match (fence, run) {
            (Some((fence_char, fence_len)), Some((run_char, run_len)))
                if run_char == fence_char
                    && run_len >= fence_len
                    && trimmed[run_len..].trim().is_empty() =>
            {
                fence = None;
            }
            (Some(_), _) => {}
            (None, Some(opening)) if indent <= 3 => fence = Some(opening),
            (None, _) => {
                for target in links_in_line(line) {
                    if !links.contains(&target) {
                        links.push(target);
                    }
                }
            }
        }
    }
    links
}

/// A line opening or closing a fence: three or more backticks or tildes.
fn fence_run(trimmed: &str) -> Option<(char, usize)> {
    let first = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.len() - trimmed.trim_start_matches(first).len();
    (length >= 3).then_some((first, length))
}

/// The targets of one line's links outside inline code (a backtick run up to the next run of
/// the same length).
fn links_in_line(line: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let code_at = rest.find('`');
        let link_at = rest.find("[[");
        match (code_at, link_at) {
            (Some(code), link) if link.is_none_or(|link| code < link) => {
                let run = rest[code..].len() - rest[code..].trim_start_matches('`').len();
                let after = &rest[code + run..];
                let closing = "`".repeat(run);
                rest = match after.find(&closing) {
                    Some(close) => &after[close + run..],
                    // An unmatched run is literal text.
                    None => after,
                };
            }
            (_, Some(link)) => {
                let after = &rest[link + 2..];
                let Some(close) = after.find("]]") else {
                    break;
                };
                if let Some(target) = target_of(&after[..close]) {
                    targets.push(target);
                }
                rest = &after[close + 2..];
            }
            _ => break,
        }
    }
    targets
}

/// `target|label`, `target#heading`, `target\|label` (in tables) → `target`; `None` for a
/// link to a heading of the same note.
fn target_of(inner: &str) -> Option<String> {
    let end = inner.find(['|', '#']).unwrap_or(inner.len());
    let target = inner[..end].trim_end_matches('\\').trim();
    (!target.is_empty() && !target.contains('[')).then(|| target.to_owned())
}
