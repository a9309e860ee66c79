//! A note's problem as the one line the result note shows.

use super::*;

fn problem(line: Option<u32>, property: Option<&str>) -> NoteProblem {
    NoteProblem {
        property: property.map(str::to_owned),
        line,
        message: "`gemma` is not a model name".to_owned(),
    }
}

#[test]
fn a_problem_names_its_line_and_property_when_known() {
    assert_eq!(
        problem_line(&problem(Some(3), Some("model"))),
        "line 3, `model`: `gemma` is not a model name"
    );
    assert_eq!(
        problem_line(&problem(Some(3), None)),
        "line 3: `gemma` is not a model name"
    );
    assert_eq!(
        problem_line(&problem(None, Some("model"))),
        "`model`: `gemma` is not a model name"
    );
    assert_eq!(
        problem_line(&problem(None, None)),
        "`gemma` is not a model name"
    );
}
