//! The page shell every page shares: head (styles and the vendored scripts), the top bar with
//! the main navigation, a skip link, and the main region.

use maud::{DOCTYPE, Markup, html};

/// Which part of the UI a page belongs to, for the navigation's current marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Chat,
    Jobs,
    None,
}

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
                    }
                }
                main #main { (body) }
            }
        }
    }
}

#[cfg(test)]
mod tests;
