//! The client side of the crash-and-load scenario, as real clients would do it: submit with an
//! idempotency key and retry the same key while the coordinator is unreachable
//! (`keyed_submit.rs`), sample how many jobs are in flight (`in_flight.rs`), and at the end wait
//! for every job to settle and read the whole history over every page (`whole_history.rs`) for
//! `crate::history_check`.

mod in_flight;
mod keyed_submit;
mod whole_history;

pub use in_flight::InFlightSampler;
pub use keyed_submit::{KeyedSubmit, submit_until_answered};
pub use whole_history::{active_jobs, whole_history};
