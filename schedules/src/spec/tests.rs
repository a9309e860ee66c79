//! A firing's job: its key from the schedule and the slot, its source, its kind and options.

use chrono::{DateTime, Utc};
use proto::v1::JobKind;

use super::*;

fn slot() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-02T07:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn template(kind: TemplateKind) -> JobTemplate {
    JobTemplate {
        kind,
        model: "qwen2.5:14b".into(),
        prompt: "Say hello".into(),
        system: "Be brief".into(),
        temperature: Some(0.2),
    }
}

#[test]
fn a_chat_firing_carries_the_slot_key_and_the_schedule_as_source() {
    let spec = job_spec("hourly", slot(), &template(TemplateKind::Chat)).unwrap();
    assert_eq!(spec.kind, i32::from(JobKind::Chat));
    assert_eq!(spec.idempotency_key, "schedule:hourly:2026-12-02T07:00:00Z");
    assert_eq!(spec.source, "schedule: hourly");
    let roles: Vec<&str> = spec.messages.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["system", "user"]);
    assert_eq!(spec.options.unwrap().temperature, Some(0.2));
}

#[test]
fn a_generate_firing_keeps_prompt_and_system_apart() {
    let spec = job_spec("g", slot(), &template(TemplateKind::Generate)).unwrap();
    assert_eq!(spec.kind, i32::from(JobKind::Generate));
    assert_eq!(
        (spec.prompt.as_str(), spec.system.as_str()),
        ("Say hello", "Be brief")
    );
}

#[test]
fn an_agent_has_no_single_job_but_a_run_id_from_its_slot() {
    let briefing = TemplateKind::Agent(agents::AgentKind::Briefing);
    assert!(job_spec("b", slot(), &template(briefing)).is_none());
    assert_eq!(run_id("b", slot()), "b@2026-12-02T07:00:00Z");
    let manual = slot() + chrono::TimeDelta::milliseconds(123);
    assert_eq!(
        firing_key("b", manual),
        "schedule:b:2026-12-02T07:00:00.123Z"
    );
}
