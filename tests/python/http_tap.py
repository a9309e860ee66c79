"""What the outside-client scripts share: an httpx transport that records every exchange's raw
bytes while the client under test reads them, and the failure they report.

A client library parses (and may forgive) what it receives; the tap keeps the wire bytes, so a
script can validate exactly what llm-runner sent. Used by openai_client.py and ollama_client.py.
"""

import json

import httpx


class CheckFailed(Exception):
    """A check's expectation was not met; the message says which and what came instead."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


class Tap(httpx.HTTPTransport):
    """The real transport, recording each exchange's request and raw response bytes."""

    def __init__(self):
        super().__init__()
        self.exchanges = []

    def handle_request(self, request):
        response = super().handle_request(request)
        record = {
            "method": request.method,
            "path": request.url.path,
            "request": json.loads(request.content) if request.content else None,
            "status": response.status_code,
            "headers": dict(response.headers),
            "body": bytearray(),
        }
        self.exchanges.append(record)
        inner = response.stream

        class Tee(httpx.SyncByteStream):
            def __iter__(self):
                for piece in inner:
                    record["body"].extend(piece)
                    yield piece

            def close(self):
                inner.close()

        response.stream = Tee()
        return response

    def one(self, what):
        """The one exchange since the last call, its body as text; more than one (a retry) or
        none fails the check."""
        taken, self.exchanges = self.exchanges, []
        paths = [record["path"] for record in taken]
        expect(len(taken) == 1, f"{what}: expected one HTTP request, the client made {paths}")
        record = taken[0]
        record["body"] = record["body"].decode("utf-8", errors="replace")
        return record
