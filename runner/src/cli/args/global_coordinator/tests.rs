//! Tests of the `global_coordinator` module, through clap's real parser.

use clap::CommandFactory;
use clap::error::ErrorKind;

use super::super::DEFAULT_COORDINATOR_URL;
use super::*;

fn parsed(arguments: &[&str], environment: Option<&str>) -> Result<Command, clap::Error> {
    let matches = Cli::command()
        .try_get_matches_from(std::iter::once("runner").chain(arguments.iter().copied()))?;
    settle(&matches, environment.map(str::to_owned)).map(|cli| cli.command)
}

fn url(arguments: &[&str], environment: Option<&str>) -> String {
    match parsed(arguments, environment).unwrap() {
        Command::Client(mut client) => client.coordinator_mut().url.clone(),
        Command::Mcp { coordinator } => coordinator,
        other => panic!("{arguments:?} parsed as {other:?}"),
    }
}

#[test]
fn coordinator_may_come_before_the_subcommand() {
    assert_eq!(
        url(&["--coordinator", "http://a:1", "nodes"], None),
        "http://a:1"
    );
    assert_eq!(
        url(&["--coordinator=http://a:1", "job", "01JB"], None),
        "http://a:1"
    );
    assert_eq!(
        url(&["--coordinator", "http://a:1", "mcp"], None),
        "http://a:1"
    );
}

#[test]
fn after_the_subcommand_beats_before_which_beats_the_environment() {
    let both = [
        "--coordinator",
        "http://a:1",
        "nodes",
        "--coordinator",
        "http://b:2",
    ];
    assert_eq!(url(&both, Some("http://env:3")), "http://b:2");
    let before = ["--coordinator", "http://a:1", "models"];
    assert_eq!(url(&before, Some("http://env:3")), "http://a:1");
    assert_eq!(
        url(&["drain", "davas"], Some("http://env:3")),
        "http://env:3"
    );
    assert_eq!(url(&["mcp"], Some("http://env:3")), "http://env:3");
    assert_eq!(url(&["nodes"], None), DEFAULT_COORDINATOR_URL);
    assert_eq!(url(&["nodes"], Some(" ")), DEFAULT_COORDINATOR_URL);
}

#[test]
fn serve_and_dev_refuse_a_coordinator() {
    let serve = parsed(
        &["--coordinator", "http://a:1", "serve", "--config", "c.toml"],
        None,
    );
    assert_eq!(serve.unwrap_err().kind(), ErrorKind::ArgumentConflict);
    assert!(parsed(&["dev"], Some("http://env:3")).is_ok());
}

#[test]
fn usage_lines_do_not_show_the_coordinator_as_required() {
    // Before, clap read RUNNER_COORDINATOR itself and counted it as given: the usage line of
    // `runner job` (its id missing) read `runner job --coordinator <URL> <ID>`.
    let error = Cli::command()
        .try_get_matches_from(["runner", "job"])
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MissingRequiredArgument);
    let text = error.render().to_string();
    assert!(text.contains("Usage: runner job <ID>\n"), "{text}");
    let arguments = Cli::command();
    let job = arguments.find_subcommand("job").unwrap();
    let coordinator = job
        .get_arguments()
        .find(|argument| argument.get_long() == Some("coordinator"))
        .unwrap();
    assert!(
        coordinator.get_env().is_none(),
        "clap must not read the environment"
    );
}
