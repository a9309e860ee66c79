//! One synthetic note's text: frontmatter, headings and paragraphs, with links and tags among
//! the words.

use chrono::{Duration as Days, NaiveDate};

use super::{Plan, VaultFacts, capitalised};
use crate::memory_scale::vocabulary::{SeededRandom, Vocabulary};

/// Percent of links that name a note that does not exist.
const MISSING_LINK_PERCENT: u64 = 10;

pub(super) fn note_text(
    index: usize,
    plan: &Plan,
    vocabulary: &Vocabulary,
    random: &mut SeededRandom,
    facts: &mut VaultFacts,
) -> String {
    let epoch = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default();
    let created = epoch + Days::days(random.below(0..1_400) as i64);
    let updated = created + Days::days(random.below(0..400) as i64);
    let tags: Vec<&str> = (0..random.below(1..4))
        .map(|_| plan.tags[random.below(0..plan.tags.len())].as_str())
        .collect();
    let status = ["draft", "active", "done", "archived"][random.below(0..4)];
    let mut text = format!(
        "---\ntags: [{}]\ncreated: {created}\nupdated: {updated}\nstatus: {status}\n",
        tags.join(", ")
    );
    if random.percent(20) {
        text.push_str(&format!("aliases: [{}]\n", vocabulary.phrase(2, random)));
    }
    text.push_str("---\n\n");
    text.push_str(&paragraph(index, plan, vocabulary, random, facts));
    for _ in 0..random.below(2..7) {
        let level = if random.percent(30) { "###" } else { "##" };
        let words = random.below(1..4);
        text.push_str(&format!(
            "\n{level} {}\n\n",
            capitalised(&vocabulary.phrase(words, random))
        ));
        facts.headings += 1;
        for _ in 0..random.below(1..3) {
            text.push_str(&paragraph(index, plan, vocabulary, random, facts));
        }
    }
    text
}

/// One paragraph of 25–60 words, perhaps with a link and a tag among them.
fn paragraph(
    index: usize,
    plan: &Plan,
    vocabulary: &Vocabulary,
    random: &mut SeededRandom,
    facts: &mut VaultFacts,
) -> String {
    let mut words: Vec<String> = (0..random.below(25..61))
        .map(|_| vocabulary.draw(random).to_owned())
        .collect();
    if random.percent(60) {
        let at = random.below(0..words.len());
        words.insert(at, link(index, plan, vocabulary, random, facts));
    }
    if random.percent(30) {
        let at = random.below(0..words.len());
        words.insert(
            at,
            format!("#{}", plan.tags[random.below(0..plan.tags.len())]),
        );
        facts.body_tags += 1;
    }
    format!("{}.\n\n", words.join(" "))
}

/// A wikilink: mostly to a note nearby in the writing order (so the graph has neighbourhoods),
/// sometimes to any note, sometimes with an alias or a heading, sometimes to no note at all.
fn link(
    index: usize,
    plan: &Plan,
    vocabulary: &Vocabulary,
    random: &mut SeededRandom,
    facts: &mut VaultFacts,
) -> String {
    facts.links += 1;
    if random.percent(MISSING_LINK_PERCENT) {
        facts.missing_links += 1;
        return format!(
            "[[Missing {} {}]]",
            vocabulary.draw(random),
            random.below(0..1_000)
        );
    }
    let notes = plan.titles.len();
    let target = if random.percent(70) {
        (index + random.below(1..50)) % notes.max(1)
    } else {
        random.below(0..notes)
    };
    let title = &plan.titles[target];
    match random.below(0..10) {
        0 => format!("[[{title}|{}]]", vocabulary.draw(random)),
        1 => format!("[[{title}#{}]]", capitalised(vocabulary.draw(random))),
        _ => format!("[[{title}]]"),
    }
}
