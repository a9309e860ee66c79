//! Tests of the `problems` module.

use super::Problems;

#[test]
fn lists_every_problem_on_its_own_line() {
    let mut problems = Problems::default();
    problems.push("grpc_addr: bad");
    assert_eq!(problems.take::<u8>(Err("node: missing".into())), None);
    let error = problems.finish(|| ()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "config: grpc_addr: bad\nconfig: node: missing"
    );
}

#[test]
fn no_problem_gives_the_value() {
    assert_eq!(Problems::default().finish(|| 7).unwrap(), 7);
}
