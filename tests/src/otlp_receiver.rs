//! A real OTLP receiver for trace scenarios: the `rotel` collector (installed from PyPI by
//! `cargo xtask install`) listening for gRPC and HTTP on ephemeral loopback ports, printing
//! every span it receives to its log, which [`OtlpReceiver::spans`] reads back.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::cluster::{ManagedProcess, Patience, eventually};

/// One span as the collector printed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceivedSpan {
    /// The exporting process's `service.name` resource attribute.
    pub service: String,
    pub name: String,
    pub trace_id: String,
    pub span_id: String,
    /// Empty for a root span.
    pub parent_id: String,
    /// The span's attributes (and its events'), each value without its type: `Str(x)` is `x`,
    /// `Int(5)` is `5`.
    pub attributes: std::collections::BTreeMap<String, String>,
}

pub struct OtlpReceiver {
    pub grpc_port: u16,
    pub http_port: u16,
    process: ManagedProcess,
    _dir: tempfile::TempDir,
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// `site-packages/rotel/rotel-agent`: pip keeps the binary inside the package, off `PATH`.
fn rotel_agent_path() -> anyhow::Result<PathBuf> {
    let output = std::process::Command::new("python3")
        .args([
            "-c",
            "import os, rotel; print(os.path.join(os.path.dirname(rotel.__file__), 'rotel-agent'))",
        ])
        .output()
        .context("cannot run python3")?;
    if !output.status.success() {
        bail!(
            "the rotel collector is not installed; run `cargo xtask install` (pip install --pre rotel)"
        );
    }
    Ok(PathBuf::from(String::from_utf8(output.stdout)?.trim()))
}

impl OtlpReceiver {
    /// Starts the collector (killed on drop) and waits until both ports accept connections.
    pub async fn start() -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("llm-runner-otlp-")
            .tempdir()?;
        let (grpc_port, http_port) = (free_port()?, free_port()?);
        let args: Vec<String> = [
            "start",
            "--otlp-grpc-endpoint",
            &format!("127.0.0.1:{grpc_port}"),
            "--otlp-http-endpoint",
            &format!("127.0.0.1:{http_port}"),
            "--exporter",
            "blackhole",
            "--debug-log",
            "traces",
            // `detailed` prints every span's ids and name; `basic` only counts them.
            "--debug-log-verbosity",
            "detailed",
            "--pid-file",
            &dir.path().join("rotel.pid").display().to_string(),
            "--log-file",
            &dir.path().join("rotel-agent.log").display().to_string(),
        ]
        .iter()
        .map(|arg| (*arg).to_owned())
        .collect();
        let process = ManagedProcess::spawn("rotel", &rotel_agent_path()?, &args, &[], dir.path())?;
        for port in [grpc_port, http_port] {
            eventually(
                &format!("rotel to listen on port {port}"),
                Patience::seconds(20),
                || async move { Ok(tokio::net::TcpStream::connect(("127.0.0.1", port)).await?) },
            )
            .await
            .with_context(|| process.log())?;
        }
        Ok(Self {
            grpc_port,
            http_port,
            process,
            _dir: dir,
        })
    }

    pub fn grpc_endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.grpc_port)
    }

    pub fn http_endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.http_port)
    }

    /// The collector's own output, for failure messages.
    pub fn log(&self) -> String {
        self.process.log()
    }

    /// Every span received so far.
    pub fn spans(&self) -> Vec<ReceivedSpan> {
        parse_debug_log(&self.log())
    }
}

/// Reads the collector's `--debug-log traces` output: `ResourceSpans` blocks naming the
/// service, each with `Span #n` blocks of `Trace ID`, `Parent ID`, `ID` and `Name` lines.
pub fn parse_debug_log(log: &str) -> Vec<ReceivedSpan> {
    let mut spans = Vec::new();
    let mut service = String::new();
    let mut current: Option<ReceivedSpan> = None;
    for line in log.lines().map(str::trim) {
        if line.starts_with("ResourceSpans #") {
            spans.extend(current.take());
            service.clear();
        } else if let Some(name) = line
            .strip_prefix("-> service.name: Str(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            service = name.to_owned();
        } else if line.starts_with("Span #") {
            spans.extend(current.take());
            current = Some(ReceivedSpan {
                service: service.clone(),
                ..ReceivedSpan::default()
            });
        } else if let (Some(span), Some((key, value))) = (
            current.as_mut(),
            line.strip_prefix("-> ")
                .and_then(|rest| rest.split_once(": ")),
        ) {
            let value = value
                .split_once('(')
                .and_then(|(_, inner)| inner.strip_suffix(')'))
                .unwrap_or(value);
            span.attributes.insert(key.to_owned(), value.to_owned());
        } else if let (Some(span), Some((key, value))) = (current.as_mut(), line.split_once(':')) {
            let value = value.trim().to_owned();
            match key.trim() {
                "Trace ID" => span.trace_id = value,
                "Parent ID" => span.parent_id = value,
                "ID" => span.span_id = value,
                "Name" => span.name = value,
                _ => {}
            }
        }
    }
    spans.extend(current);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_collectors_debug_log_reads_as_spans_with_their_service() {
        let log = "\u{1b}[2mnoise\u{1b}[0m Starting Rotel.\nResourceSpans #0\nResource attributes:\n     -> service.version: Str(0.1.0)\n     -> service.name: Str(llm-runner-agent)\nScopeSpans #0\nSpan #0\n    Trace ID       : 15236e929db3379213c633cf8b12be47\n    Parent ID      : 5d9e7d9198e44a96\n    ID             : 55ecad803dca1312\n    Name           : ollama_request\nAttributes:\n     -> model: Str(qwen2.5:14b)\nSpan #1\n    Trace ID       : 15236e929db3379213c633cf8b12be47\n    Parent ID      : \n    ID             : 5d9e7d9198e44a96\n    Name           : run_job\nResourceSpans #0\nResource attributes:\n     -> service.name: Str(llm-runner-coordinator)\nSpan #0\n    Trace ID       : aa\n    Parent ID      : \n    ID             : bb\n    Name           : job\n";
        let spans = parse_debug_log(log);
        assert_eq!(spans.len(), 3, "{spans:#?}");
        assert_eq!(
            spans[0],
            ReceivedSpan {
                service: "llm-runner-agent".into(),
                name: "ollama_request".into(),
                trace_id: "15236e929db3379213c633cf8b12be47".into(),
                span_id: "55ecad803dca1312".into(),
                parent_id: "5d9e7d9198e44a96".into(),
                attributes: [("model".to_owned(), "qwen2.5:14b".to_owned())].into(),
            }
        );
        assert_eq!(spans[1].parent_id, "");
        assert_eq!(spans[1].name, "run_job");
        assert_eq!(spans[2].service, "llm-runner-coordinator");
        assert_eq!(spans[2].name, "job");
    }
}
