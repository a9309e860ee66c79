//! The command line's parsing (every subcommand, defaults, conflicts) and helpers that run a
//! client command against the in-test coordinator and capture what it printed.

mod other_commands_end_to_end;
mod readme_truth;
mod submit_end_to_end;

use std::future::Future;
use std::path::PathBuf;

use clap::Parser;
use clap::error::ErrorKind;

use super::{
    Cli, ClientCommand, ClientExit, Command, DEFAULT_COORDINATOR_URL, Interrupt, JobStateArg,
    Terminal, run_client_with,
};

fn parse(arguments: &[&str]) -> Result<Command, clap::Error> {
    Cli::try_parse_from(std::iter::once("runner").chain(arguments.iter().copied()))
        .map(|cli| cli.command)
}

fn client(arguments: &[&str]) -> ClientCommand {
    match parse(arguments).unwrap() {
        Command::Client(command) => command,
        other => panic!("{arguments:?} parsed as {other:?}"),
    }
}

fn parse_error(arguments: &[&str]) -> ErrorKind {
    parse(arguments).unwrap_err().kind()
}

/// What a client command printed and how it exited.
#[derive(Debug)]
pub struct Ran {
    pub exit: ClientExit,
    pub stdout: String,
    pub stderr: String,
}

pub async fn run_with_interrupt(
    arguments: &[&str],
    interrupt: impl Future<Output = Interrupt> + Send,
) -> Ran {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut terminal = Terminal {
        out: &mut stdout,
        err: &mut stderr,
    };
    let exit = run_client_with(client(arguments), &mut terminal, interrupt).await;
    Ran {
        exit,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Runs `runner ARGUMENTS --coordinator URL` with no Ctrl-C.
pub async fn run(url: &str, arguments: &[&str]) -> Ran {
    let with_url: Vec<&str> = arguments
        .iter()
        .copied()
        .chain(["--coordinator", url])
        .collect();
    run_with_interrupt(&with_url, std::future::pending()).await
}

#[test]
fn serve_and_dev_are_server_commands() {
    match parse(&["serve", "--config", "coordinator.toml"]).unwrap() {
        Command::Serve { config, .. } => assert_eq!(config, PathBuf::from("coordinator.toml")),
        other => panic!("parsed as {other:?}"),
    }
    assert_eq!(parse_error(&["serve"]), ErrorKind::MissingRequiredArgument);
    match parse(&["dev"]).unwrap() {
        Command::Dev {
            ollama_url,
            data_dir,
            vault,
        } => assert_eq!((ollama_url, data_dir, vault), (None, None, None)),
        other => panic!("parsed as {other:?}"),
    }
    match parse(&[
        "dev",
        "--ollama-url",
        "http://127.0.0.1:11434",
        "--data-dir",
        "/tmp/runner",
        "--vault",
        "/srv/vault",
    ])
    .unwrap()
    {
        Command::Dev {
            ollama_url,
            data_dir,
            vault,
        } => {
            assert_eq!(ollama_url.as_deref(), Some("http://127.0.0.1:11434"));
            assert_eq!(data_dir, Some(PathBuf::from("/tmp/runner")));
            assert_eq!(vault, Some(PathBuf::from("/srv/vault")));
        }
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn every_client_command_takes_a_coordinator_and_defaults_to_localhost() {
    let commands: [&[&str]; 16] = [
        &["submit", "--model", "m", "--prompt", "p"],
        &["jobs"],
        &["job", "01JA"],
        &["cancel", "01JA"],
        &["nodes"],
        &["models"],
        &["drain", "davas"],
        &["undrain", "davas"],
        &["usage"],
        &["memory", "sync"],
        &["memory", "search", "risk", "tiers"],
        &["memory", "status"],
        &["schedules"],
        &["schedules", "show", "morning"],
        &["schedules", "run", "morning"],
        &["schedules", "pause", "morning"],
    ];
    for arguments in commands {
        assert_eq!(
            coordinator_url(client(arguments)),
            DEFAULT_COORDINATOR_URL,
            "{arguments:?}"
        );
        let with_url = [arguments, &["--coordinator", "http://vps:7070"]].concat();
        assert_eq!(
            coordinator_url(client(&with_url)),
            "http://vps:7070",
            "{arguments:?}"
        );
    }
}

fn coordinator_url(command: ClientCommand) -> String {
    match command {
        ClientCommand::Submit(args) => args.coordinator.url,
        ClientCommand::Jobs(args) => args.coordinator.url,
        ClientCommand::Job(args) => args.coordinator.url,
        ClientCommand::Cancel(args) => args.coordinator.url,
        ClientCommand::Nodes(args) => args.coordinator.url,
        ClientCommand::Models(args) => args.coordinator.url,
        ClientCommand::Usage(args) => args.coordinator.url,
        ClientCommand::Memory(mut args) => args.coordinator_mut().url.clone(),
        ClientCommand::Schedules(mut args) => args.coordinator_mut().url.clone(),
        ClientCommand::Drain(args) | ClientCommand::Undrain(args) => args.coordinator.url,
    }
}

#[test]
fn submit_needs_a_model_and_exactly_one_kind_of_input() {
    assert_eq!(
        parse_error(&["submit", "--prompt", "p"]),
        ErrorKind::MissingRequiredArgument
    );
    assert_eq!(
        parse_error(&["submit", "--model", "m"]),
        ErrorKind::MissingRequiredArgument
    );
    assert_eq!(
        parse_error(&["submit", "--model", "m", "--prompt", "p", "--embed", "e"]),
        ErrorKind::ArgumentConflict
    );
    assert_eq!(
        parse_error(&[
            "submit",
            "--model",
            "m",
            "--prompt",
            "p",
            "--message",
            "user:hi"
        ]),
        ErrorKind::ArgumentConflict
    );
    // A system message goes with a prompt or a chat, not with texts to embed.
    assert!(parse(&["submit", "--model", "m", "--prompt", "p", "--system", "s"]).is_ok());
    assert_eq!(
        parse_error(&[
            "submit",
            "--model",
            "m",
            "--prompt",
            "p",
            "--prompt-file",
            "f"
        ]),
        ErrorKind::ArgumentConflict
    );
    assert_eq!(
        parse_error(&["submit", "--model", "m", "--embed", "e", "--system", "s"]),
        ErrorKind::ArgumentConflict
    );
}

#[test]
fn submit_defaults_stream_tokens_without_retries() {
    let ClientCommand::Submit(args) = client(&["submit", "--model", "m", "--prompt", "p"]) else {
        panic!("not submit")
    };
    assert!(!args.detach && !args.json);
    assert_eq!(args.retries, 0);
    assert_eq!(args.options.temperature, None);
}

#[test]
fn submit_refuses_malformed_values_before_calling_anyone() {
    let base = ["submit", "--model", "m"];
    for bad in [
        &["--message", "hello"][..],
        &["--message", "robot:hello"],
        &["--prompt", "p", "--format", "yaml"],
        &["--prompt", "p", "--format", "[1]"],
        &["--prompt", "p", "--temperature", "-1"],
        &["--prompt", "p", "--num-ctx", "lots"],
    ] {
        assert_eq!(
            parse_error(&[&base[..], bad].concat()),
            ErrorKind::ValueValidation,
            "{bad:?}"
        );
    }
    let ClientCommand::Submit(args) = client(
        &[
            &base[..],
            &[
                "--message",
                "User: a: b",
                "--format",
                r#"{"type":"object"}"#,
            ],
        ]
        .concat(),
    ) else {
        panic!("not submit")
    };
    assert_eq!(
        (
            args.messages[0].role.as_str(),
            args.messages[0].content.as_str()
        ),
        ("user", " a: b")
    );
}

#[test]
fn jobs_filters_parse_and_are_checked() {
    let ClientCommand::Jobs(args) =
        client(&["jobs", "--state", "running", "--limit", "1000", "--json"])
    else {
        panic!("not jobs")
    };
    assert_eq!(args.state, Some(JobStateArg::Running));
    assert_eq!(args.limit, Some(1000));
    assert!(args.json);
    assert_eq!(
        parse_error(&["jobs", "--state", "sleeping"]),
        ErrorKind::InvalidValue
    );
    assert_eq!(
        parse_error(&["jobs", "--limit", "0"]),
        ErrorKind::ValueValidation
    );
    assert_eq!(
        parse_error(&["jobs", "--limit", "1001"]),
        ErrorKind::ValueValidation
    );
}

#[test]
fn commands_on_one_thing_need_its_name() {
    for command in ["job", "cancel", "drain", "undrain"] {
        assert_eq!(
            parse_error(&[command]),
            ErrorKind::MissingRequiredArgument,
            "{command}"
        );
    }
    let ClientCommand::Job(args) = client(&["job", "01JA", "--json"]) else {
        panic!("not job")
    };
    assert_eq!((args.id.as_str(), args.json), ("01JA", true));
    assert!(matches!(client(&["nodes", "--json"]), ClientCommand::Nodes(args) if args.json));
    assert!(matches!(client(&["models"]), ClientCommand::Models(args) if !args.json));
    assert_eq!(parse_error(&["frobnicate"]), ErrorKind::InvalidSubcommand);
}
