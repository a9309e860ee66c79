//! Compiles `proto/llm_runner/v1/*.proto` with protox (a pure-Rust protobuf compiler), so a
//! fresh machine builds without a system `protoc`, and writes the encoded descriptor set that
//! gRPC server reflection serves, and
//! serde implementations that follow the protobuf JSON mapping.

use std::path::PathBuf;

use prost::Message;

const PROTO_FILES: &[&str] = &[
    "proto/llm_runner/v1/cluster.proto",
    "proto/llm_runner/v1/jobs.proto",
    "proto/llm_runner/v1/agent_link.proto",
    "proto/llm_runner/v1/usage.proto",
    "proto/llm_runner/v1/memory.proto",
    "proto/llm_runner/v1/schedules.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for file in PROTO_FILES {
        println!("cargo:rerun-if-changed={file}");
    }
    let descriptors = protox::compile(PROTO_FILES, ["proto"])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let encoded = descriptors.encode_to_vec();
    std::fs::write(out_dir.join("llm_runner_descriptor.bin"), &encoded)?;
    // Serde impls following the protobuf JSON mapping, for the HTTP API and `--json` output;
    // snake_case names as in the .proto files, and fields written even when default.
    pbjson_build::Builder::new()
        .register_descriptors(&encoded)?
        .preserve_proto_field_names()
        .emit_fields()
        .build(&[".llm_runner"])?;
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(descriptors)?;
    Ok(())
}
