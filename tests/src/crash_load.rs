//! The client side of the crash-and-load scenario, as real clients would do it: submit with an
//! idempotency key and follow the job to its end, calling again with the same key while the
//! coordinator is unreachable or the stream broke (`keyed_client.rs`), sample how many jobs are in flight (`in_flight.rs`), and at the end wait
//! for every job to settle and read the whole history over every page (`whole_history.rs`) for
//! `crate::history_check`.

mod in_flight;
mod keyed_client;
mod whole_history;

pub use in_flight::InFlightSampler;
pub use keyed_client::{KeyedRun, run_keyed};
pub use whole_history::{active_jobs, whole_history};
