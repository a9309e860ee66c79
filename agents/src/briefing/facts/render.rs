//! The facts as the `## Facts` section: fixed section order, states in lifecycle order,
//! models by name, and "None." or "Not available: …" where there is nothing or nothing known.

#[cfg(test)]
mod tests;

use super::{Facts, UsageFacts};

/// Job states in the order the facts list them.
const STATE_ORDER: [&str; 6] = [
    "succeeded",
    "failed",
    "rejected",
    "cancelled",
    "running",
    "queued",
];

impl Facts {
    pub fn render(&self) -> String {
        let mut text = format!("## Facts\n\nDay: {} ({})\n", self.day, self.time_zone);
        self.render_jobs(&mut text);
        text.push_str("\n### Tokens and cost\n\n");
        match &self.usage {
            Ok(usage) => render_usage(&mut text, usage),
            Err(problem) => line(&mut text, format!("Not available: {problem}")),
        }
        self.render_nodes(&mut text);
        text.push_str("\n### Alerts\n\n");
        match &self.alerts {
            None => text.push_str("No alerts source.\n"),
            Some(alerts) => list(&mut text, alerts.iter().map(|alert| format!("- {alert}"))),
        }
        text.push_str("\n### New notes\n\n");
        match &self.new_notes {
            Err(problem) => line(&mut text, format!("Not available: {problem}")),
            Ok(None) => text.push_str("No vault.\n"),
            Ok(Some(notes)) => list(&mut text, notes.iter().map(|note| format!("- [[{note}]]"))),
        }
        text
    }

    fn render_jobs(&self, text: &mut String) {
        let total: u64 = self.jobs_by_state.values().sum();
        line(text, format!("\n### Jobs\n\n- total: {total}"));
        let known = STATE_ORDER.iter().map(|state| (*state).to_owned());
        let others = (self.jobs_by_state.keys())
            .filter(|state| !STATE_ORDER.contains(&state.as_str()))
            .cloned();
        for state in known.chain(others) {
            if let Some(count) = self.jobs_by_state.get(&state) {
                line(text, format!("- {state}: {count}"));
            }
        }
        text.push_str("\n### Jobs per model\n\n");
        let per_model = self.jobs_by_model.iter();
        list(
            text,
            per_model.map(|(model, count)| format!("- {model}: {count}")),
        );
        text.push_str("\n### Failures and rejections\n\n");
        list(
            text,
            (self.failures.iter()).map(|job| {
                format!(
                    "- {} ({}, {}): {}",
                    job.id, job.model, job.state, job.reason
                )
            }),
        );
    }

    fn render_nodes(&self, text: &mut String) {
        text.push_str("\n### Nodes\n\n");
        for (name, state, reason) in &self.nodes {
            match reason.as_str() {
                "" => line(text, format!("- {name}: {state}")),
                reason => line(text, format!("- {name}: {state} ({reason})")),
            }
        }
        let down: Vec<&str> = (self.nodes.iter())
            .filter(|(_, state, _)| state == "down")
            .map(|(name, _, _)| name.as_str())
            .collect();
        let down = if down.is_empty() {
            "none".to_owned()
        } else {
            down.join(", ")
        };
        line(text, format!("\nDown: {down}"));
    }
}

fn line(text: &mut String, content: String) {
    text.push_str(&content);
    text.push('\n');
}

/// The lines, or "None." when there are none.
fn list(text: &mut String, lines: impl Iterator<Item = String>) {
    let mut any = false;
    for content in lines {
        line(text, content);
        any = true;
    }
    if !any {
        text.push_str("None.\n");
    }
}

fn render_usage(text: &mut String, usage: &UsageFacts) {
    let cost = client::usage::format_usd(usage.cost_usd);
    line(text, format!("- jobs that ran: {}", usage.jobs));
    line(text, format!("- input tokens: {}", usage.input_tokens));
    line(text, format!("- output tokens: {}", usage.output_tokens));
    line(text, format!("- cost: {cost}"));
    if usage.jobs_without_usage > 0 {
        line(
            text,
            format!("- jobs without usage: {}", usage.jobs_without_usage),
        );
    }
    for row in &usage.per_model {
        let (model, jobs) = (&row.model, row.jobs);
        let (input, output) = (row.input_tokens, row.output_tokens);
        let cost = client::usage::format_usd(row.cost_usd);
        line(
            text,
            format!("- {model}: {jobs} jobs, {input} in, {output} out, {cost}"),
        );
    }
}
