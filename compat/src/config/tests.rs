//! Which addresses need the token, and where the token comes from.

use super::*;

fn token() -> ApiConfig {
    ApiConfig {
        token: Some(Secret::new("s3cret")),
        token_env: TOKEN_ENV,
    }
}

#[test]
fn loopback_and_tailscale_addresses_are_private() {
    for address in [
        "127.0.0.1",
        "127.0.0.2",
        "::1",
        "100.64.0.1",
        "100.101.102.103",
        "100.127.255.254",
        "fd7a:115c:a1e0::1",
        "::ffff:100.100.1.1",
    ] {
        assert!(is_private_address(address.parse().unwrap()), "{address}");
    }
    for address in [
        "0.0.0.0",
        "::",
        "100.63.255.255",
        "100.128.0.1",
        "192.168.1.10",
        "203.0.113.5",
        "fd7a:115c:a1e1::1",
    ] {
        assert!(!is_private_address(address.parse().unwrap()), "{address}");
    }
}

#[test]
fn an_exposed_address_needs_the_token() {
    let open: SocketAddr = "0.0.0.0:8000".parse().unwrap();
    let problem = exposure_problem(open, &ApiConfig::default()).unwrap();
    assert!(
        problem.contains("0.0.0.0:8000") && problem.contains(TOKEN_ENV),
        "{problem}"
    );
    assert_eq!(exposure_problem(open, &token()), None);
    let tailnet: SocketAddr = "100.64.0.7:8000".parse().unwrap();
    assert_eq!(exposure_problem(tailnet, &ApiConfig::default()), None);
}

#[test]
fn the_token_comes_from_the_environment_and_blank_means_none() {
    let env = settings::MapEnv::from_pairs([(TOKEN_ENV, "abc")]);
    let web = Secret::new("web");
    let own = ApiConfig::from_env(&env, Some(&web), "RUNNER_WEB_TOKEN");
    assert!(own.token.unwrap().matches("abc"));
    assert_eq!(own.token_env, TOKEN_ENV);
    let blank = settings::MapEnv::from_pairs([(TOKEN_ENV, "  ")]);
    assert!(
        ApiConfig::from_env(&blank, None, "RUNNER_WEB_TOKEN")
            .token
            .is_none()
    );
    // Only the web UI's token set: the API takes it too, and says where it came from.
    let borrowed = ApiConfig::from_env(&blank, Some(&web), "RUNNER_WEB_TOKEN");
    assert!(borrowed.token.unwrap().matches("web"));
    assert_eq!(borrowed.token_env, "RUNNER_WEB_TOKEN");
}
