//! Tests of the `schema` module.

use toml::Table;

use super::{Key, Kind, check_table};
use crate::{Problems, Step};

const NODE: &[Key] = &[
    Key::required("name", Kind::Text),
    Key::optional("labels", Kind::TextList),
];
const KEYS: &[Key] = &[
    Key::optional("grpc_addr", Kind::Text),
    Key::optional("heartbeat_timeout", Kind::Duration),
    Key::optional("queue_capacity", Kind::WholeNumber),
    Key::optional("nodes", Kind::Tables(NODE)),
    Key::optional("alerts", Kind::Open),
];

fn check(text: &str) -> (Table, Vec<String>) {
    let mut table: Table = text.parse().unwrap();
    let mut problems = Problems::default();
    check_table(&mut table, &[], KEYS, &mut problems);
    let lines = problems.finish(|| ()).err().map(|error| error.problems);
    (table, lines.unwrap_or_default())
}

#[test]
fn every_unknown_key_and_bad_value_is_listed_and_removed() {
    let (table, problems) = check(
        "heartbeat_timout = \"3s\"\nqueue_capacity = \"lots\"\ngrpc_addr = 7\n[[nodes]]\nname = \"a\"\nlables = [\"gpu\"]\n[[nodes]]\nlabels = [1]\n",
    );
    assert_eq!(
        problems,
        [
            "config: grpc_addr: expected text in quotes, like \"…\"",
            "config: unknown key `heartbeat_timout` (did you mean `heartbeat_timeout`?)",
            "config: unknown key `lables` in [[nodes]] (did you mean `labels`?)",
            "config: nodes.labels: expected a list of text, like [\"a\", \"b\"]",
            "config: nodes: entry 2 has no `name`",
            "config: queue_capacity: expected a whole number, like 16",
        ]
    );
    assert_eq!(table.len(), 1);
    assert_eq!(table["nodes"].as_array().unwrap().len(), 1);
}

#[test]
fn durations_may_be_bare_seconds_and_are_kept_as_text() {
    let (table, problems) = check("heartbeat_timeout = 5\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table["heartbeat_timeout"].as_str(), Some("5"));
    let (_, problems) = check("heartbeat_timeout = \"soon\"\n");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("expected a duration such as \"3s\""));
}

#[test]
fn a_part_table_is_left_to_its_part() {
    let (table, problems) = check("[alerts]\nanything = 1\n");
    assert!(problems.is_empty());
    assert!(table["alerts"].as_table().is_some());
    let mut problems = Problems::default();
    problems.unknown_key(&[Step::key("alerts")], "alert_afer", &["alert_after"]);
    assert_eq!(
        problems.finish(|| ()).unwrap_err().problems,
        ["config: unknown key `alert_afer` in [alerts] (did you mean `alert_after`?)"]
    );
}

#[test]
fn a_number_may_be_whole_or_not_and_nothing_else() {
    const PRICES: &[Key] = &[
        Key::optional("input", Kind::Number),
        Key::optional("output", Kind::Number),
        Key::optional("cached", Kind::Number),
    ];
    let mut table: Table = "input = 3\noutput = 0.25\ncached = \"cheap\"\n"
        .parse()
        .unwrap();
    let mut problems = Problems::default();
    check_table(&mut table, &[], PRICES, &mut problems);
    let lines = problems.finish(|| ()).unwrap_err().problems;
    assert_eq!(lines, ["config: cached: expected a number, like 2.5"]);
    assert_eq!(table["input"].as_float(), Some(3.0));
    assert_eq!(table["output"].as_float(), Some(0.25));
    assert!(!table.contains_key("cached"));
}
