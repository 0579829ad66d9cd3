//! The chart value every kind of chart returns, the text callers hand over, the data each kind
//! draws, and the finishing of plotters' SVG into one accessible, responsive `<svg>` element.

use std::fmt::Write as _;

/// viewBox width shared by every chart.
pub const WIDTH: u32 = 420;

/// The one font size of every chart's text, in viewBox units. The SVG is scaled to its column
/// (`svg.chart{width:100%}`), so a unit is (column width ÷ [`WIDTH`]) CSS px. On a 390 px
/// phone the column is 390 − 2 × 16 (page) − 2 × 9 (chart box, `style.css`) ≈ 340 px, so
/// 16 units are 16 × 340 ÷ 420 ≈ 13 CSS px: above the 12 px floor, with room for a browser
/// that lays the column out a little narrower. Text is never drawn smaller, so a label that
/// does not fit is wrapped, never shrunk or cut.
pub const FONT: f64 = 16.0;

/// The colour of plain text, set once on the root element (`fill`, inherited): plotters would
/// otherwise repeat it on every `<text>`. The font is the page's own, inherited from `body`.
const INK: &str = "#1A1A1A";

/// One accessible chart: an `<svg>` element as a string, ready to inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub svg: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartText {
    /// Unique within a page, `[a-z0-9-]+`; used for the ids of `<title>`/`<desc>`.
    /// Other characters are replaced by `-` so the ARIA references stay valid.
    pub id: String,
    /// Short title.
    pub title: String,
    /// The figures in words, prepared by the caller.
    pub desc: String,
}

/// Coverage and comparisons: horizontal bars, one group per unit (row), one
/// bar per series, target marked. The rows are drawn in the order given (the
/// caller ranks them); the height grows with their number, so that every
/// unit keeps a readable row however many there are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoverageChart {
    pub text: ChartText,
    /// Series names, drawn whole (wrapped) in the legend when there are two or more.
    pub series: Vec<String>,
    pub rows: Vec<CoverageRow>,
    /// Usually 100. The scale stretches further if a value or target exceeds it.
    pub axis_max: f64,
    /// Formatted axis ticks, e.g. `(50.0, "50 %")`. Empty: plain numbers at
    /// quarters of `axis_max` (unlocalised, so better supply these).
    pub axis_ticks: Vec<(f64, String)>,
    /// Word written above the target ticks, e.g. "Mục tiêu". Empty: ticks unlabelled.
    pub target_label: String,
}

/// `values`, `value_labels` and `targets` are parallel to `CoverageChart::series`;
/// `None` = no data: no bar, and the value label (e.g. "không có số liệu") is printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoverageRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
    pub value_labels: Vec<String>,
    pub targets: Vec<Option<f64>>,
    /// The reference row (the parent unit): bold label on a shaded band.
    pub emphasis: bool,
}

/// Growth: lines over time for a few series; x = time in years (a first
/// half YYYY-H1 sits at YYYY − 0.5). Series are named whole (wrapped) in a
/// legend above the plot; the lines' ends carry only their last figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrowthChart {
    pub text: ChartText,
    pub x_ticks: Vec<(f64, String)>,
    pub series: Vec<GrowthSeries>,
    /// Unit line written above the y axis, e.g. "Triệu thuê bao".
    pub y_label: String,
    /// Formatted y ticks, e.g. `(50e6, "50 tr")`. Empty: plain "nice" numbers
    /// (unlocalised, so better supply these).
    pub y_ticks: Vec<(f64, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrowthSeries {
    pub name: String,
    /// In time order; `None` is a gap (a period without a figure): the line
    /// stops before it and starts again after it, never joining across.
    pub points: Vec<Option<(f64, f64)>>,
    /// Formatted last value.
    pub last_label: String,
}

/// Progress to the target: one bullet chart for one indicator. The strings
/// in the tuples are the formatted figures, e.g. "87,7 %".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulletChart {
    pub text: ChartText,
    pub baseline: Option<(f64, String)>,
    pub latest: Option<(f64, String)>,
    pub expected: Option<(f64, String)>,
    pub target: (f64, String),
    /// `true` when higher is better; shown as the arrow on the target mark.
    pub direction_up: bool,
    pub labels: BulletLabels,
}

/// Legend words, e.g. "Mốc", "Mới nhất", "Dự kiến", "Mục tiêu".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulletLabels {
    pub baseline: String,
    pub latest: String,
    pub expected: String,
    pub target: String,
}

impl Chart {
    /// A chart with only its title and description: what every chart
    /// degrades to when the data leave nothing to draw.
    pub fn empty(text: &ChartText) -> Chart {
        Chart {
            svg: finish("", text, (WIDTH, 8)),
        }
    }
}

pub use crate::encode::xml::escape as escape_xml;

/// Keeps `[a-z0-9-]`, lower-cases ASCII letters, turns anything else into `-`.
fn sanitize_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    if s.is_empty() {
        "chart".to_owned()
    } else {
        s
    }
}

/// `v` with at most one decimal and no trailing ".0".
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Rewrites plotters' SVG document into the inline, accessible element, as small as it can
/// be drawn the same: the font size and text colour are set once on the root and inherited,
/// attributes that restate a default are dropped, and consecutive straight lines of one style
/// (grid lines, ticks, dashes) become one `<path>`. A unit page has up to ten charts, so
/// each byte here is paid some tens of thousands of times in a country's site.
///
/// plotters escapes every attribute value and text node it writes, so in
/// `raw` each `<` starts a tag; that makes a tiny tag scanner sufficient.
pub(crate) fn finish(raw: &str, text: &ChartText, (w, h): (u32, u32)) -> String {
    let id = sanitize_id(&text.id);
    let mut out = String::with_capacity(raw.len() / 2 + 512);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"chart\" \
         preserveAspectRatio=\"xMinYMin meet\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{}\" fill=\"{INK}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        num(FONT),
        escape_xml(&text.title),
        escape_xml(&text.desc),
    );
    let mut lines = Lines::default();
    let mut rest = raw;
    while let Some(start) = rest.find('<') {
        // Text nodes arrive as "\n<escaped text>\n"; only `<text>` has any.
        let content = rest[..start].trim();
        out.push_str(content);
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + len];
        rest = &rest[start + len + 1..];
        if tag.starts_with("svg") || tag == "/svg" {
            continue;
        }
        if tag.starts_with('/') {
            out.push('<');
            out.push_str(tag);
            out.push_str(">\n");
        } else {
            rewrite_tag(tag, &mut lines, &mut out);
        }
    }
    lines.flush(&mut out);
    out.push_str("</svg>\n");
    out
}

/// Straight lines waiting to be written as one `<path>`: its stroke, width and `d`.
#[derive(Default)]
struct Lines {
    style: Option<(String, String)>,
    d: String,
}

impl Lines {
    fn flush(&mut self, out: &mut String) {
        if let Some((stroke, width)) = self.style.take() {
            let _ = write!(out, "<path d=\"{}\" stroke=\"{stroke}\"", self.d);
            if width != "1" {
                let _ = write!(out, " stroke-width=\"{width}\"");
            }
            out.push_str("/>\n");
        }
        self.d.clear();
    }

    /// Adds the segment if it continues the pending path's style, else starts a new path.
    fn push(
        &mut self,
        stroke: &str,
        width: &str,
        (x0, y0): (&str, &str),
        (x1, y1): (&str, &str),
        out: &mut String,
    ) {
        let same = self
            .style
            .as_ref()
            .is_some_and(|(s, w)| s == stroke && w == width);
        if !same {
            self.flush(out);
            self.style = Some((stroke.to_owned(), width.to_owned()));
        }
        let _ = write!(self.d, "M{x0} {y0}");
        if y0 == y1 {
            let _ = write!(self.d, "H{x1}");
        } else if x0 == x1 {
            let _ = write!(self.d, "V{y1}");
        } else {
            let _ = write!(self.d, "L{x1} {y1}");
        }
    }
}

/// The attributes of a tag, in order, values trimmed.
fn attributes(body: &str) -> Vec<(&str, &str)> {
    let mut attrs = Vec::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        let Some(eq) = rest.find("=\"") else { break };
        let key = &rest[..eq];
        let after = &rest[eq + 2..];
        let Some(q) = after.find('"') else { break };
        attrs.push((key, after[..q].trim()));
        rest = &after[q + 1..];
    }
    attrs
}

/// A point as plotters wrote it: x and y, unparsed.
type Point<'a> = (&'a str, &'a str);

/// The two ends of a polyline of exactly two points.
fn two_points(points: &str) -> Option<(Point<'_>, Point<'_>)> {
    let mut it = points.split_whitespace();
    let a = it.next()?.split_once(',')?;
    let b = it.next()?.split_once(',')?;
    it.next().is_none().then_some((a, b))
}

/// Writes one of plotters' tags without what the root already says or SVG assumes: a text's
/// `font-size` equal to [`FONT`], `fill` equal to [`INK`], `text-anchor="start"`; its
/// `dy="0.5ex"` (centring the line on `y`) becomes a quarter of the font size added to `y`.
fn rewrite_tag(tag: &str, lines: &mut Lines, out: &mut String) {
    let (body, self_closing) = match tag.strip_suffix('/') {
        Some(b) => (b.trim_end(), true),
        None => (tag.trim_end(), false),
    };
    let name_end = body.find(' ').unwrap_or(body.len());
    let name = &body[..name_end];
    let attrs = attributes(&body[name_end..]);
    let get = |k: &str| attrs.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    if name == "polyline" && get("fill") == Some("none") && get("opacity").is_none_or(|o| o == "1")
    {
        if let (Some(stroke), Some(((x0, y0), (x1, y1)))) =
            (get("stroke"), get("points").and_then(two_points))
        {
            let width = get("stroke-width").unwrap_or("1");
            lines.push(stroke, width, (x0, y0), (x1, y1), out);
            return;
        }
    }
    lines.flush(out);
    out.push('<');
    out.push_str(name);
    let font_size = get("font-size")
        .and_then(|v| v.parse::<f64>().ok())
        .map(|v| num(v).parse::<f64>().unwrap_or(FONT));
    let centred = name == "text" && get("dy") == Some("0.5ex");
    let mut no_stroke = false;
    for (key, val) in &attrs {
        match *key {
            "opacity" if *val == "1" => {}
            "stroke" if *val == "none" => no_stroke = true,
            "stroke-width" if no_stroke => {}
            "font-family" => {}
            "text-anchor" if *val == "start" => {}
            "dy" if centred => {}
            "fill" if name == "text" && val.eq_ignore_ascii_case(INK) => {}
            "font-size" => match font_size {
                Some(v) if v == FONT => {}
                v => {
                    let _ = write!(out, " font-size=\"{}\"", num(v.unwrap_or(FONT)));
                }
            },
            "y" if centred => {
                let y = val.parse::<f64>().unwrap_or(0.0) + font_size.unwrap_or(FONT) / 4.0;
                let _ = write!(out, " y=\"{}\"", num(y));
            }
            _ => {
                for part in [" ", key, "=\"", val, "\""] {
                    out.push_str(part);
                }
            }
        }
    }
    out.push_str(if self_closing { "/>\n" } else { ">" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(sanitize_id("Bieu Do_1"), "bieu-do-1");
        assert_eq!(sanitize_id("biểu"), "bi-u");
        assert_eq!(sanitize_id(""), "chart");
    }
}
