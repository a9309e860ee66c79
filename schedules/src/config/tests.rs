//! `[[schedules]]` as written: defaults, every problem naming its schedule, bad entries left out.

use settings::{Problems, toml};

use super::*;

fn parse(text: &str) -> (Vec<ScheduleConfig>, Vec<String>) {
    let document: toml::Table = text.parse().unwrap();
    let tables: Vec<toml::Table> = document
        .get("schedules")
        .and_then(toml::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_table().cloned())
                .collect()
        })
        .unwrap_or_default();
    let mut problems = Problems::default();
    let schedules = parse_schedules(&tables, &mut problems);
    let lines = problems
        .finish(|| ())
        .err()
        .map(|error| error.problems)
        .unwrap_or_default();
    (schedules, lines)
}

#[test]
fn a_full_schedule_is_read_with_its_policies() {
    let (schedules, problems) = parse(
        r#"
        [[schedules]]
        name = "briefing"
        cron = "0 7 * * *"
        time_zone = "Europe/London"
        overlap = "replace"
        catch_up = "none"
        starting_deadline = "6h"
        job = { type = "briefing", model = "qwen2.5:14b" }
        "#,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let briefing = &schedules[0];
    assert_eq!(briefing.name, "briefing");
    assert_eq!(briefing.cron.zone(), chrono_tz::Europe::London);
    assert_eq!(briefing.overlap, Overlap::Replace);
    assert_eq!(briefing.catch_up, CatchUp::None);
    assert_eq!(
        briefing.starting_deadline,
        std::time::Duration::from_secs(6 * 3600)
    );
    assert_eq!(
        briefing.job.kind,
        TemplateKind::Agent(agents::AgentKind::Briefing)
    );
}

#[test]
fn defaults_are_utc_skip_once_and_an_hour() {
    let (schedules, problems) = parse(
        r#"
        [[schedules]]
        name = "hello"
        cron = "*/5 * * * * *"
        job = { type = "chat", model = "qwen2.5:14b", prompt = "hi", temperature = 0 }
        "#,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let hello = &schedules[0];
    assert_eq!(hello.cron.zone(), chrono_tz::Tz::UTC);
    assert_eq!(hello.overlap, Overlap::Skip);
    assert_eq!(hello.catch_up, CatchUp::Once);
    assert_eq!(hello.starting_deadline, DEFAULT_STARTING_DEADLINE);
    assert_eq!(hello.job.temperature, Some(0.0));
    assert_eq!(hello.job.prompt, "hi");
}

#[test]
fn every_problem_names_its_schedule_and_the_bad_entries_are_left_out() {
    let (schedules, problems) = parse(
        r#"
        [[schedules]]
        name = "bad-cron"
        cron = "0 25 * * *"
        job = { type = "chat", model = "m", prompt = "p" }

        [[schedules]]
        name = "bad-zone"
        cron = "0 7 * * *"
        time_zone = "Mars/Olympus"
        overlap = "sometimes"
        job = { type = "summon", model = "m" }

        [[schedules]]
        name = "good"
        cron = "0 7 * * *"
        job = { type = "research", model = "m", question = "why?" }

        [[schedules]]
        name = "good"
        cron = "0 8 * * *"
        job = { type = "memory" }
        "#,
    );
    assert_eq!(schedules.len(), 1, "only the first `good` is kept");
    let all = problems.join("\n");
    assert!(
        all.contains("schedule `bad-cron`: cron `0 25 * * *` is not valid"),
        "{all}"
    );
    assert!(
        all.contains("`Mars/Olympus` is not an IANA time zone"),
        "{all}"
    );
    assert!(
        all.contains("schedule `bad-zone`: `sometimes` is not skip, allow or replace"),
        "{all}"
    );
    assert!(
        all.contains("job type `summon` is not chat, generate, briefing, research or memory"),
        "{all}"
    );
    assert!(all.contains("schedule `good` is named twice"), "{all}");
}

#[test]
fn jobs_missing_what_they_need_are_problems() {
    let (_, problems) = parse(
        r#"
        [[schedules]]
        name = "no-model"
        cron = "0 7 * * *"
        job = { type = "chat", prompt = "p" }

        [[schedules]]
        name = "no-prompt"
        cron = "0 7 * * *"
        job = { type = "generate", model = "m" }

        [[schedules]]
        name = "no-question"
        cron = "0 7 * * *"
        job = { type = "research", model = "m", temperature = 3.5 }

        [[schedules]]
        name = "has spaces"
        cron = "0 7 * * *"
        colour = "blue"
        job = { type = "memory" }
        "#,
    );
    let all = problems.join("\n");
    assert!(
        all.contains("schedule `no-model`: name the model its chat job runs on"),
        "{all}"
    );
    assert!(
        all.contains("schedule `no-prompt`: a generate job needs a prompt"),
        "{all}"
    );
    assert!(
        all.contains("schedule `no-question`: a research job needs a question"),
        "{all}"
    );
    assert!(
        all.contains("temperature 3.5 is not between 0 and 2"),
        "{all}"
    );
    assert!(all.contains("use letters, digits"), "{all}");
    assert!(all.contains("unknown key `colour`"), "{all}");
}
