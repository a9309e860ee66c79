//! The briefing agent: `gather` (no model: the day's jobs, usage, nodes, alerts, new notes as
//! rendered facts), `summary` (a model step), `write` (no model: the day's note, create-only,
//! once per day) and `post` (the summary handed to `deps.post` with the key
//! `briefing:YYYY-MM-DD`, only by the run that wrote the note). Without a vault the run's
//! output holds the briefing.

#[cfg(test)]
mod tests;

mod day;
mod facts;
mod gather;
mod note;
mod summary;

use crate::context::{RunContext, StepFailure};
use crate::model_step::run_model_step;
use crate::run_record::{RunRecord, StepState};

use day::BriefingDay;
use note::Written;

pub(crate) async fn run_briefing(
    context: &RunContext,
    record: &mut RunRecord,
) -> Result<(), StepFailure> {
    let (day, facts) = gather_step(context, record).await?;
    let messages = summary::summary_messages(&day.text(), &facts);
    let summary = run_model_step(context, record, "summary", messages).await?;
    let body = note::note_body(&day.text(), &summary, &facts);
    record.set_output(&body);
    if context.cancel.is_cancelled() {
        return Err(StepFailure::cancelled("write"));
    }
    let written = write_step(context, record, &day, &body).await?;
    post_step(context, record, &day, &summary, written.as_ref());
    Ok(())
}

async fn gather_step(
    context: &RunContext,
    record: &mut RunRecord,
) -> Result<(BriefingDay, String), StepFailure> {
    let index = record.begin_step("gather");
    let gathered = match BriefingDay::parse(&context.input.input, context.input.time_zone) {
        Err(problem) => Err(problem),
        Ok(day) => tokio::select! {
            biased;
            () = context.cancel.cancelled() => {
                record.end_step(index, StepState::Cancelled, "", "cancelled");
                return Err(StepFailure::cancelled("gather"));
            }
            facts = gather::gather_facts(context, &day) => facts.map(|facts| (day, facts.render())),
        },
    };
    match gathered {
        Ok((day, facts)) => {
            record.end_step(index, StepState::Succeeded, &facts, "");
            Ok((day, facts))
        }
        Err(problem) => {
            record.end_step(index, StepState::Failed, "", &problem);
            Err(StepFailure::failed("gather", problem))
        }
    }
}

async fn write_step(
    context: &RunContext,
    record: &mut RunRecord,
    day: &BriefingDay,
    body: &str,
) -> Result<Option<Written>, StepFailure> {
    let index = record.begin_step("write");
    let Some(vault) = context.deps.vault.clone() else {
        let reason = "no vault: the briefing is on the run only";
        record.end_step(index, StepState::Skipped, "", reason);
        return Ok(None);
    };
    let text = note::note_text(
        &day.text(),
        &context.input.model,
        &context.input.run_id,
        body,
    );
    let day_text = day.text();
    let written = tokio::task::spawn_blocking(move || note::write_note(&vault, &day_text, &text))
        .await
        .map_err(|error| error.to_string())
        .and_then(|written| written.map_err(|error| error.to_string()));
    match written {
        Ok(written) => {
            let (path, said) = match &written {
                Written::Created(path) => (path, format!("wrote {path}")),
                Written::AlreadyThere(path) => (path, format!("already written: {path}")),
            };
            record.set_note_path(path);
            record.end_step(index, StepState::Succeeded, &said, "");
            Ok(Some(written))
        }
        Err(error) => {
            let reason = format!(
                "could not write {}/{}.md: {error}",
                note::BRIEFINGS_FOLDER,
                day.text()
            );
            record.end_step(index, StepState::Failed, "", &reason);
            Err(StepFailure::failed("write", reason))
        }
    }
}

fn post_step(
    context: &RunContext,
    record: &mut RunRecord,
    day: &BriefingDay,
    summary: &str,
    written: Option<&Written>,
) {
    let index = record.begin_step("post");
    let key = post_key(&day.text());
    match (&context.deps.post, written) {
        (None, _) => record.end_step(index, StepState::Skipped, "", "nowhere to post"),
        (Some(_), Some(Written::AlreadyThere(_))) => {
            let reason = "already written: the run that wrote the note posted it";
            record.end_step(index, StepState::Skipped, "", reason);
        }
        (Some(post), written) => {
            let note_path = match written {
                Some(Written::Created(path)) => Some(path.as_str()),
                _ => None,
            };
            post.post(&key, &day.text(), summary, note_path);
            record.end_step(index, StepState::Succeeded, &format!("posted as {key}"), "");
        }
    }
}

/// The same for every run about one day, so the day is posted once.
fn post_key(day: &str) -> String {
    format!("briefing:{day}")
}
