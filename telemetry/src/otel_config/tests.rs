//! Reading the standard OpenTelemetry variables: unset means no export, and every variable's
//! meaning and precedence follows the specification.

use settings::MapEnv;

use super::*;

fn settings(pairs: &[(&str, &str)]) -> Result<Option<OtlpSettings>, TelemetryError> {
    OtlpSettings::from_env(
        &MapEnv::from_pairs(pairs.iter().copied()),
        "llm-runner-test",
    )
}

#[test]
fn nothing_is_exported_without_an_endpoint() {
    assert_eq!(settings(&[]).unwrap(), None);
    // Other variables alone ask for nothing either.
    let unrelated = [
        (OTEL_SERVICE_NAME, "x"),
        (OTEL_EXPORTER_OTLP_PROTOCOL, "grpc"),
        (OTEL_EXPORTER_OTLP_ENDPOINT, "  "),
    ];
    assert_eq!(settings(&unrelated).unwrap(), None);
}

#[test]
fn the_sdk_disabled_switch_wins_over_an_endpoint() {
    let pairs = [
        (OTEL_EXPORTER_OTLP_ENDPOINT, "http://127.0.0.1:4318"),
        (OTEL_SDK_DISABLED, "TRUE"),
    ];
    assert_eq!(settings(&pairs).unwrap(), None);
}

#[test]
fn http_protobuf_is_the_default_and_gets_the_traces_path() {
    let found = settings(&[(OTEL_EXPORTER_OTLP_ENDPOINT, "http://alloy:4318/")])
        .unwrap()
        .unwrap();
    assert_eq!(found.protocol, OtlpProtocol::HttpProtobuf);
    assert_eq!(found.endpoint, "http://alloy:4318/v1/traces");
    assert_eq!(found.service_name, "llm-runner-test");
}

#[test]
fn grpc_keeps_the_endpoint_as_given() {
    let found = settings(&[
        (OTEL_EXPORTER_OTLP_ENDPOINT, "http://alloy:4317"),
        (OTEL_EXPORTER_OTLP_PROTOCOL, "grpc"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(found.protocol, OtlpProtocol::Grpc);
    assert_eq!(found.endpoint, "http://alloy:4317");
}

#[test]
fn the_traces_variables_win_and_their_endpoint_is_used_verbatim() {
    let found = settings(&[
        (OTEL_EXPORTER_OTLP_ENDPOINT, "http://generic:4317"),
        (OTEL_EXPORTER_OTLP_PROTOCOL, "grpc"),
        (
            OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
            "http://tempo:4318/otlp/traces",
        ),
        (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, "http/protobuf"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(found.protocol, OtlpProtocol::HttpProtobuf);
    assert_eq!(found.endpoint, "http://tempo:4318/otlp/traces");
}

#[test]
fn unsupported_protocols_and_endpoints_are_refused_with_what_to_do() {
    let json = settings(&[
        (OTEL_EXPORTER_OTLP_ENDPOINT, "http://alloy:4318"),
        (OTEL_EXPORTER_OTLP_PROTOCOL, "http/json"),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        json,
        "OTEL_EXPORTER_OTLP_PROTOCOL: `http/json` is not supported; use grpc or http/protobuf"
    );
    let tls = settings(&[(OTEL_EXPORTER_OTLP_ENDPOINT, "https://alloy:4318")])
        .unwrap_err()
        .to_string();
    assert!(tls.starts_with("OTEL_EXPORTER_OTLP_ENDPOINT: `https://alloy:4318` needs TLS"));
    let bare = settings(&[(OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, "alloy:4317")])
        .unwrap_err()
        .to_string();
    assert!(bare.contains("write it like http://"), "{bare}");
}

#[test]
fn the_service_name_comes_from_the_variable_then_the_attributes_then_the_default() {
    let endpoint = (OTEL_EXPORTER_OTLP_ENDPOINT, "http://alloy:4318");
    let attributes = (
        OTEL_RESOURCE_ATTRIBUTES,
        "service.name=from-attributes, deployment.environment=prod,host.role=gpu%20box",
    );
    let from_attributes = settings(&[endpoint, attributes]).unwrap().unwrap();
    assert_eq!(from_attributes.service_name, "from-attributes");
    assert_eq!(
        from_attributes.resource_attributes,
        vec![
            ("deployment.environment".to_owned(), "prod".to_owned()),
            ("host.role".to_owned(), "gpu box".to_owned()),
        ]
    );
    let named = settings(&[endpoint, attributes, (OTEL_SERVICE_NAME, "davas-agent")])
        .unwrap()
        .unwrap();
    assert_eq!(named.service_name, "davas-agent");
}

#[test]
fn broken_resource_attributes_are_refused() {
    let endpoint = (OTEL_EXPORTER_OTLP_ENDPOINT, "http://alloy:4318");
    for broken in ["novalue", "=x", "a=%zz", "a=%4"] {
        let error = settings(&[endpoint, (OTEL_RESOURCE_ATTRIBUTES, broken)]).unwrap_err();
        assert!(
            error.to_string().starts_with("OTEL_RESOURCE_ATTRIBUTES: "),
            "{broken}: {error}"
        );
    }
}
