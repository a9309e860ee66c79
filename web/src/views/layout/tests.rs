//! Tests of the `layout` module.

use super::*;

#[test]
fn the_current_section_is_marked_and_scripts_are_local() {
    let text = page("Jobs", Section::Jobs, html! { p { "<body>" } }).into_string();
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert!(
        text.contains(r#"<a href="/jobs" aria-current="page">Jobs</a>"#),
        "{text}"
    );
    assert!(text.contains(r#"<a href="/">Dashboard</a>"#));
    assert!(text.contains(r#"<a href="/schedules">Schedules</a>"#));
    assert!(text.contains("/assets/htmx.min.js"));
    assert!(text.contains("&lt;body&gt;"), "content is escaped");
    assert!(
        !text.contains("https://"),
        "no script or style comes from elsewhere"
    );
}

#[test]
fn the_favicon_is_inline_so_no_request_for_it_fails() {
    let text = page("Jobs", Section::Jobs, html! {}).into_string();
    assert!(
        text.contains(r#"<link rel="icon" href="data:image/svg+xml,"#),
        "{text}"
    );
}
