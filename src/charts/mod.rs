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
mod svg;

pub use backend::{text_width, visible_chars};
pub use bullet::bullet;
pub use coverage::coverage;
pub use growth::growth;
pub use svg::{
    escape_xml, BulletChart, BulletLabels, Chart, ChartText, CoverageChart, CoverageRow,
    GrowthChart, GrowthSeries, FONT, WIDTH,
};
// What the kinds of chart share but callers do not see.
pub(crate) use svg::finish;

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
