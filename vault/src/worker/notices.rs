//! Handing a notice to the notifier, if there is one; a failure is logged, never fatal (the
//! job's result note is what the operator reads first).

use super::notice::Notice;
use super::shared::Shared;

pub fn hand_over(shared: &Shared, key: &str, notice: Notice) {
    let Some(notifier) = &shared.notifier else {
        return;
    };
    if let Err(error) = notifier.send(key, notice) {
        tracing::warn!(key, %error, "vault: cannot hand a notice to Discord alerts");
        shared
            .status
            .error(format!("cannot send a Discord notice: {error}"));
    }
}

#[cfg(test)]
mod tests;
