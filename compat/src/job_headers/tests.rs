//! The job's id and node as headers; a name a header cannot carry is left out.

use super::*;

#[test]
fn the_job_and_node_are_named() {
    let job = Job {
        id: "01JOB".into(),
        node: "davas".into(),
        ..Default::default()
    };
    let headers = job_headers(&job);
    assert_eq!(headers["x-llm-runner-job-id"], "01JOB");
    assert_eq!(headers["x-llm-runner-node"], "davas");
    let odd = Job {
        node: "line\nbreak".into(),
        ..job
    };
    assert!(job_headers(&odd).get("x-llm-runner-node").is_none());
}
