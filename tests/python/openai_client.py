"""An outside OpenAI client for llm-runner: the official `openai` Python package (2.x).

Points `openai.OpenAI(base_url=URL)` at llm-runner's `/v1`, runs the checks named on the command
line, and prints one JSON object with each check's findings, or exits non-zero with a clear
message. Every HTTP exchange goes through a transport that records the raw bytes, so each
response and each stream chunk is validated against the SDK's own pydantic types
(`ChatCompletion`, `ChatCompletionChunk`, `CreateEmbeddingResponse`, `Model`, `ErrorObject`), and
no object may carry keys those types do not know, beyond our documented extensions (`nodes` on
a model; `job_id` and `nodes` on an error). A message starting `SHAPE:` is a wrong wire shape
found in llm-runner's answer.

  chat      --model M: non-streaming, `stream=True` with `stream_options.include_usage`, and the
            `client.chat.completions.stream(...)` helper
  complete  --model M: legacy `completions.create`, whole and streamed with usage
  models    --model M [--nodes a,b]: `models.list()` (M listed, with its nodes) and
            `models.retrieve(M)`
  embed     --embed-model E: `embeddings.create` with the SDK's default (base64) and `float`
  refused   --model M --status S --code C [--reason TEXT]: a chat (plain, streamed, helper) and
            `models.retrieve(M)` each raise the SDK's own error class with that status, code and
            reason, after exactly one request and with nothing streamed

Run by the Rust scenario
tests/scenarios/the_official_openai_sdk_chats_streams_embeds_and_gets_our_refusals.rs.
"""

import argparse
import array
import base64
import json
import sys

import httpx
import openai
import pydantic
from http_tap import CheckFailed, Tap, expect
from openai.types import Completion, CreateEmbeddingResponse, Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.shared import ErrorObject

MESSAGES = [
    {"role": "system", "content": "answer briefly"},
    {"role": "user", "content": "why is the sky blue?"},
]
# Our documented extension fields, by the type they extend.
EXTENSIONS = {Model: {"nodes"}, ErrorObject: {"job_id", "nodes"}}


def unknown_keys(value, path, allowed_extensions):
    """Paths of keys in `value` (a validated SDK model) that its type does not declare."""
    found = []
    if isinstance(value, pydantic.BaseModel):
        allowed = allowed_extensions.get(type(value), set())
        for key in (value.model_extra or {}):
            if key not in allowed:
                found.append(f"{path}.{key}")
        for name in type(value).model_fields:
            found += unknown_keys(getattr(value, name), f"{path}.{name}", allowed_extensions)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += unknown_keys(item, f"{path}[{index}]", allowed_extensions)
    return found


def validated(cls, raw, what):
    """`raw` as the SDK type `cls`, strictly: wrong types or unknown keys are a SHAPE failure."""
    try:
        value = cls.model_validate(raw, strict=True)
    except pydantic.ValidationError as error:
        raise CheckFailed(f"SHAPE: {what} is not a valid {cls.__name__}: {error}\n{raw}") from None
    extra = unknown_keys(value, what, EXTENSIONS)
    expect(not extra, f"SHAPE: {what} has keys {cls.__name__} does not declare: {extra}\n{raw}")
    return value


def sse_data(body):
    """The `data:` payloads of a server-sent event stream, in order."""
    events, lines = [], []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line == "":
            if lines:
                events.append("\n".join(lines))
                lines = []
        elif line.startswith("data:"):
            lines.append(line[5:].removeprefix(" "))
    if lines:
        events.append("\n".join(lines))
    return events


def where_from(record):
    return {
        "node": record["headers"].get("x-llm-runner-node"),
        "job_id": record["headers"].get("x-llm-runner-job-id"),
    }


def validated_stream(record, what, include_usage):
    """Every chunk of a streamed chat, validated; the text, model, usage and finish reason."""
    expect(record["status"] == 200, f"{what}: status {record['status']}: {record['body']}")
    kind = record["headers"].get("content-type", "")
    expect(kind.startswith("text/event-stream"), f"SHAPE: {what}: content-type {kind}")
    events = sse_data(record["body"])
    expect(events and events[-1] == "[DONE]", f"SHAPE: {what}: no final [DONE]: {events[-3:]}")
    chunks = [
        validated(ChatCompletionChunk, json.loads(data), f"{what} chunk {index}")
        for index, data in enumerate(events[:-1])
    ]
    expect(chunks, f"{what}: no chunks before [DONE]")
    expect(len({chunk.id for chunk in chunks}) == 1, f"SHAPE: {what}: chunk ids differ")
    with_choices = [chunk for chunk in chunks if chunk.choices]
    expect(with_choices[0].choices[0].delta.role == "assistant", f"SHAPE: {what}: no role first")
    finishes = [c.choices[0].finish_reason for c in with_choices if c.choices[0].finish_reason]
    expect(len(finishes) == 1, f"SHAPE: {what}: finish reasons {finishes}")
    usage = None
    if include_usage:
        last = chunks[-1]
        expect(not last.choices and last.usage, f"SHAPE: {what}: last chunk is not the usage")
        early = [index for index, chunk in enumerate(chunks[:-1]) if chunk.usage is not None]
        expect(not early, f"SHAPE: {what}: usage before the last chunk, in chunks {early}")
        usage = last.usage.model_dump()
    else:
        expect(all(chunk.usage is None for chunk in chunks), f"SHAPE: {what}: unasked usage")
    text = "".join(c.choices[0].delta.content or "" for c in with_choices)
    return {
        "text": text,
        "chunks": len(chunks),
        "model": chunks[0].model,
        "finish_reason": finishes[0],
        "usage": usage,
        **where_from(record),
    }


def check_chat(client, tap, args):
    raw = client.chat.completions.with_raw_response.create(model=args.model, messages=MESSAGES)
    parsed = raw.parse()
    record = tap.one("chat")
    expect(record["status"] == 200, f"chat: status {record['status']}: {record['body']}")
    completion = validated(ChatCompletion, json.loads(record["body"]), "chat")
    expect(completion.model_dump() == parsed.model_dump(), "chat: the SDK parsed something else than was sent")
    plain = {
        "text": completion.choices[0].message.content,
        "model": completion.model,
        "finish_reason": completion.choices[0].finish_reason,
        "usage": completion.usage.model_dump() if completion.usage else None,
        **where_from(record),
    }

    iterated = ""
    stream = client.chat.completions.create(
        model=args.model,
        messages=MESSAGES,
        stream=True,
        stream_options={"include_usage": True},
    )
    for chunk in stream:
        if chunk.choices:
            iterated += chunk.choices[0].delta.content or ""
    streamed = validated_stream(tap.one("stream"), "stream", include_usage=True)
    expect(iterated == streamed["text"], "stream: the SDK iterator gave other text than was sent")

    deltas = []
    with client.chat.completions.stream(model=args.model, messages=MESSAGES) as helper:
        for event in helper:
            if event.type == "content.delta":
                deltas.append(event.delta)
        final = helper.get_final_completion()
    helped = validated_stream(tap.one("helper"), "helper", include_usage=False)
    expect("".join(deltas) == helped["text"], "helper: content.delta events differ from the wire")
    expect(final.choices[0].message.content == helped["text"], "helper: final completion differs")
    helped["final_model"] = final.model
    return {"plain": plain, "stream": streamed, "helper": helped}


def unfinished_as_stop(raw):
    """A legacy completion stream chunk made valid for the SDK's `Completion` type: OpenAI itself
    streams `finish_reason: null` until the last choice, while the type (which the SDK uses for
    those chunks without validating them) declares it required. Only a null becomes "stop"."""
    for choice in raw.get("choices", []):
        if choice.get("finish_reason", "absent") is None:
            choice["finish_reason"] = "stop"
    return raw


def check_complete(client, tap, args):
    prompt = "why is the sky blue?"
    parsed = client.completions.create(model=args.model, prompt=prompt)
    record = tap.one("complete")
    expect(record["status"] == 200, f"complete: status {record['status']}: {record['body']}")
    whole = validated(Completion, json.loads(record["body"]), "complete")
    expect(whole.model_dump() == parsed.model_dump(), "complete: the SDK parsed something else")
    iterated = "".join(
        chunk.choices[0].text if chunk.choices else ""
        for chunk in client.completions.create(
            model=args.model, prompt=prompt, stream=True, stream_options={"include_usage": True}
        )
    )
    record = tap.one("complete stream")
    expect(record["status"] == 200, f"complete stream: status {record['status']}")
    events = sse_data(record["body"])
    expect(events and events[-1] == "[DONE]", "SHAPE: complete stream: no final [DONE]")
    raws = [json.loads(data) for data in events[:-1]]
    finishes = [raw["choices"][0].get("finish_reason") for raw in raws if raw.get("choices")]
    expect(
        finishes and finishes[-1] and not any(finishes[:-1]),
        f"SHAPE: complete stream: finish reasons {finishes}, not null until the last choice",
    )
    chunks = [
        validated(Completion, unfinished_as_stop(raw), f"complete stream chunk {index}")
        for index, raw in enumerate(raws)
    ]
    text = "".join(chunk.choices[0].text for chunk in chunks if chunk.choices)
    expect(iterated == text, "complete stream: the SDK iterator gave other text than was sent")
    expect(chunks[-1].usage and not chunks[-1].choices, "SHAPE: complete stream: no usage last")
    return {
        "text": whole.choices[0].text,
        "model": whole.model,
        "finish_reason": whole.choices[0].finish_reason,
        "stream_text": text,
        "stream_usage": chunks[-1].usage.model_dump(),
        **where_from(record),
    }


def check_models(client, tap, args):
    listed = client.models.list()
    record = tap.one("models.list")
    expect(record["status"] == 200, f"models.list: status {record['status']}: {record['body']}")
    page = json.loads(record["body"])
    expect(set(page) == {"object", "data"}, f"SHAPE: models.list keys: {sorted(page)}")
    expect(page["object"] == "list", f"SHAPE: models.list object is {page['object']!r}")
    models = [
        validated(Model, raw, f"models.list data[{index}]")
        for index, raw in enumerate(page["data"])
    ]
    expect([m.id for m in listed.data] == [m.id for m in models], "models.list: SDK page differs")
    by_id = {model.id: model for model in models}
    expect(args.model in by_id, f"models.list: no {args.model} in {sorted(by_id)}")
    nodes = {model.id: model.model_extra.get("nodes") for model in models}
    if args.nodes:
        wanted = sorted(args.nodes.split(","))
        got = sorted(nodes[args.model] or [])
        expect(got == wanted, f"models.list: {args.model} on {got}, expected {wanted}")

    retrieved = client.models.retrieve(args.model)
    record = tap.one("models.retrieve")
    expect(record["status"] == 200, f"models.retrieve: status {record['status']}")
    model = validated(Model, json.loads(record["body"]), "models.retrieve")
    expect(model.model_dump() == retrieved.model_dump() and model.id == args.model, f"models.retrieve gave {model}")
    return {"ids": sorted(by_id), "nodes": nodes, "retrieved": model.model_dump()}


def check_embed(client, tap, args):
    inputs = ["the sky is blue", "the sea is green"]
    by_default = client.embeddings.create(model=args.embed_model, input=inputs)
    record = tap.one("embed (base64)")
    expect(record["request"].get("encoding_format") == "base64", "the SDK did not ask base64")
    expect(record["status"] == 200, f"embed (base64): status {record['status']}: {record['body']}")
    raw = json.loads(record["body"])
    encoded = [item.get("embedding") for item in raw.get("data", [])]
    expect(
        encoded and all(isinstance(item, str) for item in encoded),
        f"SHAPE: asked for base64, the embeddings are not strings: {str(raw)[:300]}",
    )
    decoded = [array.array("f", base64.b64decode(item)).tolist() for item in encoded]
    for item in raw["data"]:
        item["embedding"] = [0.0]
    validated(CreateEmbeddingResponse, raw, "embed (base64)")

    as_floats = client.embeddings.create(
        model=args.embed_model, input=inputs, encoding_format="float"
    )
    record = tap.one("embed (float)")
    expect(record["status"] == 200, f"embed (float): status {record['status']}: {record['body']}")
    response = validated(CreateEmbeddingResponse, json.loads(record["body"]), "embed (float)")
    floats = [item.embedding for item in response.data]
    expect(response.model_dump() == as_floats.model_dump(), "embed (float): the SDK parsed something else than was sent")
    expect([item.index for item in response.data] == [0, 1], "SHAPE: embed: indexes not 0, 1")
    expect(len(floats) == 2 and all(floats), f"embed (float): {len(floats)} embeddings")
    expect(
        [e.embedding for e in by_default.data] == decoded,
        "embed: the SDK's decoded base64 differs from the raw base64",
    )
    close = all(
        abs(a - b) <= 1e-6 * max(1.0, abs(b))
        for one, other in zip(decoded, floats)
        for a, b in zip(one, other, strict=True)
    )
    expect(close, "embed: the base64 and float embeddings of the same inputs differ")
    return {
        "model": response.model,
        "dimensions": [len(vector) for vector in floats],
        "usage": response.usage.model_dump(),
        **where_from(record),
    }


def expect_refusal(tap, args, what, error, streamed_chunks):
    """The SDK's exception, and the one raw answer behind it, as the refusal expected."""
    record = tap.one(what)
    expect(streamed_chunks == 0, f"{what}: {streamed_chunks} chunks were streamed before the error")
    expect(record["status"] == args.status, f"{what}: status {record['status']}, not {args.status}")
    kind = record["headers"].get("content-type", "")
    expect(kind.startswith("application/json"), f"SHAPE: {what}: content-type {kind}")
    body = json.loads(record["body"])
    expect(set(body) == {"error"}, f"SHAPE: {what}: top-level keys {sorted(body)}")
    error_object = validated(ErrorObject, body["error"], f"{what} error")
    expect(isinstance(error, openai.APIStatusError), f"{what}: raised {type(error).__name__}")
    expect(error.status_code == args.status, f"{what}: SDK status {error.status_code}")
    expect(error.code == args.code == error_object.code, f"{what}: code {error.code}")
    if args.status == 404:
        expect(isinstance(error, openai.NotFoundError), f"{what}: not a NotFoundError: {error!r}")
    if args.reason:
        expect(args.reason in error.message, f"{what}: no {args.reason!r} in {error.message!r}")
    return {
        "class": type(error).__name__,
        "status": error.status_code,
        "code": error.code,
        "type": error.type,
        "param": error.param,
        "message": error_object.message,
        "nodes": error_object.model_extra.get("nodes"),
        "job_id": error_object.model_extra.get("job_id"),
        "should_retry": record["headers"].get("x-should-retry"),
    }


def check_refused(client, tap, args):
    found = {}
    attempts = {
        "chat": lambda: client.chat.completions.create(model=args.model, messages=MESSAGES),
        "stream": lambda: client.chat.completions.create(
            model=args.model, messages=MESSAGES, stream=True
        ),
        "helper": lambda: client.chat.completions.stream(model=args.model, messages=MESSAGES),
        "models.retrieve": lambda: client.models.retrieve(args.model),
    }
    for what, attempt in attempts.items():
        streamed = 0
        try:
            answer = attempt()
            if what == "helper":
                with answer as helper:
                    for _ in helper:
                        streamed += 1
            elif what == "stream":
                for _ in answer:
                    streamed += 1
            raise CheckFailed(f"{what}: {args.model} was answered ({streamed} chunks), not refused")
        except openai.APIStatusError as error:
            found[what] = expect_refusal(tap, args, what, error, streamed)
    return found


CHECKS = {
    "chat": check_chat,
    "complete": check_complete,
    "models": check_models,
    "embed": check_embed,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checks", nargs="+", choices=[*CHECKS, "refused"])
    parser.add_argument("--base-url", required=True, help="llm-runner's /v1 URL")
    parser.add_argument("--api-key", default="unused")
    parser.add_argument("--model", default="qwen2.5:14b")
    parser.add_argument("--embed-model", default="nomic-embed-text:latest")
    parser.add_argument("--nodes", help="the nodes --model must be listed on, comma separated")
    parser.add_argument("--status", type=int, help="refused: the HTTP status expected")
    parser.add_argument("--code", help="refused: the error code expected")
    parser.add_argument("--reason", help="refused: text the error message must contain")
    args = parser.parse_args()
    tap = Tap()
    client = openai.OpenAI(
        base_url=args.base_url,
        api_key=args.api_key,
        http_client=httpx.Client(transport=tap, timeout=60),
    )
    results = {}
    try:
        for check in args.checks:
            if check == "refused":
                if args.status is None or args.code is None:
                    parser.error("refused needs --status and --code")
                results[check] = check_refused(client, tap, args)
            else:
                results[check] = CHECKS[check](client, tap, args)
    except CheckFailed as failure:
        sys.exit(f"openai_client.py {check}: {failure}")
    except openai.APIError as error:
        sys.exit(f"openai_client.py {check}: the SDK raised {type(error).__name__}: {error}")
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
