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
use crate::model::{IndicatorId, Kind, Period, UnitId};

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
