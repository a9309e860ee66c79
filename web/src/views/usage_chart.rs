//! A stacked bar chart as server-rendered SVG (no script, no library): one bar per day, one
//! coloured segment per model, each with a `<title>` for hover; axis labels, and an HTML legend.
//! It scales with its `viewBox` to the page's width.

use maud::{Markup, html};

/// Distinct colours for the series, readable on the light and the dark background.
pub const PALETTE: [&str; 8] = [
    "#3451d1", "#c2410c", "#0f7b6c", "#a21caf", "#b45309", "#4d7c0f", "#be123c", "#0369a1",
];

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;
/// At most this many day labels under the axis; the others are in the bars' titles.
const MAX_DAY_LABELS: usize = 8;

/// One model's values, one per day, in the days' order.
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// The chart with `id`, labelled `title`, its values read by `format` (`1,234 tokens`).
pub fn stacked_chart(
    id: &str,
    title: &str,
    days: &[String],
    series: &[Series],
    format: fn(f64) -> String,
) -> Markup {
    let totals: Vec<f64> = (0..days.len())
        .map(|day| series.iter().map(|one| value(one, day)).sum())
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = plot_width / days.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let scale = |amount: f64| {
        if max > 0.0 {
            amount / max * plot_height
        } else {
            0.0
        }
    };
    let every = days.len().div_ceil(MAX_DAY_LABELS).max(1);
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    html! {
        figure.usage-chart {
            figcaption { (title) }
            svg #(id) viewBox=(view_box) width="100%" role="img" aria-label=(title)
                preserveAspectRatio="xMidYMid meet" {
                @for (tick, label) in [(0.0, format(0.0)), (max / 2.0, format(max / 2.0)), (max, format(max))] {
                    @let y = TOP + plot_height - scale(tick);
                    line.gridline x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y) y2=(y) {}
                    text.axis-label x=(LEFT - 6.0) y=(y + 4.0) text-anchor="end" { (label) }
                }
                @for segment in segments(days, series, scale, slot, bar) {
                    rect.bar x=(segment.x) y=(segment.y) width=(bar) height=(segment.height)
                        fill=(segment.colour) data-day=(segment.day) data-series=(segment.series)
                        data-value=(segment.amount) {
                        title { (segment.day) " · " (segment.series) ": " (format(segment.amount)) }
                    }
                }
                @for (day_index, day) in days.iter().enumerate().step_by(every) {
                    text.axis-label x=(LEFT + slot * (day_index as f64 + 0.5)) y=(HEIGHT - 8.0)
                        text-anchor="middle" { (day.get(5..).unwrap_or(day)) }
                }
            }
            ul.chart-legend {
                @for (series_index, one) in series.iter().enumerate() {
                    li {
                        span.swatch style={ "background:" (PALETTE[series_index % PALETTE.len()]) } {}
                        (one.name)
                    }
                }
            }
        }
    }
}

/// One coloured piece of one day's bar.
struct Segment<'a> {
    day: &'a str,
    series: &'a str,
    colour: &'static str,
    amount: f64,
    x: f64,
    y: f64,
    height: f64,
}

/// Each day's non-zero values stacked from the axis up, in the series' order.
fn segments<'a>(
    days: &'a [String],
    series: &'a [Series],
    scale: impl Fn(f64) -> f64,
    slot: f64,
    bar: f64,
) -> Vec<Segment<'a>> {
    let mut segments = Vec::new();
    for (day_index, day) in days.iter().enumerate() {
        let x = LEFT + slot * day_index as f64 + (slot - bar) / 2.0;
        let mut base = HEIGHT - BOTTOM;
        for (series_index, one) in series.iter().enumerate() {
            let amount = value(one, day_index);
            if amount <= 0.0 {
                continue;
            }
            let height = scale(amount);
            base -= height;
            segments.push(Segment {
                day,
                series: &one.name,
                colour: PALETTE[series_index % PALETTE.len()],
                amount,
                x,
                y: base,
                height,
            });
        }
    }
    segments
}

fn value(series: &Series, day: usize) -> f64 {
    series.values.get(day).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests;
