//! `GET /assets/{name}`: the stylesheet and scripts, embedded in the binary (htmx and its SSE
//! extension are vendored files, see `web/assets/README.md`).

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

static ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/style.css"),
    ),
    ("app.js", JAVASCRIPT, include_bytes!("../../assets/app.js")),
    (
        "htmx.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/htmx.min.js"),
    ),
    (
        "htmx-ext-sse.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/htmx-ext-sse.min.js"),
    ),
];

pub async fn get_asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(asset, _, _)| *asset == name) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                // Short: a new binary's assets reach browsers within minutes.
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset\n").into_response(),
    }
}

#[cfg(test)]
mod tests;
