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
mod tests {
    use crate::test_support::TestApp;

    #[tokio::test]
    async fn the_dashboard_shows_every_host_and_greys_the_down_one() {
        let app = TestApp::start().await;
        let (status, body) = app.get("/").await;
        assert_eq!(status, 200);
        for host in ["contabo", "homelab", "davas"] {
            assert!(
                body.contains(&format!(r#"data-node="{host}""#)),
                "{host} missing: {body}"
            );
        }
        assert!(body.contains(r#"data-node="davas" data-state="down""#));
        assert!(body.contains("agent down since 10:00:00"));
        assert!(body.contains(r#"data-model="gemma4:27b" data-availability="unavailable""#));
        assert!(body.contains(r#"sse-connect="/events/cluster?show=dashboard""#));
    }
}
