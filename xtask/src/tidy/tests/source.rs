//! Tests of the lexing helpers: comments and literals blanked with offsets kept, and the
//! inline test module found by its matching brace.

use crate::tidy::source::*;

#[test]
fn comments_and_literals_are_blanked_keeping_offsets_and_lines() {
    let text = "let a = \"{ crate::x }\"; // crate::y {\n/* crate::z { */ let b = r#\"}\"#;\nlet c = '{'; fn f<'a>(x: &'a str) {}\n";
    let code = code_only(text);
    assert_eq!(code.len(), text.len());
    assert_eq!(code.lines().count(), text.lines().count());
    assert!(!code.contains("crate::"), "{code}");
    assert!(
        !code.contains('{') || code.matches('{').count() == 1,
        "{code}"
    );
    assert!(code.contains("fn f<'a>(x: &'a str) {}"), "{code}");
    assert!(code.contains("let b ="));
}

#[test]
fn the_inline_test_module_ends_at_its_matching_brace() {
    let text = "fn f() {}\n#[cfg(test)]\nmod tests {\n    fn g() { let s = \"}\"; let r = r\"}}\"; }\n}\nfn after() {}\n";
    let block = inline_test_module(&code_only(text)).unwrap();
    assert!(text[block.clone()].starts_with("#[cfg(test)]\nmod tests {"));
    assert!(text[block.clone()].ends_with("}\n}"));
    assert_eq!(&text[block.end..], "\nfn after() {}\n");
    assert_eq!(line_of(text, block.start), 2);
}

#[test]
fn a_test_module_declaration_or_other_cfg_test_item_is_not_inline() {
    assert_eq!(inline_test_module("#[cfg(test)]\nmod tests;\n"), None);
    assert_eq!(inline_test_module("#[cfg(test)]\nfn helper() {}\n"), None);
    assert!(inline_test_module("#[cfg(test)]\nmod contract {\n}\n").is_some());
}
