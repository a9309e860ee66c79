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
mod tests;
