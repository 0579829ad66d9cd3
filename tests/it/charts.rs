//! Charts that hold at many units: comparisons ranked, units without a figure named once, series
//! never sharing a visible label, lines broken at a gap, and comparisons of the units in force.

use crate::common::{decode_entities, Project, INDICATORS, UNITS_HEADER};

/// Four districts under the province; the last two have no figure.
const FOUR_DISTRICTS: &str = "\
01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
003,huyen-c,Huyện Cao Sơn,Cao Son District,district,01
004,huyen-d,Huyện Đồng Tâm,Dong Tam District,district,01
005,huyen-e,Huyện Ea Lê,Ea Le District,district,01
";

/// Two entered percentages whose names are the same for their first 70 characters.
const TWO_LONG_NAMES: &str = "\
long_4g,Hạ tầng,Infrastructure,\"Tỷ lệ khu vực dân cư sinh sống, làm việc (thôn, bản, tổ dân phố) được phủ sóng di động 4G\",Share of villages with 4G,%,%,up,stock,,,,none,1
long_fibre,Hạ tầng,Infrastructure,\"Tỷ lệ khu vực dân cư sinh sống, làm việc (thôn, bản, tổ dân phố) được kết nối cáp quang\",Share of villages with fibre,%,%,up,stock,,,,none,1
";

/// The figure `id` of a page: from its `<figure>` to its end.
fn figure<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"fig-{id}\""))
        .unwrap_or_else(|| panic!("no figure {id}"));
    let end = html[start..]
        .find("</figure>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// The SVG of a figure.
fn svg(figure: &str) -> &str {
    let start = figure.find("<svg").expect("a chart has an svg");
    let end = figure.find("</svg>").expect("the svg ends");
    &figure[start..end]
}

/// The visible texts of an SVG (its `<text>` elements), in the order drawn, each with its tag.
fn texts(svg: &str) -> Vec<(String, String)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|piece| {
            let (tag, rest) = piece.split_once('>')?;
            let (text, _) = rest.split_once("</text>")?;
            Some((tag.to_string(), decode_entities(text)))
        })
        .collect()
}

/// The first cells of the rows of a figure's table.
fn table_rows(figure: &str) -> Vec<String> {
    figure
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .filter_map(|r| r.split_once("</th>").map(|(c, _)| decode_entities(c)))
        .collect()
}

fn districts_with_internet() -> Project {
    let p = Project::new(FOUR_DISTRICTS);
    p.write(
        "chiso.toml",
        "[charts]\ncoverage = [\"internet_pct\"]\ngrowth = [\"subscribers\"]\n",
    );
    p.values(
        "tinh",
        "internet_pct,2024,actual,75\ninternet_pct,2025,target,95",
    )
    .values("huyen-a", "internet_pct,2024,actual,50")
    .values("huyen-b", "internet_pct,2024,actual,90")
    .values("huyen-c", "internet_pct,2024,actual,70");
    p
}

#[test]
fn a_comparison_is_ranked_by_value_with_the_parent_in_its_place_and_in_bold() {
    let p = districts_with_internet();
    let site = p.build();
    let page = site.read("index.html");
    let fig = figure(&page, "coverage");
    let names = [
        "Huyện Bình Minh",
        "Tỉnh Thử Nghiệm",
        "Huyện Cao Sơn",
        "Huyện An Bình",
    ];
    let drawn: Vec<(String, String)> = texts(svg(fig))
        .into_iter()
        .filter(|(_, t)| names.contains(&t.as_str()))
        .collect();
    let order: Vec<&str> = drawn.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(order, names, "{fig}");
    for (tag, t) in &drawn {
        assert_eq!(tag.contains("bold"), t == "Tỉnh Thử Nghiệm", "{t}: {tag}");
    }
    assert_eq!(table_rows(fig), names, "{fig}");
    assert!(
        fig.contains("Xếp theo Tỷ lệ hộ gia đình có Internet, từ cao xuống thấp."),
        "{fig}"
    );
    assert!(fig.contains("Tỉnh Thử Nghiệm in đậm"), "{fig}");
    // The target is marked with its word.
    assert!(
        texts(svg(fig)).iter().any(|(_, t)| t == "Mục tiêu"),
        "{fig}"
    );
}

#[test]
fn units_without_a_figure_are_named_once_in_words_and_not_drawn() {
    let p = districts_with_internet();
    let site = p.build();
    let page = site.read("index.html");
    let fig = figure(&page, "coverage");
    let note = "Chưa có số liệu (năm 2024): Huyện Đồng Tâm, Huyện Ea Lê.";
    assert_eq!(fig.matches(note).count(), 1, "{fig}");
    let drawn = texts(svg(fig));
    assert!(!drawn.iter().any(|(_, t)| t.contains("Đồng Tâm")), "{fig}");
    assert!(!fig.contains("không có số liệu"), "{fig}");
    let en = site.read("en/index.html");
    assert!(
        figure(&en, "coverage")
            .contains("No figure yet (2024): Dong Tam District, Ea Le District."),
        "{}",
        figure(&en, "coverage")
    );
}

#[test]
fn a_gap_in_a_series_breaks_its_line_and_is_said_in_words() {
    let p = Project::new(FOUR_DISTRICTS);
    p.write("chiso.toml", "[charts]\ngrowth = [\"subscribers\"]\n");
    p.values(
        "huyen-a",
        "subscribers,2019,actual,100\nsubscribers,2020,actual,120\n\
         subscribers,2023,actual,160\nsubscribers,2024,actual,180",
    );
    let site = p.build();
    let page = site.read("huyen-a/index.html");
    let chart = svg(figure(&page, "growth"));
    // The series' line is drawn in its colour, 2 units wide: one path before the gap, one after.
    let line = "stroke=\"#12436D\" stroke-width=\"2\"";
    assert_eq!(chart.matches(line).count(), 2, "{chart}");
    assert!(
        chart.contains("không có số liệu năm 2021, năm 2022"),
        "{chart}"
    );

    // Without the gap, one line.
    p.values(
        "huyen-a",
        "subscribers,2019,actual,100\nsubscribers,2020,actual,120\n\
         subscribers,2021,actual,140\nsubscribers,2022,actual,150\n\
         subscribers,2023,actual,160\nsubscribers,2024,actual,180",
    );
    let site = p.build();
    let page = site.read("huyen-a/index.html");
    let chart = svg(figure(&page, "growth"));
    assert_eq!(chart.matches(line).count(), 1, "{chart}");
}

#[test]
fn a_flow_over_time_draws_its_whole_years_and_its_first_halves_as_two_lines() {
    let p = Project::new(FOUR_DISTRICTS);
    p.write("chiso.toml", "[charts]\ngrowth = [\"revenue\"]\n");
    p.values(
        "huyen-a",
        "revenue,2022-H1,actual,400\nrevenue,2022,actual,1000\n\
         revenue,2023-H1,actual,450\nrevenue,2023,actual,1100\nrevenue,2024-H1,actual,500",
    );
    let site = p.build();
    let page = site.read("huyen-a/index.html");
    let fig = figure(&page, "growth");
    let chart = svg(fig);
    // Two lines, each in its own colour (and its legend's swatch): six months' revenue is never
    // joined to a year's. The whole years' line has 2 points, the first halves' 3.
    for colour in ["#12436D", "#28A197"] {
        let drawn = format!("stroke=\"{colour}\" stroke-width=\"2\"");
        assert_eq!(chart.matches(&drawn).count(), 2, "{colour}: {chart}");
    }
    assert!(
        chart.contains("<path d=\"M123 180L236 162\" stroke=\"#12436D\""),
        "{chart}"
    );
    assert!(
        chart.contains("stroke=\"#28A197\" stroke-width=\"2\" points=\"66,291 180,282 293,272\""),
        "{chart}"
    );
    // Figures and their units are joined by no-break spaces.
    let desc = decode_entities(chart).replace('\u{a0}', " ");
    assert!(
        desc.contains("Doanh thu viễn thông, cả năm: 1.000 triệu đồng (năm 2022) → 1.100 triệu đồng (năm 2023)"),
        "{desc}"
    );
    assert!(
        desc.contains("Doanh thu viễn thông, 6 tháng đầu năm: 400 triệu đồng (6 tháng đầu năm 2022) → 500 triệu đồng (6 tháng đầu năm 2024)"),
        "{desc}"
    );
    // A stock stays one line through its half-years and years.
    p.write("chiso.toml", "[charts]\ngrowth = [\"subscribers\"]\n");
    p.values(
        "huyen-a",
        "subscribers,2022-H1,actual,400\nsubscribers,2022,actual,1000\nsubscribers,2023-H1,actual,450",
    );
    let site = p.build();
    let chart = svg(figure(&site.read("huyen-a/index.html"), "growth")).to_string();
    assert_eq!(chart.matches("stroke-width=\"2\"").count(), 1, "{chart}");
}

#[test]
fn two_series_never_share_a_visible_label() {
    let p = Project::new(FOUR_DISTRICTS);
    p.write(
        "data/indicators.csv",
        &format!("{INDICATORS}{TWO_LONG_NAMES}"),
    );
    p.write(
        "chiso.toml",
        "[charts]\ncoverage = [\"long_4g\", \"long_fibre\"]\ngrowth = []\n",
    );
    for (slug, a, b) in [("tinh", 80, 60), ("huyen-a", 70, 50), ("huyen-b", 90, 65)] {
        p.values(
            slug,
            &format!("long_4g,2024,actual,{a}\nlong_fibre,2024,actual,{b}"),
        );
    }
    let site = p.build();
    let page = site.read("index.html");
    let fig = figure(&page, "coverage");
    let drawn = texts(svg(fig));
    // Every name whole: nothing cut, and each one's own ending is drawn.
    assert!(!drawn.iter().any(|(_, t)| t.contains('…')), "{drawn:?}");
    let joined: Vec<&str> = drawn.iter().map(|(_, t)| t.as_str()).collect();
    let joined = joined.join(" ");
    assert!(joined.contains("được phủ sóng di động 4G"), "{joined}");
    assert!(joined.contains("được kết nối cáp quang"), "{joined}");

    // Two short names alike: the chart falls back to the full names.
    p.write(
        "chiso.toml",
        "[charts]\ncoverage = [\"long_4g\", \"long_fibre\"]\ngrowth = []\n\
         [labels]\nlong_4g = { vi = \"Thôn có sóng\" }\nlong_fibre = { vi = \"Thôn có sóng\" }\n",
    );
    let site = p.build();
    let page = site.read("index.html");
    let fig = figure(&page, "coverage");
    let head: Vec<&str> = fig
        .split("<th scope=\"col\">")
        .skip(1)
        .filter_map(|h| h.split_once("</th>").map(|(h, _)| h))
        .collect();
    assert_eq!(head.len(), 5, "{fig}");
    assert_ne!(head[1], head[3], "{fig}");
    assert!(!fig.contains(">Thôn có sóng<"), "{fig}");
}

#[test]
fn a_comparison_shows_only_the_units_in_force_at_its_period() {
    let p = Project::empty();
    p.write("data/indicators.csv", INDICATORS);
    p.write(
        "data/units.csv",
        &format!(
            "{UNITS_HEADER},from,until,formed_from\n\
             01,tinh,Tỉnh Thử Nghiệm,Test Province,province,,,,\n\
             001,huyen-cu,Huyện Cũ,Old District,district,01,,2025-H1,\n\
             10001,xa-moi,Xã Mới,New Commune,commune,01,2025,,001\n\
             10002,xa-hai,Xã Hai,Second Commune,commune,01,2025,,001\n"
        ),
    );
    p.write("chiso.toml", "[charts]\ncoverage = [\"internet_pct\"]\n");
    p.values(
        "tinh",
        "internet_pct,2024,actual,60\ninternet_pct,2025,actual,80",
    )
    .values("huyen-cu", "internet_pct,2024,actual,60")
    .values("xa-moi", "internet_pct,2025,actual,85");
    let site = p.build();
    let page = site.read("index.html");
    let fig = figure(&page, "coverage");
    assert!(fig.contains("năm 2025"), "{fig}");
    assert_eq!(table_rows(fig), ["Xã Mới", "Tỉnh Thử Nghiệm"], "{fig}");
    assert!(fig.contains("Chưa có số liệu (năm 2025): Xã Hai."), "{fig}");
    assert!(!fig.contains("Huyện Cũ"), "{fig}");

    // The old district's own page compares it with the province when it was in force.
    let page = site.read("huyen-cu/index.html");
    let fig = figure(&page, "coverage");
    assert!(fig.contains("năm 2024"), "{fig}");
    assert_eq!(table_rows(fig), ["Tỉnh Thử Nghiệm", "Huyện Cũ"], "{fig}");
}
