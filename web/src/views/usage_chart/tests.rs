//! Tests of the stacked chart: bar heights are proportional to the values, segments stack,
//! every bar has a hover title, and the legend's colours are distinct.

use std::collections::BTreeSet;

use super::*;

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    tag[start..].split('"').next().unwrap().parse().unwrap()
}

fn bars(svg: &str) -> Vec<&str> {
    svg.split("<rect").skip(1).collect()
}

fn chart() -> String {
    let days = vec!["2026-12-01".to_owned(), "2026-12-02".to_owned()];
    let series = [
        Series {
            name: "claude".into(),
            values: vec![100.0, 300.0],
        },
        Series {
            name: "gemma".into(),
            values: vec![200.0, 0.0],
        },
    ];
    stacked_chart("c", "Tokens", &days, &series, |v| format!("{v} tokens")).into_string()
}

#[test]
fn bar_heights_are_proportional_to_the_values() {
    let svg = chart();
    let bars = bars(&svg);
    // The zero value draws nothing: three segments.
    assert_eq!(bars.len(), 3, "{svg}");
    let heights: Vec<f64> = bars.iter().map(|bar| attribute(bar, "height")).collect();
    // 100 and 200 on day one, 300 on day two: 1:2:3, and the highest day fills the plot.
    assert!((heights[1] / heights[0] - 2.0).abs() < 1e-9, "{heights:?}");
    assert!((heights[2] / heights[0] - 3.0).abs() < 1e-9, "{heights:?}");
    assert!((heights[2] - (HEIGHT - TOP - BOTTOM)).abs() < 1e-9);
    // Stacked: gemma sits on claude on day one.
    let (claude_y, gemma_y) = (attribute(bars[0], "y"), attribute(bars[1], "y"));
    assert!((gemma_y + heights[1] - claude_y).abs() < 1e-9, "{svg}");
    assert!(
        bars[1].contains("<title>2026-12-01 · gemma: 200 tokens</title>"),
        "{svg}"
    );
}

#[test]
fn the_legend_has_a_distinct_colour_per_series_and_axes_have_labels() {
    let svg = chart();
    let legend = svg.split("chart-legend").nth(1).unwrap();
    assert!(legend.contains("claude") && legend.contains("gemma"));
    let colours: BTreeSet<&str> = legend
        .split("background:")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(colours.len(), 2, "{legend}");
    assert_eq!(PALETTE.iter().collect::<BTreeSet<_>>().len(), PALETTE.len());
    assert!(
        svg.contains(">300 tokens</text>") && svg.contains(">0 tokens</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(">12-01</text>") && svg.contains(">12-02</text>"),
        "{svg}"
    );
    assert!(
        svg.contains(r#"viewBox="0 0 600 240" width="100%""#),
        "{svg}"
    );
}
