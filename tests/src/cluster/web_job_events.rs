//! A job's page in the web UI as a browser follows it: its server-sent events
//! (`/jobs/{id}/events?view=job`) read over HTTP and applied the way the page's htmx does —
//! `token` appended to the output, `output` replacing it whole (a retry), `done` ending it.

use anyhow::{Context, bail};

/// One server-sent event: its name and its data (lines joined by newlines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebEvent {
    pub name: String,
    pub data: String,
}

/// Every event the page's stream sent, up to and including `done`.
#[derive(Debug, Clone, Default)]
pub struct WebJobEvents {
    pub events: Vec<WebEvent>,
}

impl WebJobEvents {
    /// The output text the page showed just before `done` replaced it.
    pub fn live_output(&self) -> String {
        let mut shown = String::new();
        for event in &self.events {
            match event.name.as_str() {
                "token" => shown.push_str(&text_of(&event.data)),
                // The restart note comes first, then the fresh output element.
                "output" => {
                    let fresh = event.data.rsplit("</p>").next().unwrap_or_default();
                    shown = text_of(fresh);
                }
                _ => {}
            }
        }
        shown
    }

    /// The output in the final form of the job's section (`<pre class="output">`).
    pub fn final_output(&self) -> Option<String> {
        let done = self.events.iter().find(|event| event.name == "done")?;
        let start = done.data.find(r#"<pre class="output">"#)?;
        let rest = &done.data[start..];
        let end = rest.find("</pre>")?;
        Some(text_of(&rest[..end]))
    }

    pub fn names(&self) -> Vec<&str> {
        self.events
            .iter()
            .map(|event| event.name.as_str())
            .collect()
    }
}

/// Follows job `id`'s page events on the web UI at `http_url` until `done`, handing each event
/// to `seen` as it comes (so a test can wait for the first tokens before it breaks something).
pub async fn follow_web_job_events(
    http_url: String,
    id: String,
    seen: impl Fn(&WebEvent) + Send,
) -> anyhow::Result<WebJobEvents> {
    let url = format!("{http_url}/jobs/{id}/events?view=job");
    let mut response = reqwest::get(&url)
        .await
        .with_context(|| format!("GET {url}"))?
        .error_for_status()?;
    let mut buffer = String::new();
    let mut followed = WebJobEvents::default();
    while let Some(chunk) = response.chunk().await? {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let Some(event) = parse_event(&block) else {
                continue; // a keep-alive comment
            };
            seen(&event);
            let done = event.name == "done";
            followed.events.push(event);
            if done {
                return Ok(followed);
            }
        }
    }
    bail!(
        "the page's event stream ended without done after {:?}",
        followed.names()
    )
}

fn parse_event(block: &str) -> Option<WebEvent> {
    let mut name = None;
    let mut data = Vec::new();
    for line in block.lines() {
        if let Some(value) = line.strip_prefix("event:") {
            name = Some(value.trim().to_owned());
        } else if let Some(value) = line.strip_prefix("data:") {
            data.push(value.strip_prefix(' ').unwrap_or(value));
        }
    }
    Some(WebEvent {
        name: name?,
        data: data.join("\n"),
    })
}

/// The text of an HTML fragment: tags dropped, maud's escapes undone.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            other if !in_tag => text.push(other),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
