//! The head and the closing of a report in the official form (Nghị định 30/2020/NĐ-CP): the
//! national title and motto, the issuing agency, number and symbol, place and date, the
//! document's name and summary, the recipients and the signature. What `chiso.toml`'s
//! `[report]` does not give stays a dotted blank, for the office to fill in by hand as on the
//! paper form. The Word document and the workbook both print it.

use super::fill_years;
use crate::compute::report::Report;
use crate::lang::Lang;
use crate::view::Ctx;

/// What the office writes by hand.
pub const BLANK: &str = "……";
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const DOCUMENT_NAME: &str = "BÁO CÁO";
pub const RECIPIENTS: &str = "Nơi nhận:";

/// The kinds of unit that a unit's name starts with, for `{name}`: "Huyện Tuần Giáo" →
/// "Tuần Giáo". Longer first, so that "Thị xã" is not taken for "Thị".
const KINDS: [&str; 10] = [
    "Thành phố ",
    "Thị trấn ",
    "Đặc khu ",
    "Thị xã ",
    "Phường ",
    "Huyện ",
    "Quận ",
    "Tỉnh ",
    "Xã ",
    "TP. ",
];

/// The head and closing of one report, in Vietnamese whatever the site's languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// The agency above the issuing one, in capitals; none when `[report]` gives none.
    pub parent_agency: Option<String>,
    /// The issuing agency, in capitals.
    pub agency: String,
    /// `Số: ……/BC-UBND`.
    pub number: String,
    /// `Tuần Giáo, ngày …… tháng …… năm 2024`.
    pub place_date: String,
    /// The document's summary under its name.
    pub summary: String,
    /// The lines under "Nơi nhận:", each with its dash.
    pub recipients: Vec<String>,
    /// The signer's title, a line each.
    pub signer_title: Vec<String>,
    pub signer_name: String,
}

impl Head {
    pub fn new(ctx: &Ctx, r: &Report) -> Head {
        let project = ctx.project;
        let units = &project.units;
        let unit = units.get(r.unit);
        let settings = &project.config.report;
        let parent = units.parent(r.unit).map(|p| units.get(p).name.as_str());
        let fill = |text: &String| {
            text.replace("{unit}", &unit.name)
                .replace("{name}", short_name(&unit.name))
                .replace("{parent}", parent.unwrap_or(BLANK))
        };
        let by_level =
            |table: &std::collections::BTreeMap<String, String>| table.get(&unit.level).map(fill);
        let recipients = match settings.recipients.get(&unit.level) {
            Some(list) if !list.is_empty() => list.iter().map(|r| format!("- {r}")).collect(),
            _ => vec![format!("- {BLANK};"), format!("- Lưu: VT, {BLANK}.")],
        };
        Head {
            parent_agency: by_level(&settings.parent_agency).map(|a| caps(&a)),
            agency: by_level(&settings.agency)
                .map(|a| caps(&a))
                .unwrap_or_else(|| BLANK.to_string()),
            number: format!(
                "Số: {BLANK}/{}",
                settings.symbol.as_deref().unwrap_or(BLANK)
            ),
            place_date: format!(
                "{}, ngày {BLANK} tháng {BLANK} năm {}",
                by_level(&settings.place).unwrap_or_else(|| BLANK.to_string()),
                r.year
            ),
            summary: fill_years(ctx, Lang::Vi, "report_doc_summary", r.year),
            recipients,
            signer_title: by_level(&settings.signer_title)
                .map(|t| t.lines().map(|l| caps(l.trim())).collect())
                .unwrap_or_else(|| vec![BLANK.to_string()]),
            signer_name: settings
                .signer_name
                .get(&unit.code)
                .cloned()
                .unwrap_or_else(|| BLANK.to_string()),
        }
    }
}

/// A unit's name without its kind: "Huyện Tuần Giáo" → "Tuần Giáo".
pub fn short_name(name: &str) -> &str {
    KINDS
        .iter()
        .find_map(|k| name.strip_prefix(k))
        .unwrap_or(name)
}

/// In capitals, as the decree prints agencies and titles.
fn caps(text: &str) -> String {
    text.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn a_units_kind_is_taken_off_its_name() {
        assert_eq!(short_name("Huyện Tuần Giáo"), "Tuần Giáo");
        assert_eq!(short_name("Thị xã Mường Lay"), "Mường Lay");
        assert_eq!(short_name("Thành phố Điện Biên Phủ"), "Điện Biên Phủ");
        assert_eq!(short_name("Tuần Giáo"), "Tuần Giáo");
    }
}
