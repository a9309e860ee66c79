//! README.md's "Using it" section against the real command line: every command and flag its
//! table names exists, every flag of every client command is named, and the exit codes it
//! lists are exactly the CLI's.

use std::collections::BTreeSet;

use clap::{CommandFactory, Subcommand};

use super::super::{Cli, ClientCommand, ClientExit};

const README: &str = include_str!("../../../../README.md");

/// The "Using it" section, up to the next second-level heading.
fn using_it() -> &'static str {
    let start = README
        .find("## Using it")
        .expect("README.md has a `## Using it` section");
    let rest = &README[start + 3..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

fn code_spans(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// `--state` from `[--state`, `--message` from `--message`, `--format` from `--format json`.
fn flag_name(word: &str) -> Option<String> {
    let name = word.trim_start_matches('[').strip_prefix("--")?;
    let name: String = name
        .chars()
        .take_while(|character| character.is_ascii_alphanumeric() || *character == '-')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// One table row: the commands it names (`runner job ID` / `runner cancel ID`) and its flags.
struct Row {
    commands: Vec<String>,
    flags: BTreeSet<String>,
}

fn table_rows() -> Vec<Row> {
    using_it()
        .lines()
        .filter(|line| line.starts_with("| `runner "))
        .map(|line| {
            let mut row = Row {
                commands: Vec::new(),
                flags: BTreeSet::new(),
            };
            for span in code_spans(line) {
                let mut words = span.split_whitespace().peekable();
                if words.peek() == Some(&"runner") {
                    words.next();
                    row.commands.extend(words.next().map(str::to_owned));
                }
                row.flags.extend(words.filter_map(flag_name));
            }
            row
        })
        .collect()
}

/// Flags the prose under the table names for many commands (`--coordinator`, `--json`).
fn prose_flags() -> BTreeSet<String> {
    using_it()
        .lines()
        .filter(|line| !line.starts_with('|'))
        .flat_map(code_spans)
        .filter_map(|span| flag_name(span.split_whitespace().next()?))
        .collect()
}

/// A command's flags and its subcommands' (`runner memory search --limit`).
fn long_flags(command: &clap::Command) -> BTreeSet<String> {
    let own = command
        .get_arguments()
        .filter_map(|argument| argument.get_long())
        .filter(|long| !["help", "version"].contains(long))
        .map(str::to_owned);
    let nested: Vec<String> = command.get_subcommands().flat_map(long_flags).collect();
    own.chain(nested).collect()
}

#[test]
fn every_command_and_flag_the_table_names_exists() {
    let cli = Cli::command();
    let rows = table_rows();
    assert!(rows.len() >= 4, "the command table was not found");
    for row in &rows {
        let mut known = BTreeSet::new();
        for name in &row.commands {
            let command = cli
                .find_subcommand(name)
                .unwrap_or_else(|| panic!("README names `runner {name}`, which does not exist"));
            known.extend(long_flags(command));
        }
        let unknown: Vec<&String> = row.flags.difference(&known).collect();
        assert!(
            unknown.is_empty(),
            "README's row for {:?} names flags they do not take: {unknown:?}",
            row.commands
        );
    }
    let every_flag: BTreeSet<String> = cli.get_subcommands().flat_map(long_flags).collect();
    let prose = prose_flags();
    let unknown: Vec<&String> = prose.difference(&every_flag).collect();
    assert!(unknown.is_empty(), "README names unknown flags {unknown:?}");
}

#[test]
fn every_flag_of_every_client_command_is_in_the_readme() {
    let rows = table_rows();
    let prose = prose_flags();
    let clients = ClientCommand::augment_subcommands(clap::Command::new("clients"));
    for command in clients.get_subcommands() {
        let name = command.get_name();
        let row = rows
            .iter()
            .find(|row| row.commands.iter().any(|named| named == name))
            .unwrap_or_else(|| panic!("README's table has no row for `runner {name}`"));
        let missing: Vec<String> = long_flags(command)
            .into_iter()
            .filter(|flag| !row.flags.contains(flag) && !prose.contains(flag))
            .collect();
        assert!(
            missing.is_empty(),
            "README does not name `runner {name}`'s flags {missing:?}"
        );
    }
}

/// The list reads `Exit codes: 0 ok; 1 …; 2 …; … 143 SIGTERM (…).`: one code per item.
#[test]
fn the_exit_codes_listed_are_the_clis() {
    let section = using_it().replace('\n', " ");
    let start = section
        .find("Exit codes:")
        .expect("README lists the exit codes")
        + 11;
    let list = &section[start..];
    let list = &list[..list.find(". ").unwrap_or(list.len())];
    let listed: BTreeSet<u8> = list
        .split(';')
        .map(|item| {
            let code = item.split_whitespace().next().unwrap_or_default();
            code.parse()
                .unwrap_or_else(|_| panic!("`{item}` does not start with an exit code"))
        })
        .collect();
    let actual: BTreeSet<u8> = ClientExit::ALL.map(ClientExit::code).into();
    assert_eq!(listed, actual);
}
