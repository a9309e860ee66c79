//! Tests of YAML scalars for any text, read back through saphyr.

use saphyr::{LoadableYamlNode, Yaml};

use super::*;

/// `value` read back from `key: <yaml_string(value)>` by saphyr.
fn round_trip(value: &str) -> Option<String> {
    let docs = Yaml::load_from_str(&format!("key: {}\n", yaml_string(value))).ok()?;
    docs.first()?["key"].as_str().map(str::to_owned)
}

#[test]
fn safe_text_stays_plain() {
    for value in [
        "why-sky",
        "gemma4:27b",
        "qwen2.5:14b",
        "Runner/results/x",
        "été",
    ] {
        assert_eq!(yaml_string(value), value);
    }
}

#[test]
fn nasty_text_reads_back_as_itself() {
    let nasty = [
        "",
        " ",
        "a: b",
        "a #b",
        "#tag",
        "- item",
        "-",
        "---",
        "...",
        "? x",
        "key:",
        "\"quoted\"",
        "'single'",
        "back\\slash",
        "line\nbreak",
        "cr\r\nlf",
        "tab\there",
        "[[link]]",
        "see [[x|y]]",
        "{a: b}",
        "[1, 2]",
        "yes",
        "No",
        "NULL",
        "~",
        "true",
        "off",
        "y",
        "12",
        "-3.5",
        ".5",
        "+1",
        "1e3",
        "0x1F",
        "2026-12-03",
        "12:30",
        ".inf",
        "*alias",
        "&anchor",
        "!tag",
        "|",
        ">",
        "%",
        "@x",
        "`x`",
        "trailing ",
        " leading",
        "\u{0}\u{7}\u{1b}",
        "\u{2028}",
        "\u{fffe}\u{ffff}\u{85}\u{7f}",
        "\u{feff}bom",
        "emoji 🎉",
        ",comma",
    ];
    for value in nasty {
        assert_eq!(
            round_trip(value).as_deref(),
            Some(value),
            "{value:?} as {}",
            yaml_string(value)
        );
    }
}

#[test]
fn pairs_of_nasty_pieces_read_back_as_themselves() {
    let pieces = [
        ":", " ", "#", "-", "\"", "'", "\\", "\n", "[", "]", "{", "x", "1", ".",
    ];
    for first in pieces {
        for second in pieces {
            for third in pieces {
                let value = format!("{first}{second}{third}");
                assert_eq!(
                    round_trip(&value).as_deref(),
                    Some(value.as_str()),
                    "{value:?}"
                );
            }
        }
    }
}

#[test]
fn links_are_quoted_wiki_links() {
    assert_eq!(
        yaml_link("Runner/done/why-sky"),
        "\"[[Runner/done/why-sky]]\""
    );
    let docs = Yaml::load_from_str(&format!("k: {}", yaml_link("a \"b\"\\c"))).unwrap();
    assert_eq!(docs[0]["k"].as_str(), Some("[[a \"b\"\\c]]"));
}
