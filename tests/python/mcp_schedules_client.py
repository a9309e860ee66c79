"""Schedules and research mode from the official Python MCP SDK (`pip install mcp`, 2.x).

Connects over streamable HTTP (`--http URL`) or over stdio (`--stdio RUNNER --coordinator URL`,
which spawns `RUNNER mcp --coordinator URL`), then prints one JSON line with:

  schedules  list_schedules' answer
  fired      run_schedule --schedule NAME: is_error, text and structured content
  research   research --question Q --model M with a progress callback: is_error, text,
             structured content, and the progress messages received in order

Run by tests/scenarios/mcp_research_mode_lists_runs_schedules_and_reports_research_steps.rs.
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


def answer_of(result):
    return {
        "is_error": bool(result.is_error),
        "text": "\n".join(block.text for block in result.content if block.type == "text"),
        "structured": result.structured_content,
    }


async def run(session, args):
    # The SDK validates structured content against the output schema of listed tools.
    await session.list_tools()
    listed = await session.call_tool("list_schedules", {})
    fired = await session.call_tool("run_schedule", {"name": args.schedule})
    progress = []

    async def on_progress(value, total, message):
        progress.append({"progress": value, "message": message})

    researched = await session.call_tool(
        "research",
        {"question": args.question, "model": args.model},
        progress_callback=on_progress,
    )
    return {
        "schedules": answer_of(listed),
        "fired": answer_of(fired),
        "research": {**answer_of(researched), "progress": progress},
    }


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--http", help="the /mcp URL")
    parser.add_argument("--stdio", help="the runner binary to start as `runner mcp`")
    parser.add_argument("--coordinator", help="the coordinator's gRPC URL, for --stdio")
    parser.add_argument("--schedule", default="hourly-chat")
    parser.add_argument("--model", default="qwen2.5:14b")
    parser.add_argument("--question", default="what did we decide about model risk tiers?")
    args = parser.parse_args()
    if bool(args.http) == bool(args.stdio):
        parser.error("give exactly one of --http and --stdio")
    async with connect(args) as session:
        answer = await run(session, args)
    print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
