//! A `GetUsageRequest` checked and resolved: days and instants to a `[since_ms, until_ms)`
//! range, the time zone to an IANA zone, the groupings to a list. Bad input is an error that
//! names the value and the forms accepted.

use chrono::{DateTime, Days, NaiveDate};
use chrono_tz::Tz;
use proto::v1::{GetUsageRequest, UsageGrouping};

use super::days::{date_of, start_of_day};

/// Days counted by default: today and the 29 before it.
const DEFAULT_DAYS_BEFORE_TODAY: u64 = 29;

#[derive(Debug, Clone, PartialEq)]
pub struct UsageQuery {
    /// The range counted, `[since_ms, until_ms)`, in Unix milliseconds.
    pub since_ms: i64,
    pub until_ms: i64,
    pub time_zone: Tz,
    /// How rows are split, in the order asked (no duplicates); never empty.
    pub by: Vec<UsageGrouping>,
    /// Only this model (exactly as jobs asked for it).
    pub model: Option<String>,
    pub node: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UsageQueryError {
    #[error("time zone \"{0}\" is not an IANA name (like \"Europe/Berlin\" or \"UTC\")")]
    TimeZone(String),
    #[error(
        "{field} \"{value}\" is neither a day (like \"2026-12-01\") nor an RFC 3339 instant (like \"2026-12-01T09:00:00Z\")"
    )]
    Time { field: &'static str, value: String },
    #[error("grouping \"{0}\" is not one of model, node, day")]
    Grouping(String),
    #[error("since ({since}) is not before until ({until}): the range is empty")]
    EmptyRange { since: String, until: String },
}

impl UsageQuery {
    /// Resolves `request` at `now_ms` (the default `until`, and "today" for the default
    /// `since`).
    pub fn parse(request: &GetUsageRequest, now_ms: i64) -> Result<Self, UsageQueryError> {
        let time_zone = parse_time_zone(&request.time_zone)?;
        let since_ms = match request.since.trim() {
            "" => {
                let today = date_of(time_zone, now_ms);
                let first = today
                    .checked_sub_days(Days::new(DEFAULT_DAYS_BEFORE_TODAY))
                    .unwrap_or(today);
                start_of_day(time_zone, first)
            }
            since => parse_time("since", since, time_zone, DayEdge::Start)?,
        };
        let until_ms = match request.until.trim() {
            "" => now_ms,
            until => parse_time("until", until, time_zone, DayEdge::EndInclusive)?,
        };
        if since_ms >= until_ms {
            return Err(UsageQueryError::EmptyRange {
                since: instant_text(since_ms),
                until: instant_text(until_ms),
            });
        }
        let mut by = Vec::new();
        for value in &request.by {
            let grouping = match UsageGrouping::try_from(*value) {
                Ok(UsageGrouping::Unspecified) | Err(_) => {
                    return Err(UsageQueryError::Grouping(value.to_string()));
                }
                Ok(grouping) => grouping,
            };
            if !by.contains(&grouping) {
                by.push(grouping);
            }
        }
        if by.is_empty() {
            by.push(UsageGrouping::Model);
        }
        let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Ok(Self {
            since_ms,
            until_ms,
            time_zone,
            by,
            model: non_empty(&request.model),
            node: non_empty(&request.node),
        })
    }

    pub fn groups_by(&self, grouping: UsageGrouping) -> bool {
        self.by.contains(&grouping)
    }
}

/// `model`, `node` or `day` (any case), or the JSON names (`USAGE_GROUPING_DAY`).
pub fn parse_grouping_word(word: &str) -> Result<UsageGrouping, UsageQueryError> {
    let upper = word.trim().to_ascii_uppercase();
    match upper.strip_prefix("USAGE_GROUPING_").unwrap_or(&upper) {
        "MODEL" => Ok(UsageGrouping::Model),
        "NODE" => Ok(UsageGrouping::Node),
        "DAY" => Ok(UsageGrouping::Day),
        _ => Err(UsageQueryError::Grouping(word.to_owned())),
    }
}

fn parse_time_zone(name: &str) -> Result<Tz, UsageQueryError> {
    match name.trim() {
        "" => Ok(Tz::UTC),
        name => name
            .parse::<Tz>()
            .map_err(|_| UsageQueryError::TimeZone(name.to_owned())),
    }
}

enum DayEdge {
    /// A day as `since`: its first instant.
    Start,
    /// A day as `until` counts all of it: the next day's first instant.
    EndInclusive,
}

fn parse_time(
    field: &'static str,
    text: &str,
    zone: Tz,
    edge: DayEdge,
) -> Result<i64, UsageQueryError> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let date = match edge {
            DayEdge::Start => Some(date),
            DayEdge::EndInclusive => date.succ_opt(),
        };
        if let Some(date) = date {
            return Ok(start_of_day(zone, date));
        }
    }
    DateTime::parse_from_rfc3339(text)
        .map(|instant| instant.timestamp_millis())
        .map_err(|_| UsageQueryError::Time {
            field,
            value: text.to_owned(),
        })
}

fn instant_text(instant_ms: i64) -> String {
    DateTime::from_timestamp_millis(instant_ms)
        .map(|instant| instant.to_rfc3339())
        .unwrap_or_else(|| instant_ms.to_string())
}
