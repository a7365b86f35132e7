//! The coverage chart: counts per bucket (year, month, source, language) as
//! horizontal bars in SVG, drawn on the server; each bar is a link (to the
//! search filtered on its bucket) when it has one.

use maud::{html, Markup};

/// One bar.
#[derive(Debug)]
pub struct Bar {
    /// The bucket, as `stats` names it.
    pub label: String,
    /// Its count.
    pub count: u64,
    /// The filtered search it leads to, if any.
    pub href: Option<String>,
}

/// Most bars drawn; the others are counted under the chart.
pub const MAX_BARS: usize = 60;

const WIDTH: u32 = 720;
const LABEL_WIDTH: u32 = 190;
const COUNT_WIDTH: u32 = 60;
const ROW: u32 = 22;
const BAR: u32 = 16;

/// The chart of `bars` (at most [`MAX_BARS`]), titled `title` for screen
/// readers.
pub fn bars(bars: &[Bar], title: &str) -> Markup {
    let shown = &bars[..bars.len().min(MAX_BARS)];
    let max = shown.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let height = ROW * shown.len() as u32 + 4;
    let area = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label=(title)
            viewBox=(format!("0 0 {WIDTH} {height}")) width=(WIDTH) height=(height) {
            @for (i, bar) in shown.iter().enumerate() {
                @let y = ROW * i as u32 + 2;
                // At least one pixel, so that a bar of 1 among thousands shows.
                @let length = ((bar.count as f64 / max as f64) * f64::from(area)).round().max(1.0);
                @let row = html! {
                    title { (bar.label) ": " (bar.count) }
                    text x=(LABEL_WIDTH - 8) y=(y + BAR - 3) text-anchor="end" class="label" { (bar.label) }
                    rect x=(LABEL_WIDTH) y=(y) width=(length) height=(BAR) class="bar" {}
                    text x=(f64::from(LABEL_WIDTH) + length + 6.0) y=(y + BAR - 3) class="count" { (bar.count) }
                };
                @if let Some(href) = &bar.href {
                    a href=(href) class="bar-link" { (row) }
                } @else {
                    g { (row) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_links_and_labels_are_escaped() {
        let svg = bars(
            &[
                Bar {
                    label: "2019".into(),
                    count: 3,
                    href: Some("/?q=x&since=2019".into()),
                },
                Bar {
                    label: "<script>".into(),
                    count: 1,
                    href: None,
                },
            ],
            "coverage",
        )
        .into_string();
        assert!(
            svg.contains(r#"<a href="/?q=x&amp;since=2019" class="bar-link">"#),
            "{svg}"
        );
        assert!(
            svg.contains("&lt;script&gt;") && !svg.contains("<script>"),
            "{svg}"
        );
    }
}
