//! Tests of the `submit_args` module.

use super::*;

#[test]
fn a_message_splits_at_its_first_colon_and_normalises_the_role() {
    let message = parse_chat_message(" Assistant :it is 10:30").unwrap();
    assert_eq!(
        (message.role.as_str(), message.content.as_str()),
        ("assistant", "it is 10:30")
    );
    assert!(
        parse_chat_message("no colon")
            .unwrap_err()
            .starts_with("expected ROLE:TEXT")
    );
    assert!(
        parse_chat_message("bot:hi")
            .unwrap_err()
            .starts_with("`bot` is not a chat role")
    );
}

#[test]
fn format_is_json_or_a_schema_object() {
    assert_eq!(parse_format("json").unwrap(), "json");
    assert!(parse_format(r#"{"type":"object"}"#).is_ok());
    assert!(parse_format("[]").is_err());
    assert!(parse_format("{not json").unwrap_err().contains("not JSON"));
    assert_eq!(parse_temperature("0.7"), Ok(0.7));
    assert!(parse_temperature("NaN").is_err());
}

#[test]
fn a_stop_sequence_is_not_empty_and_top_p_is_a_probability() {
    assert_eq!(parse_stop("\n\n").unwrap(), "\n\n");
    assert!(parse_stop("").is_err());
    assert_eq!(parse_top_p("0.9"), Ok(0.9));
    assert_eq!(parse_top_p("1"), Ok(1.0));
    for bad in ["1.5", "-0.1", "NaN", "inf", "x"] {
        assert!(parse_top_p(bad).is_err(), "{bad} accepted");
    }
}
