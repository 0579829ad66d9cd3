//! `content/`: Markdown narratives with TOML front matter between `+++` lines.

use std::path::{Path, PathBuf};

use super::text;
use crate::diagnostics::{Diagnostics, NotAFile, Problem};
use crate::model::content::{in_pages, Content, FrontMatter, LangKey, Narrative, Page};
use crate::model::{UnitId, UnitTree};
use crate::text::suggest;

/// Splits `+++\n…\n+++\n` front matter from the body.
pub fn parse(rel: &Path, raw: &str, diags: &mut Diagnostics) -> Option<Narrative> {
    let mut lines = raw.split_inclusive('\n');
    let first = raw.lines().next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Some(Narrative {
            file: rel.to_path_buf(),
            front: FrontMatter::default(),
            markdown: raw.to_string(),
            body_line: 1,
        });
    }
    lines.next();
    let mut toml_text = String::new();
    let mut line_no = 1;
    let mut closed = false;
    for l in lines {
        line_no += 1;
        if l.trim_end() == "+++" {
            closed = true;
            break;
        }
        toml_text.push_str(l);
    }
    if !closed {
        diags.push(rel, Some(1), None, Problem::FrontMatterUnclosed);
        return None;
    }
    let body_start: usize = raw.split_inclusive('\n').take(line_no).map(str::len).sum();
    let markdown = raw.get(body_start..).unwrap_or("").to_string();
    match toml::from_str::<FrontMatter>(&toml_text) {
        Ok(front) => Some(Narrative {
            file: rel.to_path_buf(),
            front,
            markdown,
            body_line: line_no + 1,
        }),
        Err(e) => {
            // toml reports a byte span inside the front matter; turn it into a file line.
            let line = e
                .span()
                .map(|s| {
                    2 + toml_text[..s.start.min(toml_text.len())]
                        .matches('\n')
                        .count()
                })
                .unwrap_or(1);
            diags.push(
                rel,
                Some(line),
                None,
                Problem::FrontMatter(e.message().trim().to_string()),
            );
            None
        }
    }
}

/// Reads `content/` (absent is fine): unit narratives and `pages/`.
pub fn load(root: &Path, units: &UnitTree, diags: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    let dir = root.join("content");
    if !dir.is_dir() {
        return content;
    }
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    // A linked folder is not walked into; one that leads outside the project is refused
    // rather than silently skipped, so that the editor knows its pages are not published.
    for e in entries
        .iter()
        .filter(|e| e.path_is_symlink() && e.path().is_dir())
    {
        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
        if let Err(problem) = super::files::read_dir_check(root, rel) {
            diags.push(rel, None, None, problem);
        }
    }
    // A folder named like a narrative (`tuan-giao.md/`) stands where its text should be.
    for e in entries.iter().filter(|e| {
        e.file_type().is_dir() && e.depth() > 0 && e.path().extension().is_some_and(|x| x == "md")
    }) {
        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
        diags.push(
            rel,
            None,
            None,
            Problem::NotAFile {
                what: NotAFile::Folder,
            },
        );
    }
    let mut files: Vec<PathBuf> = entries
        .into_iter()
        .filter(|e| !e.file_type().is_dir() && e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !super::values_folder::is_lock_file(e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let in_pages = in_pages(&path);
        if path.parent() != Some(dir.as_path()) && !in_pages {
            continue;
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let (name, lang) = match stem.strip_suffix(".en") {
            Some(n) => (n, LangKey::En),
            None => (stem, LangKey::Vi),
        };
        let raw = match super::files::read(root, &rel) {
            Ok(b) => text::decode_owned(b),
            Err(problem) => {
                diags.push(&rel, None, None, problem);
                continue;
            }
        };
        // A NUL or an escape is never typed: it would reach the page (or, NUL, become `�`).
        if let Some((line, ch)) = raw
            .lines()
            .enumerate()
            .find_map(|(i, l)| super::table::control_character(l).map(|ch| (i + 1, ch)))
        {
            diags.push(
                &rel,
                Some(line),
                None,
                Problem::ControlCharacter {
                    code: ch as u32,
                    cell: false,
                },
            );
            continue;
        }
        if in_pages {
            if !super::units::is_slug(name) {
                diags.push(&rel, None, None, Problem::InvalidSlug(name.into()));
                continue;
            }
            if let Some(n) = parse(&rel, &raw, diags) {
                content.pages.insert(
                    (name.to_string(), lang),
                    Page {
                        slug: name.to_string(),
                        narrative: n,
                    },
                );
            }
            continue;
        }
        let unit = if name == "_index" {
            Some(UnitId::ROOT)
        } else {
            units.by_slug(name)
        };
        let Some(unit) = unit else {
            diags.push(
                &rel,
                None,
                None,
                Problem::FileForNoUnit {
                    slug: name.into(),
                    suggestion: suggest(name, units.iter().map(|(_, u)| u.slug.as_str())),
                },
            );
            continue;
        };
        if let Some(n) = parse(&rel, &raw, diags) {
            // `_index.md` and `<root-slug>.md` both name the root unit.
            if let Some(first) = content.units.get(&(unit, lang)) {
                let other = first.file.display().to_string().replace('\\', "/");
                diags.push(&rel, None, None, Problem::SameNarrative { other });
                continue;
            }
            content.units.insert((unit, lang), n);
        }
    }
    super::images::check(root, &mut content, diags);
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let mut d = Diagnostics::default();
        let n = parse(
            Path::new("content/a.md"),
            "+++\ntitle = \"Tuần Giáo\"\n+++\n# Hi\n",
            &mut d,
        )
        .unwrap();
        assert_eq!(n.front.title.as_deref(), Some("Tuần Giáo"));
        assert_eq!(n.markdown, "# Hi\n");
        assert_eq!(n.body_line, 4);
        let n = parse(Path::new("content/a.md"), "No front matter\n", &mut d).unwrap();
        assert_eq!(n.markdown, "No front matter\n");
        assert!(d.items.is_empty());
    }

    #[test]
    fn reports_broken_front_matter_with_its_line() {
        let mut d = Diagnostics::default();
        assert!(parse(
            Path::new("content/a.md"),
            "+++\ntitle = \"x\"\ndescription = oops\n+++\n",
            &mut d
        )
        .is_none());
        assert_eq!(d.items[0].line, Some(3));
        let mut d = Diagnostics::default();
        assert!(parse(Path::new("content/a.md"), "+++\ntitle = \"x\"\n", &mut d).is_none());
        assert_eq!(d.items[0].line, Some(1));
        let mut d = Diagnostics::default();
        assert!(parse(
            Path::new("content/a.md"),
            "+++\ntitel = \"x\"\n+++\n",
            &mut d
        )
        .is_none());
    }
}
