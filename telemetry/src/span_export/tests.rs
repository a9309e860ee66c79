//! Tests of the `span_export` module.

use opentelemetry::Key;

use super::*;

fn settings(protocol: OtlpProtocol, endpoint: &str) -> OtlpSettings {
    OtlpSettings {
        endpoint: endpoint.to_owned(),
        protocol,
        service_name: "llm-runner-agent".to_owned(),
        resource_attributes: vec![("deployment.environment".into(), "test".into())],
    }
}

#[test]
fn the_resource_names_the_service_its_version_and_the_operators_attributes() {
    let resource = resource(&settings(OtlpProtocol::Grpc, "http://x:4317"), "1.2.3");
    let get = |key: &'static str| {
        resource
            .get(&Key::from_static_str(key))
            .map(|v| v.to_string())
    };
    assert_eq!(get("service.name").as_deref(), Some("llm-runner-agent"));
    assert_eq!(get("service.version").as_deref(), Some("1.2.3"));
    assert_eq!(get("deployment.environment").as_deref(), Some("test"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn both_protocols_build_without_reaching_the_collector() {
    // Nothing listens on port 1: building must neither connect nor fail, and shutting
    // down with nothing to send must not hang.
    for (protocol, endpoint) in [
        (OtlpProtocol::Grpc, "http://127.0.0.1:1"),
        (OtlpProtocol::HttpProtobuf, "http://127.0.0.1:1/v1/traces"),
    ] {
        let provider =
            tracer_provider(&settings(protocol, endpoint), "0", Handle::current()).unwrap();
        tokio::task::spawn_blocking(move || provider.shutdown())
            .await
            .unwrap()
            .unwrap();
    }
}
