//! Fuzzing `runner serve`'s config loading, the core's and every part's tables at once: any
//! `coordinator.toml` (the keys of the core and of the parts that declare theirs, in right and
//! wrong kinds, unknown keys, damaged, garbage) under any `RUNNER_*` environment gives a config
//! or problem lines each naming its origin, and no secret shows. Seeds: the files above.

use proptest::prelude::*;
use settings::fuzzing::{
    Schema, TOKEN_VARIABLES, check_loading, config_file, environment, fuzz_config,
};
use settings::{Key, MapEnv};

use super::RunnerConfig;

const PARTS: &[(&str, &[Key])] = &[
    ("memory", memory::config::KEYS),
    ("vault", vault::config_table::KEYS),
    ("schedules", schedules::KEYS),
    ("job", schedules::config::JOB_KEYS),
];

const SCHEMA: Schema = Schema {
    keys: coordinator::config::KEYS,
    parts: PARTS,
    // `[alerts]`, `[mcp]` and `[web]` check their keys by name only.
    words: &[
        "alert_after",
        "job_failures",
        "allowed_hosts",
        "token",
        "path",
    ],
};

/// Every secret the environment can hold, each distinctive so that a leak cannot be chance.
fn secrets() -> Vec<(String, String)> {
    let variables = [
        web::ACCESS_TOKEN_ENV,
        compat::TOKEN_ENV,
        mcp::TOKEN_ENV,
        alerts::WEBHOOK_ENV,
        memory::config::NEO4J_PASSWORD_ENV,
    ];
    variables
        .into_iter()
        .chain(TOKEN_VARIABLES)
        .enumerate()
        .map(|(index, name)| {
            (
                name.to_owned(),
                format!("secret-{index}-5c3e9a-never-shown"),
            )
        })
        .collect()
}

fn check(file: &[u8], mut env: MapEnv, use_file: bool) -> Result<(), TestCaseError> {
    let secrets = secrets();
    env.0.extend(secrets.iter().cloned());
    let values: Vec<&str> = secrets.iter().map(|(_, value)| value.as_str()).collect();
    check_loading(file, &env, use_file, SCHEMA, &values, |file, env| {
        RunnerConfig::load(file, env)
    })
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_any_coordinator_toml_and_environment_give_a_config_or_problems_naming_their_origin(
        file in config_file(SCHEMA),
        env in environment(SCHEMA),
        use_file in prop::bool::weighted(0.9),
    ) {
        check(&file, MapEnv(env), use_file)?;
    }
}

#[test]
fn fuzz_seeds_real_coordinator_files_pass_the_same_checks() {
    for file in [
        "grpc_addr = \"127.0.0.1:0\"\n[[nodes]]\nname = \"davas\"\ntoken_env = \"RUNNER_TOKEN_DAVAS\"\n[[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"davas\"]\n",
        "[[prices]]\nmodel = \"claude-sonnet-4-6\"\ninput_per_mtok = 3.0\noutput_per_mtok = 15.0\n[[budgets]]\nmodel = \"claude-sonnet-4-6\"\ndaily_usd = 2.0\n",
        "[[schedules]]\nname = \"briefing\"\ncron = \"0 7 * * *\"\ntime_zone = \"Europe/London\"\njob = { type = \"briefing\", model = \"qwen2.5:14b\" }\n[vault]\npath = \"/tmp/vault\"\nsettle = \"15s\"\n",
        "heartbeat_timout = \"3s\"\nqueue_capacity = -1\n[alerts]\nalert_afer = \"1s\"\n[mcp]\nallowed_host = []\n",
    ] {
        check(file.as_bytes(), MapEnv::default(), true).unwrap();
    }
}
