//! Tokens of one job that are already waiting together go to the coordinator as one delta.
//! Nothing is held back for it: only messages queued at the same moment are joined, so a
//! busy agent sends fewer, larger messages and a quiet one sends each token as it comes.

use proto::v1::{AgentJobUpdate, AgentMessage, agent_job_update, agent_message};

/// At most this many waiting messages are looked at together.
pub(super) const MOST_MESSAGES_MERGED: usize = 256;

/// Joins each run of consecutive deltas of the same job; every other message keeps its place.
pub(super) fn merge_adjacent_tokens(messages: Vec<AgentMessage>) -> Vec<AgentMessage> {
    let mut merged: Vec<AgentMessage> = Vec::with_capacity(messages.len());
    for message in messages {
        if let (Some(previous), Some((job_id, more))) =
            (merged.last_mut().and_then(delta_mut), delta_of(&message))
            && previous.0 == job_id
        {
            previous.1.push_str(more);
            continue;
        }
        merged.push(message);
    }
    merged
}

fn delta_of(message: &AgentMessage) -> Option<(&str, &str)> {
    match &message.kind {
        Some(agent_message::Kind::Job(AgentJobUpdate {
            job_id,
            event: Some(agent_job_update::Event::Delta(text)),
        })) => Some((job_id, text)),
        _ => None,
    }
}

fn delta_mut(message: &mut AgentMessage) -> Option<(&str, &mut String)> {
    match &mut message.kind {
        Some(agent_message::Kind::Job(AgentJobUpdate {
            job_id,
            event: Some(agent_job_update::Event::Delta(text)),
        })) => Some((job_id.as_str(), text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(job_id: &str, event: agent_job_update::Event) -> AgentMessage {
        AgentMessage {
            kind: Some(agent_message::Kind::Job(AgentJobUpdate {
                job_id: job_id.into(),
                event: Some(event),
            })),
        }
    }

    fn delta(job_id: &str, text: &str) -> AgentMessage {
        update(job_id, agent_job_update::Event::Delta(text.into()))
    }

    #[test]
    fn a_jobs_waiting_tokens_merge_but_not_across_jobs_or_other_messages() {
        let started = update("B", agent_job_update::Event::Started(Default::default()));
        let merged = merge_adjacent_tokens(vec![
            delta("A", "why"),
            delta("A", " is"),
            delta("B", "hi"),
            delta("A", " the"),
            started.clone(),
            delta("A", " sky"),
            delta("A", " blue"),
        ]);
        assert_eq!(
            merged,
            [
                delta("A", "why is"),
                delta("B", "hi"),
                delta("A", " the"),
                started,
                delta("A", " sky blue"),
            ]
        );
    }

    #[test]
    fn nothing_waiting_is_nothing_sent() {
        assert!(merge_adjacent_tokens(Vec::new()).is_empty());
    }
}
