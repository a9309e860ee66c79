//! Resolution as Obsidian does it: path, file name (shortest path), alias, case, missing.

use super::LinkResolver;

fn resolver() -> LinkResolver {
    let aliases = [
        vec![],
        vec!["AIG".to_owned()],
        vec![],
        vec![],
        vec!["Shared".to_owned()],
        vec!["Shared".to_owned()],
    ];
    let paths = [
        "Home.md",
        "Projects/AI governance.md",
        "Archive/Old/AI governance.md",
        "Daily/2026-12-03.md",
        "b/Long name.md",
        "a/X.md",
    ];
    LinkResolver::new(paths.iter().copied().zip(aliases.iter().map(Vec::as_slice)))
}

#[test]
fn exact_paths_with_or_without_md_resolve() {
    let resolver = resolver();
    assert_eq!(
        resolver.resolve("Archive/Old/AI governance").as_deref(),
        Some("Archive/Old/AI governance.md")
    );
    assert_eq!(
        resolver.resolve("Projects/AI governance.md").as_deref(),
        Some("Projects/AI governance.md")
    );
    assert_eq!(resolver.resolve("./Home.md").as_deref(), Some("Home.md"));
}

#[test]
fn a_file_name_resolves_to_the_shortest_path_case_insensitively() {
    let resolver = resolver();
    assert_eq!(
        resolver.resolve("ai GOVERNANCE").as_deref(),
        Some("Projects/AI governance.md")
    );
    assert_eq!(
        resolver.resolve("Old/AI governance").as_deref(),
        Some("Archive/Old/AI governance.md")
    );
    assert_eq!(
        resolver.resolve("../Daily/2026-12-03.md").as_deref(),
        Some("Daily/2026-12-03.md")
    );
}

#[test]
fn aliases_resolve_after_names_and_missing_notes_do_not() {
    let resolver = resolver();
    assert_eq!(
        resolver.resolve("aig").as_deref(),
        Some("Projects/AI governance.md")
    );
    // Two notes share the alias: the shorter path wins, deterministically.
    assert_eq!(resolver.resolve("Shared").as_deref(), Some("a/X.md"));
    assert_eq!(resolver.resolve("Nowhere"), None);
    assert_eq!(resolver.resolve("governance"), None);
    assert_eq!(resolver.resolve(""), None);
}
