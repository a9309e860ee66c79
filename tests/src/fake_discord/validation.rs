//! Discord's checks on an execute-webhook body, with its own error shapes: `50109` for a body
//! that is not JSON, `50006` for an empty message, and `50035 Invalid Form Body` with the
//! nested `errors` object (`{"embeds": {"0": {"title": {"_errors": [...]}}}}`) for broken limits.

use serde_json::{Map, Value, json};

const CONTENT_MAX: usize = 2000;
const USERNAME_MAX: usize = 80;
const EMBEDS_MAX: usize = 10;
const TITLE_MAX: usize = 256;
const DESCRIPTION_MAX: usize = 4096;
const FIELDS_MAX: usize = 25;
const FIELD_NAME_MAX: usize = 256;
const FIELD_VALUE_MAX: usize = 1024;
const FOOTER_MAX: usize = 2048;
const AUTHOR_NAME_MAX: usize = 256;
const EMBED_TEXT_TOTAL_MAX: usize = 6000;

/// The error body Discord sends with a 400.
pub fn invalid_json() -> Value {
    json!({"code": 50109, "message": "The request body contains invalid JSON."})
}

fn length(value: Option<&Value>) -> usize {
    value
        .and_then(Value::as_str)
        .map_or(0, |text| text.chars().count())
}

/// Collects problems at JSON paths, then renders Discord's nested `errors` object.
#[derive(Default)]
struct FormErrors(Map<String, Value>);

impl FormErrors {
    fn add(&mut self, path: &[&str], code: &str, message: String) {
        let mut node = &mut self.0;
        for segment in path {
            let entry = node
                .entry((*segment).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            node = match entry {
                Value::Object(map) => map,
                _ => return,
            };
        }
        let errors = node
            .entry("_errors".to_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = errors {
            list.push(json!({"code": code, "message": message}));
        }
    }

    fn too_long(&mut self, path: &[&str], value: Option<&Value>, max: usize) -> usize {
        let size = length(value);
        if size > max {
            self.add(
                path,
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {max} or fewer in length."),
            );
        }
        size
    }
}

/// `Ok(())` when Discord would take the message, else the 400 body it would answer.
pub fn check_message(body: &Value) -> Result<(), Value> {
    let Some(message) = body.as_object() else {
        return Err(invalid_json());
    };
    let content_length = length(message.get("content"));
    let embeds: &[Value] = message
        .get("embeds")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    if content_length == 0 && embeds.is_empty() {
        return Err(json!({"code": 50006, "message": "Cannot send an empty message"}));
    }
    let mut errors = FormErrors::default();
    errors.too_long(&["content"], message.get("content"), CONTENT_MAX);
    if let Some(username) = message.get("username") {
        let size = length(Some(username));
        let lowered = username.as_str().unwrap_or_default().to_lowercase();
        if !(1..=USERNAME_MAX).contains(&size) {
            let text = format!("Must be between 1 and {USERNAME_MAX} in length.");
            errors.add(&["username"], "BASE_TYPE_BAD_LENGTH", text);
        } else if lowered.contains("discord") || lowered.contains("clyde") {
            let text = "Username cannot contain \"discord\" or \"clyde\"".to_owned();
            errors.add(&["username"], "USERNAME_INVALID_CONTAINS", text);
        }
    }
    if embeds.len() > EMBEDS_MAX {
        let text = format!("Must be {EMBEDS_MAX} or fewer in length.");
        errors.add(&["embeds"], "BASE_TYPE_MAX_LENGTH", text);
    }
    let mut total = 0;
    for (index, embed) in embeds.iter().enumerate() {
        total += check_embed(&mut errors, &index.to_string(), embed);
    }
    if total > EMBED_TEXT_TOTAL_MAX {
        let text = format!("Embed size exceeds maximum size of {EMBED_TEXT_TOTAL_MAX}");
        errors.add(&["embeds"], "MAX_EMBED_SIZE_EXCEEDED", text);
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(json!({"code": 50035, "errors": errors.0, "message": "Invalid Form Body"}))
    }
}

/// Checks one embed; returns the characters it counts towards the 6000 total.
fn check_embed(errors: &mut FormErrors, index: &str, embed: &Value) -> usize {
    let mut size = errors.too_long(&["embeds", index, "title"], embed.get("title"), TITLE_MAX);
    size += errors.too_long(
        &["embeds", index, "description"],
        embed.get("description"),
        DESCRIPTION_MAX,
    );
    let footer = embed.get("footer").and_then(|footer| footer.get("text"));
    size += errors.too_long(&["embeds", index, "footer", "text"], footer, FOOTER_MAX);
    let author = embed.get("author").and_then(|author| author.get("name"));
    size += errors.too_long(
        &["embeds", index, "author", "name"],
        author,
        AUTHOR_NAME_MAX,
    );
    let fields: &[Value] = embed
        .get("fields")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    if fields.len() > FIELDS_MAX {
        let text = format!("Must be {FIELDS_MAX} or fewer in length.");
        errors.add(&["embeds", index, "fields"], "BASE_TYPE_MAX_LENGTH", text);
    }
    for (position, field) in fields.iter().enumerate() {
        let position = position.to_string();
        for (key, max) in [("name", FIELD_NAME_MAX), ("value", FIELD_VALUE_MAX)] {
            let path = ["embeds", index, "fields", position.as_str(), key];
            if length(field.get(key)) == 0 {
                errors.add(&path, "BASE_TYPE_REQUIRED", "This field is required".into());
            }
            size += errors.too_long(&path, field.get(key), max);
        }
    }
    size
}
