//! Accessible, responsive SVG charts drawn with plotters.
//!
//! Callers hand over fully localised, already formatted text; this module
//! neither translates nor formats numbers (bar the plain fallback ticks noted
//! on the fields). Each chart comes back as one `<svg>` element to inline:
//! `role="img"`, `<title>`/`<desc>` wired via `aria-labelledby`, a `viewBox`
//! and no width/height so CSS (`svg.chart{width:100%;height:auto}`) sizes it.
//!
//! All charts share one viewBox width ([`WIDTH`]) so that text renders at the
//! same size in every chart of a page, and no text is smaller than [`FONT`].

mod backend;
mod bullet;
mod coverage;
mod draw;
mod growth;
pub mod palette;

pub use backend::{text_width, visible_chars};
pub use bullet::bullet;
pub use coverage::coverage;
pub use growth::growth;

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

/// XML-escapes `s` for element content and attribute values alike, dropping
/// control characters XML 1.0 forbids.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

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

/// Rewrites plotters' SVG document into the inline, accessible element, as small as it can
/// be drawn the same: the font size and text colour are set once on the root and inherited,
/// attributes that restate a default are dropped, and consecutive straight lines of one style
/// (grid lines, ticks, dashes) become one `<path>`. A unit page has up to ten charts, so
/// each byte here is paid some tens of thousands of times in a country's site.
///
/// plotters escapes every attribute value and text node it writes, so in
/// `raw` each `<` starts a tag; that makes a tiny tag scanner sufficient.
fn finish(raw: &str, text: &ChartText, (w, h): (u32, u32)) -> String {
    let id = sanitize_id(&text.id);
    let mut out = String::with_capacity(raw.len() / 2 + 512);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"chart\" \
         preserveAspectRatio=\"xMinYMin meet\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{}\" fill=\"{INK}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        draw::num(FONT),
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
        .map(|v| draw::num(v).parse::<f64>().unwrap_or(FONT));
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
                    let _ = write!(out, " font-size=\"{}\"", draw::num(v.unwrap_or(FONT)));
                }
            },
            "y" if centred => {
                let y = val.parse::<f64>().unwrap_or(0.0) + font_size.unwrap_or(FONT) / 4.0;
                let _ = write!(out, " y=\"{}\"", draw::num(y));
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
pub(crate) mod testutil {
    /// Minimal well-formedness check: balanced tags, quoted attributes, only
    /// the five predefined entities or numeric references.
    pub fn check_well_formed(svg: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find(['<', '&']) {
            check_text(&rest[..start])?;
            rest = &rest[start..];
            if rest.starts_with('&') {
                let end = rest.find(';').ok_or("unterminated entity")?;
                let ent = &rest[1..end];
                let ok = matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                    || (ent.starts_with('#') && ent.len() > 1);
                if !ok {
                    return Err(format!("bad entity &{ent};"));
                }
                rest = &rest[end + 1..];
                continue;
            }
            let end = rest.find('>').ok_or("unterminated tag")?;
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            if tag.contains('<') {
                return Err(format!("'<' inside tag: {tag}"));
            }
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes: {tag}"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or("close without open")?;
                if open != name {
                    return Err(format!("</{name}> closes <{open}>"));
                }
            } else if !tag.ends_with('/') {
                let name = tag.split(' ').next().unwrap_or("").to_owned();
                stack.push(name);
            }
            if stack.is_empty() && !rest.trim().is_empty() {
                return Err("content after root".into());
            }
        }
        check_text(rest)?;
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    fn check_text(t: &str) -> Result<(), String> {
        if t.contains('>') {
            return Err(format!("raw '>' in text: {t}"));
        }
        Ok(())
    }

    /// The accessibility contract every chart must meet.
    pub fn assert_accessible(svg: &str, id: &str) {
        check_well_formed(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let root_end = svg.find('>').unwrap_or(0);
        let root = &svg[..root_end];
        assert!(root.starts_with("<svg "), "{root}");
        assert!(root.contains("role=\"img\""));
        assert!(root.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
        assert!(root.contains("viewBox=\"0 0 "));
        assert!(root.contains("class=\"chart\""));
        assert!(root.contains("preserveAspectRatio=\"xMinYMin meet\""));
        assert!(!root.contains(" width="), "{root}");
        assert!(!root.contains(" height="), "{root}");
        let after_root = svg[root_end + 1..].trim_start();
        assert!(after_root.starts_with(&format!("<title id=\"{id}-title\">")));
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
    }

    pub const EVIL: &str = "<script>alert(1)</script> & \"x\" 'y'";

    pub fn assert_escaped(svg: &str) {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        check_well_formed(svg).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    fn text(id: &str) -> ChartText {
        ChartText {
            id: id.into(),
            title: EVIL.into(),
            desc: format!("{EVIL}\nline two"),
        }
    }

    #[test]
    fn empty_chart_is_accessible_and_escaped() {
        let c = Chart::empty(&text("empty-1"));
        assert_accessible(&c.svg, "empty-1");
        assert_escaped(&c.svg);
    }

    #[test]
    fn ids_are_sanitised() {
        assert_eq!(sanitize_id("Bieu Do_1"), "bieu-do-1");
        assert_eq!(sanitize_id("biểu"), "bi-u");
        assert_eq!(sanitize_id(""), "chart");
        let c = Chart::empty(&text("\"><x"));
        assert_accessible(&c.svg, "---x");
    }

    #[test]
    fn rewrite_drops_defaults_and_rounds_font_size() {
        let raw = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\">\n\
                   <rect x=\"1\" y=\"2\" opacity=\"1\" fill=\"#000000\" stroke=\"none\"/>\n\
                   <circle r=\"3\" stroke=\"none\" stroke-width=\"1\"/>\n\
                   <text x=\"1\" font-family=\"sans-serif\" font-size=\"13.999999999\">\n\
                   a &amp; b\n</text>\n</svg>\n";
        let out = finish(raw, &ChartText::default(), (10, 10));
        assert!(
            out.contains("<rect x=\"1\" y=\"2\" fill=\"#000000\"/>"),
            "{out}"
        );
        assert!(
            out.contains("<text x=\"1\" font-size=\"14\">a &amp; b</text>"),
            "{out}"
        );
        assert!(out.contains("<circle r=\"3\"/>"), "{out}");
        assert!(!out.contains("width="));
        check_well_formed(&out).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn rewrite_leaves_what_the_root_says_to_the_root_and_joins_lines() {
        let raw = "<svg>\n\
                   <text x=\"28\" y=\"18\" dy=\"0.5ex\" text-anchor=\"start\" font-size=\"15.999999\" fill=\"#1A1A1A\">\nA\n</text>\n\
                   <text x=\"9\" y=\"18\" dy=\"0.5ex\" text-anchor=\"end\" font-size=\"15.999999\" fill=\"#FFFFFF\" font-weight=\"bold\">\nB\n</text>\n\
                   <polyline fill=\"none\" stroke=\"#E1E3E5\" stroke-width=\"1\" points=\"147,140 147,230\"/>\n\
                   <polyline fill=\"none\" stroke=\"#E1E3E5\" stroke-width=\"1\" points=\"197,140 197,230\"/>\n\
                   <polyline fill=\"none\" stroke=\"#12436D\" stroke-width=\"2\" points=\"1,2 3,4\"/>\n\
                   <polyline fill=\"none\" stroke=\"#12436D\" stroke-width=\"2\" points=\"1,2 3,4 5,6\"/>\n\
                   </svg>\n";
        let out = finish(raw, &ChartText::default(), (420, 10));
        assert!(out.contains("font-size=\"16\" fill=\"#1A1A1A\">"), "{out}");
        assert!(out.contains("<text x=\"28\" y=\"22\">A</text>"), "{out}");
        assert!(
            out.contains("<text x=\"9\" y=\"22\" text-anchor=\"end\" fill=\"#FFFFFF\" font-weight=\"bold\">B</text>"),
            "{out}"
        );
        assert!(
            out.contains("<path d=\"M147 140V230M197 140V230\" stroke=\"#E1E3E5\"/>\n<path d=\"M1 2L3 4\" stroke=\"#12436D\" stroke-width=\"2\"/>\n<polyline fill=\"none\""),
            "{out}"
        );
        check_well_formed(&out).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every text of every sample chart at [`FONT`] or larger: 12 CSS px or more on a phone.
    #[test]
    fn no_chart_text_is_smaller_than_the_floor() {
        let charts = [
            coverage(&coverage::tests::sample()),
            growth(&growth::tests::sample()),
            bullet(&bullet::tests::sample()),
        ];
        for c in &charts {
            let sizes: Vec<f64> = c
                .svg
                .split("font-size=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse().ok())
                .collect();
            assert!(!sizes.is_empty());
            assert!(sizes.iter().all(|&s| s >= FONT), "{sizes:?}");
        }
    }

    #[test]
    fn well_formed_checker_catches_breakage() {
        assert!(check_well_formed("<a><b></a>").is_err());
        assert!(check_well_formed("<a>x & y</a>").is_err());
        assert!(check_well_formed("<a>x</a>").is_ok());
    }
}

/// Writes sample charts and an HTML page to /tmp/chiso-charts for eyeballing
/// in a browser: `cargo test --lib charts::example -- --ignored`.
#[cfg(test)]
mod example {
    use super::*;

    /// Single series, more units, one name long enough to wrap.
    fn long_coverage() -> CoverageChart {
        let mut c = coverage::tests::sample();
        c.text.id = "phu-song-1".into();
        c.series.truncate(1);
        for name in [
            "Huyện Tuần Giáo",
            "Huyện Nậm Pồ",
            "Huyện Tủa Chùa",
            "Thành phố Điện Biên Phủ và các xã vùng ven đô thị mở rộng",
        ] {
            c.rows.push(CoverageRow {
                label: name.into(),
                values: vec![Some(55.5)],
                value_labels: vec!["55,5 %".into()],
                targets: vec![Some(80.0)],
                emphasis: false,
            });
        }
        c
    }

    /// Lower is better, and every mark close to another.
    fn bullet_down() -> BulletChart {
        let mut c = bullet::tests::sample();
        c.text.id = "tien-do-2".into();
        c.direction_up = false;
        c.baseline = Some((41.0, "41,0 %".into()));
        c.latest = Some((38.5, "38,5 %".into()));
        c.expected = Some((33.0, "33,0 %".into()));
        c.target = (25.0, "25 %".into());
        c
    }

    #[test]
    #[ignore]
    fn write_examples() -> std::io::Result<()> {
        let dir = std::path::Path::new("/tmp/chiso-charts");
        std::fs::create_dir_all(dir)?;
        let charts = [
            ("coverage", coverage(&coverage::tests::sample())),
            ("coverage-1", coverage(&long_coverage())),
            ("growth", growth(&growth::tests::sample())),
            ("bullet", bullet(&bullet::tests::sample())),
            ("bullet-down", bullet(&bullet_down())),
        ];
        let mut html = String::from(
            "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:48rem}\
             svg.chart{width:100%;height:auto;display:block;outline:1px dotted #ccc}</style>\n",
        );
        for (name, chart) in &charts {
            std::fs::write(dir.join(format!("{name}.svg")), &chart.svg)?;
            html.push_str(&format!(
                "<h2>{name} ({} B)</h2>\n{}",
                chart.svg.len(),
                chart.svg
            ));
        }
        std::fs::write(dir.join("index.html"), html)
    }
}
