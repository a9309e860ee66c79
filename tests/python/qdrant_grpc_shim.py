"""Qdrant's gRPC API in front of qdrant-client's local mode, for tests.

Real wire protocol, reference semantics, not a Qdrant server: the servicers are the generated
ones shipped in the `qdrant-client` package, each handler converts the request with Qdrant's own
GrpcToRest converter, calls `QdrantClient(":memory:")` (local mode: exact search, no HNSW, no
persistence) and converts the answer back with RestToGrpc. No Qdrant server is obtainable here
(see shared/research/memory.md, sections 1 and 2). Calls llm-runner's QdrantVectors does not
make answer UNIMPLEMENTED, inherited from the base classes.

Usage: python3 qdrant_grpc_shim.py PORT   (binds 127.0.0.1:PORT, prints "shim listening PORT")
"""

import functools
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

import grpc
from qdrant_client import QdrantClient
from qdrant_client import grpc as g
from qdrant_client.conversions.conversion import GrpcToRest as G2R
from qdrant_client.conversions.conversion import RestToGrpc as R2G

local = QdrantClient(":memory:")


def handler(method):
    """Times the call; a failure becomes NOT_FOUND or INVALID_ARGUMENT with its message."""

    @functools.wraps(method)
    def wrapped(self, request, context):
        started = time.monotonic()
        try:
            return method(self, request, context, lambda: time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - every failure goes back to the client
            traceback.print_exc()
            code = grpc.StatusCode.NOT_FOUND if "not found" in str(error).lower() else grpc.StatusCode.INVALID_ARGUMENT
            context.abort(code, str(error))

    return wrapped


def payload_selector(request):
    return G2R.convert_with_payload_selector(request.with_payload) if request.HasField("with_payload") else False


def with_payload_dict(record):
    """RestToGrpc.convert_record needs a payload: asked without one, local mode leaves None."""
    return record if record.payload is not None else record.model_copy(update={"payload": {}})


def vectors_selector(request):
    return G2R.convert_with_vectors_selector(request.with_vectors) if request.HasField("with_vectors") else False


class Qdrant(g.QdrantServicer):
    def HealthCheck(self, request, context):
        return g.HealthCheckReply(title="qdrant-client local-mode gRPC shim", version="1.16.0")


class Collections(g.CollectionsServicer):
    @handler
    def Create(self, r, ctx, elapsed):
        metadata = G2R.convert_payload(r.metadata) if len(r.metadata) > 0 else None
        vectors = G2R.convert_vectors_config(r.vectors_config) if r.HasField("vectors_config") else None
        done = local.create_collection(r.collection_name, vectors_config=vectors, metadata=metadata)
        return g.CollectionOperationResponse(result=done, time=elapsed())

    @handler
    def Delete(self, r, ctx, elapsed):
        return g.CollectionOperationResponse(result=local.delete_collection(r.collection_name), time=elapsed())

    @handler
    def Get(self, r, ctx, elapsed):
        info = R2G.convert_collection_info(local.get_collection(r.collection_name))
        return g.GetCollectionInfoResponse(result=info, time=elapsed())

    @handler
    def List(self, r, ctx, elapsed):
        names = [g.CollectionDescription(name=c.name) for c in local.get_collections().collections]
        return g.ListCollectionsResponse(collections=names, time=elapsed())

    @handler
    def CollectionExists(self, r, ctx, elapsed):
        exists = g.CollectionExists(exists=local.collection_exists(r.collection_name))
        return g.CollectionExistsResponse(result=exists, time=elapsed())


class Points(g.PointsServicer):
    @handler
    def Upsert(self, r, ctx, elapsed):
        points = [G2R.convert_point_struct(p) for p in r.points]
        done = local.upsert(r.collection_name, points=points, wait=True)
        return g.PointsOperationResponse(result=R2G.convert_update_result(done), time=elapsed())

    @handler
    def Delete(self, r, ctx, elapsed):
        selector = G2R.convert_points_selector(r.points)
        done = local.delete(r.collection_name, points_selector=selector, wait=True)
        return g.PointsOperationResponse(result=R2G.convert_update_result(done), time=elapsed())

    @handler
    def Get(self, r, ctx, elapsed):
        ids = [G2R.convert_point_id(i) for i in r.ids]
        records = local.retrieve(r.collection_name, ids, with_payload=payload_selector(r), with_vectors=vectors_selector(r))
        return g.GetResponse(result=[R2G.convert_record(with_payload_dict(x)) for x in records], time=elapsed())

    @handler
    def Search(self, r, ctx, elapsed):
        hits = local.query_points(
            r.collection_name,
            query=list(r.vector),
            using=r.vector_name if r.HasField("vector_name") else None,
            query_filter=G2R.convert_filter(r.filter) if r.HasField("filter") else None,
            score_threshold=r.score_threshold if r.HasField("score_threshold") else None,
            limit=r.limit,
            with_payload=payload_selector(r),
            with_vectors=vectors_selector(r),
        ).points
        return g.SearchResponse(result=[R2G.convert_scored_point(x) for x in hits], time=elapsed())

    @handler
    def Query(self, r, ctx, elapsed):
        q = G2R.convert_query_points(r)
        hits = local.query_points(
            r.collection_name,
            query=q.query,
            using=q.using,
            prefetch=q.prefetch,
            query_filter=q.filter,
            search_params=q.params,
            limit=q.limit if q.limit is not None else 10,
            offset=q.offset,
            with_payload=q.with_payload if q.with_payload is not None else False,
            with_vectors=q.with_vector if q.with_vector is not None else False,
            score_threshold=q.score_threshold,
        ).points
        return g.QueryResponse(result=[R2G.convert_scored_point(x) for x in hits], time=elapsed())

    @handler
    def Count(self, r, ctx, elapsed):
        count_filter = G2R.convert_filter(r.filter) if r.HasField("filter") else None
        counted = local.count(r.collection_name, count_filter=count_filter, exact=True)
        return g.CountResponse(result=R2G.convert_count_result(counted), time=elapsed())


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 6334
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    g.add_QdrantServicer_to_server(Qdrant(), server)
    g.add_CollectionsServicer_to_server(Collections(), server)
    g.add_PointsServicer_to_server(Points(), server)
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print(f"shim listening {bound}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
