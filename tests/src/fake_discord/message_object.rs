//! The message object Discord answers an execute-webhook call with under `?wait=true`: a
//! snowflake id, the webhook as a bot author, the embeds as Discord stores them (`type: rich`).

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds, the base of snowflakes.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
pub const CHANNEL_ID: &str = "1100000000000000000";

fn unix_ms() -> u64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
}

/// A snowflake: milliseconds since Discord's epoch, shifted, plus a sequence number.
pub fn snowflake(sequence: u64) -> String {
    (((unix_ms() - DISCORD_EPOCH_MS) << 22) | (sequence & 0xFFF)).to_string()
}

/// `2026-11-26T10:00:00.123000+00:00`, the shape of Discord's message timestamps.
fn discord_timestamp(unix_ms: u64) -> String {
    let seconds = unix_ms / 1000;
    let days = seconds / 86_400;
    // Howard Hinnant's civil_from_days, for days after 1970.
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}000+00:00",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        unix_ms % 1000
    )
}

/// The created message for `body` sent to webhook `webhook_id`.
pub fn message_object(id: &str, webhook_id: &str, body: &Value) -> Value {
    let embeds: Vec<Value> = body
        .get("embeds")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut embed| {
            if let Value::Object(map) = &mut embed {
                map.insert("type".into(), "rich".into());
            }
            embed
        })
        .collect();
    let username = body
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or("Captain Hook");
    json!({
        "id": id,
        "type": 0,
        "content": body.get("content").and_then(Value::as_str).unwrap_or(""),
        "channel_id": CHANNEL_ID,
        "author": {
            "id": webhook_id,
            "username": username,
            "avatar": null,
            "discriminator": "0000",
            "public_flags": 0,
            "flags": 0,
            "bot": true,
            "global_name": null
        },
        "attachments": [],
        "embeds": embeds,
        "mentions": [],
        "mention_roles": [],
        "pinned": false,
        "mention_everyone": false,
        "tts": false,
        "timestamp": discord_timestamp(unix_ms()),
        "edited_timestamp": null,
        "flags": 0,
        "components": [],
        "webhook_id": webhook_id
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_discords_shape() {
        assert_eq!(
            discord_timestamp(1_795_687_200_123),
            "2026-11-26T10:00:00.123000+00:00"
        );
    }

    #[test]
    fn snowflakes_grow_with_time() {
        let first: u64 = snowflake(1).parse().unwrap();
        let second: u64 = snowflake(2).parse().unwrap();
        assert!(second > first);
        assert!(first >> 22 > 300_000_000_000, "milliseconds since 2015");
    }
}
