//! Tests of the path reader: `use` trees expanded to their leaves, renames dropped.

use crate::tidy::rust_paths::{internal_paths, tokens, use_tree};

#[test]
fn use_trees_expand_braces_and_drop_renames() {
    let tokens = tokens("crate::{a::{B, c as d}, e, f::*, g::{self}};");
    let mut position = 0;
    let leaves = use_tree(&tokens, &mut position, Vec::new());
    let joined: Vec<String> = leaves.iter().map(|leaf| leaf.join("::")).collect();
    assert_eq!(
        joined,
        [
            "crate::a::B",
            "crate::a::c",
            "crate::e",
            "crate::f::*",
            "crate::g::self"
        ]
    );
    assert_eq!(tokens[position], ";");
}

#[test]
fn a_use_word_inside_markup_ends_instead_of_reading_forever() {
    // maud markup: `p.budget-use { (words) " · resets " … }` tokenizes as `use {` followed by
    // tokens no use tree takes; reading must skip them and end.
    let tokens = tokens("p.budget-use { (words) (resets) @if done { (more) } }");
    let paths = internal_paths(&tokens);
    assert!(paths.iter().all(|path| path.len() <= 2), "{paths:?}");
}
