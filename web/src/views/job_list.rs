//! The jobs page: filters (state, model, node), the list newest first, a link to older jobs,
//! and the form that submits a job.

use maud::{Markup, html};
use proto::v1::Job;

use super::badges::job_state_badge;
use super::format::{ago, millis};
use super::job_form::job_form;
use crate::cluster_feed::ClusterView;

/// The filters as the page shows them (empty = any).
#[derive(Debug, Clone, Default)]
pub struct JobFilterValues {
    pub state: String,
    pub model: String,
    pub node: String,
}

pub const STATES: [&str; 6] = [
    "queued",
    "running",
    "succeeded",
    "failed",
    "cancelled",
    "rejected",
];

pub fn job_list_body(
    jobs: &[Job],
    filters: &JobFilterValues,
    older_href: Option<String>,
    view: &ClusterView,
    now_ms: i64,
) -> Markup {
    let snapshot = view.snapshot.as_deref();
    let nodes: Vec<&str> = snapshot
        .map(|s| s.nodes.iter().map(|n| n.name.as_str()).collect())
        .unwrap_or_default();
    let models: Vec<&str> = snapshot
        .map(|s| s.models.iter().map(|m| m.model.as_str()).collect())
        .unwrap_or_default();
    html! {
        h1 { "Jobs" }
        (job_form(view))
        form.filters method="get" action="/jobs" aria-label="Filter jobs" {
            div.field { label for="filter-state" { "State" }
                select #filter-state name="state" {
                    option value="" { "any" }
                    @for state in STATES { option value=(state) selected[filters.state == state] { (state) } }
                }
            }
            div.field { label for="filter-model" { "Model" }
                input #filter-model name="model" list="known-models" value=(filters.model) placeholder="any";
                datalist #known-models { @for model in &models { option value=(model) {} } }
            }
            div.field { label for="filter-node" { "Node" }
                select #filter-node name="node" {
                    option value="" { "any" }
                    @for node in &nodes { option value=(node) selected[filters.node == *node] { (node) } }
                }
            }
            button type="submit" class="secondary" { "Filter" }
        }
        @if jobs.is_empty() {
            p.empty { "No jobs match." }
        } @else {
            div.table-scroll tabindex="0" role="region" aria-label="Jobs" {
                table.jobs {
                    thead { tr {
                        // State comes second so a phone shows it without scrolling.
                        th scope="col" { "Job" } th scope="col" { "State" } th scope="col" { "Model" }
                        th scope="col" { "Node" } th scope="col" { "Created" } th scope="col" { "Kind" }
                        th scope="col" { "First token" } th scope="col" { "Total" }
                    } }
                    tbody { @for job in jobs { (job_row(job, now_ms)) } }
                }
            }
        }
        @if let Some(href) = older_href {
            nav.paging aria-label="Pages" { a href=(href) { "Older jobs →" } }
        }
    }
}

fn job_row(job: &Job, now_ms: i64) -> Markup {
    let spec = job.spec.clone().unwrap_or_default();
    let timings = job.timings.clone().unwrap_or_default();
    html! {
        tr data-job=(job.id) {
            td { a href={"/jobs/" (job.id)} { code { (job.id) } } }
            td.state { (job_state_badge(job.state)) @if !job.reason.is_empty() { div.row-reason { (job.reason) } } }
            td { (spec.model) }
            td { (job.node) }
            td.num { (ago(job.created_at_ms, now_ms)) }
            td { (client::words::job_kind(spec.kind)) @if !spec.source.is_empty() { div.row-source { (spec.source) } } }
            td.num { (timings.time_to_first_token_ms.map(millis).unwrap_or_default()) }
            td.num { (timings.total_ms.map(millis).unwrap_or_default()) }
        }
    }
}

#[cfg(test)]
mod tests;
