//! What the standard OpenTelemetry environment variables ask of trace export, read through
//! `settings::EnvSource` (so `.env` files work and tests feed a map) and checked at start-up:
//! the endpoint (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT`), the
//! protocol, `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SDK_DISABLED`.

use settings::EnvSource;

use crate::TelemetryError;

pub const OTEL_EXPORTER_OTLP_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
pub const OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
pub const OTEL_EXPORTER_OTLP_PROTOCOL: &str = "OTEL_EXPORTER_OTLP_PROTOCOL";
pub const OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: &str = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
pub const OTEL_SERVICE_NAME: &str = "OTEL_SERVICE_NAME";
pub const OTEL_RESOURCE_ATTRIBUTES: &str = "OTEL_RESOURCE_ATTRIBUTES";
pub const OTEL_SDK_DISABLED: &str = "OTEL_SDK_DISABLED";

/// The path the OTLP/HTTP receiver takes traces on, appended to the generic endpoint only.
const HTTP_TRACES_PATH: &str = "/v1/traces";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtlpProtocol {
    /// `grpc`: the collector's port 4317.
    Grpc,
    /// `http/protobuf`: the collector's port 4318; the specification's default.
    HttpProtobuf,
}

/// Where and how spans are exported, and who the process says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtlpSettings {
    /// The gRPC endpoint, or the full HTTP URL (ending in `/v1/traces` unless the traces
    /// endpoint variable said otherwise).
    pub endpoint: String,
    pub protocol: OtlpProtocol,
    pub service_name: String,
    /// `OTEL_RESOURCE_ATTRIBUTES`, decoded, in order, without `service.name`.
    pub resource_attributes: Vec<(String, String)>,
}

impl OtlpSettings {
    /// `None` when no endpoint is set (or `OTEL_SDK_DISABLED=true`): nothing is exported and no
    /// exporter is built.
    pub fn from_env(
        env: &dyn EnvSource,
        default_service_name: &str,
    ) -> Result<Option<Self>, TelemetryError> {
        if non_empty(env, OTEL_SDK_DISABLED).is_some_and(|value| value.eq_ignore_ascii_case("true"))
        {
            return Ok(None);
        }
        let traces_endpoint = non_empty(env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
        let generic_endpoint = non_empty(env, OTEL_EXPORTER_OTLP_ENDPOINT);
        if traces_endpoint.is_none() && generic_endpoint.is_none() {
            return Ok(None);
        }
        let protocol = protocol(env)?;
        let endpoint = match (traces_endpoint, generic_endpoint) {
            (Some(endpoint), _) => checked_endpoint(OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, endpoint)?,
            (None, Some(base)) => {
                let base = checked_endpoint(OTEL_EXPORTER_OTLP_ENDPOINT, base)?;
                match protocol {
                    // gRPC routes by service name, not by path.
                    OtlpProtocol::Grpc => base,
                    OtlpProtocol::HttpProtobuf => {
                        format!("{}{HTTP_TRACES_PATH}", base.trim_end_matches('/'))
                    }
                }
            }
            (None, None) => return Ok(None),
        };
        let mut resource_attributes = match non_empty(env, OTEL_RESOURCE_ATTRIBUTES) {
            Some(text) => parse_resource_attributes(&text)?,
            None => Vec::new(),
        };
        let named_in_attributes = resource_attributes
            .iter()
            .position(|(key, _)| key == "service.name")
            .map(|index| resource_attributes.remove(index).1);
        let service_name = non_empty(env, OTEL_SERVICE_NAME)
            .or(named_in_attributes)
            .unwrap_or_else(|| default_service_name.to_owned());
        Ok(Some(Self {
            endpoint,
            protocol,
            service_name,
            resource_attributes,
        }))
    }
}

fn non_empty(env: &dyn EnvSource, key: &str) -> Option<String> {
    env.get(key)
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

fn protocol(env: &dyn EnvSource) -> Result<OtlpProtocol, TelemetryError> {
    let (variable, value) = match non_empty(env, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) {
        Some(value) => (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, value),
        None => match non_empty(env, OTEL_EXPORTER_OTLP_PROTOCOL) {
            Some(value) => (OTEL_EXPORTER_OTLP_PROTOCOL, value),
            None => return Ok(OtlpProtocol::HttpProtobuf),
        },
    };
    match value.as_str() {
        "grpc" => Ok(OtlpProtocol::Grpc),
        "http/protobuf" => Ok(OtlpProtocol::HttpProtobuf),
        other => Err(TelemetryError::BadVariable {
            variable,
            problem: format!("`{other}` is not supported; use grpc or http/protobuf"),
        }),
    }
}

/// Plain `http://` only: this build carries no TLS (collectors sit on the host or tailnet).
fn checked_endpoint(variable: &'static str, endpoint: String) -> Result<String, TelemetryError> {
    if endpoint.starts_with("http://") && endpoint.len() > "http://".len() {
        return Ok(endpoint);
    }
    let problem = if endpoint.starts_with("https://") {
        format!(
            "`{endpoint}` needs TLS, which this build leaves out; export to a collector on \
             the host or tailnet over http://"
        )
    } else {
        format!("`{endpoint}` is not a URL; write it like http://127.0.0.1:4318")
    };
    Err(TelemetryError::BadVariable { variable, problem })
}

/// `key1=value1,key2=value2` with percent-encoded values, as the specification writes it.
fn parse_resource_attributes(text: &str) -> Result<Vec<(String, String)>, TelemetryError> {
    let bad = |problem: String| TelemetryError::BadVariable {
        variable: OTEL_RESOURCE_ATTRIBUTES,
        problem,
    };
    text.split(',')
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| bad(format!("`{pair}` is not key=value")))?;
            let key = key.trim();
            if key.is_empty() {
                return Err(bad(format!("`{pair}` has an empty key")));
            }
            let value = percent_decode(value.trim())
                .ok_or_else(|| bad(format!("`{pair}` has a broken %-escape")))?;
            Ok((key.to_owned(), value))
        })
        .collect()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests;
