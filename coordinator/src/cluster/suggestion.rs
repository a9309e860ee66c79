//! "Did you mean …?" for a model or node name nobody has: the closest known name by a
//! case-insensitive match, the same model under another tag (`gemma4` → `gemma4:27b`), or a
//! small edit distance; nothing when no known name is close.

/// At most this many single-character edits apart (case aside) still counts as a typo.
const MAX_TYPO_EDITS: usize = 2;

/// The known name `wanted` most likely meant, or `None` when nothing is close. Ties go to the
/// smaller edit distance, then to the name first in `known`'s order.
pub fn closest_name<'known>(
    wanted: &str,
    known: impl IntoIterator<Item = &'known str>,
) -> Option<&'known str> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_base = model_base(&wanted_lower);
    let mut best: Option<(Closeness, &str)> = None;
    for name in known {
        if name == wanted {
            continue;
        }
        let lower = name.to_lowercase();
        let edits = edit_distance(&wanted_lower, &lower);
        let closeness = if lower == wanted_lower {
            Closeness::SameLetters
        } else if model_base(&lower) == wanted_base && lower.contains(':') {
            Closeness::SameModel(edits)
        } else if edits <= MAX_TYPO_EDITS {
            Closeness::Typo(edits)
        } else {
            continue;
        };
        if best.is_none_or(|(closest, _)| closeness < closest) {
            best = Some((closeness, name));
        }
    }
    best.map(|(_, name)| name)
}

/// "; did you mean gemma4:27b?" to append to a message, or nothing.
pub fn did_you_mean<'known>(wanted: &str, known: impl IntoIterator<Item = &'known str>) -> String {
    closest_name(wanted, known)
        .map(|name| format!("; did you mean {name}?"))
        .unwrap_or_default()
}

/// How close a known name is; the smaller, the closer (variant order, then edits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    SameLetters,
    SameModel(usize),
    Typo(usize),
}

/// `gemma4:27b` → `gemma4`; a name without a tag is its own base.
fn model_base(name: &str) -> &str {
    name.split_once(':').map_or(name, |(base, _)| base)
}

/// Levenshtein distance over characters: names are short, so the plain two-row table does.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (row, left_char) in left.chars().enumerate() {
        current[0] = row + 1;
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != *right_char);
            current[column + 1] = substitution
                .min(previous[column + 1] + 1)
                .min(current[column] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests;
