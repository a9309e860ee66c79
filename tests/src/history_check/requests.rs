//! The checks per client request: exactly one job for its key, the job it was answered with,
//! its prompt, and the end its client saw.

use proto::v1::{Job, JobState};

use super::{Answer, HistoryReport, Request, prompt_of, state_word};

pub(super) fn check_request(request: &Request, made: &[&Job], report: &mut HistoryReport) {
    let key = &request.idempotency_key;
    match made {
        [] => {
            report.lost += 1;
            report.problems.push(format!(
                "request {key} is lost: the history has no job for it"
            ));
        }
        [job] => {
            if let Answer::Job(answered) = &request.answer
                && answered != &job.id
            {
                report.problems.push(format!(
                    "request {key} was answered with job {answered}, but its job is {}",
                    job.id
                ));
            }
            check_seen_end(request, job, report);
            if prompt_of(job) != request.prompt {
                report.problems.push(format!(
                    "job {} for request {key} carries another prompt: {:?}",
                    job.id,
                    prompt_of(job)
                ));
            }
        }
        several => {
            report.duplicated += 1;
            let ids: Vec<&str> = several.iter().map(|job| job.id.as_str()).collect();
            report.problems.push(format!(
                "request {key} is duplicated: jobs {}",
                ids.join(", ")
            ));
        }
    }
    match &request.answer {
        Answer::Job(_) => {}
        Answer::Refused(words) => report
            .problems
            .push(format!("request {key} was refused without a job: {words}")),
        Answer::Unanswered => report
            .problems
            .push(format!("request {key} never got an answer")),
    }
}

/// The client saw the end the history holds, and was shown a success's whole output, every
/// token once and in order.
fn check_seen_end(request: &Request, job: &Job, report: &mut HistoryReport) {
    let key = &request.idempotency_key;
    let Some(seen) = &request.seen_end else {
        if matches!(request.answer, Answer::Job(_)) {
            report
                .problems
                .push(format!("the client of request {key} never saw its job end"));
        }
        return;
    };
    if seen.state != job.state {
        report.problems.push(format!(
            "the client of request {key} saw job {} end {}, the history says {}",
            job.id,
            client::words::job_state(seen.state),
            state_word(job)
        ));
    } else if seen.state == JobState::Succeeded as i32 && seen.shown != job.output {
        report.problems.push(format!(
            "the client of job {} was shown {:?}, its output is {:?}",
            job.id, seen.shown, job.output
        ));
    }
}
