//! `runner usage`'s flags: the range, the groupings, the time zone and the filters, as the
//! coordinator's `GetUsage` takes them (it checks dates and zones and says what is wrong).

use clap::{Args, ValueEnum};
use proto::v1::{GetUsageRequest, UsageGrouping};

use super::CoordinatorArgs;

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// The first day counted (YYYY-MM-DD in --tz) or instant (RFC 3339); default: 29 days ago
    #[arg(long, value_name = "DATE|INSTANT")]
    pub since: Option<String>,
    /// The last day counted (inclusive) or the first instant not counted; default: now
    #[arg(long, value_name = "DATE|INSTANT")]
    pub until: Option<String>,
    /// Split the rows by day, model and/or node, in the order given (repeat or comma-separate:
    /// `--by day,model`); default: by model
    #[arg(long, value_name = "G", value_delimiter = ',')]
    pub by: Vec<UsageGroupingArg>,
    /// The IANA time zone days are counted in (`Europe/Berlin`); default: UTC
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Only jobs for this model (its exact name as the job asked for it)
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Only jobs served by this node
    #[arg(long, value_name = "N")]
    pub node: Option<String>,
    /// Every column, however wide (by default the table fits `COLUMNS`, or 80 on a terminal;
    /// piped, it is never cut)
    #[arg(long)]
    pub wide: bool,
    /// Print the API's JSON (the UsageReport) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

/// The groupings a user can split usage by, named as the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UsageGroupingArg {
    Day,
    Model,
    Node,
}

impl UsageGroupingArg {
    pub fn to_proto(self) -> UsageGrouping {
        match self {
            Self::Day => UsageGrouping::Day,
            Self::Model => UsageGrouping::Model,
            Self::Node => UsageGrouping::Node,
        }
    }
}

impl UsageArgs {
    /// The request, with what was not given left empty for the coordinator's defaults.
    pub fn request(&self) -> GetUsageRequest {
        GetUsageRequest {
            since: self.since.clone().unwrap_or_default(),
            until: self.until.clone().unwrap_or_default(),
            by: self.by.iter().map(|by| by.to_proto() as i32).collect(),
            time_zone: self.tz.clone().unwrap_or_default(),
            model: self.model.clone().unwrap_or_default(),
            node: self.node.clone().unwrap_or_default(),
        }
    }
}
