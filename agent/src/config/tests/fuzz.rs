//! Fuzzing the agent's config loading: any `agent.toml` (the agent's keys in right and wrong
//! kinds, unknown keys, damaged, garbage) under any `RUNNER_*` environment gives a config or
//! problem lines each naming its origin, and the token never shows. Seeds: the files the
//! tests above load.

use proptest::prelude::*;
use settings::MapEnv;
use settings::fuzzing::{Schema, check_loading, config_file, environment, fuzz_config};

use super::super::{Config, KEYS, TOKEN_ENV};

const SCHEMA: Schema = Schema {
    keys: KEYS,
    parts: &[],
    words: &["token", "api_key", "ollama"],
};

/// A token no generated text can contain by chance.
const TOKEN: &str = "tok-9f8e7d6c5b4a-never-shown";

fn check(file: &[u8], mut env: MapEnv, use_file: bool) -> Result<(), TestCaseError> {
    env.0.insert(TOKEN_ENV.to_owned(), TOKEN.to_owned());
    check_loading(file, &env, use_file, SCHEMA, &[TOKEN], |file, env| {
        Config::load(file, env)
    })
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_any_agent_toml_and_environment_give_a_config_or_problems_naming_their_origin(
        file in config_file(SCHEMA),
        env in environment(SCHEMA),
        use_file in prop::bool::weighted(0.9),
    ) {
        check(&file, MapEnv(env), use_file)?;
    }
}

#[test]
fn fuzz_seeds_real_agent_files_pass_the_same_checks() {
    for file in [
        "node = \"davas\"\ncoordinator = \"http://100.64.0.1:7070\"\nmax_parallel = 2\n",
        "node = \"groq\"\nbackend = \"groq\"\nmodels = [\"llama-3.3-70b-versatile\"]\nrequest_timeout = \"60s\"\nmax_parallel = 4\n",
        "node = \"x\"\nbackend = \"gemini\"\napi_key_env = \"RUNNER_AGENT_TOKEN\"\n",
        "node = 3\nprobe_interval = \"soon\"\nbackend = \"nope\"\n",
    ] {
        check(file.as_bytes(), MapEnv::default(), true).unwrap();
    }
}
