//! Tests of the `cancel_on_interrupt` module.

use tonic::Status;

use super::*;
use crate::cli::test_coordinator::{JOB_ID, Script, start};

async fn cancel_with(refusal: Option<Status>) -> String {
    let fake = start(Script {
        cancel_refusal: refusal,
        ..Default::default()
    })
    .await;
    let coordinator = Coordinator::connect(&fake.url).await.unwrap();
    let mut err = Vec::new();
    assert_eq!(
        cancel_after_interrupt(&coordinator, JOB_ID, Interrupt::CtrlC, &mut err).await,
        ClientExit::Interrupted
    );
    assert_eq!(fake.recorded.lock().unwrap().cancelled, [JOB_ID]);
    String::from_utf8(err).unwrap()
}

#[tokio::test]
async fn each_cancel_answer_gets_its_own_message() {
    assert_eq!(
        cancel_with(None).await,
        format!("interrupted: cancelled job {JOB_ID}\n")
    );
    let ended = cancel_with(Some(Status::failed_precondition("it succeeded"))).await;
    assert_eq!(
        ended,
        format!("interrupted: job {JOB_ID} had already ended (it succeeded)\n")
    );
    let broken = cancel_with(Some(Status::internal("store broke"))).await;
    assert_eq!(
        broken,
        format!(
            "interrupted, but cancelling job {JOB_ID} failed: store broke; cancel it with `runner cancel {JOB_ID}`\n"
        )
    );
}
