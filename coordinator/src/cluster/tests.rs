//! Unit tests of the cluster loop, driven by `ClusterEvent`s without processes or sockets: a
//! `Cluster` on a hand-advanced clock and an in-memory store, with the whole state checked for
//! consistency after every event.

mod consistency;
mod every_event;
mod flaps;
mod fuzz_agent_messages;
mod harness;
mod idempotency_keys;
mod node_loss;
mod properties;
mod provider_nodes;
mod spend;
mod through_the_handle;
mod what_a_node_had;
