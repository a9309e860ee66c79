//! The research agent: `plan` (a model step: at most three sub-questions), one `search N` per
//! sub-question (memory, no model), then `answer` (a model step over the numbered passages).
//! The run's output is the answer; its citations are the notes the answer cites.

#[cfg(test)]
mod tests;

mod answer_prompt;
mod citations;
mod plan;
mod search_step;

use proto::v1::MemoryHit;

use crate::context::{RunContext, StepFailure};
use crate::model_step::run_model_step;
use crate::run_record::RunRecord;

/// The most passages the answer is given.
const MAX_PASSAGES: usize = 12;

pub(crate) async fn run_research(
    context: &RunContext,
    record: &mut RunRecord,
) -> Result<(), StepFailure> {
    let question = context.input.input.trim().to_owned();
    if question.is_empty() {
        return Err(StepFailure::failed("plan", "research needs a question"));
    }
    let plan_text = run_model_step(context, record, "plan", plan::plan_messages(&question)).await?;
    let sub_questions = plan::parse_sub_questions(&plan_text, &question);
    let mut passages: Vec<MemoryHit> = Vec::new();
    for (number, sub_question) in sub_questions.iter().enumerate() {
        let name = format!("search {}", number + 1);
        let found = search_step::search_step(context, record, &name, sub_question).await?;
        for hit in found {
            let known = passages.iter().any(|passage| same_passage(passage, &hit));
            if !known && passages.len() < MAX_PASSAGES {
                passages.push(hit);
            }
        }
    }
    let messages = answer_prompt::answer_messages(&question, &sub_questions, &passages);
    let answer = run_model_step(context, record, "answer", messages).await?;
    record.set_citations(citations::cited_notes(&answer, &passages));
    record.set_output(&answer);
    Ok(())
}

fn same_passage(one: &MemoryHit, other: &MemoryHit) -> bool {
    one.note == other.note && one.line_start == other.line_start && one.line_end == other.line_end
}
