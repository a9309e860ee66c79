//! Frontmatter: Obsidian property shapes, lines, broken YAML as a warning, no frontmatter.

use super::split;

fn values(text: &str, key: &str) -> Vec<String> {
    split(text)
        .properties
        .into_iter()
        .find(|property| property.key == key)
        .map(|property| property.values)
        .unwrap_or_default()
}

const NOTE: &str = "---\ntitle: Risk tiers\ntags: [ai, policy/eu]\naliases:\n  - Tiers\n  - \"Risk levels\"\nrelated: \"[[AI governance]]\"\nsee: [[Unquoted]]\nversion: 1.0\ndone: yes\nempty:\ndate: 2026-12-03\n---\n# Body\ntext\n";

#[test]
fn obsidian_properties_are_read_as_written_with_their_lines() {
    let front = split(NOTE);
    assert!(front.warnings.is_empty(), "{:?}", front.warnings);
    let keys: Vec<(&str, u32)> = front
        .properties
        .iter()
        .map(|property| (property.key.as_str(), property.line))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("title", 2),
            ("tags", 3),
            ("aliases", 4),
            ("related", 7),
            ("see", 8),
            ("version", 9),
            ("done", 10),
            ("empty", 11),
            ("date", 12),
        ]
    );
    assert_eq!(values(NOTE, "tags"), ["ai", "policy/eu"]);
    assert_eq!(values(NOTE, "aliases"), ["Tiers", "Risk levels"]);
    assert_eq!(values(NOTE, "related"), ["[[AI governance]]"]);
    // Unquoted `[[X]]` is a list in a list to YAML; Obsidian users mean the link.
    assert_eq!(values(NOTE, "see"), ["[[Unquoted]]"]);
    assert_eq!(values(NOTE, "version"), ["1.0"]);
    assert_eq!(values(NOTE, "done"), ["yes"]);
    assert!(values(NOTE, "empty").is_empty());
    assert_eq!(values(NOTE, "date"), ["2026-12-03"]);
    assert_eq!(front.closing_line, 13);
    assert_eq!(front.body_first_line, 14);
    assert_eq!(front.body, "# Body\ntext\n");
}

#[test]
fn broken_yaml_is_a_warning_with_its_file_line_and_the_body_is_still_there() {
    let text = "---\ntitle: ok\nlist: [a, b\nother: x\n---\nbody line\n";
    let front = split(text);
    assert_eq!(front.warnings.len(), 1, "{:?}", front.warnings);
    assert!(
        front.warnings[0].starts_with("broken frontmatter at line "),
        "{}",
        front.warnings[0]
    );
    assert!(front.properties.is_empty());
    assert_eq!(front.body, "body line\n");
    assert_eq!(front.body_first_line, 6);
}

#[test]
fn a_mapping_error_names_the_file_line() {
    let front = split("---\na: 1\nb: [\n  c: : :\n---\nbody\n");
    let warning = front.warnings.first().expect("a warning");
    let line: u32 = warning
        .trim_start_matches("broken frontmatter at line ")
        .split(':')
        .next()
        .and_then(|number| number.parse().ok())
        .expect(warning);
    assert!((3..=5).contains(&line), "{warning}");
}

#[test]
fn no_frontmatter_leaves_the_whole_text_as_body() {
    let front = split("# Title\n---\nnot: frontmatter\n---\n");
    assert!(front.properties.is_empty() && front.warnings.is_empty());
    assert_eq!(front.body_first_line, 1);
    assert_eq!(front.closing_line, 0);
}

#[test]
fn an_unclosed_frontmatter_is_body_with_a_warning() {
    let front = split("---\ntitle: x\nbody\n");
    assert_eq!(front.body, "---\ntitle: x\nbody\n");
    assert_eq!(front.warnings.len(), 1);
}

#[test]
fn crlf_empty_and_non_mapping_frontmatter() {
    let front = split("---\r\ntags: a\r\n---\r\nbody\r\n");
    assert_eq!(front.properties[0].values, ["a"]);
    assert_eq!(front.body, "body\r\n");
    assert_eq!(front.body_first_line, 4);

    let empty = split("---\n---\n");
    assert!(empty.properties.is_empty() && empty.warnings.is_empty());
    assert_eq!(empty.body, "");

    let list = split("---\n- a\n- b\n---\nbody");
    assert_eq!(list.warnings.len(), 1, "{:?}", list.warnings);
}

#[test]
fn an_alias_bomb_is_refused_not_expanded() {
    let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='k' {
        yaml.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        previous = name;
    }
    yaml.push_str("---\nbody\n");
    let front = split(&yaml);
    assert_eq!(front.warnings.len(), 1, "{:?}", front.properties.len());
    assert_eq!(front.body, "body\n");
}

#[test]
fn deeply_nested_yaml_is_refused_without_overflowing_the_stack() {
    let flow = format!(
        "---\na: {}x{}\n---\nbody\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let front = split(&flow);
    assert_eq!(front.body, "body\n");
    assert_eq!(
        front.warnings,
        ["broken frontmatter at line 2: nested too deeply to be properties"]
    );

    let mut block = String::from("---\nok: 1\n");
    for depth in 0..5000 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    block.push_str("---\nbody\n");
    // Line 1 is `---`, line 2 `ok: 1`, depth d on line d + 3: depth 129 is the first refused.
    let front = split(&block);
    assert_eq!(front.body, "body\n");
    assert!(
        front.warnings[0].starts_with("broken frontmatter at line 132: nested too deeply"),
        "{:?}",
        front.warnings
    );

    // An alias chain nests without indentation or brackets: its expansion is bounded.
    let mut aliases = String::from("---\na0: &a0 [x]\n");
    for depth in 1..2000 {
        aliases.push_str(&format!("a{depth}: &a{depth} [*a{}]\n", depth - 1));
    }
    aliases.push_str("---\nbody\n");
    let front = split(&aliases);
    assert_eq!(front.body, "body\n");
    assert_eq!(front.warnings.len(), 1, "{:?}", front.warnings);
}

#[test]
fn the_deepest_frontmatter_allowed_parses_on_a_test_thread_stack() {
    let mut yaml = String::from("---\n");
    for depth in 0..128 {
        yaml.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    yaml.push_str(&format!(
        "{}leaf: {}x{}\n",
        " ".repeat(128),
        "[".repeat(64),
        "]".repeat(64)
    ));
    yaml.push_str("---\nbody\n");
    let front = split(&yaml);
    assert!(front.warnings.is_empty(), "{:?}", front.warnings);
    assert_eq!(front.properties.len(), 1);
    assert_eq!(front.properties[0].key, "k0");
}
