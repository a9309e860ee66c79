//! Tests: Reading the plan's sub-questions tolerantly.

use super::*;

const QUESTION: &str = "How do we back up the homelab?";

#[test]
fn numbered_lines_are_read_with_their_marks_removed() {
    let plan = "Here is the plan:\n1. What is backed up?\n2) Where to?\n(3) How often?\n";
    assert_eq!(
        parse_sub_questions(plan, QUESTION),
        ["What is backed up?", "Where to?", "How often?"]
    );
}

#[test]
fn bulleted_lines_and_bold_are_read_too() {
    let plan = "- **What is backed up?**\n* Where to?\n• How often?";
    assert_eq!(
        parse_sub_questions(plan, QUESTION),
        ["What is backed up?", "Where to?", "How often?"]
    );
}

#[test]
fn at_most_three_and_no_repeats() {
    let plan = "1. a?\n2. a?\n3. b?\n4. c?\n5. d?";
    assert_eq!(parse_sub_questions(plan, QUESTION), ["a?", "b?", "c?"]);
}

#[test]
fn plain_question_lines_count_when_nothing_is_marked() {
    let plan = "Sure.\nWhat is backed up?\nWhere to?";
    assert_eq!(
        parse_sub_questions(plan, QUESTION),
        ["What is backed up?", "Where to?"]
    );
}

#[test]
fn nothing_readable_means_the_question_itself() {
    assert_eq!(parse_sub_questions("", QUESTION), [QUESTION]);
    assert_eq!(
        parse_sub_questions("how do we back up the homelab", QUESTION),
        [QUESTION]
    );
    assert_eq!(parse_sub_questions("1.\n-  \n", QUESTION), [QUESTION]);
}

#[test]
fn a_year_is_not_a_list_number() {
    assert_eq!(parse_sub_questions("2026 was a year", QUESTION), [QUESTION]);
}

#[test]
fn the_plan_asks_for_numbered_lines_and_carries_the_question() {
    let messages = plan_messages(QUESTION);
    assert!(messages[0].content.contains("at most 3"));
    assert_eq!(messages[1].role, "user");
    assert_eq!(messages[1].content, QUESTION);
}
