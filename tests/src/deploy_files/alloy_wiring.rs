//! What the wiring check knows of Alloy's components, from its reference documentation: each
//! kind our configs use and the exports other components may reference. A kind not listed
//! here is a problem, so a new component is looked up before it is trusted.

use std::collections::{BTreeMap, BTreeSet};

use super::alloy_syntax::AlloyConfig;

/// Component kind → the exports it offers (empty: a source or sink that exports nothing).
pub const KNOWN_KINDS: &[(&str, &[&str])] = &[
    ("otelcol.receiver.otlp", &[]),
    ("otelcol.processor.batch", &["input"]),
    ("otelcol.exporter.otlphttp", &["input"]),
    ("otelcol.auth.basic", &["handler"]),
    ("prometheus.scrape", &[]),
    ("prometheus.remote_write", &["receiver"]),
    ("prometheus.exporter.unix", &["targets"]),
    ("prometheus.exporter.cadvisor", &["targets"]),
    ("discovery.docker", &["targets"]),
    ("discovery.relabel", &["output", "rules"]),
    ("loki.source.docker", &[]),
    ("loki.source.journal", &[]),
    ("loki.relabel", &["receiver", "rules"]),
    ("loki.process", &["receiver"]),
    ("loki.write", &["receiver"]),
];

/// Every wiring problem of one whole configuration: a kind the table does not know, a
/// component defined twice, a reference to a component nobody defines or to an export its
/// kind lacks, and a component that exports something nobody uses (a pipeline ending nowhere).
pub fn wiring_problems(config: &AlloyConfig) -> Vec<String> {
    let known: BTreeMap<&str, &[&str]> = KNOWN_KINDS.iter().copied().collect();
    let mut problems = Vec::new();
    let mut defined: BTreeMap<String, &[&str]> = BTreeMap::new();
    for component in &config.components {
        let Some(exports) = known.get(component.kind.as_str()) else {
            problems.push(format!(
                "line {}: component kind `{}` is not one the check knows",
                component.line, component.kind
            ));
            continue;
        };
        if defined.insert(component.path(), exports).is_some() {
            problems.push(format!(
                "line {}: `{}` is defined twice",
                component.line,
                component.path()
            ));
        }
    }
    let mut used = BTreeSet::new();
    for reference in &config.references {
        match defined.get(&reference.component) {
            None => problems.push(format!(
                "line {}: `{}` is not defined",
                reference.line, reference.component
            )),
            Some(exports) if !exports.contains(&reference.export.as_str()) => {
                problems.push(format!(
                    "line {}: `{}` exports no `{}` (it exports {:?})",
                    reference.line, reference.component, reference.export, exports
                ))
            }
            Some(_) => {
                used.insert(reference.component.clone());
            }
        }
    }
    for (path, exports) in &defined {
        if !exports.is_empty() && !used.contains(path) {
            problems.push(format!("`{path}` is defined but nothing uses it"));
        }
    }
    problems
}
