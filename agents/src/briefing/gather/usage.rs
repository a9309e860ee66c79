//! The day's tokens and cost: `UsageService.GetUsage` for that day in the briefing's zone,
//! grouped by model (the ledger's own sums; nothing is added up here).

#[cfg(test)]
mod tests;

use client::Coordinator;
use proto::v1::{GetUsageRequest, UsageGrouping, UsageReport};

use crate::briefing::day::BriefingDay;
use crate::briefing::facts::{ModelUsage, UsageFacts};

pub(super) async fn usage_of_day(
    coordinator: &Coordinator,
    day: &BriefingDay,
) -> Result<UsageFacts, String> {
    let request = GetUsageRequest {
        since: day.text(),
        until: day.text(),
        by: vec![UsageGrouping::Model.into()],
        time_zone: day.zone.name().to_owned(),
        ..GetUsageRequest::default()
    };
    let report = coordinator
        .usage()
        .get_usage(request)
        .await
        .map_err(|status| format!("the usage report failed: {}", status.message()))?;
    Ok(usage_facts(&report.into_inner()))
}

fn usage_facts(report: &UsageReport) -> UsageFacts {
    let total = report.total.unwrap_or_default();
    UsageFacts {
        jobs: total.jobs,
        jobs_without_usage: total.jobs_without_usage,
        input_tokens: total.input_tokens,
        output_tokens: total.output_tokens,
        cost_usd: total.cost_usd,
        per_model: report
            .rows
            .iter()
            .map(|row| {
                let totals = row.totals.unwrap_or_default();
                ModelUsage {
                    model: row.model.clone(),
                    jobs: totals.jobs,
                    input_tokens: totals.input_tokens,
                    output_tokens: totals.output_tokens,
                    cost_usd: totals.cost_usd,
                }
            })
            .collect(),
    }
}
