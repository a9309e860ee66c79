//! With `RUNNER_WEB_TOKEN` set, nothing on `http_addr` answers without the token — not the
//! JSON API (every prompt and output), not `/metrics`, not `/api/alerts` — except `/healthz`,
//! which says only up or why not; `/mcp` keeps its own token.

use tests::cluster::{ClusterSpec, TestCluster};

const TOKEN: &str = "s3cret-web-token";

#[tokio::test]
async fn the_web_token_guards_the_whole_http_api_but_healthz() -> anyhow::Result<()> {
    let spec = ClusterSpec::three_hosts().coordinator_env("RUNNER_WEB_TOKEN", TOKEN);
    let cluster = TestCluster::start(spec).await?;
    let http = reqwest::Client::new();
    let status = |path: &'static str, token: Option<&'static str>| {
        let request = http.get(format!("{}{path}", cluster.http_url()));
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        async move { anyhow::Ok(request.send().await?.status().as_u16()) }
    };
    assert_eq!(status("/healthz", None).await?, 200);
    for path in [
        "/api/nodes",
        "/api/models",
        "/api/jobs",
        "/api/jobs/01JA0000000000000000000000",
        "/api/alerts",
        "/metrics",
        "/",
    ] {
        assert_eq!(status(path, None).await?, 401, "{path} without the token");
        assert_eq!(
            status(path, Some("wrong")).await?,
            401,
            "{path} with a wrong token"
        );
        let with_token = status(path, Some(TOKEN)).await?;
        assert!(
            with_token == 200 || (path.starts_with("/api/jobs/") && with_token == 404),
            "{path} with the token answered {with_token}"
        );
    }
    Ok(())
}
