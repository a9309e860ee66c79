//! `compose/cloudflared/config.example.yml`, matched as cloudflared matches ingress rules (top
//! to bottom, on hostname and a path regular expression): the last rule has no hostname and
//! answers a status, `/mcp` and `/metrics` reach no service, and the UI reaches the
//! coordinator's HTTP port by its compose name. cloudflared itself cannot be installed here:
//! `cloudflared tunnel ingress validate` runs on contabo (docs/deploy.md).

use anyhow::Context;
use regex::Regex;
use saphyr::{LoadableYamlNode, Yaml};
use tests::deploy_files::repo_root;

const HOST: &str = "control.example.com";

struct Rule {
    hostname: Option<String>,
    path: Option<Regex>,
    service: String,
}

fn rules() -> anyhow::Result<Vec<Rule>> {
    let path = repo_root().join("compose/cloudflared/config.example.yml");
    let text = std::fs::read_to_string(&path)?;
    let documents = Yaml::load_from_str(&text).map_err(|error| anyhow::anyhow!("{error}"))?;
    let document = documents.first().context("an empty file")?;
    let ingress = document
        .as_mapping_get("ingress")
        .and_then(Yaml::as_vec)
        .context("no ingress list")?;
    ingress
        .iter()
        .map(|rule| {
            let text = |key: &str| {
                rule.as_mapping_get(key)
                    .and_then(Yaml::as_str)
                    .map(str::to_owned)
            };
            Ok(Rule {
                hostname: text("hostname"),
                path: text("path").map(|path| Regex::new(&path)).transpose()?,
                service: text("service").context("a rule without a service")?,
            })
        })
        .collect()
}

/// The service of the first rule matching `host` and `path`, as cloudflared picks it.
fn route<'a>(rules: &'a [Rule], host: &str, path: &str) -> Option<&'a str> {
    rules
        .iter()
        .find(|rule| {
            rule.hostname
                .as_deref()
                .is_none_or(|hostname| hostname == host)
                && rule.path.as_ref().is_none_or(|regex| regex.is_match(path))
        })
        .map(|rule| rule.service.as_str())
}

#[test]
fn the_last_rule_is_a_catch_all_answering_a_status() -> anyhow::Result<()> {
    let rules = rules()?;
    let last = rules.last().context("no rules")?;
    assert!(
        last.hostname.is_none() && last.path.is_none(),
        "the last rule is not a catch-all"
    );
    assert!(last.service.starts_with("http_status:"), "{}", last.service);
    Ok(())
}

#[test]
fn mcp_and_metrics_reach_no_service_while_the_ui_reaches_the_coordinator() -> anyhow::Result<()> {
    let rules = rules()?;
    for path in ["/mcp", "/mcp/", "/mcp/session", "/metrics", "/metrics/"] {
        let service = route(&rules, HOST, path).context("no rule matched")?;
        assert!(
            service.starts_with("http_status:"),
            "{path} reaches {service}"
        );
    }
    for path in ["/", "/api/nodes", "/usage", "/metricsfoo", "/v1/models"] {
        assert_eq!(
            route(&rules, HOST, path),
            Some("http://coordinator:8000"),
            "{path}"
        );
    }
    assert!(
        route(&rules, "other.example.com", "/")
            .is_some_and(|service| service.starts_with("http_status:")),
        "another hostname reaches a service"
    );
    Ok(())
}
