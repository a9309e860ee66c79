//! HTML, rendered on the server with maud: the page shell and each page's parts. Views take
//! plain data (snapshots, jobs, conversations) and never call the coordinator.

pub mod agent_run;
pub mod badges;
pub mod chat_page;
pub mod chat_turn;
pub mod dashboard;
pub mod firing;
pub mod format;
pub mod host_card;
pub mod job_detail;
pub mod job_form;
pub mod job_list;
pub mod layout;
pub mod live_output;
pub mod memory_turn;
pub mod model_matrix;
pub mod model_picker;
pub mod schedule_actions;
pub mod schedule_detail;
pub mod schedule_row;
pub mod schedule_time;
pub mod schedules_page;
pub mod usage_chart;
pub mod usage_page;
