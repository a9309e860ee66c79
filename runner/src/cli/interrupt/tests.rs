//! Tests of the `interrupt` module.

use super::*;

#[test]
fn each_signal_exits_as_shells_report_it() {
    assert_eq!(Interrupt::CtrlC.exit().code(), 130);
    assert_eq!(Interrupt::Terminate.exit().code(), 143);
}
