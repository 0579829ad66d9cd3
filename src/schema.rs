//! What each published table holds, column by column, in Vietnamese and English: the open
//! data's and the reports' alike. The one description that the data package
//! (`datapackage.json`), the workbook's "Đọc trước" sheet, the downloads page and the files'
//! headers are all made from, so that they cannot say different things.

/// How a column's cells are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text, even when it looks like a number: codes such as `099` keep their leading zero.
    Text,
    /// A number in plain format: `.` decimals, no thousands separators.
    Number,
    /// A whole number.
    Integer,
}

impl Type {
    /// The Table Schema type.
    pub fn frictionless(self) -> &'static str {
        match self {
            Type::Text => "string",
            Type::Number => "number",
            Type::Integer => "integer",
        }
    }
}

/// One column of a published table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub ty: Type,
    pub vi: &'static str,
    pub en: &'static str,
    /// The unit of measure, where the column has one of its own (`%`).
    pub unit: Option<&'static str>,
    /// Every row has a value.
    pub required: bool,
    /// The only values the column takes, where they are a fixed list.
    pub values: &'static [&'static str],
}

const fn col(name: &'static str, ty: Type, vi: &'static str, en: &'static str) -> Column {
    Column {
        name,
        ty,
        vi,
        en,
        unit: None,
        required: false,
        values: &[],
    }
}

const fn key(name: &'static str, vi: &'static str, en: &'static str) -> Column {
    Column {
        required: true,
        ..col(name, Type::Text, vi, en)
    }
}

const fn one_of(c: Column, values: &'static [&'static str]) -> Column {
    Column { values, ..c }
}

const fn pct(name: &'static str, vi: &'static str, en: &'static str) -> Column {
    Column {
        unit: Some("%"),
        ..col(name, Type::Number, vi, en)
    }
}

/// A link from a column to the codes of a catalogue.
#[derive(Debug, Clone, Copy)]
pub struct ForeignKey {
    pub column: &'static str,
    /// The table of the codes: `units` or `indicators`.
    pub table: &'static str,
    pub code: &'static str,
}

const TO_UNITS: fn(&'static str) -> ForeignKey = |column| ForeignKey {
    column,
    table: "units",
    code: "code",
};
const TO_INDICATORS: fn(&'static str) -> ForeignKey = |column| ForeignKey {
    column,
    table: "indicators",
    code: "code",
};

/// A published table: its columns, its key, and which columns hold codes of a catalogue.
#[derive(Debug, Clone)]
pub struct Table {
    /// The resource's name in the data package, and the workbook's sheet.
    pub name: &'static str,
    pub title_vi: &'static str,
    pub title_en: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub columns: Vec<Column>,
    /// The columns that together tell one row from every other.
    pub primary_key: &'static [&'static str],
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn header(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

const UNIT_CODE_VI: &str = "Mã đơn vị hành chính (mã của cơ quan thống kê, là chữ: giữ số 0 đầu, ví dụ 099); tên ở units.csv.";
const UNIT_CODE_EN: &str = "Administrative unit code (the statistics office's code, as text: keep the leading zero, e.g. 099); names in units.csv.";
const INDICATOR_VI: &str = "Mã chỉ tiêu; tên và đơn vị tính ở indicators.csv.";
const INDICATOR_EN: &str = "Indicator code; name and unit of measure in indicators.csv.";
const PERIOD_VI: &str = "Kỳ số liệu: YYYY là cả năm, YYYY-H1 là 6 tháng đầu năm.";
const PERIOD_EN: &str = "Period: YYYY is the whole year, YYYY-H1 the first six months.";
const KINDS: &[&str] = &["actual", "estimate", "target"];
const KIND_VI: &str =
    "Loại số liệu: actual (thực hiện), estimate (ước thực hiện), target (kế hoạch, mục tiêu).";
const KIND_EN: &str = "Kind of figure: actual, estimate, or target (a plan's goal).";
const ORIGINS: &[&str] = &["entered", "derived", "aggregated"];
const ORIGIN_VI: &str = "Nguồn gốc: entered (đơn vị nhập), derived (tính từ các chỉ tiêu thành phần), aggregated (cộng các đơn vị trực thuộc).";
const ORIGIN_EN: &str = "Origin: entered (reported by the unit), derived (computed from its parts), aggregated (summed over the units below).";
const VALUE_VI: &str = "Giá trị, làm tròn theo số chữ số thập phân của chỉ tiêu; đơn vị tính là đơn vị tính của chỉ tiêu (indicators.csv). Mục tiêu là một khoảng thì đây là cận dưới.";
const VALUE_EN: &str = "The value, rounded to the indicator's decimals; in the indicator's unit of measure (indicators.csv). For a target given as a range, its lower bound.";

/// `values.csv`: every figure, entered or computed. Its columns are fixed by the data contract.
pub fn values() -> Table {
    Table {
        name: "values",
        title_vi: "Tất cả số liệu",
        title_en: "All figures",
        vi: "Mỗi dòng là một số liệu của một đơn vị, một chỉ tiêu, một kỳ, một loại; cả số nhập và số tính toán. Mục tiêu kế thừa từ đơn vị cấp trên không lặp lại ở đây (xem progress.csv).",
        en: "One row per figure of a unit, indicator, period and kind, entered or computed. Targets inherited from a unit above are not repeated here (see progress.csv).",
        columns: vec![
            key("unit", UNIT_CODE_VI, UNIT_CODE_EN),
            key("indicator", INDICATOR_VI, INDICATOR_EN),
            key("period", PERIOD_VI, PERIOD_EN),
            one_of(key("kind", KIND_VI, KIND_EN), KINDS),
            Column {
                required: true,
                ..col("value", Type::Number, VALUE_VI, VALUE_EN)
            },
            one_of(key("origin", ORIGIN_VI, ORIGIN_EN), ORIGINS),
        ],
        primary_key: &["unit", "indicator", "period", "kind"],
        foreign_keys: vec![TO_UNITS("unit"), TO_INDICATORS("indicator")],
    }
}

/// `progress.csv`: progress against each plan's targets. Its columns are fixed by the contract.
pub fn progress() -> Table {
    Table {
        name: "progress",
        title_vi: "Tiến độ so với mục tiêu",
        title_en: "Progress against targets",
        vi: "Mỗi dòng là tiến độ của một đơn vị, một chỉ tiêu so với mục tiêu của một kế hoạch (mục tiêu riêng hoặc kế thừa từ đơn vị cấp trên). Ô trống: không áp dụng.",
        en: "One row per unit, indicator and plan with a target (its own or inherited from a unit above). An empty cell: does not apply.",
        columns: vec![
            key("unit", UNIT_CODE_VI, UNIT_CODE_EN),
            key("indicator", INDICATOR_VI, INDICATOR_EN),
            col("baseline_period", Type::Text, "Kỳ của số liệu gốc: số thực hiện cuối cùng trước khi kế hoạch bắt đầu.", "Period of the baseline: the last actual figure before the plan starts."),
            col("baseline_value", Type::Number, "Số liệu gốc, theo đơn vị tính của chỉ tiêu.", "Baseline figure, in the indicator's unit of measure."),
            col("latest_period", Type::Text, "Kỳ của số thực hiện mới nhất trong kỳ kế hoạch.", "Period of the latest actual figure within the plan."),
            col("latest_value", Type::Number, "Số thực hiện mới nhất, theo đơn vị tính của chỉ tiêu.", "Latest actual figure, in the indicator's unit of measure."),
            Column {
                required: true,
                ..col("target_year", Type::Integer, "Năm của mục tiêu cuối cùng của kế hoạch.", "Year of the plan's final target.")
            },
            Column {
                required: true,
                ..col("target_value", Type::Number, "Mục tiêu dùng để tính tiến độ (cận dưới nếu mục tiêu là một khoảng), theo đơn vị tính của chỉ tiêu.", "The target progress is measured against (the lower bound of a range), in the indicator's unit of measure.")
            },
            key("target_unit", "Mã của đơn vị hành chính có mục tiêu được áp dụng (không phải đơn vị tính): chính đơn vị này, hoặc đơn vị cấp trên mà mục tiêu được kế thừa; tên ở units.csv.", "Code of the administrative unit whose target applies (not a unit of measure): this unit itself, or the unit above whose target it inherits; names in units.csv."),
            pct("achievement_pct", "Tỷ lệ thực hiện/kế hoạch = 100 × số mới nhất ÷ mục tiêu.", "Achievement = 100 × latest ÷ target."),
            pct("progress_pct", "Tiến độ = 100 × (số mới nhất − số gốc) ÷ (mục tiêu − số gốc).", "Progress = 100 × (latest − baseline) ÷ (target − baseline)."),
            one_of(
                key("status", "Đánh giá: achieved (đạt), on_track (đúng tiến độ), off_track (chậm tiến độ), missed (không đạt khi kế hoạch kết thúc), no_data (chưa có số liệu trong kỳ kế hoạch).", "Status: achieved, on_track, off_track, missed (not met at the plan's end), no_data (no figure within the plan)."),
                &["achieved", "on_track", "off_track", "missed", "no_data"],
            ),
            key("plan", "Mã kế hoạch (chiso.toml), ví dụ 2021-2025.", "The plan's id (chiso.toml), e.g. 2021-2025."),
        ],
        primary_key: &["unit", "indicator", "plan"],
        foreign_keys: vec![
            TO_UNITS("unit"),
            TO_INDICATORS("indicator"),
            TO_UNITS("target_unit"),
        ],
    }
}

/// `units.csv`: the catalogue of units, as the project has it.
pub fn units() -> Table {
    let period = |name, vi, en| col(name, Type::Text, vi, en);
    Table {
        name: "units",
        title_vi: "Danh mục đơn vị hành chính",
        title_en: "Administrative units",
        vi: "Các đơn vị báo cáo, cả đơn vị đã kết thúc (sắp xếp đơn vị hành chính năm 2025).",
        en: "The reporting units, those that ended too (the 2025 reorganisation).",
        columns: vec![
            Column {
                required: true,
                ..col(
                    "code",
                    Type::Text,
                    "Mã đơn vị hành chính, là chữ (giữ số 0 đầu: 099).",
                    "Administrative unit code, as text (keep the leading zero: 099).",
                )
            },
            key(
                "slug",
                "Tên trong đường dẫn trang và tên tệp số liệu của đơn vị (data/<slug>.csv).",
                "Name in the page's address and of the unit's data files (data/<slug>.csv).",
            ),
            key("name", "Tên tiếng Việt.", "Name in Vietnamese."),
            key("name_en", "Tên tiếng Anh.", "Name in English."),
            one_of(
                key(
                    "level",
                    "Cấp: country, province (tỉnh), district (huyện), commune (xã).",
                    "Level: country, province, district or commune.",
                ),
                &["country", "province", "district", "commune"],
            ),
            col(
                "parent",
                Type::Text,
                "Mã đơn vị cấp trên; trống ở đơn vị gốc.",
                "Code of the unit above; empty for the root unit.",
            ),
            period(
                "from",
                "Kỳ đầu tiên đơn vị tồn tại; trống: luôn có.",
                "First period in which the unit exists; empty: always.",
            ),
            period(
                "until",
                "Kỳ cuối cùng đơn vị tồn tại; trống: vẫn còn.",
                "Last period in which the unit exists; empty: it still exists.",
            ),
            col(
                "formed_from",
                Type::Text,
                "Mã các đơn vị được sắp xếp vào đơn vị này, cách nhau bởi dấu cách.",
                "Codes of the units whose land it took over, separated by spaces.",
            ),
        ],
        primary_key: &["code"],
        foreign_keys: vec![TO_UNITS("parent")],
    }
}

/// `indicators.csv`: the catalogue of indicators, as the project has it.
pub fn indicators() -> Table {
    let text = |name, vi, en| key(name, vi, en);
    Table {
        name: "indicators",
        title_vi: "Danh mục chỉ tiêu",
        title_en: "Indicators",
        vi: "Tên, đơn vị tính và cách tính của từng chỉ tiêu.",
        en: "Each indicator's name, unit of measure and how it is computed.",
        columns: vec![
            Column {
                required: true,
                ..col("code", Type::Text, "Mã chỉ tiêu.", "Indicator code.")
            },
            text("group", "Nhóm chỉ tiêu (tiếng Việt).", "Group (Vietnamese)."),
            text("group_en", "Nhóm chỉ tiêu (tiếng Anh).", "Group (English)."),
            text("name", "Tên chỉ tiêu (tiếng Việt).", "Name (Vietnamese)."),
            text("name_en", "Tên chỉ tiêu (tiếng Anh).", "Name (English)."),
            text("unit", "Đơn vị tính (tiếng Việt), ví dụ Thuê bao, %.", "Unit of measure (Vietnamese), e.g. Thuê bao, %."),
            text("unit_en", "Đơn vị tính (tiếng Anh).", "Unit of measure (English)."),
            one_of(text("direction", "up: càng cao càng tốt; down: càng thấp càng tốt.", "up: higher is better; down: lower is better."), &["up", "down"]),
            one_of(text("measure", "stock: mức tại cuối kỳ (thuê bao, trạm); flow: cộng dồn trong kỳ (doanh thu).", "stock: a level at the end of the period; flow: summed over the period (revenue)."), &["stock", "flow"]),
            col("numerator", Type::Text, "Chỉ tiêu tính: mã chỉ tiêu tử số.", "Derived indicator: code of the numerator."),
            col("denominator", Type::Text, "Chỉ tiêu tính: mã chỉ tiêu mẫu số.", "Derived indicator: code of the denominator."),
            col("scale", Type::Number, "Chỉ tiêu tính: giá trị = scale × tử số ÷ mẫu số.", "Derived indicator: value = scale × numerator ÷ denominator."),
            one_of(text("aggregate", "sum: số của đơn vị cấp trên là tổng các đơn vị trực thuộc; none: không cộng.", "sum: a parent's figure is the sum of its units'; none: never summed."), &["sum", "none"]),
            Column {
                required: true,
                ..col("decimals", Type::Integer, "Số chữ số thập phân khi hiển thị và công bố.", "Digits after the decimal point when shown and published.")
            },
        ],
        primary_key: &["code"],
        foreign_keys: vec![TO_INDICATORS("numerator"), TO_INDICATORS("denominator")],
    }
}

/// `data/<slug>.csv`: one unit's figures, with the indicator's names and unit of measure beside
/// its code for a person reading the file, and the full source of each figure.
pub fn unit_figures() -> Table {
    Table {
        name: "unit-figures",
        title_vi: "Số liệu của một đơn vị",
        title_en: "One unit's figures",
        vi: "Mỗi dòng là một số liệu của đơn vị, kèm tên chỉ tiêu, đơn vị tính và nguồn.",
        en: "One row per figure of the unit, with the indicator's name, unit of measure and source.",
        columns: vec![
            key("indicator", INDICATOR_VI, INDICATOR_EN),
            key("indicator_name", "Tên chỉ tiêu (tiếng Việt).", "Indicator name (Vietnamese)."),
            key("indicator_name_en", "Tên chỉ tiêu (tiếng Anh).", "Indicator name (English)."),
            key("unit_of_measure", "Đơn vị tính của giá trị (tiếng Việt).", "Unit of measure of the value (Vietnamese)."),
            key("unit_of_measure_en", "Đơn vị tính của giá trị (tiếng Anh).", "Unit of measure of the value (English)."),
            key("period", PERIOD_VI, PERIOD_EN),
            one_of(key("kind", KIND_VI, KIND_EN), KINDS),
            Column {
                required: true,
                ..col("value", Type::Number, "Giá trị, theo đơn vị tính ở cột unit_of_measure; mục tiêu là một khoảng thì đây là cận dưới.", "The value, in the unit of measure of unit_of_measure; for a target given as a range, its lower bound.")
            },
            col("value_max", Type::Number, "Cận trên, khi mục tiêu là một khoảng (70..100); trống nếu không.", "The upper bound when the target is a range (70..100); empty otherwise."),
            one_of(key("origin", ORIGIN_VI, ORIGIN_EN), ORIGINS),
            col("source", Type::Text, "Nguồn số liệu, như đơn vị ghi.", "The figure's source, as the unit wrote it."),
            col("note", Type::Text, "Ghi chú.", "Note."),
        ],
        primary_key: &["indicator", "period", "kind"],
        foreign_keys: vec![TO_INDICATORS("indicator")],
    }
}

/// The columns of a unit's reports file that say which report and table a row is of, then
/// the row's own.
pub const REPORT_KEYS: [&str; 6] = ["half_year", "part", "stt", "indicator", "name", "unit"];

/// The figure and ratio columns of both of the report's tables: Part One's
/// ([`REPORT_PART_ONE`]), then what only Part Two has (its `estimate` is Part One's). A table
/// leaves the others' empty.
pub const REPORT_FIGURES: [&str; 10] = [
    "h1_prev",
    "prev_year",
    "plan",
    "h1",
    "estimate",
    "pct_h1_plan",
    "pct_h1_h1prev",
    "pct_estimate_plan",
    "plan_next",
    "pct_plan_estimate",
];

/// Part One's figure and ratio columns, in the form's order: the first eight.
pub const REPORT_PART_ONE: &[&str] = REPORT_FIGURES.split_at(8).0;

/// Part Two's, in the form's order: this year's estimate, next year's plan, their ratio.
pub const REPORT_PART_TWO: &[&str] = &[REPORT_FIGURES[4], REPORT_FIGURES[8], REPORT_FIGURES[9]];

/// The columns of a unit's reports file (`data/reports/<slug>.csv`): which half-year and
/// table a row is of, the row's first four columns as the form has them, then
/// [`REPORT_FIGURES`], the figure and ratio columns of both tables, described by their names
/// (`pct_…` are ratios in %).
pub fn reports() -> Table {
    let mut columns = vec![
        key(
            "half_year",
            "Kỳ báo cáo: 6 tháng đầu năm, viết YYYY-H1 (ví dụ 2024-H1).",
            "The report's half-year, written YYYY-H1 (e.g. 2024-H1).",
        ),
        one_of(
            key(
                "part",
                "Bảng của báo cáo: forecast = dự báo khả năng thực hiện kế hoạch năm (phần I), plan = kế hoạch năm sau (phần II).",
                "The report's table: forecast = the forecast of the year's plan (Part One), plan = the plan for the next year (Part Two).",
            ),
            &["forecast", "plan"],
        ),
        Column {
            required: true,
            ..col(
                "stt",
                Type::Integer,
                "Số thứ tự của dòng trong biểu mẫu.",
                "Row number in the form.",
            )
        },
        key("indicator", INDICATOR_VI, INDICATOR_EN),
        key(
            "name",
            "Tên chỉ tiêu (tiếng Việt).",
            "Indicator name (Vietnamese).",
        ),
        key(
            "unit",
            "Đơn vị tính của các số liệu trên dòng (không phải đơn vị hành chính).",
            "Unit of measure of the figures on the row (not an administrative unit).",
        ),
    ];
    columns.extend(REPORT_FIGURES.iter().map(|&c| report_column(c)));
    Table {
        name: "unit-reports",
        title_vi: "báo cáo 6 tháng, mọi kỳ",
        title_en: "half-year reports, every year",
        vi: "Hai bảng số liệu của mỗi báo cáo 6 tháng của đơn vị, theo biểu mẫu, một dòng mỗi chỉ tiêu; ô trống: chưa có số liệu, không tính được, hoặc cột không thuộc bảng đó.",
        en: "Both tables of each of the unit's half-year reports, as the form has them, a row per indicator; an empty cell: no figure, it cannot be computed, or the column is not the table's.",
        columns,
        primary_key: &["half_year", "part", "stt"],
        foreign_keys: vec![TO_INDICATORS("indicator")],
    }
}

fn report_column(name: &'static str) -> Column {
    let (vi, en) = match name {
        "h1_prev" => (
            "Thực hiện 6 tháng đầu năm trước.",
            "Actual, first half of the year before.",
        ),
        "prev_year" => ("Thực hiện cả năm trước.", "Actual, the whole year before."),
        "plan" => ("Kế hoạch (mục tiêu) của năm.", "The year's plan (target)."),
        "h1" => (
            "Thực hiện 6 tháng đầu năm.",
            "Actual, first half of the year.",
        ),
        "estimate" => ("Ước thực hiện cả năm.", "Estimate for the whole year."),
        "plan_next" => (
            "Kế hoạch (mục tiêu) năm sau.",
            "Plan (target) for the next year.",
        ),
        "pct_h1_plan" => (
            "Tỷ lệ thực hiện 6 tháng so với kế hoạch năm.",
            "First half as a share of the year's plan.",
        ),
        "pct_h1_h1prev" => (
            "Tỷ lệ 6 tháng so với cùng kỳ năm trước.",
            "First half compared with the same half a year before.",
        ),
        "pct_estimate_plan" => (
            "Tỷ lệ ước thực hiện so với kế hoạch năm.",
            "Estimate as a share of the year's plan.",
        ),
        "pct_plan_estimate" => (
            "Tỷ lệ kế hoạch năm sau so với ước thực hiện năm nay.",
            "Next year's plan as a share of this year's estimate.",
        ),
        _ => ("Số liệu của biểu mẫu.", "A figure of the form."),
    };
    if name.starts_with("pct_") {
        pct(name, vi, en)
    } else {
        col(name, Type::Number, vi, en)
    }
}

/// The four tables of the whole site, in the order the data page and the workbook list them.
pub fn site_tables() -> [Table; 4] {
    [values(), progress(), units(), indicators()]
}
