"""An outside Ollama client for llm-runner: the official `ollama` Python package (0.6.x).

Points `ollama.Client(host=URL)` at llm-runner's Ollama-compatible endpoints, runs the checks
named on the command line, and prints one JSON object with each check's findings, or exits
non-zero with a clear message. Every HTTP exchange goes through a transport that records the
raw bytes, so each response and each streamed line is validated against the package's own
pydantic types (`ChatResponse`, `GenerateResponse`, `EmbedResponse`, `ListResponse`,
`ProcessResponse`) and Ollama's documented final-chunk fields. Keys the package's types do not
declare are reported (`unknown_keys`), not failed: Ollama itself sends some. A message starting
`SHAPE:` is a wrong wire shape found in llm-runner's answer.

  chat      --model M: `chat` whole and streamed
  generate  --model M: `generate` whole and streamed
  embed     --embed-model E: `embed` of two inputs
  models    --model M: `list` (/api/tags) names M, `ps` (/api/ps) answers, and /api/version
            (0.6.3 has no `version()`: it is asked through the client's own request path)
  refused   --model M --status S [--reason TEXT]: `chat` and `generate` (whole and streamed)
            and `embed` for M each raise `ollama.ResponseError` with that status and reason, after
            one request and with nothing streamed

Run by the Rust scenario tests/scenarios/the_official_ollama_client_uses_the_cluster.rs.
"""

import argparse
import json
import sys

import ollama
import pydantic
from http_tap import CheckFailed, Tap, expect
from ollama import ChatResponse, EmbedResponse, GenerateResponse, ListResponse, ProcessResponse

MESSAGES = [
    {"role": "system", "content": "answer briefly"},
    {"role": "user", "content": "why is the sky blue?"},
]
# Ollama's final streamed object carries these (docs/api.md, "Generate a chat completion").
FINAL_FIELDS = {"model", "created_at", "done", "done_reason"}


def unknown_keys(cls, raw, path):
    """Keys of `raw` the pydantic type `cls` (and its nested types) does not declare."""
    found = []
    if not isinstance(raw, dict):
        return found
    fields = cls.model_fields
    for key, value in raw.items():
        if key not in fields:
            found.append(f"{path}.{key}")
            continue
        nested = nested_model(fields[key].annotation)
        if nested and isinstance(value, dict):
            found += unknown_keys(nested, value, f"{path}.{key}")
        elif nested and isinstance(value, list):
            for index, item in enumerate(value):
                found += unknown_keys(nested, item, f"{path}.{key}[{index}]")
    return found


def nested_model(annotation):
    """The pydantic model inside `Optional[...]`/`Sequence[...]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = nested_model(argument)
        if found:
            return found
    return None


def validated(cls, raw, what, unknown):
    try:
        value = cls.model_validate(raw)
    except pydantic.ValidationError as error:
        raise CheckFailed(f"SHAPE: {what} is not a valid {cls.__name__}: {error}\n{raw}") from None
    unknown += unknown_keys(cls, raw, what)
    return value


def whole(record, cls, what, unknown):
    expect(record["status"] == 200, f"{what}: status {record['status']}: {record['body']}")
    raw = json.loads(record["body"])
    missing = FINAL_FIELDS - set(raw)
    expect(not missing, f"SHAPE: {what}: no {sorted(missing)} in {raw}")
    value = validated(cls, raw, what, unknown)
    expect(value.done is True, f"SHAPE: {what}: done is {value.done}")
    return raw, value


def streamed(record, cls, what, unknown):
    """Every NDJSON line, validated: all `done: false` but the last, which has the final fields."""
    expect(record["status"] == 200, f"{what}: status {record['status']}: {record['body']}")
    kind = record["headers"].get("content-type", "")
    expect(kind.startswith("application/x-ndjson"), f"SHAPE: {what}: content-type {kind}")
    lines = [line for line in record["body"].split("\n") if line.strip()]
    parts = [validated(cls, json.loads(line), f"{what} line {i}", unknown) for i, line in enumerate(lines)]
    expect(len(parts) >= 2, f"{what}: {len(parts)} lines")
    expect(all(part.done is False for part in parts[:-1]), f"SHAPE: {what}: done before the end")
    last = json.loads(lines[-1])
    missing = FINAL_FIELDS - set(last)
    expect(not missing and last["done"] is True, f"SHAPE: {what}: last line {last}")
    return parts, last


def finals(raw):
    return {key: raw.get(key) for key in ["model", "done_reason", "prompt_eval_count", "eval_count"]}


def check_chat(client, tap, args):
    unknown = []
    answer = client.chat(model=args.model, messages=MESSAGES)
    raw, value = whole(tap.one("chat"), ChatResponse, "chat", unknown)
    expect(value.message.role == "assistant", f"SHAPE: chat: role {value.message.role}")
    expect(answer.message.content == value.message.content, "chat: the client parsed other text")
    iterated = "".join(part.message.content or "" for part in client.chat(
        model=args.model, messages=MESSAGES, stream=True
    ))
    parts, last = streamed(tap.one("chat stream"), ChatResponse, "chat stream", unknown)
    text = "".join(part.message.content or "" for part in parts)
    expect(iterated == text, "chat stream: the client's iterator gave other text than was sent")
    return {
        "text": value.message.content,
        "final": finals(raw),
        "stream_text": text,
        "stream_lines": len(parts),
        "stream_final": finals(last),
        "unknown_keys": sorted(set(unknown)),
    }


def check_generate(client, tap, args):
    unknown = []
    prompt = "why is the sky blue?"
    answer = client.generate(model=args.model, prompt=prompt)
    raw, value = whole(tap.one("generate"), GenerateResponse, "generate", unknown)
    expect(answer.response == value.response, "generate: the client parsed other text")
    iterated = "".join(p.response or "" for p in client.generate(
        model=args.model, prompt=prompt, stream=True
    ))
    parts, last = streamed(tap.one("generate stream"), GenerateResponse, "generate stream", unknown)
    text = "".join(part.response or "" for part in parts)
    expect(iterated == text, "generate stream: the client's iterator gave other text")
    return {
        "text": value.response,
        "final": finals(raw),
        "stream_text": text,
        "stream_final": finals(last),
        "unknown_keys": sorted(set(unknown)),
    }


def check_embed(client, tap, args):
    unknown = []
    answer = client.embed(model=args.embed_model, input=["the sky is blue", "the sea is green"])
    record = tap.one("embed")
    expect(record["status"] == 200, f"embed: status {record['status']}: {record['body']}")
    raw = json.loads(record["body"])
    value = validated(EmbedResponse, raw, "embed", unknown)
    expect(list(answer.embeddings) == list(value.embeddings), "embed: the client parsed others")
    expect(len(value.embeddings) == 2 and all(value.embeddings), "embed: not two embeddings")
    return {
        "model": raw.get("model"),
        "dimensions": [len(vector) for vector in value.embeddings],
        "unknown_keys": sorted(set(unknown)),
    }


def check_models(client, tap, args):
    unknown = []
    client.list()
    record = tap.one("list")
    expect(record["status"] == 200, f"list: status {record['status']}: {record['body']}")
    raw = json.loads(record["body"])
    listed = validated(ListResponse, raw, "list", unknown)
    names = [model.get("name") for model in raw["models"]]
    expect(args.model in names, f"list: no name {args.model} in {names}")
    expect([m.model for m in listed.models] == names, "SHAPE: list: `model` differs from `name`")

    client.ps()
    record = tap.one("ps")
    expect(record["status"] == 200, f"ps: status {record['status']}: {record['body']}")
    raw_ps = json.loads(record["body"])
    loaded = validated(ProcessResponse, raw_ps, "ps", unknown)

    version = client._request_raw("GET", "/api/version").json()
    tap.one("version")
    expect(isinstance(version.get("version"), str), f"SHAPE: version: {version}")
    return {
        "names": names,
        "loaded": [model.model for model in loaded.models],
        "version": version["version"],
        "unknown_keys": sorted(set(unknown)),
    }


def check_refused(client, tap, args):
    found = {}
    attempts = {
        "chat": lambda: client.chat(model=args.model, messages=MESSAGES),
        "chat stream": lambda: client.chat(model=args.model, messages=MESSAGES, stream=True),
        "generate": lambda: client.generate(model=args.model, prompt="hi"),
        "generate stream": lambda: client.generate(model=args.model, prompt="hi", stream=True),
        "embed": lambda: client.embed(model=args.model, input="hi"),
    }
    for what, attempt in attempts.items():
        streamed_parts = 0
        try:
            answer = attempt()
            if what.endswith("stream"):
                for _ in answer:
                    streamed_parts += 1
            raise CheckFailed(f"{what}: {args.model} was answered ({streamed_parts} parts)")
        except ollama.ResponseError as error:
            record = tap.one(what)
            expect(streamed_parts == 0, f"{what}: {streamed_parts} parts streamed before the error")
            expect(error.status_code == args.status, f"{what}: status {error.status_code}: {error}")
            expect(record["status"] == args.status, f"{what}: HTTP status {record['status']}")
            body = json.loads(record["body"])
            expect(
                set(body) == {"error"} and isinstance(body["error"], str),
                f"SHAPE: {what}: Ollama's error is {{\"error\": \"…\"}}, got {body}",
            )
            if args.reason:
                expect(args.reason in error.error, f"{what}: no {args.reason!r} in {error.error!r}")
            found[what] = {"status": error.status_code, "error": error.error}
    return found


CHECKS = {
    "chat": check_chat,
    "generate": check_generate,
    "embed": check_embed,
    "models": check_models,
    "refused": check_refused,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checks", nargs="+", choices=list(CHECKS))
    parser.add_argument("--host", required=True, help="llm-runner's http_addr as a URL")
    parser.add_argument("--model", default="qwen2.5:14b")
    parser.add_argument("--embed-model", default="nomic-embed-text:latest")
    parser.add_argument("--status", type=int, help="refused: the HTTP status expected")
    parser.add_argument("--reason", help="refused: text the error must contain")
    args = parser.parse_args()
    if "refused" in args.checks and args.status is None:
        parser.error("refused needs --status")
    tap = Tap()
    client = ollama.Client(host=args.host, transport=tap, timeout=60)
    results = {}
    check = args.checks[0]
    try:
        for check in args.checks:
            results[check] = CHECKS[check](client, tap, args)
    except CheckFailed as failure:
        sys.exit(f"ollama_client.py {check}: {failure}")
    except ollama.ResponseError as error:
        sys.exit(f"ollama_client.py {check}: the client raised ResponseError: {error}")
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
