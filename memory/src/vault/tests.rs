//! The reader end to end over a real folder: list, read, resolve and state facts, as the sync
//! pipeline will call it.

use std::fs;

use super::{LinkResolver, list_notes, note_facts, read_note};
use crate::graph::{EdgeKind, NodeKey, NodeKind};

#[test]
fn a_small_vault_reads_into_resolved_facts() {
    let vault = tempfile::tempdir().expect("temp dir");
    let root = vault.path();
    let notes = [
        (
            "Projects/AI governance.md",
            "---\naliases: [AIG]\ntags: [policy]\n---\n# AI governance\nSee [[Risk tiers#High]] and ![[Diagram]].\n",
        ),
        (
            "Projects/Risk tiers.md",
            "# Risk tiers\n## High\nMentioned by [AIG](../Projects/AI%20governance.md) #eu/act\n",
        ),
        (
            "Daily/2026-12-03.md",
            "Met about [[aig|the policy]].\n```\n[[Not a link]]\n```\n",
        ),
        (".obsidian/app.md", "[[ignored]]"),
    ];
    for (path, text) in notes {
        let file = root.join(path);
        fs::create_dir_all(file.parent().expect("parent")).expect("folders");
        fs::write(file, text).expect("write");
    }
    let files = list_notes(root).expect("list");
    let parsed: Vec<_> = files
        .iter()
        .map(|file| read_note(file, &fs::read(&file.absolute).expect("read")).expect("parse"))
        .collect();
    let paths: Vec<&str> = parsed.iter().map(|note| note.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Daily/2026-12-03.md",
            "Projects/AI governance.md",
            "Projects/Risk tiers.md"
        ]
    );
    let resolver = LinkResolver::new(
        parsed
            .iter()
            .map(|note| (note.path.as_str(), note.aliases.as_slice())),
    );
    let edges = |index: usize| -> Vec<(EdgeKind, NodeKey, String)> {
        note_facts(&parsed[index], &resolver)
            .edges
            .into_iter()
            .map(|edge| (edge.kind, edge.to, edge.detail))
            .collect()
    };
    let note = |name: &str| NodeKey {
        kind: NodeKind::Note,
        name: name.into(),
    };
    let other = |kind: NodeKind, name: &str| NodeKey {
        kind,
        name: name.into(),
    };

    // The daily note links to AI governance by its alias, and is on its day.
    assert_eq!(
        edges(0),
        vec![
            (
                EdgeKind::Link,
                note("Projects/AI governance.md"),
                "the policy".into()
            ),
            (
                EdgeKind::InFolder,
                other(NodeKind::Folder, "Daily"),
                String::new()
            ),
            (
                EdgeKind::OnDate,
                other(NodeKind::Date, "2026-12-03"),
                String::new()
            ),
        ]
    );
    assert_eq!(
        edges(1),
        vec![
            (
                EdgeKind::Link,
                note("Projects/Risk tiers.md"),
                "#High".into()
            ),
            (
                EdgeKind::Embed,
                other(NodeKind::Missing, "Diagram"),
                String::new()
            ),
            (EdgeKind::Tag, other(NodeKind::Tag, "policy"), String::new()),
            (
                EdgeKind::InFolder,
                other(NodeKind::Folder, "Projects"),
                String::new()
            ),
        ]
    );
    assert_eq!(
        edges(2),
        vec![
            (
                EdgeKind::Link,
                note("Projects/AI governance.md"),
                String::new()
            ),
            (EdgeKind::Tag, other(NodeKind::Tag, "eu/act"), String::new()),
            (
                EdgeKind::InFolder,
                other(NodeKind::Folder, "Projects"),
                String::new()
            ),
        ]
    );
    assert_eq!(
        parsed[2].chunks[0].text,
        "Risk tiers > High\nMentioned by [AIG](../Projects/AI%20governance.md) #eu/act"
    );
    assert_eq!(
        (parsed[2].chunks[0].line_start, parsed[2].chunks[0].line_end),
        (3, 3)
    );
}
