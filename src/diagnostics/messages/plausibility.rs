//! Figures that may be typos: a percentage above 100 or below 0, a part larger than its whole,
//! a figure that jumps or drops from the one before. Each names the figures and where they come
//! from.

use super::words::{in_lang, period_en, period_vi};
use crate::diagnostics::problem::{IndicatorNamed, PartsOfShare, Problem, Whence};
use crate::lang::Lang;

/// The wording of a problem of plausibility.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    match problem {
        Problem::AbovePercent { indicator, figure } => l(
            format!("tỷ lệ {} của {} lớn hơn 100 %. Chỉ tiêu này là tỷ lệ so sánh nên được phép vượt 100 %, nhưng hãy kiểm tra lỗi gõ; nếu số đúng thì để nguyên.", figure.vi, named_vi(indicator)),
            format!("the percentage {} of {} is above 100%. This indicator compares two figures, so it may be above 100%, but check for a typo; if the figure is right, leave it.", figure.en, named_en(indicator)),
        ),
        Problem::StockDrop(c) => l(
            format!("{}: số thực hiện giảm hơn một nửa, từ {} ({}) xuống {} ({}); kiểm tra lỗi gõ. Nếu số đúng thì để nguyên.", named_vi(&c.indicator), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
            format!("{}: the actual figure drops by more than half, from {} ({}) to {} ({}); check for a typo. If the figure is right, leave it.", named_en(&c.indicator), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
        ),
        Problem::Jump { rise: true, change: c } => l(
            format!("{}: {} tăng hơn 5 lần, từ {} ({}) lên {} ({}); kiểm tra lỗi gõ (thừa chữ số, hoặc dấu thập phân bị bỏ hay bị đọc thành dấu phân cách hàng nghìn?). Nếu số đúng thì để nguyên.", named_vi(&c.indicator), kind_vi(c.kind), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
            format!("{}: {} grows more than 5 times, from {} ({}) to {} ({}); check for a typo (a digit too many, or a decimal point left out or read as a thousands separator?). If the figure is right, leave it.", named_en(&c.indicator), kind_en(c.kind), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
        ),
        Problem::Jump { rise: false, change: c } => l(
            format!("{}: {} giảm còn dưới một phần năm, từ {} ({}) xuống {} ({}); kiểm tra lỗi gõ (thiếu chữ số, hoặc dấu phân cách hàng nghìn bị đọc thành dấu thập phân?). Nếu số đúng thì để nguyên.", named_vi(&c.indicator), kind_vi(c.kind), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
            format!("{}: {} falls below a fifth, from {} ({}) to {} ({}); check for a typo (a digit missing, or a thousands separator read as a decimal point?). If the figure is right, leave it.", named_en(&c.indicator), kind_en(c.kind), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
        ),
        Problem::ShareOutOfRange { indicator, figure, below } => l(
            format!("tỷ lệ {} của {} {}. Đây là tỷ lệ phần trăm của một tổng thể nên chỉ từ 0 đến 100 %: kiểm tra dấu thập phân (ví dụ gõ `877` thay cho `87,7`), hoặc có nhập nhầm số lượng thay cho tỷ lệ không. (Nếu chỉ tiêu này là tỷ lệ so sánh được phép vượt 100 %, như tốc độ tăng trưởng hay tỷ lệ so với kế hoạch, ghi rõ “tăng trưởng” hoặc “so với” trong tên chỉ tiêu ở data/indicators.csv.)", figure.vi, named_vi(indicator), if *below { "nhỏ hơn 0 %" } else { "lớn hơn 100 %" }),
            format!("the percentage {} of {} is {}. It is a share of a whole, so it lies between 0 and 100%: check the decimal point (e.g. `877` typed for `87.7`), or whether a count was entered instead of the share. (If this indicator compares two figures and may be above 100%, like a growth rate or a figure against the plan, say \"growth\" or \"compared\" in its name in data/indicators.csv.)", figure.en, named_en(indicator), if *below { "below 0%" } else { "above 100%" }),
        ),
        Problem::PartExceedsWhole(parts) => {
            let PartsOfShare { indicator, period, kind, percent, negative, part, whole } = &**parts;
            let (outcome_vi, outcome_en) = match percent {
                _ if *negative => ("tính từ số âm".to_string(), "is computed from a negative figure".to_string()),
                Some(p) => (format!("tính ra {}, vượt 100 %", p.vi), format!("comes out at {}, above 100%", p.en)),
                None => ("không tính được".to_string(), "cannot be computed".to_string()),
            };
            let head_vi = format!("tỷ lệ `{}` {}, loại `{kind}`, {outcome_vi}", indicator.code, period_vi(period));
            let head_en = format!("the share `{}` for {}, kind `{kind}`, {outcome_en}", indicator.code, period_en(period));
            let parts_vi = format!("{} là {} ({})", named_vi(&part.indicator), part.figure.vi, whence_vi(&part.whence));
            let whole_vi = format!("{} là {} ({})", named_vi(&whole.indicator), whole.figure.vi, whence_vi(&whole.whence));
            let parts_en = format!("{} is {} ({})", named_en(&part.indicator), part.figure.en, whence_en(&part.whence));
            let whole_en = format!("{} at {} ({})", named_en(&whole.indicator), whole.figure.en, whence_en(&whole.whence));
            if *negative {
                l(
                    format!("{head_vi}: {parts_vi}, {whole_vi}. Phần và tổng không thể là số âm: sửa số âm."),
                    format!("{head_en}: {parts_en}, and {} is {} ({}). Neither a part nor its whole can be negative: correct the negative figure.", named_en(&whole.indicator), whole.figure.en, whence_en(&whole.whence)),
                )
            } else {
                l(
                    format!("{head_vi}: {parts_vi}, lớn hơn {whole_vi}. Phần không thể lớn hơn tổng: sửa một trong hai số."),
                    format!("{head_en}: {parts_en}, more than {whole_en}. A part cannot be larger than its whole: correct one of the two figures."),
                )
            }
        }
        _ => unreachable!("not a problem of plausibility: `Problem::describe` sends it elsewhere"),
    }
}

/// An indicator in a Vietnamese message: `bts_sites` (Số vị trí trạm …).
fn named_vi(i: &IndicatorNamed) -> String {
    format!("`{}` ({})", i.code, i.name)
}

fn named_en(i: &IndicatorNamed) -> String {
    format!("`{}` ({})", i.code, i.name_en)
}

/// The figures of a `kind` in a sentence: "số thực hiện".
fn kind_vi(kind: &str) -> &'static str {
    match kind {
        "estimate" => "số ước thực hiện",
        "target" => "chỉ tiêu kế hoạch",
        _ => "số thực hiện",
    }
}

fn kind_en(kind: &str) -> &'static str {
    match kind {
        "estimate" => "the estimate",
        "target" => "the target",
        _ => "the actual figure",
    }
}

/// Where a figure comes from: "data/values/tuan-giao.csv dòng 30", "tổng của các đơn vị cấp
/// dưới".
fn whence_vi(w: &Whence) -> String {
    match w {
        Whence::Line { file, line } => format!("{file} dòng {line}"),
        Whence::Cell { file, sheet, cell } => format!("{file}, trang tính `{sheet}`, ô `{cell}`"),
        Whence::Sum => "tổng của các đơn vị cấp dưới, không ai nhập".into(),
        Whence::Derived => "tính từ các chỉ tiêu khác, không ai nhập".into(),
    }
}

fn whence_en(w: &Whence) -> String {
    match w {
        Whence::Line { file, line } => format!("{file} line {line}"),
        Whence::Cell { file, sheet, cell } => format!("{file}, sheet `{sheet}`, cell `{cell}`"),
        Whence::Sum => "the sum of the units below, not entered".into(),
        Whence::Derived => "computed from other indicators, not entered".into(),
    }
}
