//! A bound on how deeply frontmatter nests, checked before the YAML parser sees it: parsing
//! and dropping a YAML tree recurse once per level, and a note a few hundred levels deep would
//! overflow the stack. Obsidian properties are a level or two deep; anything past these bounds
//! is refused with a warning.

/// Columns of indentation (spaces, tabs and `-`/`?` indicators) at the start of a line.
pub const MAX_INDENT: usize = 128;
/// Open `[` and `{` at once, counted over the whole frontmatter (even inside quotes: a property
/// that holds 64 brackets in a string is refused too, which no real note does).
pub const MAX_FLOW_DEPTH: usize = 64;
/// Nodes that YAML aliases (`*anchor`) may add; Obsidian never writes aliases.
pub const MAX_ALIAS_NODES: usize = 100;

/// The first line (1-based within `yaml`) that nests deeper than the bounds, if any.
pub fn too_deep(yaml: &str) -> Option<usize> {
    let mut flow_depth = 0_usize;
    for (index, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t', '-', '?']).len();
        if indent > MAX_INDENT {
            return Some(index + 1);
        }
        for byte in line.bytes() {
            match byte {
                b'[' | b'{' => {
                    flow_depth += 1;
                    if flow_depth > MAX_FLOW_DEPTH {
                        return Some(index + 1);
                    }
                }
                b']' | b'}' => flow_depth = flow_depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
