//! End-to-end scenarios: the real `runner` and `runner-agent` binaries on ephemeral loopback
//! ports, each agent next to a stand-in Ollama, driven the way users and operators would.
//! Build the binaries first (`cargo build --workspace --bins`; `cargo xtask ci` does).

mod support;

mod a_bad_config_exits_2_listing_every_problem;
mod a_node_lost_mid_job_fails_it_or_retries_on_the_same_model;
mod agents_with_a_wrong_token_or_unknown_name_are_refused;
mod an_ollama_error_mid_stream_fails_the_job_with_ollamas_message;
mod bad_input_gets_a_clear_error;
mod cancel_aborts_the_ollama_request;
mod concurrency_is_bounded_by_max_parallel_and_the_queue;
mod coordinator_restart_keeps_history_and_agents_rejoin;
mod embed_and_chat_jobs_run_with_ollamas_options;
mod garbage_on_the_wire_breaks_nothing;
mod gemma_job_is_rejected_while_davas_agent_is_frozen;
mod gemma_job_is_rejected_while_davas_agent_is_killed;
mod gemma_job_is_rejected_while_davas_has_no_gemma;
mod gemma_job_is_rejected_while_davas_ollama_is_stopped;
mod gemma_job_runs_on_davas_and_streams_its_tokens;
mod grpc_health_and_reflection_work_with_grpcurl;
mod metrics_pass_promtool_and_prometheus_scrapes_them;
mod runner_dev_runs_a_coordinator_and_a_local_agent;
mod the_cli_streams_tokens_and_exits_non_zero_on_rejection;
mod the_cluster_view_streams_changes_as_they_happen;
mod the_proto_contract_works_from_python_grpcio;
