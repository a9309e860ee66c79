//! The JSON the notes and chunks tables keep lists in (aliases, headings, properties, tags).

use serde_json::{Value, json};

use super::StoreError;
use crate::note::{Property, Tagged};

pub(super) fn strings_json(items: &[String]) -> String {
    json!(items).to_string()
}

pub(super) fn properties_json(properties: &[Property]) -> String {
    let items: Vec<Value> = properties
        .iter()
        .map(|p| json!({"key": p.key, "values": p.values, "line": p.line}))
        .collect();
    Value::Array(items).to_string()
}

pub(super) fn tags_json(tags: &[Tagged]) -> String {
    let items: Vec<Value> = tags
        .iter()
        .map(|t| json!({"tag": t.tag, "line": t.line}))
        .collect();
    Value::Array(items).to_string()
}

fn corrupt(what: &'static str) -> impl Fn(String) -> StoreError {
    move |reason| StoreError::Corrupt { what, reason }
}

fn array(text: &str, what: &'static str) -> Result<Vec<Value>, StoreError> {
    match serde_json::from_str(text).map_err(|e| corrupt(what)(e.to_string()))? {
        Value::Array(items) => Ok(items),
        other => Err(corrupt(what)(format!("not a list: {other}"))),
    }
}

fn string_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn line_of(value: &Value) -> u32 {
    value
        .as_u64()
        .and_then(|line| u32::try_from(line).ok())
        .unwrap_or_default()
}

pub(super) fn strings_from(text: &str) -> Result<Vec<String>, StoreError> {
    Ok(array(text, "string list")?.iter().map(string_of).collect())
}

pub(super) fn properties_from(text: &str) -> Result<Vec<Property>, StoreError> {
    Ok(array(text, "property list")?
        .iter()
        .map(|item| Property {
            key: string_of(&item["key"]),
            values: item["values"]
                .as_array()
                .map(|values| values.iter().map(string_of).collect())
                .unwrap_or_default(),
            line: line_of(&item["line"]),
        })
        .collect())
}

pub(super) fn tags_from(text: &str) -> Result<Vec<Tagged>, StoreError> {
    Ok(array(text, "tag list")?
        .iter()
        .map(|item| Tagged {
            tag: string_of(&item["tag"]),
            line: line_of(&item["line"]),
        })
        .collect())
}
