//! The Alloy reader against small configs: what it reads, and the wiring problems it must catch.

use super::*;
use crate::deploy_files::alloy_wiring::wiring_problems;

const PIPELINE: &str = r#"
// A receiver feeding a batch processor feeding an exporter with basic auth.
otelcol.receiver.otlp "default" {
  http {
    endpoint = "127.0.0.1:4318"
  }
  output {
    traces = [otelcol.processor.batch.default.input]
  }
}

/* a block comment
   over two lines */
otelcol.processor.batch "default" {
  output {
    traces = [
      otelcol.exporter.otlphttp.cloud.input,
    ]
  }
}

otelcol.auth.basic "cloud" {
  client_auth {
    username = sys.env("CLOUD_USER")
    password = sys.env("CLOUD_TOKEN")
  }
}

otelcol.exporter.otlphttp "cloud" {
  client {
    endpoint = string.format("%s/otlp", sys.env("CLOUD_URL"))
    auth     = otelcol.auth.basic.cloud.handler
  }
}
"#;

#[test]
fn components_references_and_variables_are_read() {
    let config = parse(PIPELINE).expect("parses");
    let paths: Vec<String> = config.components.iter().map(Component::path).collect();
    assert_eq!(
        paths,
        [
            "otelcol.receiver.otlp.default",
            "otelcol.processor.batch.default",
            "otelcol.auth.basic.cloud",
            "otelcol.exporter.otlphttp.cloud",
        ]
    );
    let references: Vec<(&str, &str)> = config
        .references
        .iter()
        .map(|reference| (reference.component.as_str(), reference.export.as_str()))
        .collect();
    assert_eq!(
        references,
        [
            ("otelcol.processor.batch.default", "input"),
            ("otelcol.exporter.otlphttp.cloud", "input"),
            ("otelcol.auth.basic.cloud", "handler"),
        ]
    );
    let variables: Vec<&str> = config.env_vars.iter().map(String::as_str).collect();
    assert_eq!(variables, ["CLOUD_TOKEN", "CLOUD_URL", "CLOUD_USER"]);
    assert!(
        wiring_problems(&config).is_empty(),
        "{:?}",
        wiring_problems(&config)
    );
}

#[test]
fn a_dangling_reference_a_wrong_export_and_an_unused_component_are_problems() {
    let broken = PIPELINE
        .replace(
            "otelcol.exporter.otlphttp.cloud.input,",
            "otelcol.exporter.otlphttp.clod.input,",
        )
        .replace(
            "otelcol.auth.basic.cloud.handler",
            "otelcol.auth.basic.cloud.input",
        );
    let problems = wiring_problems(&parse(&broken).expect("parses"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`otelcol.exporter.otlphttp.clod` is not defined"))
    );
    assert!(problems.iter().any(|p| p.contains("exports no `input`")));
    assert!(problems.iter().any(|p| p.contains("`otelcol.exporter.otlphttp.cloud` is defined but nothing uses it")));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`otelcol.auth.basic.cloud` is defined but nothing uses it"))
    );
}

#[test]
fn an_unknown_kind_and_a_duplicate_are_problems() {
    let text =
        "otelcol.exporter.otlp_http \"x\" {\n}\nloki.write \"a\" {\n}\nloki.write \"a\" {\n}\n";
    let problems = wiring_problems(&parse(text).expect("parses"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`otelcol.exporter.otlp_http` is not one the check knows"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`loki.write.a` is defined twice"))
    );
}

#[test]
fn syntax_errors_name_their_line() {
    assert!(
        parse("loki.write \"a\" {\n  endpoint {\n")
            .unwrap_err()
            .contains("ends inside a block")
    );
    assert!(parse("a = [1,\n").unwrap_err().contains("line 1"));
    assert!(
        parse("x = \"open\n")
            .unwrap_err()
            .contains("line 1: unterminated string")
    );
    assert!(
        parse("loki.write \"a\" \"b\" {}\n")
            .unwrap_err()
            .contains("line 1")
    );
}
