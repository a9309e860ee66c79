"""An outside MCP client for llm-runner: the official Python MCP SDK (`pip install mcp`, 2.x).

Connects over streamable HTTP (`--http URL`) or over stdio (`--stdio RUNNER --coordinator URL`,
which spawns `RUNNER mcp --coordinator URL`), then does one check and prints one JSON line:

  describe   the tools (names, whether each has an output schema) and list_models' answer
  submit     calls submit_job with --model and --prompt, with a progress callback: the result's
             is_error, text, structured content, and the progress values received

Run by the Rust scenario tests/scenarios/mcp_works_from_the_official_python_sdk.rs.
"""

import argparse
import asyncio
import contextlib
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client


@contextlib.asynccontextmanager
async def connect(args):
    """An initialized ClientSession over the transport the arguments name."""
    if args.http:
        transport = streamable_http_client(args.http)
    else:
        server = StdioServerParameters(
            command=args.stdio, args=["mcp", "--coordinator", args.coordinator]
        )
        transport = stdio_client(server, errlog=sys.stderr)
    async with transport as (read_stream, write_stream):
        async with ClientSession(read_stream, write_stream) as session:
            await session.initialize()
            yield session


async def describe(session):
    listed = await session.list_tools()
    models = await session.call_tool("list_models", {})
    return {
        "tools": sorted(tool.name for tool in listed.tools),
        "with_output_schema": sorted(
            tool.name for tool in listed.tools if tool.output_schema is not None
        ),
        "list_models_is_error": bool(models.is_error),
        "models": models.structured_content,
    }


async def submit(session, model, prompt):
    # The SDK validates structured content against the output schema of listed tools.
    await session.list_tools()
    progress = []

    async def on_progress(value, total, message):
        progress.append({"progress": value, "message": message})

    result = await session.call_tool(
        "submit_job",
        {"model": model, "prompt": prompt},
        progress_callback=on_progress,
    )
    return {
        "is_error": bool(result.is_error),
        "text": "\n".join(block.text for block in result.content if block.type == "text"),
        "structured": result.structured_content,
        "progress": progress,
    }


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("check", choices=["describe", "submit"])
    parser.add_argument("--http", help="the /mcp URL")
    parser.add_argument("--stdio", help="the runner binary to start as `runner mcp`")
    parser.add_argument("--coordinator", help="the coordinator's gRPC URL, for --stdio")
    parser.add_argument("--model", default="gemma4:27b")
    parser.add_argument("--prompt", default="why is the sky blue?")
    args = parser.parse_args()
    if bool(args.http) == bool(args.stdio):
        parser.error("give exactly one of --http and --stdio")
    async with connect(args) as session:
        if args.check == "describe":
            answer = await describe(session)
        else:
            answer = await submit(session, args.model, args.prompt)
    print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
