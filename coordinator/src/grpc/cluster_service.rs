//! `ClusterService`: the nodes, per-model availability, draining, and the live cluster view.

use proto::v1::cluster_service_server::ClusterService;
use proto::v1::{
    ListModelsRequest, ListModelsResponse, ListNodesRequest, ListNodesResponse, Node,
    SetDrainingRequest, WatchClusterRequest,
};
use tonic::{Request, Response, Status};

use super::status::job_error_status;
use super::watch_cluster::{SnapshotStream, watch_cluster};
use crate::cluster::ClusterHandle;

pub struct ClusterApi {
    pub cluster: ClusterHandle,
}

#[tonic::async_trait]
impl ClusterService for ClusterApi {
    async fn list_nodes(
        &self,
        request: Request<ListNodesRequest>,
    ) -> Result<Response<ListNodesResponse>, Status> {
        let nodes = if request.into_inner().brief {
            self.cluster.nodes_brief().await
        } else {
            self.cluster.nodes().await
        };
        Ok(Response::new(ListNodesResponse { nodes }))
    }

    async fn list_models(
        &self,
        _: Request<ListModelsRequest>,
    ) -> Result<Response<ListModelsResponse>, Status> {
        Ok(Response::new(ListModelsResponse {
            models: self.cluster.models().await,
        }))
    }

    async fn set_draining(
        &self,
        request: Request<SetDrainingRequest>,
    ) -> Result<Response<Node>, Status> {
        let request = request.into_inner();
        self.cluster
            .set_draining(request.node, request.draining)
            .await
            .map(Response::new)
            .map_err(job_error_status)
    }

    type WatchClusterStream = SnapshotStream;

    async fn watch_cluster(
        &self,
        request: Request<WatchClusterRequest>,
    ) -> Result<Response<SnapshotStream>, Status> {
        Ok(Response::new(watch_cluster(
            self.cluster.clone(),
            request.into_inner(),
        )))
    }
}
