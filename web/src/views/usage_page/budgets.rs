//! Every budget's use in its current period: spent of cap as text and a meter, the reset, and
//! EXHAUSTED in red (new jobs it covers are rejected until it resets).

use client::usage::{budget_limit, budget_percent, budget_spent_of_cap};
use maud::{Markup, html};
use proto::v1::BudgetUse;

use super::calendar::utc_minute;

pub fn budgets(budgets: &[BudgetUse]) -> Markup {
    html! {
        section #budgets aria-labelledby="budgets-title" {
            h2 #budgets-title { "Budgets" }
            @if budgets.is_empty() {
                p.empty { "No budgets are configured." }
            } @else {
                ul.budgets {
                    @for budget in budgets { (one(budget)) }
                }
            }
        }
    }
}

fn one(budget: &BudgetUse) -> Markup {
    let percent = budget_percent(budget).min(100);
    let words = budget_spent_of_cap(budget);
    html! {
        li.budget.exhausted[budget.exhausted] data-budget=(budget.budget) {
            div.budget-head {
                strong { (budget.budget) } " "
                span.budget-limit { (budget_limit(budget.limit)) }
                @if budget.exhausted { " " span.badge.state-failed { "EXHAUSTED" } }
            }
            div.budget-bar role="meter" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=(percent) aria-valuetext=(words) aria-label={ (budget.budget) " " (budget_limit(budget.limit)) } {
                span.budget-fill style={ "width:" (percent) "%" } {}
            }
            p.budget-use {
                (words) " · resets " (utc_minute(budget.resets_at_ms))
                @if budget.exhausted { " · new jobs it covers are rejected until then" }
            }
        }
    }
}
