//! `job = { … }` of a schedule: what each firing runs. `chat` and `generate` are one job of
//! the cluster; `briefing`, `research` and `memory` are agent runs made of steps.

use settings::{Key, Kind, Problems, Step, toml};

/// Every key `job = { … }` takes.
pub const JOB_KEYS: &[Key] = &[
    Key::required("type", Kind::Text),
    Key::optional("model", Kind::Text),
    Key::optional("prompt", Kind::Text),
    Key::optional("question", Kind::Text),
    Key::optional("system", Kind::Text),
    Key::optional("temperature", Kind::Number),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateKind {
    Chat,
    Generate,
    Agent(agents::AgentKind),
}

impl TemplateKind {
    pub fn word(self) -> &'static str {
        match self {
            TemplateKind::Chat => "chat",
            TemplateKind::Generate => "generate",
            TemplateKind::Agent(agent) => agent.word(),
        }
    }

    fn parse(word: &str) -> Option<Self> {
        match word {
            "chat" => Some(TemplateKind::Chat),
            "generate" => Some(TemplateKind::Generate),
            other => agents::AgentKind::parse(other).map(TemplateKind::Agent),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobTemplate {
    pub kind: TemplateKind,
    /// Empty only for `memory`.
    pub model: String,
    /// The prompt (chat, generate) or the question (research); empty otherwise.
    pub prompt: String,
    pub system: String,
    pub temperature: Option<f64>,
}

impl JobTemplate {
    pub(super) fn parse(
        table: &toml::Table,
        at: &[Step],
        label: &str,
        problems: &mut Problems,
    ) -> Option<Self> {
        let mut table = table.clone();
        let before = problems.len();
        settings::check_table(&mut table, at, JOB_KEYS, problems);
        let text = |key: &str| {
            table
                .get(key)
                .and_then(toml::Value::as_str)
                .map(str::trim)
                .unwrap_or_default()
                .to_owned()
        };
        let key_at = |key: &str| {
            let mut path = at.to_vec();
            path.push(Step::key(key));
            path
        };
        let word = text("type");
        let Some(kind) = TemplateKind::parse(&word) else {
            let problem = format!(
                "{label}: job type `{word}` is not chat, generate, briefing, research or memory"
            );
            problems.push_at(&key_at("type"), &problem);
            return None;
        };
        let model = text("model");
        if model.is_empty() && kind != TemplateKind::Agent(agents::AgentKind::Memory) {
            let problem = format!("{label}: name the model its {} job runs on", kind.word());
            problems.push_at(&key_at("model"), &problem);
        }
        let (prompt, question) = (text("prompt"), text("question"));
        if !prompt.is_empty() && !question.is_empty() {
            let problem = format!("{label}: give a prompt or a question, not both");
            problems.push_at(&key_at("question"), &problem);
        }
        let prompt = if prompt.is_empty() { question } else { prompt };
        let needs_prompt = matches!(
            kind,
            TemplateKind::Chat
                | TemplateKind::Generate
                | TemplateKind::Agent(agents::AgentKind::Research)
        );
        if needs_prompt && prompt.is_empty() {
            let key = if kind == TemplateKind::Agent(agents::AgentKind::Research) {
                "question"
            } else {
                "prompt"
            };
            problems.push_at(
                &key_at(key),
                &format!("{label}: a {} job needs a {key}", kind.word()),
            );
        }
        let temperature = table.get("temperature").and_then(toml::Value::as_float);
        if let Some(temperature) = temperature.filter(|value| !(0.0..=2.0).contains(value)) {
            let problem = format!("{label}: temperature {temperature} is not between 0 and 2");
            problems.push_at(&key_at("temperature"), &problem);
        }
        (problems.len() == before).then(|| Self {
            kind,
            model,
            prompt,
            system: text("system"),
            temperature,
        })
    }
}
