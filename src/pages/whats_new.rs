//! The "what's new" page and the Atom feed, from the history in `changes`.

use serde::Serialize;

use crate::compute::history::Update;
use crate::lang::Lang;
use crate::model::UnitId;
use crate::routes;
use crate::theme::ThemeError;
use crate::view::layout::layout;
use crate::view::tables::{indicator_href, unit_href};
use crate::view::{Ctx, OutputFile};

/// Changes listed per update on the page; the rest are in `data/changes.json`.
const SHOWN: usize = 200;

#[derive(Serialize)]
struct Item {
    unit: String,
    unit_href: String,
    indicator: String,
    indicator_href: String,
    period: String,
    kind: String,
    old: String,
    new: String,
}

#[derive(Serialize)]
struct UpdateView {
    date: String,
    first: bool,
    count: usize,
    hidden: usize,
    /// "… and N more", when some changes are not listed.
    more: String,
    items: Vec<Item>,
    units: Vec<String>,
}

fn views(ctx: &Ctx, history: &[Update], lang: Lang, home: &str) -> Vec<UpdateView> {
    let project = ctx.project;
    history
        .iter()
        .map(|u| {
            let mut units: Vec<String> = Vec::new();
            let items = u
                .changes
                .iter()
                .map(|c| {
                    let unit = project.units.by_code(&c.unit);
                    let ind = project.catalogue.by_code(&c.indicator);
                    let fmt = |v: &str| match (ind, v.parse::<f64>()) {
                        (Some(i), Ok(x)) => ctx.number(i, x, lang),
                        _ => "–".into(),
                    };
                    let unit_name =
                        unit.map_or(c.unit.clone(), |x| ctx.unit_name(x, lang).to_string());
                    if !units.contains(&unit_name) {
                        units.push(unit_name.clone());
                    }
                    Item {
                        unit: unit_name,
                        unit_href: unit.map(|x| unit_href(ctx, x, home)).unwrap_or_default(),
                        indicator: ind.map_or(c.indicator.clone(), |i| {
                            ctx.indicator_name(i, lang).to_string()
                        }),
                        indicator_href: ind
                            .map(|i| indicator_href(ctx, i, home))
                            .unwrap_or_default(),
                        period: c
                            .period
                            .parse()
                            .map(|p| ctx.period_short(p, lang))
                            .unwrap_or_else(|_| c.period.clone()),
                        kind: ctx.i18n.get(lang, &format!("kind_{}", c.kind)),
                        old: fmt(&c.old),
                        new: fmt(&c.new),
                    }
                })
                .take(SHOWN)
                .collect();
            UpdateView {
                date: date_text(&u.date, lang),
                first: u.first,
                count: u.changes.len(),
                hidden: u.changes.len().saturating_sub(SHOWN),
                more: ctx.i18n.fill(
                    lang,
                    "whats_new_more",
                    &[("n", &u.changes.len().saturating_sub(SHOWN).to_string())],
                ),
                items,
                units,
            }
        })
        .collect()
}

/// `2024-06-30` as `30/06/2024` for Vietnamese readers.
fn date_text(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Vi, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

pub fn page(ctx: &Ctx, history: &[Update], lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::WHATS_NEW;
    let title = ctx.i18n.get(lang, "whats_new_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let mut context = ctx.context(lang, &page);
    context.insert("updates", &views(ctx, history, lang, &page.home));
    context.insert("feed", &format!("{}{}", page.home, routes::FEED));
    Ok((path.into(), ctx.render("whats-new.html", &context)?))
}

fn xml(s: &str) -> String {
    crate::charts::escape_xml(s)
}

/// The part of the `n`th update's entry id after `#`: its date, which no later build changes
/// (there is one update per date; an older history may hold several, told apart by a count from
/// the oldest). Not its position in the history, which shifts once the oldest updates are
/// dropped and would show every entry to feed readers as new.
fn entry_id(history: &[Update], n: usize) -> String {
    let date = &history[n].date;
    match history[n + 1..].iter().filter(|u| &u.date == date).count() {
        0 => date.clone(),
        older => format!("{date}-{}", older + 1),
    }
}

/// An Atom feed of the updates, for feed readers; one per language.
pub fn feed(ctx: &Ctx, history: &[Update], lang: Lang) -> OutputFile {
    let prefix = crate::view::layout::lang_prefix(ctx, lang);
    let base = ctx.base_url.clone().unwrap_or_default();
    let page_url = format!("{base}{prefix}{}", routes::folder_of(routes::WHATS_NEW));
    let id = match &ctx.base_url {
        Some(b) => format!("{b}{prefix}{}", routes::FEED),
        None => format!(
            "urn:chiso:{}:{}",
            ctx.project.units.get(UnitId::ROOT).code,
            crate::view::layout::lang_code(lang)
        ),
    };
    let updated = history
        .first()
        .map_or("1970-01-01".to_string(), |u| u.date.clone());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<updated>{updated}T00:00:00Z</updated>\n<link rel=\"alternate\" href=\"{}\"/>\n<author><name>{}</name></author>\n",
        crate::view::layout::lang_code(lang),
        xml(&format!("{} – {}", ctx.site_title(lang), ctx.i18n.get(lang, "whats_new_title"))),
        xml(&id),
        xml(&page_url),
        xml(ctx.unit_name(UnitId::ROOT, lang)),
    );
    for (n, v) in views(ctx, history, lang, "").iter().enumerate() {
        let u = &history[n];
        let title = if u.first {
            ctx.i18n.fill(lang, "whats_new_first", &[("date", &v.date)])
        } else {
            ctx.i18n.fill(
                lang,
                "whats_new_entry",
                &[("date", &v.date), ("n", &v.count.to_string())],
            )
        };
        let summary = v.units.join(", ");
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<updated>{}T00:00:00Z</updated>\n<link rel=\"alternate\" href=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            xml(&title),
            xml(&format!("{id}#{}", entry_id(history, n))),
            u.date,
            xml(&page_url),
            xml(&summary),
        ));
    }
    out.push_str("</feed>\n");
    OutputFile {
        path: format!("{prefix}{}", routes::FEED),
        bytes: out.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(date: &str) -> Update {
        Update {
            date: date.into(),
            first: false,
            changes: Vec::new(),
        }
    }

    #[test]
    fn an_entry_is_named_by_its_date_whatever_its_position() {
        let h = [
            update("2026-03-05"),
            update("2026-03-02"),
            update("2026-03-02"),
        ];
        let ids: Vec<String> = (0..h.len()).map(|n| entry_id(&h, n)).collect();
        assert_eq!(ids, ["2026-03-05", "2026-03-02-2", "2026-03-02"]);
        assert_eq!(entry_id(&h[..2], 0), "2026-03-05");
    }
}
