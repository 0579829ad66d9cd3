//! Growth: a few series over time, named in a legend above the plot (one
//! series is named by the title), each line's last figure at its end. A gap in a series breaks its line.

use super::backend::{line_height, text_width};
use super::draw::{
    clean, dot, fit_figure, line, render, text, wrap, Area, DrawResult, Font, MARGIN,
};
use super::palette::{self, AXIS, GRID, TEXT, TEXT_MUTED};
use super::{Chart, GrowthChart, FONT, WIDTH};
use plotters::style::text_anchor::HPos;

const W: f64 = WIDTH as f64;
/// Height of the plot with its axes, below the legend.
const H: f64 = 340.0;
const TICK: Font = Font::new(FONT, TEXT_MUTED);
const END: Font = Font::new(FONT, TEXT);
const NAME: Font = Font::new(FONT, TEXT);
/// Widest an end label (the last figure) may be.
const END_CAP: f64 = W * 0.3;
const X_AXIS_H: f64 = 26.0;
/// Legend key: a short stretch of line with a dot on it.
const KEY_W: f64 = 22.0;
const LEGEND_GAP: f64 = 4.0;

/// A stretch of a series' line between gaps: its points in time order.
type Run = Vec<(f64, f64)>;

struct EndLabel {
    series: usize,
    lines: Vec<String>,
    /// Centre of the label block, after nudging.
    y: f64,
}

struct Layout {
    /// Each series' runs of points without a gap, in time order.
    series: Vec<(usize, Vec<Run>)>,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    height: f64,
    /// Series index, the top of its entry and its lines.
    legend: Vec<(usize, f64, Vec<String>)>,
    y_label_y: f64,
    y_ticks: Vec<(f64, String)>,
    x_ticks: Vec<(f64, String)>,
    ends: Vec<EndLabel>,
}

impl Layout {
    fn x(&self, v: f64) -> f64 {
        self.left + (v - self.x_min) / (self.x_max - self.x_min) * (self.right - self.left)
    }
    fn y(&self, v: f64) -> f64 {
        self.bottom - (v - self.y_min) / (self.y_max - self.y_min) * (self.bottom - self.top)
    }
    fn last_point(&self, series: usize) -> Option<(f64, f64)> {
        self.series
            .iter()
            .find(|(i, _)| *i == series)
            .and_then(|(_, runs)| runs.last())
            .and_then(|run| run.last())
            .copied()
    }
}

pub fn growth(c: &GrowthChart) -> Chart {
    match Layout::new(c) {
        Some(l) => render(&c.text, (WIDTH, l.height.ceil() as u32), |area| {
            draw(area, c, &l)
        }),
        None => Chart::empty(&c.text),
    }
}

/// The runs of finite points between gaps; a non-finite point is a gap too.
fn runs(points: &[Option<(f64, f64)>]) -> Vec<Run> {
    let mut runs: Vec<Run> = vec![Vec::new()];
    for p in points {
        match p {
            Some((x, y)) if x.is_finite() && y.is_finite() => {
                if let Some(run) = runs.last_mut() {
                    run.push((*x, *y));
                }
            }
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    for r in &mut runs {
        r.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    runs
}

/// A 1-2-2.5-5 step giving about four intervals up to `max`.
fn nice_step(max: f64) -> f64 {
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&f| norm <= f)
        .unwrap_or(10.0);
    f * mag
}

fn fallback_ticks(y_min: f64, data_max: f64) -> (f64, Vec<(f64, String)>) {
    let step = nice_step(data_max - y_min);
    if !step.is_finite() || step <= 0.0 {
        return (data_max, Vec::new());
    }
    let top = (data_max / step).ceil() * step;
    let first = (y_min / step).floor() as i64;
    let last = (top / step).round() as i64;
    // Just enough decimals to show the step exactly (0.25 → 2, 0.2 → 1).
    let decimals = (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6) as usize;
    let ticks = (first..=last)
        .map(|k| k as f64 * step)
        .map(|v| (v, format!("{v:.decimals$}")))
        .collect();
    (top, ticks)
}

impl Layout {
    fn new(c: &GrowthChart) -> Option<Layout> {
        let series: Vec<(usize, Vec<Run>)> = c
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (i, runs(&s.points)))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        if series.is_empty() {
            return None;
        }
        let points = || series.iter().flat_map(|(_, r)| r.iter().flatten().copied());
        let given_x = c.x_ticks.iter().map(|t| t.0).filter(|v| v.is_finite());
        let xs = || points().map(|p| p.0).chain(given_x.clone());
        let mut x_min = xs().fold(f64::INFINITY, f64::min);
        let mut x_max = xs().fold(f64::NEG_INFINITY, f64::max);
        if x_max - x_min < 1e-9 {
            x_min -= 0.5;
            x_max += 0.5;
        }

        let data_max = points().map(|p| p.1).fold(0.0_f64, f64::max);
        let y_min = points().map(|p| p.1).fold(0.0_f64, f64::min);
        let given: Vec<(f64, String)> = c
            .y_ticks
            .iter()
            .filter(|(v, _)| v.is_finite() && *v >= y_min)
            .map(|(v, s)| (*v, clean(s)))
            .collect();
        let (mut y_max, y_ticks) = if given.is_empty() {
            fallback_ticks(y_min, data_max)
        } else {
            let top_tick = given.iter().map(|t| t.0).fold(f64::NEG_INFINITY, f64::max);
            // Headroom so the top point is not flattened against the frame.
            (top_tick.max(data_max * 1.05), given)
        };
        if !y_max.is_finite() || y_max <= y_min {
            y_max = y_min + 1.0;
        }

        // The legend names every series whole, wrapped: a name is never cut,
        // so two series never share a visible label.
        let lh = line_height(NAME.px);
        let mut y = MARGIN;
        let mut legend = Vec::new();
        let name_w = W - 2.0 * MARGIN - KEY_W - 8.0;
        // One series is named by the chart's title.
        for (i, _) in series.iter().filter(|_| series.len() > 1) {
            let lines = wrap(&clean(&c.series[*i].name), NAME.px, name_w, 8);
            let h = lines.len() as f64 * lh;
            legend.push((*i, y, lines));
            y += h + LEGEND_GAP;
        }
        let plot_top = y + 4.0;

        let tick_w = y_ticks
            .iter()
            .map(|t| text_width(&t.1, TICK.px))
            .fold(0.0_f64, f64::max);
        let left = MARGIN + tick_w + 8.0;
        let y_label_y = plot_top + 10.0;
        let top = plot_top
            + if clean(&c.y_label).is_empty() {
                10.0
            } else {
                30.0
            };
        let height = plot_top + H;
        let bottom = height - MARGIN - X_AXIS_H;

        let mut ends: Vec<EndLabel> = series
            .iter()
            .map(|(i, _)| {
                let value = clean(&c.series[*i].last_label);
                EndLabel {
                    series: *i,
                    lines: if value.is_empty() {
                        Vec::new()
                    } else {
                        vec![fit_figure(&value, END.px, END_CAP)]
                    },
                    y: 0.0,
                }
            })
            .collect();
        let right_w = ends
            .iter()
            .flat_map(|e| e.lines.iter())
            .map(|s| text_width(s, END.px))
            .fold(0.0_f64, f64::max);
        let right = W - MARGIN - right_w - 12.0;

        let mut l = Layout {
            series,
            x_min,
            x_max,
            y_min,
            y_max,
            left,
            right,
            top,
            bottom,
            height,
            legend,
            y_label_y,
            y_ticks,
            x_ticks: Vec::new(),
            ends: Vec::new(),
        };
        l.x_ticks = l.thin_x_ticks(&c.x_ticks);
        for e in &mut ends {
            let last = l.last_point(e.series).map_or(0.0, |p| p.1);
            e.y = l.y(last);
        }
        nudge(&mut ends, plot_top, bottom);
        l.ends = ends;
        Some(l)
    }

    /// Drops tick labels that would collide, keeping the first and then
    /// every label that fits.
    fn thin_x_ticks(&self, ticks: &[(f64, String)]) -> Vec<(f64, String)> {
        let mut kept = Vec::new();
        let mut last_right = f64::NEG_INFINITY;
        for (v, s) in ticks {
            if !v.is_finite() {
                continue;
            }
            let s = clean(s);
            let x = self.x(*v);
            let w = text_width(&s, TICK.px);
            if x - w / 2.0 >= last_right + 8.0 {
                last_right = x + w / 2.0;
                kept.push((*v, s));
            }
        }
        kept
    }
}

/// Moves label blocks apart vertically so none overlap, staying within
/// `[min, max]` when there is room and keeping each as near its line as it can.
fn nudge(ends: &mut [EndLabel], min: f64, max: f64) {
    let lh = line_height(END.px);
    let gap = 2.0;
    let h = |e: &EndLabel| e.lines.len() as f64 * lh;
    ends.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.series.cmp(&b.series)));
    let mut prev_bottom = min - gap;
    for e in ends.iter_mut() {
        let top = (e.y - h(e) / 2.0).max(prev_bottom + gap);
        e.y = top + h(e) / 2.0;
        prev_bottom = top + h(e);
    }
    let mut next_top = max + gap;
    for e in ends.iter_mut().rev() {
        let bottom = (e.y + h(e) / 2.0).min(next_top - gap);
        e.y = bottom - h(e) / 2.0;
        next_top = bottom - h(e);
    }
}

fn draw(area: &Area, c: &GrowthChart, l: &Layout) -> DrawResult {
    let lh = line_height(NAME.px);
    for (i, top, lines) in &l.legend {
        let colour = palette::series(*i);
        let mid = top + lh / 2.0;
        line(area, &[(MARGIN, mid), (MARGIN + KEY_W, mid)], colour, 2)?;
        dot(area, MARGIN + KEY_W / 2.0, mid, 3, colour)?;
        for (k, s) in lines.iter().enumerate() {
            let y = mid + k as f64 * lh;
            text(area, s, MARGIN + KEY_W + 8.0, y, NAME, HPos::Left)?;
        }
    }
    text(area, &c.y_label, MARGIN, l.y_label_y, TICK, HPos::Left)?;
    for (v, s) in &l.y_ticks {
        let y = l.y(*v);
        // The bottom tick sits on the axis line drawn below.
        if (y - l.bottom).abs() > 0.5 {
            let colour = if *v == 0.0 { AXIS } else { GRID };
            line(area, &[(l.left, y), (l.right, y)], colour, 1)?;
        }
        text(area, s, l.left - 8.0, y, TICK, HPos::Right)?;
    }
    line(area, &[(l.left, l.bottom), (l.right, l.bottom)], AXIS, 1)?;
    for (v, s) in &l.x_ticks {
        let x = l.x(*v);
        line(area, &[(x, l.bottom), (x, l.bottom + 4.0)], AXIS, 1)?;
        text(
            area,
            s,
            x,
            l.bottom + X_AXIS_H / 2.0 + 2.0,
            TICK,
            HPos::Center,
        )?;
    }

    for (i, runs) in &l.series {
        let colour = palette::series(*i);
        // One path per run: a gap leaves the line broken, never bridged.
        for run in runs {
            let px: Vec<(f64, f64)> = run.iter().map(|&(x, y)| (l.x(x), l.y(y))).collect();
            if px.len() > 1 {
                line(area, &px, colour, 2)?;
            }
            for &(x, y) in &px {
                dot(area, x, y, 3, colour)?;
            }
        }
    }

    let lh = line_height(END.px);
    let label_x = l.right + 12.0;
    for e in &l.ends {
        let colour = palette::series(e.series);
        if let Some((px, py)) = l.last_point(e.series).map(|(x, y)| (l.x(x), l.y(y))) {
            // A leader shows which line a nudged or early-ending label belongs to.
            if (py - e.y).abs() > 3.0 || px < l.right - 1.0 {
                line(area, &[(px + 5.0, py), (label_x - 3.0, e.y)], colour, 1)?;
            }
        }
        let first = e.y - (e.lines.len() as f64 - 1.0) * lh / 2.0;
        for (k, s) in e.lines.iter().enumerate() {
            text(area, s, label_x, first + k as f64 * lh, END, HPos::Left)?;
        }
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use super::super::{ChartText, GrowthSeries};
    use super::*;

    pub(crate) fn sample() -> GrowthChart {
        GrowthChart {
            text: ChartText {
                id: "thue-bao".into(),
                title: "Thuê bao theo thời gian".into(),
                desc: "Thuê bao di động tăng từ 450 nghìn lên 560 nghìn.".into(),
            },
            x_ticks: (2019..=2024).map(|y| (y as f64, y.to_string())).collect(),
            series: vec![
                GrowthSeries {
                    name: "Di động".into(),
                    points: [
                        (2019.0, 450e3),
                        (2020.0, 480e3),
                        (2021.0, 505e3),
                        (2022.0, 530e3),
                        (2023.5, 548e3),
                        (2024.0, 560e3),
                    ]
                    .map(Some)
                    .to_vec(),
                    last_label: "560 nghìn".into(),
                },
                GrowthSeries {
                    name: "Băng rộng di động".into(),
                    points: [
                        (2019.0, 300e3),
                        (2020.0, 350e3),
                        (2021.0, 400e3),
                        (2022.0, 460e3),
                        (2023.0, 510e3),
                        (2024.0, 545e3),
                    ]
                    .map(Some)
                    .to_vec(),
                    last_label: "545 nghìn".into(),
                },
                GrowthSeries {
                    name: "Băng rộng cố định".into(),
                    points: [
                        (2019.0, 40e3),
                        (2020.0, 52e3),
                        (2021.0, 61e3),
                        (2022.0, 70e3),
                        (2023.0, 76e3),
                        (2024.0, 81e3),
                    ]
                    .map(Some)
                    .to_vec(),
                    last_label: "81 nghìn".into(),
                },
            ],
            y_label: "Số thuê bao".into(),
            y_ticks: vec![
                (0.0, "0".into()),
                (200e3, "200 nghìn".into()),
                (400e3, "400 nghìn".into()),
                (600e3, "600 nghìn".into()),
            ],
        }
    }

    #[test]
    fn sample_is_accessible() {
        let svg = growth(&sample()).svg;
        assert_accessible(&svg, "thue-bao");
        // Names whole in the legend, figures at the lines' ends.
        assert!(svg.contains(">Di động<"), "{svg}");
        assert!(svg.contains(">Băng rộng cố định<"), "{svg}");
        assert!(svg.contains(">560 nghìn<"));
        assert!(svg.contains(">545 nghìn<"));
        assert!(svg.contains(">600 nghìn<"));
        assert!(svg.contains("<polyline"));
        assert!(svg.len() < 20_000, "{}", svg.len());
    }

    #[test]
    fn deterministic() {
        assert_eq!(growth(&sample()), growth(&sample()));
    }

    #[test]
    fn escapes_caller_text() {
        let mut c = sample();
        c.text.title = EVIL.into();
        c.series[0].name = EVIL.into();
        c.series[1].last_label = EVIL.into();
        c.x_ticks[0].1 = EVIL.into();
        c.y_ticks[1].1 = EVIL.into();
        c.y_label = EVIL.into();
        let svg = growth(&c).svg;
        assert_escaped(&svg);
        assert_accessible(&svg, "thue-bao");
    }

    #[test]
    fn a_gap_breaks_the_line_into_two_paths() {
        let mut c = sample();
        c.series.truncate(1);
        let line = "stroke=\"#12436D\" stroke-width=\"2\"";
        let whole = growth(&c).svg;
        assert_eq!(whole.matches(line).count(), 1, "{whole}");
        c.series[0].points.insert(3, None);
        let broken = growth(&c).svg;
        assert_eq!(broken.matches(line).count(), 2, "{broken}");
        // Every point keeps its dot (one series: no legend key).
        assert_eq!(broken.matches("<circle").count(), 6);
    }

    #[test]
    fn long_names_are_wrapped_whole_and_never_cut() {
        let mut c = sample();
        let long = "Tỷ lệ khu vực dân cư sinh sống, làm việc (thôn, bản) có sóng di động";
        c.series[0].name = format!("{long} 4G");
        c.series[1].name = format!("{long} 5G");
        let svg = growth(&c).svg;
        assert!(!svg.contains('…'), "{svg}");
        assert!(svg.contains(" 4G<") && svg.contains(" 5G<"), "{svg}");
    }

    #[test]
    fn close_end_labels_are_nudged_apart() {
        let l = Layout::new(&sample()).map(|l| l.ends).unwrap_or_default();
        assert_eq!(l.len(), 3);
        let lh = line_height(END.px);
        for w in l.windows(2) {
            let need = (w[0].lines.len() + w[1].lines.len()) as f64 * lh / 2.0;
            assert!(w[1].y - w[0].y >= need, "{} {}", w[0].y, w[1].y);
        }
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let mut c = sample();
        c.series.clear();
        assert_accessible(&growth(&c).svg, "thue-bao");

        let mut c = sample();
        for s in &mut c.series {
            s.points = vec![Some((f64::NAN, 1.0)), Some((2020.0, f64::INFINITY))];
        }
        assert_accessible(&growth(&c).svg, "thue-bao");

        let mut c = sample();
        c.y_ticks.clear();
        c.x_ticks.clear();
        for s in &mut c.series {
            s.points = vec![Some((2020.0, 0.0))];
        }
        assert_accessible(&growth(&c).svg, "thue-bao");

        let mut c = sample();
        c.y_ticks.clear();
        c.series[0].points = vec![Some((2020.0, -3.0)), Some((2021.0, 0.004))];
        let svg = growth(&c).svg;
        assert_accessible(&svg, "thue-bao");
        assert!(!svg.contains("NaN"));

        // Many labels squeezed into little room must still terminate.
        let mut c = sample();
        c.series = (0..30)
            .map(|i| GrowthSeries {
                name: format!("S{i}"),
                points: [(2020.0, 1.0)].map(Some).to_vec(),
                last_label: "1".into(),
            })
            .collect();
        assert_accessible(&growth(&c).svg, "thue-bao");
    }

    #[test]
    fn fallback_ticks_are_nice() {
        let (top, t) = fallback_ticks(0.0, 560e3);
        assert_eq!(top, 600e3);
        assert_eq!(t.first().map(|t| t.1.as_str()), Some("0"));
        assert_eq!(t.last().map(|t| t.1.as_str()), Some("600000"));
        let (_, t) = fallback_ticks(0.0, 0.9);
        assert_eq!(t.get(1).map(|t| t.1.as_str()), Some("0.25"));
    }
}
