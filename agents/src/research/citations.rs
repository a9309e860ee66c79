//! Which notes an answer cites: the distinct notes of the passages it names as `[n]` (also
//! `[1, 3]` and `[2][4]`), in the order first cited; when it names none, the notes of every
//! passage it was given.

#[cfg(test)]
mod tests;

use proto::v1::MemoryHit;

/// The vault paths `answer` cites among `passages` (numbered from 1).
pub(super) fn cited_notes(answer: &str, passages: &[MemoryHit]) -> Vec<String> {
    let cited: Vec<&MemoryHit> = cited_numbers(answer)
        .into_iter()
        .filter_map(|number| passages.get(number.checked_sub(1)?))
        .collect();
    let chosen: Vec<&MemoryHit> = if cited.is_empty() {
        passages.iter().collect()
    } else {
        cited
    };
    let mut notes: Vec<String> = Vec::new();
    for passage in chosen {
        if !notes.contains(&passage.note) {
            notes.push(passage.note.clone());
        }
    }
    notes
}

/// Every number inside square brackets that hold only numbers, commas and spaces.
fn cited_numbers(answer: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    let mut rest = answer;
    while let Some(open) = rest.find('[') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find(']') else { break };
        let inside = &rest[..close];
        let only_numbers = !inside.trim().is_empty()
            && inside
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ');
        if only_numbers {
            numbers.extend(
                inside
                    .split(',')
                    .filter_map(|part| part.trim().parse::<usize>().ok()),
            );
            rest = &rest[close + 1..];
        }
    }
    numbers
}
