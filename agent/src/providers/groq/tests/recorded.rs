//! The recorded stream of `research/providers.md` §2.2, verbatim, and pieces built in its shape.

use proto::v1::TokenUsage;

pub(super) const ROLE: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"x_groq\":{\"id\":\"req_01kkht58hmfqdt7taat7yqmh20\",\"seed\":2139001717}}\n\n";
pub(super) const OL: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ol\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
pub(super) const A: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"á\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
pub(super) const BANG: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
pub(super) const FINISH: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_01kkht58hmfqdt7taat7yqmh20\",\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724}},\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724}}\n\n";
pub(super) const USAGE_TAIL: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[],\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724},\"service_tier\":\"on_demand\"}\n\n";
/// The finish chunk as it comes without `include_usage`: only `x_groq.usage`, here with the
/// cached and reasoning details of `types/completion_usage.py`.
pub(super) const FINISH_X_GROQ_ONLY: &str = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"qwen/qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":64,\"total_tokens\":184,\"prompt_tokens_details\":{\"cached_tokens\":100},\"completion_tokens_details\":{\"reasoning_tokens\":40}}}}\n\n";
pub(super) const DONE: &str = "data: [DONE]\n\n";

pub(super) fn usage(input: u64, output: u64) -> TokenUsage {
    TokenUsage {
        input_tokens: Some(input),
        output_tokens: Some(output),
        ..TokenUsage::default()
    }
}
