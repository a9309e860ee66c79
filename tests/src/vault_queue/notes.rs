//! Job notes as an operator writes them, and reading a property back from a note the worker
//! wrote.

/// A job note: frontmatter with `type`, `model`, `status: submitted` and `extra` lines, then
/// the body.
pub fn job_note(job_type: &str, model: &str, extra: &str, body: &str) -> String {
    let mut text = format!("---\ntype: {job_type}\nmodel: {model}\nstatus: submitted\n");
    for line in extra.lines().filter(|line| !line.trim().is_empty()) {
        text.push_str(line.trim());
        text.push('\n');
    }
    text.push_str("---\n");
    text.push_str(body);
    text.push('\n');
    text
}

/// A top-level frontmatter property's value as written (quotes removed), if present.
pub fn frontmatter_value(text: &str, key: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    rest[..end].lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(value);
        Some(unquoted.to_owned())
    })
}
