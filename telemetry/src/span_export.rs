//! Builds the tracer provider that exports spans over OTLP — gRPC (tonic) or HTTP protobuf
//! (reqwest) — through a batch processor, so a slow or absent collector costs a job nothing:
//! spans queue in memory (and are dropped when the queue is full) while a background thread
//! sends them.

use opentelemetry::KeyValue;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tokio::runtime::Handle;

use crate::TelemetryError;
use crate::export_failures::FailureCountingExporter;
use crate::otel_config::{OtlpProtocol, OtlpSettings};

/// A provider exporting to `settings.endpoint`; its exports run on `runtime`.
pub(crate) fn tracer_provider(
    settings: &OtlpSettings,
    service_version: &str,
    runtime: Handle,
) -> Result<SdkTracerProvider, TelemetryError> {
    // tonic's lazy channel spawns its connection task on the runtime it is built in.
    let _runtime_context = runtime.enter();
    let exporter = match settings.protocol {
        OtlpProtocol::Grpc => SpanExporter::builder()
            .with_tonic()
            .with_protocol(Protocol::Grpc)
            .with_endpoint(settings.endpoint.clone())
            .build(),
        OtlpProtocol::HttpProtobuf => SpanExporter::builder()
            .with_http()
            .with_protocol(Protocol::HttpBinary)
            .with_endpoint(settings.endpoint.clone())
            .build(),
    }
    .map_err(|error| TelemetryError::ExporterBuild(error.to_string()))?;
    let exporter =
        FailureCountingExporter::new(exporter, runtime.clone(), settings.endpoint.clone());
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(resource(settings, service_version))
        .build())
}

/// Who is speaking: `service.version`, then the operator's attributes (which may override
/// it), then `service.name` as resolved from the environment.
fn resource(settings: &OtlpSettings, service_version: &str) -> Resource {
    let attributes = settings
        .resource_attributes
        .iter()
        .map(|(key, value)| KeyValue::new(key.clone(), value.clone()));
    Resource::builder_empty()
        .with_attribute(KeyValue::new("service.version", service_version.to_owned()))
        .with_attributes(attributes)
        .with_service_name(settings.service_name.clone())
        .build()
}

#[cfg(test)]
mod tests;
