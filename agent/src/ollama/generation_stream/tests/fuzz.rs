//! Fuzzing the NDJSON reader: a well-formed stream with odd fields, cut into network chunks
//! anywhere, reads the same as whole and as it was written; garbage ends in an error or a
//! reading, never a panic or a hang. Seeds: the stand-in Ollama's real answers.

use proptest::prelude::*;
use proptest::sample::Index;
use proto::v1::OllamaStats;
use serde_json::{Map, Value, json};

use super::super::{GenerationStream, OllamaError};
use crate::test_support::fuzzing::{cuts, ends_in_time, fuzz_config, garbage, pieces, response_of};
use crate::test_support::{FakeOllama, Script};

/// Everything a caller learns from reading a body to its end.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    texts: Vec<String>,
    models: Vec<String>,
    stats: Option<OllamaStats>,
    error: Option<String>,
}

async fn read(pieces: Vec<Vec<u8>>) -> Reading {
    let url = "http://ollama/api/chat".to_owned();
    let mut stream = GenerationStream::new(url, response_of(pieces));
    let mut reading = Reading {
        texts: Vec::new(),
        models: Vec::new(),
        stats: None,
        error: None,
    };
    loop {
        match stream.next_chunk().await {
            Ok(Some(chunk)) => {
                assert!(reading.stats.is_none(), "a chunk after the final one");
                reading.texts.push(chunk.text);
                reading.models.push(chunk.model);
                reading.stats = chunk.final_stats;
            }
            Ok(None) => {
                assert!(reading.stats.is_some(), "the end without a final chunk");
                return reading;
            }
            Err(error) => {
                reading.error = Some(error.to_string());
                return reading;
            }
        }
    }
}

fn read_in_pieces(body: &[u8], cuts: &[Index]) -> Reading {
    ends_in_time(read(pieces(body, cuts)))
}

/// A stream as written: its lines (text, model, extra fields), its final statistics.
#[derive(Debug, Clone)]
struct Written {
    lines: Vec<(String, String, Map<String, Value>)>,
    chat: bool,
    stats: [u64; 6],
    done_reason: Option<String>,
    blank_lines: Vec<bool>,
    crlf: bool,
    final_newline: bool,
}

/// Fields Ollama might add one day, and values of every JSON type.
fn extra_fields() -> impl Strategy<Value = Map<String, Value>> {
    let value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|number| json!(number)),
        ".{0,12}".prop_map(Value::String),
        Just(json!({"nested": [1, "two", null]})),
    ];
    // Not the fields the reader looks at: those are the stream's own.
    prop::collection::btree_map("x_[a-z_]{1,10}|created_at|thinking", value, 0..3)
        .prop_map(|fields| fields.into_iter().collect())
}

fn written() -> impl Strategy<Value = Written> {
    let line = (".{0,16}", "[a-z0-9.:/-]{0,20}", extra_fields());
    (
        prop::collection::vec(line, 0..12),
        any::<bool>(),
        any::<[u64; 6]>(),
        prop::option::of("[a-z_]{0,10}"),
        prop::collection::vec(any::<bool>(), 13),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(lines, chat, stats, done_reason, blank_lines, crlf, final_newline)| Written {
                lines,
                chat,
                stats,
                done_reason,
                blank_lines,
                crlf,
                final_newline,
            },
        )
}

impl Written {
    fn line(&self, text: &str, model: &str, extra: &Map<String, Value>, done: bool) -> Value {
        let mut line = Value::Object(extra.clone());
        if self.chat {
            line["message"] = json!({"role": "assistant", "content": text});
        } else {
            line["response"] = json!(text);
        }
        line["model"] = json!(model);
        line["done"] = json!(done);
        line
    }

    fn body(&self) -> Vec<u8> {
        let end = if self.crlf { "\r\n" } else { "\n" };
        let mut body = String::new();
        for (index, (text, model, extra)) in self.lines.iter().enumerate() {
            body.push_str(&format!("{}{end}", self.line(text, model, extra, false)));
            if self.blank_lines[index] {
                body.push_str(end);
            }
        }
        let [
            total,
            load,
            prompt_eval,
            prompt_duration,
            eval,
            eval_duration,
        ] = self.stats;
        let mut last = self.line("", "m", &Map::new(), true);
        for (key, value) in [
            ("total_duration", total),
            ("load_duration", load),
            ("prompt_eval_count", prompt_eval),
            ("prompt_eval_duration", prompt_duration),
            ("eval_count", eval),
            ("eval_duration", eval_duration),
        ] {
            last[key] = json!(value);
        }
        if let Some(reason) = &self.done_reason {
            last["done_reason"] = json!(reason);
        }
        body.push_str(&last.to_string());
        if self.final_newline {
            body.push_str(end);
        }
        body.into_bytes()
    }

    fn expected(&self) -> Reading {
        let [
            total,
            load,
            prompt_eval,
            prompt_duration,
            eval,
            eval_duration,
        ] = self.stats;
        let mut texts: Vec<String> = self.lines.iter().map(|line| line.0.clone()).collect();
        let mut models: Vec<String> = self.lines.iter().map(|line| line.1.clone()).collect();
        texts.push(String::new());
        models.push("m".to_owned());
        Reading {
            texts,
            models,
            stats: Some(OllamaStats {
                total_duration_ns: total,
                load_duration_ns: load,
                prompt_eval_count: prompt_eval,
                prompt_eval_duration_ns: prompt_duration,
                eval_count: eval,
                eval_duration_ns: eval_duration,
                done_reason: self.done_reason.clone().unwrap_or_default(),
                prompt_eval_cached_count: None,
            }),
            error: None,
        }
    }
}

/// Flips, inserts or removes a few bytes of a valid body.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edit = (any::<Index>(), any::<u8>(), 0..3u8);
    (written(), prop::collection::vec(edit, 1..6)).prop_map(|(written, edits)| {
        let mut body = written.body();
        for (at, byte, kind) in edits {
            let at = at.index(body.len() + 1);
            match kind {
                0 if at < body.len() => body[at] = byte,
                1 => body.insert(at, byte),
                _ if at < body.len() => {
                    body.remove(at);
                }
                _ => {}
            }
        }
        body
    })
}

proptest! {
    #![proptest_config(fuzz_config(4096))]

    #[test]
    fn fuzz_a_well_formed_stream_reads_as_written_however_it_is_cut(
        written in written(),
        cuts in cuts(),
    ) {
        let body = written.body();
        let whole = read_in_pieces(&body, &[]);
        prop_assert_eq!(&whole, &written.expected());
        prop_assert_eq!(read_in_pieces(&body, &cuts), whole);
    }

    #[test]
    fn fuzz_garbage_and_damaged_streams_end_the_same_however_they_are_cut(
        body in prop_oneof![garbage(), mutated()],
        cuts in cuts(),
    ) {
        let whole = read_in_pieces(&body, &[]);
        prop_assert_eq!(read_in_pieces(&body, &cuts), whole);
    }
}

/// The stand-in Ollama's answers, read over HTTP as the agent reads them: whole bodies.
async fn recorded_bodies() -> Vec<(Vec<u8>, bool)> {
    let ollama = FakeOllama::start(&["qwen2.5:14b"]).await;
    let client = reqwest::Client::new();
    let mut bodies = Vec::new();
    for (script, succeeds) in [
        (Script::Tokens(vec!["Hel", "lo", " wörld ", "\n", ""]), true),
        (
            Script::FailAfter(vec!["par", "tial"], "model runner crashed"),
            false,
        ),
    ] {
        *ollama.state.script.lock().unwrap() = script;
        for path in ["/api/chat", "/api/generate"] {
            let body = client
                .post(format!("{}{path}", ollama.url))
                .json(&json!({"model": "qwen2.5:14b", "prompt": "hi", "messages": []}))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            bodies.push((body.to_vec(), succeeds));
        }
    }
    bodies
}

#[tokio::test]
async fn fuzz_seeds_the_stand_in_ollamas_streams_read_the_same_at_every_cut() {
    for (body, succeeds) in recorded_bodies().await {
        let whole = read(vec![body.clone()]).await;
        assert_eq!(whole.error.is_none(), succeeds, "{whole:?}");
        for at in 0..=body.len() {
            let (first, second) = body.split_at(at);
            let cut = read(vec![first.to_vec(), second.to_vec()]).await;
            assert_eq!(cut, whole, "cut at {at}");
        }
    }
}

#[test]
fn fuzz_an_error_line_is_ollamas_own_message() {
    let reading = read_in_pieces(b"{\"error\":\"boom\"}\n", &[]);
    let expected = OllamaError::Reported {
        message: "boom".to_owned(),
    };
    assert_eq!(reading.error, Some(expected.to_string()));
}
