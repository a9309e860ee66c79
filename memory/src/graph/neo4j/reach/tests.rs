//! The client-side walk over a fixed set of steps: distances, the words of each step both
//! ways, tie-breaking among shortest paths, seeds left out, limit, and one query per hop.

use super::*;

fn step(from: &str, to: &str, kind: &str, key: &str) -> Step {
    Step {
        from: from.to_owned(),
        to: to.to_owned(),
        kind: kind.to_owned(),
        key: key.to_owned(),
    }
}

/// The steps touching `frontier` among `all`, as the server would answer.
fn around(all: &[Step], frontier: &[String]) -> Vec<Step> {
    all.iter()
        .filter(|s| frontier.contains(&s.from) || frontier.contains(&s.to))
        .cloned()
        .collect()
}

fn graph() -> Vec<Step> {
    vec![
        step("a", "b", "link", ""),
        step("c", "a", "embed", ""),
        step("b", "d", "property", "related"),
        step("c", "d", "link", ""),
        step("d", "e", "link", ""),
    ]
}

#[test]
fn walks_both_ways_nearest_first_with_the_smallest_shortest_path() {
    let all = graph();
    let mut queries = 0;
    let reached = walk::<()>(&["a".to_owned()], 2, 10, |frontier| {
        queries += 1;
        Ok(around(&all, frontier))
    })
    .unwrap();
    assert_eq!(queries, 2, "one query per hop");
    let summary: Vec<(&str, u32, Vec<&str>, Vec<&str>)> = reached
        .iter()
        .map(|r| {
            let path = r.path.iter().map(String::as_str).collect();
            let via = r.via.iter().map(String::as_str).collect();
            (r.note.as_str(), r.distance, path, via)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("b", 1, vec!["a", "b"], vec!["link"]),
            ("c", 1, vec!["a", "c"], vec!["embedded by"]),
            // d is two hops away both through b and through c: the smaller path wins.
            (
                "d",
                2,
                vec!["a", "b", "d"],
                vec!["link", "property:related"]
            ),
        ]
    );
}

#[test]
fn seeds_are_left_out_limit_applies_and_zero_hops_ask_nothing() {
    let all = graph();
    let seeds = ["a".to_owned(), "b".to_owned()];
    let reached = walk::<()>(&seeds, 1, 10, |f| Ok(around(&all, f))).unwrap();
    let notes: Vec<&str> = reached.iter().map(|r| r.note.as_str()).collect();
    assert_eq!(notes, ["c", "d"]);
    let limited = walk::<()>(&seeds, 3, 2, |f| Ok(around(&all, f))).unwrap();
    assert_eq!(limited.len(), 2);
    let none = walk::<()>(&seeds, 0, 10, |_| -> Result<Vec<Step>, ()> {
        panic!("no hop, no query")
    });
    assert_eq!(none, Ok(Vec::new()));
}

#[test]
fn an_error_of_a_hop_is_the_walks_error() {
    let failed = walk(&["a".to_owned()], 2, 10, |_| Err("server gone"));
    assert_eq!(failed, Err("server gone"));
}
