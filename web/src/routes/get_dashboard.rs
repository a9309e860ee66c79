//! `GET /`: the dashboard, rendered from the shared cluster view; it then keeps itself current
//! through `/events/cluster`.

use axum::extract::State;
use maud::Markup;

use crate::app_state::AppState;
use crate::views::dashboard::dashboard_body;
use crate::views::layout::{Section, page};

pub async fn get_dashboard(State(state): State<AppState>) -> Markup {
    let view = state.current_view().await;
    page("Dashboard", Section::Dashboard, dashboard_body(&view))
}

#[cfg(test)]
mod tests;
