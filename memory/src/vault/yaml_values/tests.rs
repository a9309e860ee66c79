//! Values as written: nulls, styles, nested lists and mappings, tags.

use saphyr::{LoadableYamlNode, MarkedYaml, YamlData};

use super::values;

/// The values of key `a` in `yaml`, loaded with scalars resolved (the `Value` variant).
fn resolved(yaml: &str) -> Vec<String> {
    let documents = MarkedYaml::load_from_str(yaml).expect("yaml");
    let Some(YamlData::Mapping(mapping)) = documents.into_iter().next().map(|node| node.data)
    else {
        panic!("not a mapping");
    };
    let (_, value) = mapping.into_iter().next().expect("a key");
    values(value.data)
}

#[test]
fn resolved_scalars_nested_mappings_and_tags_become_text() {
    assert_eq!(resolved("a: 3"), ["3"]);
    assert_eq!(resolved("a: true"), ["true"]);
    assert_eq!(resolved("a: ~"), Vec::<String>::new());
    assert_eq!(resolved("a: [1, 'two', null]"), ["1", "two"]);
    assert_eq!(resolved("a: {b: c, d: [e, f]}"), ["b: c", "d: e, f"]);
    assert_eq!(resolved("a: !custom tagged"), ["tagged"]);
}
