//! Which run a note asks for: the body as the question, the day as written or yesterday in
//! the note's zone, the note named as the source and the run id made of the vault job's id.

use super::*;
use crate::job_note::parse_job_note;
use crate::ledger::tests::claimed_job;

/// 2026-12-03T00:30:00Z: already the 3rd in UTC, still the 2nd in New York.
const NOW_MS: i64 = 1_796_257_800_000;

fn note(properties: &str, body: &str) -> JobNote {
    let text = format!("---\nmodel: gemma4:27b\nstatus: submitted\n{properties}---\n{body}\n");
    parse_job_note("q.md", &text).unwrap()
}

#[test]
fn a_research_note_asks_its_body_under_a_run_id_made_of_the_job_id() {
    let run = agent_job(
        &claimed_job("j1", "q.md", 5),
        &note("type: research\n", "Why is the sky blue?"),
        NOW_MS,
    );
    assert_eq!(
        run,
        AgentJob {
            agent: "research".into(),
            model: "gemma4:27b".into(),
            input: "Why is the sky blue?".into(),
            time_zone: "UTC".into(),
            source: "vault: Runner/inbox/q.md".into(),
            run_id: "vault-j1".into(),
        }
    );
}

#[test]
fn a_briefing_reports_on_its_day_or_yesterday_in_its_zone() {
    let job = claimed_job("j2", "brief.md", 5);
    let given = agent_job(&job, &note("type: briefing\nday: 2026-11-20\n", ""), NOW_MS);
    assert_eq!(
        (given.agent.as_str(), given.input.as_str()),
        ("briefing", "2026-11-20")
    );
    let utc = agent_job(&job, &note("type: briefing\n", ""), NOW_MS);
    assert_eq!(utc.input, "2026-12-02");
    let zoned = note("type: briefing\ntime_zone: America/New_York\n", "");
    let new_york = agent_job(&job, &zoned, NOW_MS);
    assert_eq!(new_york.input, "2026-12-01");
    assert_eq!(new_york.time_zone, "America/New_York");
}
