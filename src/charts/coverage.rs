//! Coverage and comparisons: horizontal bars, one group per unit, one bar per
//! series, in the order the caller ranked the units.
//!
//! The form holds from 2 to 166 units on a 390 px phone because nothing in it
//! shrinks with their number: each unit has its own row, as tall as its name
//! (wrapped, never cut) or its bars need, and the chart grows in height; the
//! value is written at each bar's end, and the scale is repeated above the rows
//! when they are many, so that a reader far down the list still has it.

use super::backend::{line_height, text_width};
use super::draw::{
    clean, ellipsize, figure_only, finite_or, line, num, rect, render, text, wrap, Area,
    DrawResult, Font, MARGIN,
};
use super::palette::{self, AXIS, GRID, TEXT, TEXT_MUTED, TRACK};
use super::{Chart, CoverageChart, CoverageRow, FONT, WIDTH};
use plotters::style::text_anchor::HPos;

const LABEL: Font = Font::new(FONT, TEXT);
const VALUE: Font = Font::new(FONT, TEXT);
const NO_DATA: Font = Font::new(FONT, TEXT_MUTED);
const SMALL: Font = Font::new(FONT, TEXT_MUTED);
const W: f64 = WIDTH as f64;
/// Vertical space around each group so neighbouring units read apart.
const ROW_PAD: f64 = 8.0;
const LEGEND_GAP: f64 = 4.0;
const SWATCH: f64 = 14.0;
/// Height of the strip above the first row holding the target word.
const TARGET_HEAD: f64 = 22.0;
const AXIS_H: f64 = 26.0;
/// From this many rows on, the scale is also drawn above them.
const AXIS_ON_TOP: usize = 13;
/// The most lines a unit's name is wrapped into; names of real units take two at most.
const NAME_LINES: usize = 4;

fn value(row: &CoverageRow, i: usize) -> Option<f64> {
    row.values
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
}

fn target(row: &CoverageRow, i: usize) -> Option<f64> {
    row.targets
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
}

fn value_label(row: &CoverageRow, i: usize) -> String {
    row.value_labels
        .get(i)
        .map(|s| clean(s))
        .unwrap_or_default()
}

fn label_font(row: &CoverageRow) -> Font {
    if row.emphasis {
        LABEL.bold()
    } else {
        LABEL
    }
}

struct Layout {
    n: usize,
    max: f64,
    x0: f64,
    x1: f64,
    right_w: f64,
    /// Whether the value labels are shown with their unit of measure.
    whole_labels: bool,
    /// Series index, the top of its entry and its lines.
    legend: Vec<(usize, f64, Vec<String>)>,
    target_head: bool,
    top_axis: bool,
    rows_top: f64,
    row_h: Vec<f64>,
    row_lines: Vec<Vec<String>>,
    bar_h: f64,
    bar_gap: f64,
    ticks: Vec<(f64, String)>,
    height: f64,
}

impl Layout {
    fn new(c: &CoverageChart) -> Layout {
        let n = c.series.len();
        let lh = line_height(FONT);
        let data_max = c
            .rows
            .iter()
            .flat_map(|r| (0..n).flat_map(move |i| [value(r, i), target(r, i)]))
            .flatten()
            .fold(0.0_f64, f64::max);
        let mut max = finite_or(c.axis_max, 0.0).max(data_max);
        if max <= 0.0 {
            // All zero or no data: any positive scale gives zero-length bars.
            max = 1.0;
        }

        let widest = c
            .rows
            .iter()
            .map(|r| text_width(&clean(&r.label), LABEL.px))
            .fold(0.0_f64, f64::max);
        let label_w = widest.min(W * 0.4);
        let row_lines: Vec<Vec<String>> = c
            .rows
            .iter()
            .map(|r| wrap(&clean(&r.label), LABEL.px, label_w, NAME_LINES))
            .collect();
        let x0 = MARGIN + label_w + 10.0;

        let labels: Vec<String> = c
            .rows
            .iter()
            .flat_map(|r| {
                (0..n)
                    .filter(|&i| value(r, i).is_some())
                    .map(|i| value_label(r, i))
            })
            .collect();
        let widest = |label: &dyn Fn(&str) -> &str| {
            labels
                .iter()
                .map(|s| text_width(label(s), VALUE.px))
                .fold(0.0_f64, f64::max)
        };
        // Every label with its unit, or, when one would not fit, every one without: a chart
        // whose labels differ in that reads as if its figures did.
        let value_w = widest(&|s| s);
        let whole_labels = value_w <= W * 0.3;
        let value_w = if whole_labels {
            value_w
        } else {
            widest(&figure_only)
        };
        let right_w = value_w.min(W * 0.3);
        let x1 = W - MARGIN - right_w - 6.0;

        let mut y = MARGIN;
        let mut legend = Vec::new();
        if n > 1 {
            // Every name whole, on as many lines as it takes: two series never
            // share a visible label, however alike their names begin.
            let name_w = W - 2.0 * MARGIN - SWATCH - 6.0;
            for (i, name) in c.series.iter().enumerate() {
                let lines = wrap(&clean(name), LABEL.px, name_w, 8);
                let h = lines.len() as f64 * lh;
                legend.push((i, y, lines));
                y += h + LEGEND_GAP;
            }
            y += 6.0;
        }
        let any_target = c
            .rows
            .iter()
            .any(|r| (0..n).any(|i| target(r, i).is_some()));
        let top_axis = c.rows.len() >= AXIS_ON_TOP;
        if top_axis {
            y += AXIS_H;
        }
        let target_head = any_target && !clean(&c.target_label).is_empty();
        if target_head {
            y += TARGET_HEAD;
        }

        // A value label is a line of text beside its bar: bars of a group sit
        // at least a line apart so that their labels never overlap.
        let (bar_h, bar_gap) = match n {
            1 => (16.0, 0.0),
            _ => (17.0, (lh - 17.0).max(3.0)),
        };
        let group_h = n as f64 * bar_h + (n as f64 - 1.0) * bar_gap;
        let rows_top = y;
        let row_h: Vec<f64> = row_lines
            .iter()
            .map(|l| group_h.max(l.len() as f64 * lh) + ROW_PAD)
            .collect();
        y += row_h.iter().sum::<f64>();

        let mut ticks: Vec<(f64, String)> = c
            .axis_ticks
            .iter()
            .filter(|(v, _)| v.is_finite() && *v >= 0.0 && *v <= max * 1.000_001)
            .map(|(v, s)| (*v, clean(s)))
            .collect();
        if ticks.is_empty() {
            ticks = (0..=4)
                .map(|k| max * k as f64 / 4.0)
                .map(|v| (v, num(v)))
                .collect();
        }
        y += AXIS_H;

        Layout {
            n,
            max,
            x0,
            x1,
            right_w,
            whole_labels,
            legend,
            target_head,
            top_axis,
            rows_top,
            row_h,
            row_lines,
            bar_h,
            bar_gap,
            ticks,
            height: y + MARGIN,
        }
    }

    fn x(&self, v: f64) -> f64 {
        self.x0 + (v.clamp(0.0, self.max) / self.max) * (self.x1 - self.x0)
    }

    fn rows_bottom(&self) -> f64 {
        self.rows_top + self.row_h.iter().sum::<f64>()
    }
}

pub fn coverage(c: &CoverageChart) -> Chart {
    if c.series.is_empty() || c.rows.is_empty() {
        return Chart::empty(&c.text);
    }
    let l = Layout::new(c);
    let height = l.height.ceil() as u32;
    render(&c.text, (WIDTH, height), |area| draw(area, c, &l))
}

fn draw(area: &Area, c: &CoverageChart, l: &Layout) -> DrawResult {
    let lh = line_height(FONT);
    for (i, top, lines) in &l.legend {
        let mid = top + lh / 2.0;
        rect(
            area,
            MARGIN,
            mid - SWATCH / 2.0,
            MARGIN + SWATCH,
            mid + SWATCH / 2.0,
            palette::series(*i),
        )?;
        for (k, s) in lines.iter().enumerate() {
            let y = mid + k as f64 * lh;
            text(area, s, MARGIN + SWATCH + 6.0, y, LABEL, HPos::Left)?;
        }
    }
    // Shaded bands first, so that grid lines and bars lie over them.
    let mut top = l.rows_top;
    for (r, row) in c.rows.iter().enumerate() {
        if row.emphasis {
            rect(area, 0.0, top, W, top + l.row_h[r], TRACK)?;
        }
        top += l.row_h[r];
    }
    draw_axis(area, l)?;
    if l.target_head {
        draw_target_words(area, c, l)?;
    }
    let mut top = l.rows_top;
    for (r, row) in c.rows.iter().enumerate() {
        draw_row(area, l, r, row, top)?;
        top += l.row_h[r];
    }
    Ok(())
}

fn draw_tick_labels(area: &Area, l: &Layout, y: f64) -> DrawResult {
    // Each label's left edge and width, kept inside the viewBox.
    let placed: Vec<(f64, f64)> = l
        .ticks
        .iter()
        .map(|(v, label)| {
            let w = text_width(label, SMALL.px);
            ((l.x(*v) - w / 2.0).clamp(MARGIN, W - MARGIN - w), w)
        })
        .collect();
    // Every tick when they fit, else every second (0, 50, 100 %), every third…: evenly spaced,
    // never a crowd of labels.
    let fits = |step: usize| {
        let kept: Vec<&(f64, f64)> = placed.iter().step_by(step).collect();
        kept.windows(2).all(|w| w[1].0 >= w[0].0 + w[0].1 + 6.0)
    };
    let step = (1..=placed.len().max(1)).find(|&s| fits(s)).unwrap_or(1);
    for (k, ((_, label), (left, _))) in l.ticks.iter().zip(&placed).enumerate() {
        if k % step == 0 {
            text(area, label, *left, y, SMALL, HPos::Left)?;
        }
    }
    Ok(())
}

fn draw_axis(area: &Area, l: &Layout) -> DrawResult {
    let (top, bottom) = (l.rows_top, l.rows_bottom());
    for (v, _) in &l.ticks {
        let x = l.x(*v);
        line(area, &[(x, top), (x, bottom)], GRID, 1)?;
    }
    draw_tick_labels(area, l, bottom + AXIS_H / 2.0)?;
    if l.top_axis {
        let head = if l.target_head { TARGET_HEAD } else { 0.0 };
        draw_tick_labels(area, l, top - head - AXIS_H / 2.0)?;
    }
    line(area, &[(l.x0, top), (l.x0, bottom)], AXIS, 1)
}

fn draw_target_words(area: &Area, c: &CoverageChart, l: &Layout) -> DrawResult {
    let word = ellipsize(
        &clean(&c.target_label),
        SMALL.px,
        l.right_w + (l.x1 - l.x0) / 2.0,
    );
    let w = text_width(&word, SMALL.px);
    let mut xs: Vec<f64> = (0..l.n)
        .filter_map(|i| c.rows.iter().find_map(|r| target(r, i)))
        .map(|t| l.x(t))
        .collect();
    xs.sort_by(f64::total_cmp);
    let mut last_right = f64::NEG_INFINITY;
    let y = l.rows_top - TARGET_HEAD / 2.0;
    for x in xs {
        let left = (x - w / 2.0).clamp(l.x0, W - MARGIN - w);
        if left >= last_right + 6.0 {
            text(area, &word, left, y - 2.0, SMALL, HPos::Left)?;
            line(area, &[(x, y + 8.0), (x, l.rows_top + 2.0)], TEXT, 1)?;
            last_right = left + w;
        }
    }
    Ok(())
}

fn draw_row(area: &Area, l: &Layout, r: usize, row: &CoverageRow, top: f64) -> DrawResult {
    let row_h = l.row_h[r];
    let centre = top + row_h / 2.0;
    let lines = &l.row_lines[r];
    let lh = line_height(LABEL.px);
    let first = centre - (lines.len() as f64 - 1.0) * lh / 2.0;
    for (k, s) in lines.iter().enumerate() {
        text(
            area,
            s,
            l.x0 - 10.0,
            first + k as f64 * lh,
            label_font(row),
            HPos::Right,
        )?;
    }

    let max_label = l.right_w;
    if (0..l.n).all(|i| value(row, i).is_none()) {
        // One note for the whole unit reads better than one per series.
        let note = (0..l.n)
            .map(|i| value_label(row, i))
            .find(|s| !s.is_empty());
        if let Some(note) = note {
            let fit = ellipsize(&note, NO_DATA.px, l.x1 - l.x0 + max_label);
            text(area, &fit, l.x0 + 6.0, centre, NO_DATA, HPos::Left)?;
        }
        return Ok(());
    }

    let group_h = l.n as f64 * l.bar_h + (l.n as f64 - 1.0) * l.bar_gap;
    let mut y = centre - group_h / 2.0;
    for i in 0..l.n {
        let mid = y + l.bar_h / 2.0;
        let label = value_label(row, i);
        match value(row, i) {
            Some(v) => {
                let end = l.x(v);
                // A tiny positive value still deserves a visible sliver.
                let end = if v > 0.0 { end.max(l.x0 + 1.0) } else { end };
                rect(area, l.x0, y, end, y + l.bar_h, palette::series(i))?;
                let label = if l.whole_labels {
                    label
                } else {
                    ellipsize(figure_only(&label), VALUE.px, max_label)
                };
                let w = text_width(&label, VALUE.px);
                let tick = target(row, i).map(|t| l.x(t));
                if let Some(tx) = tick {
                    line(area, &[(tx, y - 3.0), (tx, y + l.bar_h + 3.0)], TEXT, 2)?;
                }
                match tick {
                    // Browser fonts may run wider than the estimate: 8 px slack.
                    Some(tx) if tx >= end - 1.0 && tx <= end + 5.0 + w + 8.0 => {
                        if tx - end > 12.0 && end - l.x0 >= w + 10.0 {
                            // Inside the bar, so the figure stays by its bar
                            // rather than reading as the target's.
                            let font = Font::new(VALUE.px, palette::on_series(i));
                            text(area, &label, end - 5.0, mid, font, HPos::Right)?;
                        } else {
                            text(area, &label, tx + 5.0, mid, VALUE, HPos::Left)?;
                        }
                    }
                    _ => text(area, &label, end + 5.0, mid, VALUE, HPos::Left)?,
                }
            }
            None => {
                if let Some(t) = target(row, i) {
                    let tx = l.x(t);
                    line(area, &[(tx, y - 3.0), (tx, y + l.bar_h + 3.0)], TEXT, 2)?;
                }
                text(area, &label, l.x0 + 6.0, mid, NO_DATA, HPos::Left)?;
            }
        }
        y += l.bar_h + l.bar_gap;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use super::super::ChartText;
    use super::*;

    fn row(label: &str, values: &[Option<f64>], targets: &[Option<f64>]) -> CoverageRow {
        CoverageRow {
            label: label.into(),
            values: values.to_vec(),
            value_labels: values
                .iter()
                .map(|v| v.map_or("không có số liệu".to_owned(), |v| format!("{v:.1} %")))
                .collect(),
            targets: targets.to_vec(),
            emphasis: false,
        }
    }

    pub(crate) fn sample() -> CoverageChart {
        CoverageChart {
            text: ChartText {
                id: "phu-song".into(),
                title: "Tỷ lệ phủ sóng theo huyện".into(),
                desc: "Huyện Điện Biên Đông: 4G 87,7 %, cáp quang 61,2 %.".into(),
            },
            series: vec!["Phủ sóng 4G".into(), "Cáp quang".into()],
            rows: vec![
                row(
                    "Thành phố Điện Biên Phủ",
                    &[Some(99.5), Some(92.0)],
                    &[Some(100.0), Some(90.0)],
                ),
                row(
                    "Huyện Điện Biên Đông",
                    &[Some(87.7), Some(61.2)],
                    &[Some(100.0), Some(90.0)],
                ),
                row(
                    "Huyện Mường Nhé",
                    &[Some(74.0), None],
                    &[Some(100.0), Some(90.0)],
                ),
                row("Thị xã Mường Lay", &[None, None], &[None, None]),
            ],
            axis_max: 100.0,
            axis_ticks: vec![
                (0.0, "0 %".into()),
                (50.0, "50 %".into()),
                (100.0, "100 %".into()),
            ],
            target_label: "Mục tiêu".into(),
        }
    }

    #[test]
    fn sample_is_accessible() {
        let svg = coverage(&sample()).svg;
        assert_accessible(&svg, "phu-song");
        assert!(svg.contains("Huyện Điện Biên Đông"));
        assert!(svg.contains("không có số liệu"));
        assert!(svg.contains("Mục tiêu"));
        assert!(svg.contains(">100 %<"));
        assert!(svg.len() < 20_000, "{}", svg.len());
    }

    #[test]
    fn deterministic() {
        assert_eq!(coverage(&sample()), coverage(&sample()));
    }

    #[test]
    fn escapes_caller_text() {
        let mut c = sample();
        c.text.title = EVIL.into();
        c.text.desc = EVIL.into();
        c.series[0] = EVIL.into();
        c.rows[0].label = EVIL.into();
        c.rows[0].value_labels[0] = EVIL.into();
        c.target_label = EVIL.into();
        let svg = coverage(&c).svg;
        assert_escaped(&svg);
        assert_accessible(&svg, "phu-song");
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let mut c = sample();
        c.rows.clear();
        assert_accessible(&coverage(&c).svg, "phu-song");

        let mut c = sample();
        c.series.clear();
        assert_accessible(&coverage(&c).svg, "phu-song");

        let mut c = sample();
        c.axis_max = 0.0;
        c.axis_ticks.clear();
        for r in &mut c.rows {
            r.values = vec![Some(0.0), None];
            r.targets = vec![None, Some(f64::NAN)];
        }
        assert_accessible(&coverage(&c).svg, "phu-song");

        let mut c = sample();
        c.axis_max = f64::NAN;
        c.rows[0].values = vec![Some(f64::INFINITY)];
        c.rows[1].values.clear();
        c.rows[1].value_labels.clear();
        c.rows[2].values = vec![Some(-5.0), Some(250.0)];
        assert_accessible(&coverage(&c).svg, "phu-song");

        let mut c = sample();
        for r in &mut c.rows {
            r.values = vec![None, None];
        }
        let svg = coverage(&c).svg;
        assert_accessible(&svg, "phu-song");
        // Only the two legend swatches: no bars without data.
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
    }

    #[test]
    fn height_grows_with_rows() {
        let small = coverage(&sample());
        let mut c = sample();
        c.rows.extend(sample().rows);
        let big = coverage(&c);
        let vb = |s: &str| {
            let i = s.find("viewBox=\"0 0 420 ").map_or(0, |i| i + 17);
            s[i..]
                .split('"')
                .next()
                .and_then(|h| h.parse::<u32>().ok())
                .unwrap_or(0)
        };
        assert!(vb(&big.svg) > vb(&small.svg) + 100);
    }
}
