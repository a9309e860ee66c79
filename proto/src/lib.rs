//! The llm-runner gRPC API, generated from `proto/llm_runner/v1/*.proto`.
//!
//! **Architecture Invariant:** this crate holds no logic: only the generated types, the
//! descriptor set for server reflection, and nothing that would make it depend on the
//! coordinator or the agent.

/// Messages and services of package `llm_runner.v1`; every message also implements serde's
/// `Serialize`/`Deserialize` per the protobuf JSON mapping (enums as their names).
#[allow(clippy::large_enum_variant)]
pub mod v1 {
    tonic::include_proto!("llm_runner.v1");
    include!(concat!(env!("OUT_DIR"), "/llm_runner.v1.serde.rs"));
}

/// The encoded `FileDescriptorSet` of every llm-runner `.proto` file, for gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/llm_runner_descriptor.bin"));
