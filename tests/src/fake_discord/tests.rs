//! The stand-in Discord driven over real HTTP: the answers, error bodies and headers Discord
//! documents, its rate-limit bucket, scripted failures, slowness, and stop/resume.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{BUCKET_LIMIT, FakeDiscord, ScriptedAnswer};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("building a reqwest client")
}

async fn post(discord: &FakeDiscord, query: &str, body: Value) -> reqwest::Response {
    client()
        .post(format!("{}{query}", discord.webhook_url("the-token")))
        .json(&body)
        .send()
        .await
        .expect("posting to the stand-in discord")
}

fn embed(title: &str) -> Value {
    json!({"embeds": [{"title": title, "color": 0xE74C3C, "fields": [{"name": "n", "value": "v"}]}]})
}

async fn started() -> FakeDiscord {
    FakeDiscord::start()
        .await
        .expect("starting the stand-in discord")
}

#[tokio::test]
async fn without_wait_it_answers_204_and_with_wait_the_message() {
    let discord = started().await;
    let plain = post(&discord, "", embed("lost")).await;
    assert_eq!(plain.status(), 204);
    assert_eq!(plain.headers()["x-ratelimit-limit"], "5");
    assert_eq!(plain.headers()["x-ratelimit-remaining"], "4");
    assert!(plain.headers().contains_key("x-ratelimit-bucket"));
    let waited = post(&discord, "?wait=true", embed("back")).await;
    assert_eq!(waited.status(), 200);
    let message: Value = waited.json().await.unwrap();
    assert!(message["id"].as_str().unwrap().parse::<u64>().is_ok());
    assert_eq!(message["embeds"][0]["title"], "back");
    assert_eq!(message["embeds"][0]["type"], "rich");
    assert_eq!(message["author"]["bot"], true);
    let messages = discord.messages();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].embed_titles(), ["back"]);
    assert!(messages[1].waited && !messages[0].waited);
    assert_eq!(messages[0].token, "the-token");
}

#[tokio::test]
async fn broken_limits_get_discords_invalid_form_body() {
    let discord = started().await;
    let long_title = embed(&"t".repeat(257));
    let response = post(&discord, "?wait=true", long_title).await;
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["code"], 50035);
    assert_eq!(error["message"], "Invalid Form Body");
    assert_eq!(
        error["errors"]["embeds"]["0"]["title"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );

    let too_big: Vec<Value> = (0..7)
        .map(|n| json!({"title": format!("{n}"), "description": "d".repeat(1000)}))
        .collect();
    let error: Value = post(&discord, "", json!({ "embeds": too_big }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        error["errors"]["embeds"]["_errors"][0]["code"],
        "MAX_EMBED_SIZE_EXCEEDED"
    );

    let fields: Vec<Value> = (0..26)
        .map(|_| json!({"name": "n", "value": "v"}))
        .collect();
    let error: Value = post(
        &discord,
        "",
        json!({"embeds": [{"title": "x", "fields": fields}]}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        error["errors"]["embeds"]["0"]["fields"]["_errors"].is_array(),
        "{error}"
    );

    let empty: Value = post(&discord, "", json!({"content": ""}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty["code"], 50006);
    let bad = client()
        .post(discord.webhook_url("t"))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.json::<Value>().await.unwrap()["code"], 50109);
    assert!(
        discord.messages().is_empty(),
        "nothing refused counts as a message"
    );
    assert_eq!(discord.requests().len(), 5);
}

#[tokio::test]
async fn the_sixth_request_in_two_seconds_is_rate_limited_like_discord() {
    let discord = started().await;
    for _ in 0..BUCKET_LIMIT {
        assert_eq!(post(&discord, "", embed("x")).await.status(), 204);
    }
    let limited = post(&discord, "", embed("x")).await;
    assert_eq!(limited.status(), 429);
    let headers = limited.headers().clone();
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    let reset_after: f64 = headers["x-ratelimit-reset-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(reset_after > 0.0 && reset_after <= 2.0, "{reset_after}");
    assert!(headers.contains_key("retry-after"));
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["message"], "You are being rate limited.");
    assert_eq!(body["global"], false);
    tokio::time::sleep(Duration::from_secs_f64(reset_after)).await;
    assert_eq!(
        post(&discord, "", embed("x")).await.status(),
        204,
        "the window reset"
    );
}

#[tokio::test]
async fn scripted_429_and_5xx_come_first_then_normal_answers() {
    let discord = started().await;
    discord.push_answer(ScriptedAnswer::RateLimited {
        retry_after: 1.5,
        global: false,
    });
    discord.push_answer(ScriptedAnswer::ServerError(503));
    let limited = post(&discord, "", embed("x")).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");
    assert_eq!(limited.headers()["x-ratelimit-reset-after"], "1.500");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["retry_after"], 1.5);
    assert_eq!(post(&discord, "", embed("x")).await.status(), 503);
    assert_eq!(post(&discord, "", embed("x")).await.status(), 204);
}

#[tokio::test]
async fn it_can_be_slow_and_can_stop_and_come_back_on_the_same_port() {
    let discord = started().await;
    discord.set_delay(Duration::from_millis(300));
    let started_at = Instant::now();
    assert_eq!(post(&discord, "", embed("slow")).await.status(), 204);
    assert!(started_at.elapsed() >= Duration::from_millis(300));
    discord.set_delay(Duration::ZERO);

    discord.stop().await;
    let refused = client()
        .post(discord.webhook_url("t"))
        .json(&embed("x"))
        .send()
        .await;
    assert!(refused.is_err(), "a stopped stand-in refuses connections");
    discord.resume().await.unwrap();
    assert_eq!(post(&discord, "", embed("again")).await.status(), 204);
    let titles: Vec<Vec<String>> = discord
        .messages()
        .iter()
        .map(|m| m.embed_titles())
        .collect();
    assert_eq!(titles, [vec!["slow"], vec!["again"]]);
}

#[tokio::test]
async fn other_paths_are_not_found() {
    let discord = started().await;
    let url = discord
        .webhook_url("t")
        .replace("/api/webhooks", "/api/nothing");
    let response = client().post(url).json(&embed("x")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.json::<Value>().await.unwrap()["message"],
        "404: Not Found"
    );
}
