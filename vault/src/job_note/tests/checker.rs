//! Tests of the property checks that read a value (temperature).

use super::*;

#[test]
fn temperature_must_be_a_plain_number_from_0_to_2() {
    for (value, valid) in [
        ("0", true),
        ("2", true),
        ("1.5", true),
        ("-0.1", false),
        ("2.01", false),
        ("\"1\"", false),
        ("nan", false),
        (".inf", false),
        ("hot", false),
    ] {
        let text = CHAT.replace("tags: [x]", &format!("temperature: {value}"));
        assert_eq!(
            parse_job_note("x.md", &text).is_ok(),
            valid,
            "temperature: {value}"
        );
    }
}
