//! YAML nodes to property values as written: a scalar, each item of a list, `sub: value` for a
//! nested mapping; null is no value.

use saphyr::{MarkedYaml, Scalar, ScalarStyle, YamlData};

/// A scalar as written; `None` for null (`~`, `null`, nothing) and for collections.
pub fn scalar_text<'input>(data: &YamlData<'input, MarkedYaml<'input>>) -> Option<String> {
    match data {
        YamlData::Representation(text, style, _) => {
            let null = matches!(style, ScalarStyle::Plain)
                && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL");
            (!null).then(|| text.to_string())
        }
        YamlData::Value(scalar) => match scalar {
            Scalar::Null => None,
            Scalar::Boolean(value) => Some(value.to_string()),
            Scalar::Integer(value) => Some(value.to_string()),
            Scalar::FloatingPoint(value) => Some(value.to_string()),
            Scalar::String(value) => Some(value.to_string()),
        },
        YamlData::Tagged(_, inner) => scalar_text(&inner.data),
        _ => None,
    }
}

/// A property's values: a scalar, each item of a list, or `sub: value` of a nested mapping.
pub fn values<'input>(data: YamlData<'input, MarkedYaml<'input>>) -> Vec<String> {
    match data {
        YamlData::Sequence(items) => items
            .into_iter()
            .flat_map(|item| item_values(item.data))
            .collect(),
        YamlData::Mapping(mapping) => mapping
            .into_iter()
            .filter_map(|(key, value)| {
                let key = scalar_text(&key.data)?;
                let value = values(value.data).join(", ");
                Some(format!("{key}: {value}"))
            })
            .collect(),
        YamlData::Tagged(_, inner) => values(inner.data),
        other => scalar_text(&other).into_iter().collect(),
    }
}

/// One list item; `- [[Note]]` unquoted is YAML for a list in a list, and Obsidian users mean
/// the link, so a one-item inner list is read back as `[[Note]]`.
fn item_values<'input>(data: YamlData<'input, MarkedYaml<'input>>) -> Vec<String> {
    if let YamlData::Sequence(inner) = &data
        && let [only] = inner.as_slice()
        && let Some(text) = scalar_text(&only.data)
    {
        return vec![format!("[[{text}]]")];
    }
    values(data)
}

#[cfg(test)]
mod tests;
