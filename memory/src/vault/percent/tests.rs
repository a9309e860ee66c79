//! Percent-decoding: escapes, multibyte text, malformed escapes kept.

use super::percent_decode;

#[test]
fn escapes_decode_and_malformed_ones_stay_as_written() {
    assert_eq!(percent_decode("Other%20note.md"), "Other note.md");
    assert_eq!(percent_decode("Caf%C3%A9.md"), "Café.md");
    assert_eq!(percent_decode("100%.md"), "100%.md");
    assert_eq!(percent_decode("%zz%2"), "%zz%2");
    assert_eq!(percent_decode("ünï%20x"), "ünï x");
}
