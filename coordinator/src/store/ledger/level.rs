//! The rollup levels (15-minute, hour and day UTC buckets) and [`cover`], which splits a range
//! of whole 15-minute buckets into as few rollups as the levels allow.

use super::BUCKET_MS;

/// How wide a rollup's bucket is. Every level's width divides the next one's, and all start at
/// the Unix epoch, so an hour is four whole quarters and a UTC day 24 whole hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Quarter,
    Hour,
    Day,
}

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

impl Level {
    /// Every level, finest first: a row is added to one rollup at each.
    pub const ALL: [Level; 3] = [Level::Quarter, Level::Hour, Level::Day];

    pub fn width_ms(self) -> i64 {
        match self {
            Level::Quarter => BUCKET_MS,
            Level::Hour => HOUR_MS,
            Level::Day => DAY_MS,
        }
    }

    /// The start of the bucket at this level that holds `instant_ms`.
    pub fn bucket_of(self, instant_ms: i64) -> i64 {
        instant_ms.div_euclid(self.width_ms()) * self.width_ms()
    }

    /// The first bucket start at this level at or after `instant_ms`.
    fn ceil(self, instant_ms: i64) -> i64 {
        self.bucket_of(instant_ms.saturating_add(self.width_ms() - 1))
    }
}

/// Splits `[from_ms, until_ms)` (both on 15-minute boundaries) greedily into rollup ranges:
/// quarters up to the first hour boundary, hours up to the first UTC day boundary, whole days,
/// then hours, then quarters. Each range is `(level, from, until)` of bucket starts; together
/// they hold every quarter of the range exactly once.
pub fn cover(from_ms: i64, until_ms: i64) -> Vec<(Level, i64, i64)> {
    let mut ranges = Vec::new();
    cover_with(&[Level::Day, Level::Hour], from_ms, until_ms, &mut ranges);
    ranges
}

/// `coarser` is coarsest first; what no coarser level covers whole is left to quarters.
fn cover_with(coarser: &[Level], from_ms: i64, until_ms: i64, ranges: &mut Vec<(Level, i64, i64)>) {
    if from_ms >= until_ms {
        return;
    }
    let Some((&level, finer)) = coarser.split_first() else {
        ranges.push((Level::Quarter, from_ms, until_ms));
        return;
    };
    let first = level.ceil(from_ms);
    let end = level.bucket_of(until_ms);
    if first < end {
        cover_with(finer, from_ms, first, ranges);
        ranges.push((level, first, end));
        cover_with(finer, end, until_ms, ranges);
    } else {
        cover_with(finer, from_ms, until_ms, ranges);
    }
}

#[cfg(test)]
mod tests;
