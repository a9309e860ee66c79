"""Reads back, with the official Python neo4j driver, the graph llm-runner's Neo4jGraph wrote
(after the graph conformance suite ran): an independent Bolt client's view of the same edges.

Usage: python3 bolt_read_back.py bolt://127.0.0.1:PORT   (prints one JSON line)
"""

import json
import socket
import sys
from urllib.parse import urlparse

from neo4j import GraphDatabase


def absorb_goodbye(uri):
    """FalkorDB leaves the first connection after a GOODBYE unanswered; one bare handshake
    absorbs that (see memory/src/graph/neo4j/probe.rs)."""
    parsed = urlparse(uri)
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=1) as probe:
            probe.sendall(bytes([0x60, 0x60, 0xB0, 0x17, 0, 8, 8, 5, 0, 0, 4, 4] + [0] * 8))
            probe.recv(4)
    except OSError:
        pass


def main():
    uri = sys.argv[1]
    absorb_goodbye(uri)
    with GraphDatabase.driver(uri, auth=None, connection_timeout=5) as driver:
        with driver.session() as session:
            edges = session.run("MATCH ()-[r:STATES]->() RETURN count(r) AS n").single()["n"]
            a_expired = session.run(
                "MATCH (:Note {name: $note})-[r:STATES]->() WHERE r.expired IS NOT NULL RETURN count(r) AS n",
                note="a.md",
            ).single()["n"]
            fact = session.run(
                "MATCH (n:Note)-[r:STATES {kind: 'fact'}]->(v:Value) RETURN n.name AS note, r.key AS key, v.name AS value, r.ex_model AS model"
            ).single()
    print(json.dumps({"edges": edges, "a_expired": a_expired, "fact": [fact["note"], fact["key"], fact["value"], fact["model"]]}))


if __name__ == "__main__":
    main()
