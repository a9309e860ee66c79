#!/usr/bin/env python3
"""The llm-runner gRPC contract, checked from OUTSIDE our crate with Python grpcio.

The stubs are generated at start from proto/proto/llm_runner/v1/*.proto with grpc_tools.protoc
into a temporary directory, so this client shares no code with the Rust `proto` crate: if the
coordinator's wire format drifts from the .proto files, this script notices.

Requires (installed by `cargo xtask install`, CI's first step):
    grpcio grpcio-tools grpcio-status grpcio-health-checking

Usage:
    python3 tests/python/grpc_contract.py --coordinator 127.0.0.1:PORT --model M --prompt P
        [--kind generate|chat] [--retries N] [--timeout SECONDS] [--one-call]
    python3 tests/python/grpc_contract.py --coordinator 127.0.0.1:PORT --health [--service NAME]
    python3 tests/python/grpc_contract.py --generate-only

Job mode: calls JobService.SubmitJob (kind JOB_KIND_GENERATE by default; `--kind chat` sends
the prompt as one user message), then JobService.WatchJob until the stream ends (with
`--one-call`: JobService.SubmitAndWatch, whose stream starts with the job), and prints
ONE JSON line on stdout:
    {"job_id": "...", "state": "JOB_STATE_SUCCEEDED", "node": "...", "served_model": "...",
     "output": "<the first snapshot's output followed by every delta>", "deltas": <count>,
     "job_output": "<the output field of the last Job event>", "reason": "..."}
and exits 0 (whatever the job's final state: the caller asserts on "state").

Health mode (`--health`): calls the standard grpc.health.v1.Health/Check for `--service`
(default "", the whole server) and prints {"status": "SERVING"} (or the status name it got);
exits 0 when SERVING, 4 otherwise.

On a gRPC error (the submit rejected, the coordinator unreachable, a deadline passed) it prints
    {"error_code": "FAILED_PRECONDITION", "message": "...",
     "violations": [{"type": "...", "subject": "<node>", "description": "..."}],
     "error_info": {"reason": "...", "domain": "...", "metadata": {...}} or null}
decoded from the google.rpc.Status in the `grpc-status-details-bin` trailing metadata
(violations are empty when there are no PreconditionFailure details), and exits 3.

`--generate-only` only generates the stubs and prints {"generated": [<module names>]}: a check
that the .proto files compile for an outside client. Exit 1: anything else went wrong (stub
generation failed, a package is missing); the reason is on stderr. Exit 2: bad arguments.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PROTO_ROOT = REPOSITORY_ROOT / "proto" / "proto"
STATUS_DETAILS_KEY = "grpc-status-details-bin"
EXIT_GRPC_ERROR = 3
EXIT_NOT_SERVING = 4


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Check the llm-runner gRPC contract with a client generated from the .proto files.",
    )
    parser.add_argument("--coordinator", help="the coordinator's gRPC address, HOST:PORT (e.g. 127.0.0.1:7070)")
    parser.add_argument("--model", help="the model the job names, e.g. qwen2.5:14b")
    parser.add_argument("--prompt", help="the prompt of the job")
    parser.add_argument("--kind", choices=["generate", "chat"], default="generate", help="job kind (default generate)")
    parser.add_argument("--retries", type=int, default=0, help="JobSpec.retries (default 0)")
    parser.add_argument("--timeout", type=float, default=60.0, help="deadline of each call in seconds (default 60)")
    parser.add_argument("--one-call", action="store_true", help="SubmitAndWatch instead of SubmitJob then WatchJob")
    parser.add_argument("--health", action="store_true", help="call grpc.health.v1.Health/Check instead of running a job")
    parser.add_argument("--service", default="", help="the service name for --health (default '', the whole server)")
    parser.add_argument("--generate-only", action="store_true", help="only generate the stubs and list them")
    parser.add_argument("--proto-root", type=Path, default=DEFAULT_PROTO_ROOT, help="include path of the .proto files")
    arguments = parser.parse_args(argv)
    if not arguments.generate_only and not arguments.coordinator:
        parser.error("--coordinator HOST:PORT is required (except with --generate-only)")
    if not (arguments.generate_only or arguments.health) and (arguments.model is None or arguments.prompt is None):
        parser.error("--model and --prompt are required to run a job (or pass --health)")
    return arguments


def generate_stubs(proto_root, output_dir):
    """Compiles every llm_runner/v1 .proto under proto_root into Python modules in output_dir."""
    import grpc_tools
    from grpc_tools import protoc

    proto_files = sorted(str(path) for path in (proto_root / "llm_runner" / "v1").glob("*.proto"))
    if not proto_files:
        raise RuntimeError(f"no .proto files under {proto_root}/llm_runner/v1: pass --proto-root")
    # grpc_tools ships the well-known types (google/protobuf/*.proto) beside its module.
    well_known_types = Path(grpc_tools.__file__).parent / "_proto"
    exit_code = protoc.main([
        "grpc_tools.protoc",
        f"--proto_path={proto_root}",
        f"--proto_path={well_known_types}",
        f"--python_out={output_dir}",
        f"--grpc_python_out={output_dir}",
        *proto_files,
    ])
    if exit_code != 0:
        raise RuntimeError(f"grpc_tools.protoc failed with exit code {exit_code} on {proto_files}")
    sys.path.insert(0, str(output_dir))
    return sorted(
        str(path.relative_to(output_dir).with_suffix("")).replace("/", ".")
        for path in Path(output_dir).rglob("*_pb2*.py")
    )


def print_json_line(value):
    print(json.dumps(value), flush=True)


def error_report(error):
    """The JSON report of a gRPC error, with the google.rpc.Status details decoded."""
    from google.rpc import error_details_pb2, status_pb2

    report = {
        "error_code": error.code().name,
        "message": error.details() or "",
        "violations": [],
        "error_info": None,
    }
    details_bytes = next(
        (value for key, value in (error.trailing_metadata() or ()) if key == STATUS_DETAILS_KEY),
        None,
    )
    if details_bytes is None:
        return report
    status = status_pb2.Status.FromString(details_bytes)
    for detail in status.details:
        if detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
            failure = error_details_pb2.PreconditionFailure()
            detail.Unpack(failure)
            report["violations"].extend(
                {"type": violation.type, "subject": violation.subject, "description": violation.description}
                for violation in failure.violations
            )
        elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            report["error_info"] = {"reason": info.reason, "domain": info.domain, "metadata": dict(info.metadata)}
    return report


def run_job(channel, arguments):
    from llm_runner.v1 import jobs_pb2, jobs_pb2_grpc

    jobs = jobs_pb2_grpc.JobServiceStub(channel)
    spec = jobs_pb2.JobSpec(model=arguments.model, retries=arguments.retries)
    if arguments.kind == "chat":
        spec.kind = jobs_pb2.JOB_KIND_CHAT
        spec.messages.add(role="user", content=arguments.prompt)
    else:
        spec.kind = jobs_pb2.JOB_KIND_GENERATE
        spec.prompt = arguments.prompt
    request = jobs_pb2.SubmitJobRequest(spec=spec)
    if arguments.one_call:
        job, events = None, jobs.SubmitAndWatch(request, timeout=arguments.timeout)
    else:
        job = jobs.SubmitJob(request, timeout=arguments.timeout).job
        events = jobs.WatchJob(jobs_pb2.WatchJobRequest(id=job.id), timeout=arguments.timeout)
    snapshot_output = None
    deltas = []
    for event in events:
        which = event.WhichOneof("event")
        if which == "job":
            job = event.job
            if snapshot_output is None:
                snapshot_output = job.output
        elif which == "delta":
            deltas.append(event.delta)
    print_json_line({
        "job_id": job.id,
        "state": jobs_pb2.JobState.Name(job.state),
        "node": job.node,
        "served_model": job.served_model,
        "output": (snapshot_output or "") + "".join(deltas),
        "deltas": len(deltas),
        "job_output": job.output,
        "reason": job.reason,
    })
    return 0


def check_health(channel, arguments):
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    health = health_pb2_grpc.HealthStub(channel)
    response = health.Check(health_pb2.HealthCheckRequest(service=arguments.service), timeout=arguments.timeout)
    status_name = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
    print_json_line({"status": status_name})
    return 0 if status_name == "SERVING" else EXIT_NOT_SERVING


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        import grpc
    except ImportError as error:
        print(f"grpc_contract: {error}: run `cargo xtask install`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="grpc-contract-stubs-") as stubs_dir:
        try:
            modules = generate_stubs(arguments.proto_root, Path(stubs_dir)) if not arguments.health else []
        except (RuntimeError, ImportError) as error:
            print(f"grpc_contract: could not generate stubs: {error}", file=sys.stderr)
            return 1
        if arguments.generate_only:
            print_json_line({"generated": modules})
            return 0
        with grpc.insecure_channel(arguments.coordinator) as channel:
            try:
                if arguments.health:
                    return check_health(channel, arguments)
                return run_job(channel, arguments)
            except grpc.RpcError as error:
                print_json_line(error_report(error))
                return EXIT_GRPC_ERROR


if __name__ == "__main__":
    sys.exit(main())
