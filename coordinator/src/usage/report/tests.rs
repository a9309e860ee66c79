//! Reports against both stores: days in zones, an instant boundary inside a bucket, and the
//! rollups (every level) against a brute-force sum of the rows over random ranges of up to six
//! days, in UTC, a whole-hour zone and a half-hour zone, grouped by day or not.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proto::v1::{
    GetUsageRequest, Job, JobSpec, JobState, TokenUsage, UsageGrouping, UsageReport, UsageTotals,
};

use crate::store::ledger::{LedgerRow, add_totals, totals_of};
use crate::store::{JobStore, MemoryJobStore, RedbJobStore};
use crate::usage::{UsageQuery, day_of};

fn ms(month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0)
        .unwrap()
        .timestamp_millis()
}

/// A succeeded job that ended at `finished_at_ms` having used `input` and `output` tokens.
pub fn ran(id: &str, model: &str, node: &str, finished_at_ms: i64, input: u64, cost: f64) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: model.into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: node.into(),
        started_at_ms: finished_at_ms - 1_000,
        finished_at_ms,
        usage: Some(TokenUsage {
            input_tokens: Some(input),
            output_tokens: Some(input / 2),
            ..Default::default()
        }),
        cost_usd: Some(cost),
        priced: true,
        ..Default::default()
    }
}

fn report(
    store: &dyn JobStore,
    since: &str,
    until: &str,
    zone: &str,
    by: &[UsageGrouping],
) -> UsageReport {
    let request = GetUsageRequest {
        since: since.into(),
        until: until.into(),
        time_zone: zone.into(),
        by: by.iter().map(|grouping| *grouping as i32).collect(),
        ..Default::default()
    };
    store
        .usage(&UsageQuery::parse(&request, ms(12, 31, 0, 0)).unwrap())
        .unwrap()
}

fn days(report: &UsageReport) -> Vec<(String, u64)> {
    report
        .rows
        .iter()
        .map(|row| (row.day.clone(), row.totals.as_ref().unwrap().jobs))
        .collect()
}

fn both_stores(check: impl Fn(&dyn JobStore)) {
    check(&MemoryJobStore::default());
    let dir = tempfile::tempdir().unwrap();
    check(&RedbJobStore::open(dir.path()).unwrap());
}

#[test]
fn days_follow_the_zone_kolkata_and_new_york_across_dst() {
    both_stores(|store| {
        store
            .put_all(&[
                // 18:29 and 18:31 UTC are either side of Kolkata's midnight.
                ran("K1", "m", "n", ms(12, 1, 18, 29), 10, 0.5),
                ran("K2", "m", "n", ms(12, 1, 18, 31), 10, 0.5),
                // New York's 2026-03-08 is 05:00 to 04:00 UTC the next day (23 hours).
                ran("N1", "m", "n", ms(3, 8, 4, 59), 10, 0.5),
                ran("N2", "m", "n", ms(3, 8, 5, 0), 10, 0.5),
                ran("N3", "m", "n", ms(3, 9, 3, 59), 10, 0.5),
                ran("N4", "m", "n", ms(3, 9, 4, 0), 10, 0.5),
            ])
            .unwrap();
        let by_day = [UsageGrouping::Day];
        let kolkata = report(store, "2026-12-01", "2026-12-02", "Asia/Kolkata", &by_day);
        assert_eq!(
            days(&kolkata),
            [("2026-12-01".into(), 1), ("2026-12-02".into(), 1)]
        );
        let utc = report(store, "2026-12-01", "2026-12-02", "", &by_day);
        assert_eq!(days(&utc), [("2026-12-01".into(), 2)]);
        let new_york = report(
            store,
            "2026-03-07",
            "2026-03-09",
            "America/New_York",
            &by_day,
        );
        assert_eq!(
            days(&new_york),
            [
                ("2026-03-07".into(), 1),
                ("2026-03-08".into(), 2),
                ("2026-03-09".into(), 1)
            ]
        );
        assert_eq!(new_york.time_zone, "America/New_York");
    });
}

#[test]
fn an_instant_boundary_inside_a_bucket_is_exact() {
    both_stores(|store| {
        let jobs: Vec<Job> = (0..60)
            .map(|minute| {
                ran(
                    &format!("J{minute:02}"),
                    "m",
                    "n",
                    ms(12, 1, 10, minute),
                    1,
                    0.25,
                )
            })
            .collect();
        store.put_all(&jobs).unwrap();
        // 10:07 to 10:52: 45 jobs, from two partial buckets and two whole ones.
        let exact = report(
            store,
            "2026-12-01T10:07:00Z",
            "2026-12-01T10:52:00Z",
            "",
            &[],
        );
        let total = exact.total.unwrap();
        assert_eq!(total.jobs, 45);
        assert_eq!(total.input_tokens, 45);
        assert_eq!(total.cost_usd, 45.0 * 0.25);
        let inside_one_bucket = report(
            store,
            "2026-12-01T10:01:00Z",
            "2026-12-01T10:03:00Z",
            "",
            &[],
        );
        assert_eq!(inside_one_bucket.total.unwrap().jobs, 2);
    });
}

#[test]
fn a_price_change_keeps_each_jobs_own_cost() {
    both_stores(|store| {
        store
            .put_all(&[
                ran("P1", "claude", "api", ms(12, 1, 9, 0), 1_000_000, 3.0),
                ran("P2", "claude", "api", ms(12, 2, 9, 0), 1_000_000, 5.0),
            ])
            .unwrap();
        let by_day = report(store, "2026-12-01", "2026-12-02", "", &[UsageGrouping::Day]);
        let costs: Vec<f64> = by_day
            .rows
            .iter()
            .map(|row| row.totals.as_ref().unwrap().cost_usd)
            .collect();
        assert_eq!(costs, [3.0, 5.0]);
        assert_eq!(by_day.total.unwrap().cost_usd, 8.0);
    });
}

/// A small deterministic generator (no dependency): xorshift64.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn random_jobs(random: &mut Random, count: usize) -> Vec<Job> {
    let start = ms(11, 1, 0, 0);
    (0..count)
        .map(|index| {
            let finished = start + random.below(10 * 24 * 3_600_000) as i64;
            let model = ["gemma4:27b", "qwen2.5:14b", "claude"][random.below(3) as usize];
            let node = ["davas", "homelab"][random.below(2) as usize];
            let mut job = ran(
                &format!("R{index:05}"),
                model,
                node,
                finished,
                random.below(500),
                0.0,
            );
            // Eighths of a dollar add up exactly in any order.
            job.cost_usd = (random.below(4) != 0).then(|| random.below(64) as f64 / 8.0);
            job.priced = random.below(5) != 0;
            if random.below(6) == 0 {
                job.usage = None;
            }
            job
        })
        .collect()
}

/// The report's rows worked out from the jobs themselves, one by one.
fn brute_force(
    jobs: &[Job],
    query: &UsageQuery,
) -> BTreeMap<(String, String, String), UsageTotals> {
    let mut groups = BTreeMap::new();
    for row in jobs.iter().filter_map(LedgerRow::of) {
        if row.finished_at_ms < query.since_ms || row.finished_at_ms >= query.until_ms {
            continue;
        }
        let keep = |grouping, name: String| {
            if query.groups_by(grouping) {
                name
            } else {
                String::new()
            }
        };
        let key = (
            keep(
                UsageGrouping::Day,
                day_of(query.time_zone, row.finished_at_ms),
            ),
            keep(UsageGrouping::Model, row.model.clone()),
            keep(UsageGrouping::Node, row.node.clone()),
        );
        add_totals(groups.entry(key).or_default(), &totals_of(&row));
    }
    groups
}

#[test]
fn rollups_equal_the_sum_of_the_rows_over_random_ranges_and_survive_reopening() {
    let mut random = Random(0x5eed_1234_abcd_0001);
    let jobs = random_jobs(&mut random, 2_000);
    let dir = tempfile::tempdir().unwrap();
    let memory = MemoryJobStore::default();
    let zones = ["UTC", "America/New_York", "Asia/Kolkata"];
    let all = [
        UsageGrouping::Day,
        UsageGrouping::Model,
        UsageGrouping::Node,
    ];
    let groupings: [&[UsageGrouping]; 3] = [&all, &[UsageGrouping::Model], &[UsageGrouping::Node]];
    let queries: Vec<UsageQuery> = (0..120)
        .map(|index| {
            // Since on a minute, a quarter or a whole hour, so every level's edges are met.
            let step = [60_000, 900_000, 3_600_000][random.below(3) as usize];
            let since = ms(11, 1, 0, 0) + random.below(10 * 24 * 60) as i64 * 60_000 - 3_600_000;
            let since = since.div_euclid(step) * step;
            let until = since + 1 + random.below(6 * 24 * 3_600_000) as i64;
            let request = GetUsageRequest {
                since: Utc.timestamp_millis_opt(since).unwrap().to_rfc3339(),
                until: Utc.timestamp_millis_opt(until).unwrap().to_rfc3339(),
                time_zone: zones[index % 3].into(),
                by: groupings[index / 3 % 3]
                    .iter()
                    .map(|grouping| *grouping as i32)
                    .collect(),
                ..Default::default()
            };
            UsageQuery::parse(&request, until).unwrap()
        })
        .collect();
    {
        let redb = RedbJobStore::open(dir.path()).unwrap();
        for chunk in jobs.chunks(300) {
            redb.put_all(chunk).unwrap();
            memory.put_all(chunk).unwrap();
        }
    }
    let reopened = RedbJobStore::open(dir.path()).unwrap();
    for query in &queries {
        let expected = brute_force(&jobs, query);
        for store in [&memory as &dyn JobStore, &reopened] {
            let report = store.usage(query).unwrap();
            let got: BTreeMap<_, _> = report
                .rows
                .into_iter()
                .map(|row| ((row.day, row.model, row.node), row.totals.unwrap()))
                .collect();
            assert_eq!(got, expected, "{query:?}");
        }
    }
}
