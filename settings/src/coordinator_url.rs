//! The coordinator's address as clients (`runner` subcommands, `runner mcp`) take it: a bare
//! `host:port` gets `http://`, and https is refused, which this build does not speak (the
//! cluster's traffic is already encrypted by Tailscale).

/// The URL to dial, or what is wrong with `url` (a phrase to follow "is not a coordinator URL:").
pub fn normalized_coordinator_url(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    if url.is_empty() {
        return Err("it is empty");
    }
    match url.split_once("://") {
        None => Ok(format!("http://{url}")),
        Some(("http", rest)) if !rest.is_empty() => Ok(url.to_owned()),
        Some(("https", _)) => {
            Err("https is not supported; use http:// (Tailscale encrypts the link)")
        }
        Some(_) => Err("expected http://HOST:PORT"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_and_port_gets_http() {
        assert_eq!(
            normalized_coordinator_url("vps:7070").unwrap(),
            "http://vps:7070"
        );
        assert_eq!(
            normalized_coordinator_url(" http://127.0.0.1:7070 ").unwrap(),
            "http://127.0.0.1:7070"
        );
    }

    #[test]
    fn unusable_urls_are_refused_with_the_reason() {
        for (url, problem) in [
            ("", "empty"),
            ("https://vps:7070", "https"),
            ("ftp://vps", "expected http"),
            ("http://", "expected http"),
        ] {
            let error = normalized_coordinator_url(url).unwrap_err();
            assert!(error.contains(problem), "{url}: {error}");
        }
    }
}
