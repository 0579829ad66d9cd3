//! Words that pages and narratives share: a change from a year before ("tăng 1.234 thuê bao
//! (2,3 %) so với cùng kỳ năm 2023"), a target's status and the count of indicators in each.
//!
//! A narrative's `{{ change }}` must read exactly like the unit page's card, so both take their
//! words from here rather than from each other.

use serde::Serialize;

use super::Ctx;
use crate::compute::change::year_on_year;
use crate::compute::Status;
use crate::lang::Lang;
use crate::model::{IndicatorId, Kind, Period, PlanId, UnitId};

/// How many of a unit's (or an indicator's) targets are in one status, for the summary badges.
#[derive(Serialize)]
pub struct StatusCount {
    pub key: &'static str,
    pub label: String,
    pub count: usize,
}

/// A change from the same period a year before, in words: "tăng 1.234 thuê bao (2,3 %) so với
/// cùng kỳ năm 2023", with `up`, `down` or `none` for the arrow; none unless the unit was in
/// force both then and a year before.
pub fn change_text(
    ctx: &Ctx,
    unit: UnitId,
    i: IndicatorId,
    period: Period,
    lang: Lang,
) -> Option<(String, &'static str)> {
    // The same unit a year before: a unit formed within the year has no "cùng kỳ", whatever
    // figures its land had then under other units.
    let units = &ctx.project.units;
    if !(units.in_force(unit, period) && units.in_force(unit, period.year_before())) {
        return None;
    }
    let c = year_on_year(&ctx.computed.figures, unit, i, period, Kind::Actual)?;
    let ind = ctx.project.catalogue.get(i);
    let t = |k: &str| ctx.i18n.get(lang, k);
    let rounded = crate::format::round(c.difference, ind.decimals);
    let (word, trend) = if rounded > 0.0 {
        (t("change_up"), "up")
    } else if rounded < 0.0 {
        (t("change_down"), "down")
    } else {
        (t("change_none"), "none")
    };
    let half = if c.previous.half {
        "same_period_h1"
    } else {
        "same_period_year"
    };
    let versus = ctx
        .i18n
        .fill(lang, half, &[("year", &c.previous.year.to_string())]);
    if trend == "none" {
        return Some((format!("{word} {versus}"), trend));
    }
    let amount = c.difference.abs();
    let text = if ind.is_percentage() {
        format!(
            "{word} {} {} {versus}",
            ctx.number(i, amount, lang),
            t("points")
        )
    } else {
        let pct = c
            .percent
            .map(|p| format!(" ({})", crate::format::percent(p.abs(), 1, lang)))
            .unwrap_or_default();
        format!("{word} {}{pct} {versus}", ctx.figure(i, amount, lang))
    };
    // The sentence wraps at any space: in a narrow card a figure glued to its unit would be
    // cut in the middle of the word instead.
    Some((text.replace('\u{a0}', " "), trend))
}

/// A target's status in words: "Đã đạt", "On track".
pub fn status_word(ctx: &Ctx, status: Status, lang: Lang) -> String {
    ctx.i18n.get(lang, &format!("status_{}", status.as_str()))
}

/// How many targets are in each status, every status listed (with 0) in the same order.
pub fn status_counts(
    ctx: &Ctx,
    statuses: impl Iterator<Item = Status>,
    lang: Lang,
) -> Vec<StatusCount> {
    let mut counts = [0usize; 5];
    for s in statuses {
        counts[s as usize] += 1;
    }
    [
        Status::Achieved,
        Status::Missed,
        Status::OnTrack,
        Status::OffTrack,
        Status::NoData,
    ]
    .iter()
    // `missed` is listed only where a plan has ended with it, so current progress keeps its
    // four statuses.
    .filter(|&&s| s != Status::Missed || counts[s as usize] > 0)
    .map(|&s| StatusCount {
        key: s.as_str(),
        label: status_word(ctx, s, lang),
        count: counts[s as usize],
    })
    .collect()
}

/// The official kinds of unit that a Vietnamese name begins with, and their English words:
/// "Phường Mường Thanh" is a ward although its level, for sums, is `commune`.
const KINDS: &[(&str, &str)] = &[
    ("Thành phố", "City"),
    ("Thị xã", "Town"),
    ("Thị trấn", "Township"),
    ("Huyện", "District"),
    ("Quận", "Urban district"),
    ("Phường", "Ward"),
    ("Đặc khu", "Special zone"),
    ("Xã", "Commune"),
    ("Tỉnh", "Province"),
];

/// What kind of unit `unit` is, for a page's heading and the search list: the kind its
/// official name gives ("Phường", "Thị xã"), else the word for its level ("Xã", "Huyện").
pub fn unit_kind(ctx: &Ctx, unit: UnitId, lang: Lang) -> String {
    let u = ctx.project.units.get(unit);
    let named = KINDS.iter().find(|(vi, _)| {
        u.name
            .strip_prefix(vi)
            .is_some_and(|rest| rest.starts_with(' '))
    });
    match named {
        Some((vi, en)) => lang.pick(vi, en).to_string(),
        None => ctx.i18n.get(lang, &format!("level_{}", u.level)),
    }
}

/// A plan's name in `lang`, as `chiso.toml` gives it: "Kế hoạch 4638/KH-UBND giai đoạn
/// 2021–2025".
pub fn plan_name(ctx: &Ctx, plan: PlanId, lang: Lang) -> String {
    let p = ctx.project.plans.get(plan);
    lang.pick(&p.name, &p.name_en).to_string()
}

/// The heading of a page's progress section: "Tiến độ thực hiện Kế hoạch giai đoạn 2026–2030";
/// without plans (no targets), "Tiến độ thực hiện mục tiêu 2025".
pub fn progress_heading(ctx: &Ctx, plan: Option<PlanId>, lang: Lang) -> String {
    match plan {
        Some(p) => ctx.i18n.fill(
            lang,
            "progress_plan_title",
            &[("plan", &plan_name(ctx, p, lang))],
        ),
        None => ctx.i18n.fill(
            lang,
            "progress_title",
            &[(
                "year",
                &ctx.project.config.target_year.unwrap_or(2025).to_string(),
            )],
        ),
    }
}

/// The plans that have ended before the current plan, newest first: their final results are
/// shown apart from the current plan's progress.
pub fn ended_plans(ctx: &Ctx) -> Vec<PlanId> {
    let Some(current) = ctx.computed.current_plan else {
        return Vec::new();
    };
    ctx.project
        .plans
        .ids()
        .take(current.index())
        .rev()
        .collect()
}

/// A plan's final result counted: "đạt 9/16 chỉ tiêu; 4 không đạt, 3 chưa có số liệu cuối kỳ"
/// (by indicator, on a unit's page) or "3/5 đơn vị đạt mục tiêu; …" (by unit, on an
/// indicator's). Each status comes with whether its unit ended within the plan: then a target
/// not met by its last period is not achieved; for a unit in force to the end, one measured on
/// a figure before the final year has no final figure yet.
pub fn result_count(ctx: &Ctx, statuses: &[(Status, bool)], by_unit: bool, lang: Lang) -> String {
    let total = statuses.len();
    let count =
        |f: &dyn Fn(Status, bool) -> bool| statuses.iter().filter(|(s, e)| f(*s, *e)).count();
    let met = count(&|s, _| s == Status::Achieved);
    let no_data = count(&|s, _| s == Status::NoData);
    let not_met = count(&|s, ended| s == Status::Missed || (ended && is_progress(s)));
    let not_final = count(&|s, ended| !ended && is_progress(s));
    let key = if by_unit {
        "result_count_units"
    } else {
        "result_count"
    };
    let mut text = ctx.i18n.fill(
        lang,
        key,
        &[("met", &met.to_string()), ("total", &total.to_string())],
    );
    let rest: Vec<String> = [
        ("result_not_met", not_met),
        ("result_not_final", not_final),
        ("result_no_data", no_data),
    ]
    .into_iter()
    .filter(|&(_, n)| n > 0)
    .map(|(k, n)| ctx.i18n.fill(lang, k, &[("count", &n.to_string())]))
    .collect();
    if !rest.is_empty() {
        text.push_str("; ");
        text.push_str(&rest.join(", "));
    }
    text
}

fn is_progress(s: Status) -> bool {
    matches!(s, Status::OnTrack | Status::OffTrack)
}

/// For a unit that ended within `plan`, before its final year: "kết quả đến 6 tháng đầu năm
/// 2025, khi đơn vị kết thúc".
pub fn result_until_ended(ctx: &Ctx, unit: UnitId, plan: PlanId, lang: Lang) -> Option<String> {
    let until = ctx.project.units.get(unit).until?;
    let p = ctx.project.plans.get(plan);
    (p.holds(until) && until < Period::year(p.until)).then(|| {
        ctx.i18n.fill(
            lang,
            "result_until_ended",
            &[("period", &ctx.period_in_text(until, lang))],
        )
    })
}

/// A plan that ended and its final result, as a unit's page (the unit's indicators) and an
/// indicator's page (every unit) show it: `R` is a row of either.
#[derive(Serialize)]
pub struct PlanResult<R> {
    /// The section's id: `h-result-2021-2025`.
    pub id: String,
    pub title: String,
    /// "đạt 9/16 chỉ tiêu; 5 không đạt, 2 chưa có số liệu" (a unit's), "3/5 đơn vị đạt mục
    /// tiêu; 2 không đạt" (an indicator's).
    pub count: String,
    /// "kết quả đến 6 tháng đầu năm 2025, khi đơn vị kết thúc": for a unit, or units that all
    /// ended together, within the plan.
    pub until_ended: Option<String>,
    pub status: Vec<StatusCount>,
    pub rows: Vec<R>,
    /// Rows with a target but no actual figure: listed, not tabulated (a unit's page).
    pub no_data: Vec<R>,
    /// Whether the rows carry bullet charts: not on a commune's page, as for the current plan.
    pub bullets: bool,
}

impl<R> PlanResult<R> {
    /// `plan`'s section, headed with its name, with `count` said by [`result_count`].
    pub fn new(ctx: &Ctx, plan: PlanId, lang: Lang, count: String, rows: Vec<R>) -> Self {
        PlanResult {
            id: format!("h-result-{}", ctx.project.plans.get(plan).code),
            title: ctx.i18n.fill(
                lang,
                "result_title",
                &[("plan", &plan_name(ctx, plan, lang))],
            ),
            count,
            until_ended: None,
            status: Vec::new(),
            rows,
            no_data: Vec::new(),
            bullets: false,
        }
    }
}
