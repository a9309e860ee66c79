//! Links from one note to others: `[[Note]]`, `[[Note|alias]]`, `[[Note#Heading]]`,
//! `[[Note#^block]]`, `![[embed]]` and markdown links to local notes (`[text](Other%20note.md)`),
//! never inside code, and property values that are links. Links to attachments (images, PDFs)
//! are left out: they name no note.

use super::lines::Line;
use super::percent::percent_decode;
use crate::note::{Link, Property};

/// File extensions of attachments, which a link may name but which are not notes.
const ATTACHMENTS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif", "pdf", "mp3", "wav", "ogg", "m4a",
    "flac", "mp4", "webm", "mov", "mkv", "canvas", "base", "zip", "csv", "json", "txt", "html",
];

/// Every link in the body, in order.
pub fn body_links(lines: &[Line<'_>]) -> Vec<Link> {
    let mut links = Vec::new();
    for line in lines.iter().filter(|line| line.is_prose()) {
        links_in(&line.without_code(), line.number, None, &mut links);
    }
    links
}

/// Every link written as a property value (`related: "[[X]]"`), with its property.
pub fn property_links(properties: &[Property]) -> Vec<Link> {
    let mut links = Vec::new();
    for property in properties {
        for value in &property.values {
            links_in(value, property.line, Some(&property.key), &mut links);
        }
    }
    links
}

/// Appends the wikilinks, then the markdown links, of `text`.
fn links_in(text: &str, line: u32, property: Option<&str>, out: &mut Vec<Link>) {
    let mut found: Vec<(usize, Link)> = Vec::new();
    let mut from = 0;
    while let Some(mut open) = text[from..].find("[[").map(|at| from + at) {
        let Some(close) = text[open + 2..].find("]]").map(|at| open + 2 + at) else {
            break;
        };
        // `[[a [[b]]`: the link is the innermost `[[b]]`.
        if let Some(inner) = text[open + 2..close].rfind("[[") {
            open += 2 + inner;
        }
        let embed = text[..open].ends_with('!');
        if let Some(link) = wikilink(&text[open + 2..close], embed, line, property) {
            found.push((open, link));
        }
        from = close + 2;
    }
    let mut from = 0;
    while let Some(middle) = text[from..].find("](").map(|at| from + at) {
        from = middle + 2;
        let Some(open) = text[..middle].rfind('[') else {
            continue;
        };
        if text[..open].ends_with('[') {
            continue;
        }
        let embed = text[..open].ends_with('!');
        if let Some((destination, used)) = destination(&text[middle + 2..]) {
            from = middle + 2 + used;
            if let Some(link) = markdown_link(&destination, embed, line, property) {
                found.push((open, link));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    out.extend(found.into_iter().map(|(_, link)| link));
}

/// `Note#Heading|alias` → a link; `None` for a link to the note itself or to an attachment.
fn wikilink(inner: &str, embed: bool, line: u32, property: Option<&str>) -> Option<Link> {
    let (reference, alias) = match inner.split_once('|') {
        // In a table the pipe is escaped: `[[Note\|alias]]`.
        Some((reference, alias)) => (reference.trim_end_matches('\\'), Some(alias.trim())),
        None => (inner, None),
    };
    let mut link = reference_link(reference, embed, line, property)?;
    link.alias = alias.filter(|alias| !alias.is_empty()).map(str::to_owned);
    Some(link)
}

/// `Note#Heading` or `Note#^block` → a link without alias.
fn reference_link(reference: &str, embed: bool, line: u32, property: Option<&str>) -> Option<Link> {
    let (target, fragment) = match reference.split_once('#') {
        Some((target, fragment)) => (target.trim(), Some(fragment.trim())),
        None => (reference.trim(), None),
    };
    if target.is_empty() || is_attachment(target) {
        return None;
    }
    let block = fragment.and_then(|fragment| fragment.strip_prefix('^'));
    let heading = fragment.filter(|fragment| !fragment.starts_with('^') && !fragment.is_empty());
    Some(Link {
        target: target.to_owned(),
        heading: heading.map(str::to_owned),
        block: block.map(str::to_owned),
        alias: None,
        embed,
        property: property.map(str::to_owned),
        line,
    })
}

/// A markdown link's destination to a local note, decoded; `None` for URLs and fragments.
fn markdown_link(
    destination: &str,
    embed: bool,
    line: u32,
    property: Option<&str>,
) -> Option<Link> {
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme || destination.starts_with('#') || destination.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(destination);
    let reference = decoded.trim_start_matches("./");
    reference_link(reference, embed, line, property)
}

/// The destination after `](`, and how many bytes it used: `<with spaces.md>`, or up to the
/// first space or the `)` that closes the link (balanced parentheses may be inside, as in
/// `Note%20(1).md`).
fn destination(rest: &str) -> Option<(String, usize)> {
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        return Some((inner[..end].to_owned(), end + 2));
    }
    let mut depth = 0_usize;
    for (at, character) in rest.char_indices() {
        match character {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' | ' ' | '\t' => return (at > 0).then(|| (rest[..at].to_owned(), at)),
            _ => {}
        }
    }
    None
}

fn is_attachment(target: &str) -> bool {
    target.rsplit_once('.').is_some_and(|(_, extension)| {
        ATTACHMENTS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(extension))
    })
}

#[cfg(test)]
mod tests;
