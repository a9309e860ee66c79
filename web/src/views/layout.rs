//! The page shell every page shares: head (styles and the vendored scripts), the top bar with
//! the main navigation, a skip link, and the main region.

use maud::{DOCTYPE, Markup, html};

/// Which part of the UI a page belongs to, for the navigation's current marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Chat,
    Jobs,
    Usage,
    Schedules,
    None,
}

/// The brand's diamond as an SVG data URL.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1 15 8 8 15 1 8z' fill='%233451d1'/%3E%3C/svg%3E";

pub fn page(title: &str, section: Section, body: Markup) -> Markup {
    let link = |href: &str, label: &str, own: Section| {
        html! {
            a href=(href) aria-current=[(section == own).then_some("page")] { (label) }
        }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · llm-runner" }
                // Inline, so no request for /favicon.ico ends in a 404 in the console.
                link rel="icon" href=(FAVICON);
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/htmx.min.js" defer {}
                script src="/assets/htmx-ext-sse.min.js" defer {}
                script src="/assets/app.js" defer {}
            }
            body {
                a.skip-link href="#main" { "Skip to content" }
                header.topbar {
                    a.brand href="/" { "llm-runner" }
                    nav aria-label="Main" {
                        (link("/", "Dashboard", Section::Dashboard))
                        (link("/chat", "Chat", Section::Chat))
                        (link("/jobs", "Jobs", Section::Jobs))
                        (link("/usage", "Usage", Section::Usage))
                        (link("/schedules", "Schedules", Section::Schedules))
                    }
                }
                main #main { (body) }
            }
        }
    }
}

#[cfg(test)]
mod tests;
