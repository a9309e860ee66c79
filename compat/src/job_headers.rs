//! Where an answer came from, as response headers: `x-llm-runner-job-id` (look the job up with
//! `runner job ID`, in the web UI, or by its trace) and `x-llm-runner-node`.

use axum::http::{HeaderMap, HeaderValue};
use proto::v1::Job;

pub fn job_headers(job: &Job) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Ok(id) = HeaderValue::from_str(&job.id) {
        headers.insert("x-llm-runner-job-id", id);
    }
    if let Ok(node) = HeaderValue::from_str(&job.node) {
        headers.insert("x-llm-runner-node", node);
    }
    headers
}
