//! The search page: every unit and indicator from A to Z, which works without JavaScript; a
//! small script filters the list as people type, without accents and with `d` for `đ`.

use serde::Serialize;

use crate::lang::Lang;
use crate::routes;
use crate::text::fold_diacritics;
use crate::theme::ThemeError;
use crate::view::layout::layout;
use crate::view::tables::{indicator_href, unit_href};
use crate::view::Ctx;

#[derive(Serialize)]
struct Entry {
    label: String,
    kind: String,
    href: String,
    /// The folded text the script matches against: "huyen tuan giao tuan-giao 099".
    key: String,
}

pub fn fold(s: &str) -> String {
    fold_diacritics(s).to_lowercase()
}

pub fn render(ctx: &Ctx, lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::SEARCH;
    let title = ctx.i18n.get(lang, "search_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let home = page.home.clone();
    let project = ctx.project;
    let mut entries: Vec<Entry> = project
        .units
        .ids()
        .map(|u| {
            let unit = project.units.get(u);
            let label = ctx.unit_name(u, lang).to_string();
            Entry {
                key: fold(&format!(
                    "{} {} {} {}",
                    unit.name, unit.name_en, unit.slug, unit.code
                )),
                // A unit that ended is found too, and says so: "Huyện, đã kết thúc sau 6
                // tháng đầu năm 2025".
                kind: {
                    let level = crate::view::wording::unit_kind(ctx, u, lang);
                    match crate::view::lifetime::ended_words(ctx, u, lang) {
                        Some(ended) => format!("{level}, {ended}"),
                        None => level,
                    }
                },
                href: unit_href(ctx, u, &home),
                label,
            }
        })
        .collect();
    entries.extend(project.catalogue.iter().map(|(i, ind)| Entry {
        label: ctx.indicator_name(i, lang).to_string(),
        kind: ctx.i18n.get(lang, "col_indicator"),
        href: indicator_href(ctx, i, &home),
        key: fold(&format!(
            "{} {} {} {} {}",
            ind.name,
            ind.name_en,
            ind.code.replace('_', " "),
            ind.group,
            ind.group_en
        )),
    }));
    entries.sort_by(|a, b| (fold(&a.label), &a.label).cmp(&(fold(&b.label), &b.label)));
    let mut context = ctx.context(lang, &page);
    context.insert("entries", &entries);
    Ok((path.into(), ctx.render("search.html", &context)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_as_people_type() {
        assert_eq!(super::fold("Huyện Điện Biên Đông"), "huyen dien bien dong");
        assert_eq!(super::fold("Thuê bao"), "thue bao");
    }
}
