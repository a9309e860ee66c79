//! `output:`: the vault folder a result note may be written to instead of `Runner/results/`.

/// A vault-relative folder the result note may go to, or why not.
pub(crate) fn output_folder(text: &str) -> Result<String, &'static str> {
    let folder = text.trim().trim_end_matches('/');
    if folder.is_empty() {
        return Err("name a folder inside the vault, like `Notes/answers`");
    }
    if folder.starts_with(['/', '\\', '~']) || folder.get(1..2) == Some(":") {
        return Err(
            "it must be a folder inside the vault, like `Notes/answers`, not an absolute path",
        );
    }
    if folder.contains('\\') {
        return Err("separate folders with `/`");
    }
    let parts: Vec<&str> = folder.split('/').collect();
    if parts
        .iter()
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return Err("it must not contain `..`, hidden folders or empty parts");
    }
    let in_runner = parts[0].eq_ignore_ascii_case("Runner");
    if in_runner
        && !parts
            .get(1)
            .is_some_and(|part| part.eq_ignore_ascii_case("results"))
    {
        return Err("`Runner/` holds the worker's folders: only `Runner/results/...` may be used");
    }
    Ok(folder.to_owned())
}
