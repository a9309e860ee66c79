//! Tests of the `config_file` module.

use super::{ConfigFile, Step, syntax_error};

fn file(text: &str) -> ConfigFile {
    ConfigFile {
        name: "c.toml".to_owned(),
        text: text.to_owned(),
    }
}

#[test]
fn keys_are_found_at_the_top_in_tables_and_in_arrays_of_tables() {
    let config = file(
        "grpc_addr = \"x\"\n\n[[nodes]]\nname = \"a\"\n[[nodes]]\nname = \"b\"\ntokn_env = \"T\"\n[alerts]\nalert_afer = \"1s\"\n",
    );
    assert_eq!(config.line_of(&[Step::key("grpc_addr")]), Some(1));
    assert_eq!(
        config.line_of(&[Step::key("nodes"), Step::Index(1), Step::key("tokn_env")]),
        Some(7)
    );
    assert_eq!(
        config.line_of(&[Step::key("alerts"), Step::key("alert_afer")]),
        Some(9)
    );
    assert_eq!(config.line_of(&[Step::key("absent")]), None);
}

#[test]
fn a_syntax_error_is_one_line_with_its_position() {
    let text = "grpc_addr = \"x\"\nheartbeat_timeout = 3s\n";
    let error = text.parse::<toml::Table>().unwrap_err();
    let line = syntax_error("c.toml", text, &error);
    assert!(line.starts_with("c.toml:2:21: not valid TOML: "), "{line}");
    assert!(!line.contains('\n') && !line.contains('^'), "{line}");
}
