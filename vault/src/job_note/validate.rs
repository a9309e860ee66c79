//! `parse_job_note`: a submitted note's frontmatter and body checked against the rules of its
//! type, every problem collected with its property and line.

use super::bounds;
use super::checker::Checker;
use super::links::wiki_links;
use super::{JobNote, JobType, NoteProblem};

/// The job a submitted note asks for, or every problem with it.
pub fn parse_job_note(file_name: &str, text: &str) -> Result<JobNote, Vec<NoteProblem>> {
    let Some(found) = bounds::find(text) else {
        return Err(vec![NoteProblem {
            property: None,
            line: Some(1),
            message: "the note has no frontmatter: start it with a `---` line, then `type`, \
                      `model` and `status: submitted`, then a closing `---` line"
                .to_owned(),
        }]);
    };
    let yaml = &text[found.yaml_start..found.yaml_end];
    let mut checker =
        Checker::load(yaml, found.yaml_first_line).map_err(|problem| vec![problem])?;
    let job_type = checker.required("type").and_then(|(word, line)| {
        let job_type = JobType::from_word(&word);
        if job_type.is_none() {
            let known: Vec<&str> = JobType::ALL.iter().map(|known| known.word()).collect();
            let message = format!("unknown type `{word}`: use one of {}", known.join(", "));
            checker.problem("type", Some(line), message);
        }
        job_type
    });
    let model = checker.required("model").map(|(model, _)| model);
    checker.status();
    let notify_discord = checker.notify_discord();
    let temperature = checker.temperature();
    let system = checker.text("system").map(|(text, _)| text);
    let output = checker.output();
    let id = checker.id();
    let day = checker.day();
    let time_zone = checker.time_zone();
    let title = checker
        .text("title")
        .map(|(title, _)| title.trim().to_owned())
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| title_from_file_name(file_name));
    let body = text[found.body_start..].trim().to_owned();
    let links = wiki_links(&body);
    if let Some(job_type) = job_type
        && let Some(message) = body_problem(job_type, &body, &links)
    {
        // A note that ends on its closing `---` has no body line: name the closing line.
        let last_line = u32::try_from(text.matches('\n').count() + 1).unwrap_or(u32::MAX);
        checker.body_problem(found.body_first_line.min(last_line), message);
    }
    let problems = checker.into_problems();
    match (job_type, model) {
        (Some(job_type), Some(model)) if problems.is_empty() => Ok(JobNote {
            id,
            job_type,
            model,
            notify_discord,
            temperature,
            system,
            output,
            title,
            body,
            links,
            day,
            time_zone,
        }),
        _ => Err(problems),
    }
}

/// What the type needs from the body that it lacks.
fn body_problem(job_type: JobType, body: &str, links: &[String]) -> Option<String> {
    let word = job_type.word();
    match job_type {
        JobType::Chat | JobType::Generate | JobType::Research if body.is_empty() => Some(format!(
            "the body is empty: a `{word}` job's prompt is the text below the frontmatter"
        )),
        JobType::Summarize if links.is_empty() => Some(
            "no `[[link]]` in the body: a `summarize` job summarizes the notes it links".into(),
        ),
        JobType::Embed | JobType::Ingest if body.is_empty() => Some(format!(
            "the body is empty: an `{word}` job stores the notes the body links with \
             `[[...]]`, or the body's own text"
        )),
        _ => None,
    }
}

/// The file name without its `.md` (of any case).
fn title_from_file_name(file_name: &str) -> String {
    let split_at = file_name.len().saturating_sub(3);
    match file_name.get(split_at..) {
        Some(extension) if extension.eq_ignore_ascii_case(".md") => {
            file_name[..split_at].to_owned()
        }
        _ => file_name.to_owned(),
    }
}
