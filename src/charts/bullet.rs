//! Progress to the target: a one-indicator bullet chart.

use super::backend::text_width;
use super::draw::{
    clean, dashed_vline, line, polygon, rect, render, text, Area, DrawResult, Font, MARGIN,
};
use super::palette::{self, BAND, TEXT, TEXT_MUTED, TRACK};
use super::{BulletChart, Chart, FONT, WIDTH};
use plotters::style::text_anchor::HPos;

const W: f64 = WIDTH as f64;
const LABEL: Font = Font::new(FONT, TEXT);
const LINE: f64 = 20.0;
const BAND_H: f64 = 22.0;
/// The latest bar is thinner than the band so that baseline and expected
/// marks lying over it still show above and below it.
const BAR_H: f64 = 10.0;
/// How far the target line reaches beyond the band.
const OVERHANG: f64 = 6.0;
const LABEL_GAP: f64 = 8.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Baseline,
    Latest,
    Expected,
    Target,
}

impl Kind {
    fn above(self) -> bool {
        matches!(self, Kind::Target | Kind::Expected)
    }
}

struct Mark {
    kind: Kind,
    value: f64,
    label: String,
    /// Left edge of the label and its stacking line (0 = next to the band).
    left: f64,
    line: usize,
}

struct Layout {
    max: f64,
    marks: Vec<Mark>,
    band_top: f64,
    height: f64,
}

impl Layout {
    fn x(&self, v: f64) -> f64 {
        MARGIN + v.clamp(0.0, self.max) / self.max * (W - 2.0 * MARGIN)
    }
    fn band_bottom(&self) -> f64 {
        self.band_top + BAND_H
    }
    fn label_y(&self, m: &Mark) -> f64 {
        let step = LINE / 2.0 + m.line as f64 * LINE;
        if m.kind.above() {
            self.band_top - OVERHANG - 2.0 - step
        } else {
            self.band_bottom() + OVERHANG + 2.0 + step
        }
    }
}

fn label(word: &str, figure: &str) -> String {
    match (clean(word), clean(figure)) {
        (w, f) if w.is_empty() => f,
        (w, f) if f.is_empty() => w,
        (w, f) => format!("{w}: {f}"),
    }
}

impl Layout {
    fn new(c: &BulletChart) -> Option<Layout> {
        let l = &c.labels;
        let candidates = [
            (Kind::Target, Some(&c.target), &l.target),
            (Kind::Expected, c.expected.as_ref(), &l.expected),
            (Kind::Latest, c.latest.as_ref(), &l.latest),
            (Kind::Baseline, c.baseline.as_ref(), &l.baseline),
        ];
        let mut marks: Vec<Mark> = candidates
            .into_iter()
            .filter_map(|(kind, v, word)| {
                let (value, figure) = v?;
                value.is_finite().then(|| Mark {
                    kind,
                    value: *value,
                    label: label(word, figure),
                    left: 0.0,
                    line: 0,
                })
            })
            .collect();
        let max = marks.iter().map(|m| m.value).fold(0.0_f64, f64::max) * 1.1;
        if !max.is_finite() || max <= 0.0 {
            return None;
        }
        let mut layout = Layout {
            max,
            marks: Vec::new(),
            band_top: 0.0,
            height: 0.0,
        };
        // Stack labels per side: a label takes the first line where it does
        // not touch a label already placed there.
        marks.sort_by(|a, b| a.value.total_cmp(&b.value));
        let mut lines: [Vec<Vec<(f64, f64)>>; 2] = [Vec::new(), Vec::new()];
        for m in &mut marks {
            let w = text_width(&m.label, LABEL.px);
            let x = layout.x(m.value);
            m.left = (x - w / 2.0).clamp(MARGIN, (W - MARGIN - w).max(MARGIN));
            let span = (m.left, m.left + w);
            let side = &mut lines[usize::from(m.kind.above())];
            let free = |placed: &Vec<(f64, f64)>| {
                placed
                    .iter()
                    .all(|&(a, b)| span.1 + LABEL_GAP <= a || span.0 >= b + LABEL_GAP)
            };
            m.line = side.iter().position(free).unwrap_or(side.len());
            if m.line == side.len() {
                side.push(Vec::new());
            }
            side[m.line].push(span);
        }
        let (below, above) = (lines[0].len() as f64, lines[1].len() as f64);
        layout.band_top = 4.0 + above * LINE + 2.0 + OVERHANG;
        layout.height = layout.band_bottom() + OVERHANG + 2.0 + below * LINE + 4.0;
        layout.marks = marks;
        Some(layout)
    }
}

pub fn bullet(c: &BulletChart) -> Chart {
    match Layout::new(c) {
        Some(l) => render(&c.text, (WIDTH, l.height.ceil() as u32), |area| {
            draw(area, c, &l)
        }),
        None => Chart::empty(&c.text),
    }
}

fn draw(area: &Area, c: &BulletChart, l: &Layout) -> DrawResult {
    let (top, bottom) = (l.band_top, l.band_bottom());
    let mid = (top + bottom) / 2.0;
    rect(area, MARGIN, top, W - MARGIN, bottom, TRACK)?;
    let find = |k: Kind| l.marks.iter().find(|m| m.kind == k);
    if let Some(t) = find(Kind::Target) {
        rect(area, MARGIN, top, l.x(t.value), bottom, BAND)?;
    }
    if let Some(m) = find(Kind::Latest) {
        let end = l.x(m.value);
        let end = if m.value > 0.0 {
            end.max(MARGIN + 2.0)
        } else {
            end
        };
        rect(
            area,
            MARGIN,
            mid - BAR_H / 2.0,
            end,
            mid + BAR_H / 2.0,
            palette::SERIES[0],
        )?;
    }
    if let Some(m) = find(Kind::Baseline) {
        let x = l.x(m.value);
        line(area, &[(x, top + 1.0), (x, bottom - 1.0)], TEXT_MUTED, 2)?;
    }
    if let Some(m) = find(Kind::Expected) {
        let x = l.x(m.value);
        dashed_vline(area, x, top - 4.0, bottom + 4.0, palette::SERIES[2], 2)?;
    }
    if let Some(m) = find(Kind::Target) {
        let x = l.x(m.value);
        line(
            area,
            &[(x, top - OVERHANG), (x, bottom + OVERHANG)],
            TEXT,
            3,
        )?;
        // A small pennant on the target says which way is better.
        let dir = if c.direction_up { 1.0 } else { -1.0 };
        let (x0, y0) = (x + dir * 1.5, top - OVERHANG);
        polygon(
            area,
            &[(x0, y0), (x0 + dir * 7.0, y0 + 3.0), (x0, y0 + 6.0)],
            TEXT,
        )?;
    }
    for m in &l.marks {
        let font = if m.kind == Kind::Latest {
            LABEL.bold()
        } else {
            LABEL
        };
        text(area, &m.label, m.left, l.label_y(m), font, HPos::Left)?;
    }
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::testutil::*;
    use super::super::{BulletLabels, ChartText};
    use super::*;

    pub(crate) fn sample() -> BulletChart {
        BulletChart {
            text: ChartText {
                id: "tien-do-4g".into(),
                title: "Tiến độ phủ sóng 4G".into(),
                desc: "Mốc 62,0 % (2020), mới nhất 87,7 % (2024), mục tiêu 100 % (2025).".into(),
            },
            baseline: Some((62.0, "62,0 %".into())),
            latest: Some((87.7, "87,7 %".into())),
            expected: Some((90.5, "90,5 %".into())),
            target: (100.0, "100 %".into()),
            direction_up: true,
            labels: BulletLabels {
                baseline: "Mốc".into(),
                latest: "Mới nhất".into(),
                expected: "Dự kiến".into(),
                target: "Mục tiêu".into(),
            },
        }
    }

    fn view_box_height(svg: &str) -> u32 {
        let i = svg.find("viewBox=\"0 0 420 ").map_or(0, |i| i + 17);
        svg[i..]
            .split('"')
            .next()
            .and_then(|h| h.parse().ok())
            .unwrap_or(0)
    }

    #[test]
    fn sample_is_accessible_and_compact() {
        let svg = bullet(&sample()).svg;
        assert_accessible(&svg, "tien-do-4g");
        assert!(svg.contains("Mới nhất: 87,7 %"));
        assert!(svg.contains("Mục tiêu: 100 %"));
        // Expected and target sit close, so their labels take more lines than without one.
        let h = view_box_height(&svg);
        assert!((90..=140).contains(&h), "{h}");
        let mut c = sample();
        c.expected = None;
        let fewer = view_box_height(&bullet(&c).svg);
        assert!((75..h).contains(&fewer), "{fewer} vs {h}");
        assert!(svg.len() < 8_000, "{}", svg.len());
    }

    #[test]
    fn close_marks_stack_labels() {
        let mut c = sample();
        c.baseline = Some((86.0, "86,0 %".into()));
        let l = Layout::new(&c).map(|l| l.marks).unwrap_or_default();
        let below: Vec<usize> = l
            .iter()
            .filter(|m| !m.kind.above())
            .map(|m| m.line)
            .collect();
        assert_eq!(below.len(), 2);
        assert_ne!(below[0], below[1]);
        assert!(view_box_height(&bullet(&c).svg) >= view_box_height(&bullet(&sample()).svg));
    }

    #[test]
    fn deterministic() {
        assert_eq!(bullet(&sample()), bullet(&sample()));
    }

    #[test]
    fn escapes_caller_text() {
        let mut c = sample();
        c.text.desc = EVIL.into();
        c.labels.latest = EVIL.into();
        c.target.1 = EVIL.into();
        let svg = bullet(&c).svg;
        assert_escaped(&svg);
        assert_accessible(&svg, "tien-do-4g");
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let mut c = sample();
        c.target = (0.0, String::new());
        c.baseline = None;
        c.latest = None;
        c.expected = None;
        assert_accessible(&bullet(&c).svg, "tien-do-4g");

        let mut c = sample();
        c.target = (f64::NAN, "?".into());
        c.latest = Some((f64::INFINITY, "∞".into()));
        assert_accessible(&bullet(&c).svg, "tien-do-4g");

        let mut c = sample();
        c.latest = Some((-4.0, "-4".into()));
        c.direction_up = false;
        let svg = bullet(&c).svg;
        assert_accessible(&svg, "tien-do-4g");
        assert!(!svg.contains("NaN"));

        let mut c = sample();
        for v in [&mut c.baseline, &mut c.latest, &mut c.expected] {
            *v = Some((100.0, "100 %".into()));
        }
        assert_accessible(&bullet(&c).svg, "tien-do-4g");
    }
}
