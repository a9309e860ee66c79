//! `GET /api/usage?since=&until=&by=model,day&tz=&model=&node=`: what jobs used and cost, as
//! `GetUsage` answers it (`by` comma-separated or repeated; `time_zone` is also accepted for
//! `tz`). Bad input is a 400 naming the value.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use proto::v1::{GetUsageRequest, UsageReport};

use super::api_error::ApiError;
use super::router::HttpState;
use crate::clock::now_ms;
use crate::usage::{UsageError, get_usage, parse_grouping_word};

pub async fn get_usage_report(
    State(state): State<HttpState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<UsageReport>, ApiError> {
    let request = usage_request(&pairs)?;
    let mut report = get_usage(state.store.clone(), request, now_ms())
        .await
        .map_err(|error| match error {
            UsageError::Query(_) => ApiError::bad_request(error.to_string()),
            UsageError::Store(_) | UsageError::Stopped(_) => ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: error.to_string(),
            },
        })?;
    report.budgets = state.cluster.budgets().await;
    Ok(Json(report))
}

/// The query string as a `GetUsageRequest`; an unknown parameter is named rather than ignored.
pub fn usage_request(pairs: &[(String, String)]) -> Result<GetUsageRequest, ApiError> {
    let mut request = GetUsageRequest::default();
    for (name, value) in pairs {
        match name.as_str() {
            "since" => request.since.clone_from(value),
            "until" => request.until.clone_from(value),
            "tz" | "time_zone" => request.time_zone.clone_from(value),
            "model" => request.model.clone_from(value),
            "node" => request.node.clone_from(value),
            "by" => {
                for word in value.split(',').filter(|word| !word.trim().is_empty()) {
                    let grouping = parse_grouping_word(word)
                        .map_err(|error| ApiError::bad_request(error.to_string()))?;
                    request.by.push(grouping as i32);
                }
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{}`: /api/usage takes since, until, by, tz, model, node",
                    other.escape_debug()
                )));
            }
        }
    }
    Ok(request)
}

#[cfg(test)]
mod tests;
