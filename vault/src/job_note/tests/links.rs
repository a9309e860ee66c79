//! Tests of wiki links as Obsidian resolves them, outside code.

use crate::job_note::links::wiki_links;

#[test]
fn links_are_read_as_obsidian_resolves_them() {
    let body = "[[A]] [[B|label]] [[C#Heading]] ![[D.png]] [[A]] [[#local]]\n\
                | [[E\\|table]] | `[[not inline]]` ``[[not ` either]]`` [[F]]\n\
                ```rust\n[[not fenced]]\n```\n~~~~\n[[not ~~~\n~~~~\n    ```\n[[G]]\n";
    assert_eq!(wiki_links(body), ["A", "B", "C", "D.png", "E", "F", "G"]);
}

#[test]
fn an_unclosed_fence_hides_the_rest() {
    assert_eq!(wiki_links("[[A]]\n```\n[[B]]\n"), ["A"]);
}
