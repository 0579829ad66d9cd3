//! What chiso may write over: before a build touches the folder it was told to write the site
//! into, this says whether that folder is chiso's to replace.
//!
//! chiso replaces or removes only what it wrote. A folder it built before holds its manifest,
//! which lists every file it made; any other file there (put in by hand, say a web host's
//! verification page) is carried over into the new site. A folder that is not empty and holds
//! no manifest is somebody else's: it is refused, unless the editor says `--force`, and even
//! then nothing in it is deleted. The project itself, its input folders, and a folder that
//! holds the project are never an output, with or without `--force`.

use std::path::{Component, Path, PathBuf};

/// Why chiso will not write the site where it was told to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The output is the project folder itself.
    Project { output: PathBuf },
    /// The output is inside one of the project's inputs (`data/`, `content/`, `templates/`).
    InInput { output: PathBuf, input: PathBuf },
    /// The project is inside the output: replacing the output would replace the project.
    HoldsProject { output: PathBuf, root: PathBuf },
    /// The output is a link to another folder: replacing it would replace the link, or empty
    /// the folder it leads to.
    Link { output: PathBuf, target: PathBuf },
    /// The output is a file, not a folder.
    NotAFolder { output: PathBuf },
    /// The output holds files and no chiso manifest: it is not a site chiso built. `entries`
    /// names a few of them, `more` counts the rest.
    NotChisos {
        output: PathBuf,
        entries: Vec<String>,
        more: usize,
    },
    /// The output's manifest names a file outside the site (`../../report.docx`): chiso
    /// deletes nothing on its word.
    ManifestOutside { output: PathBuf, path: String },
}

/// The folders of a project that hold what the editors wrote.
pub const INPUTS: [&str; 3] = ["data", "content", "templates"];

/// `path` made absolute and without `.` and `..`, following the links of the part that
/// exists: the output may not exist yet.
fn resolved(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // The longest part that exists, canonicalized; the rest appended as written.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for name in rest.iter().rev() {
                out.push(name);
            }
            return normal(&out);
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return normal(&absolute),
        }
    }
}

/// `path` without `.` and with each `..` taking off the name before it.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Where the output is, against the project at `root`: the checks that need no look inside.
pub fn check_place(root: &Path, output: &Path) -> Result<(), Refusal> {
    if let Ok(meta) = std::fs::symlink_metadata(output) {
        if meta.file_type().is_symlink() {
            return Err(Refusal::Link {
                output: output.to_path_buf(),
                target: std::fs::read_link(output).unwrap_or_default(),
            });
        }
        if !meta.is_dir() {
            return Err(Refusal::NotAFolder {
                output: output.to_path_buf(),
            });
        }
    }
    let (root_at, out_at) = (resolved(root), resolved(output));
    let output = output.to_path_buf();
    if root_at == out_at {
        return Err(Refusal::Project { output });
    }
    if root_at.starts_with(&out_at) {
        return Err(Refusal::HoldsProject {
            output,
            root: root_at,
        });
    }
    for name in INPUTS {
        if out_at.starts_with(root_at.join(name)) {
            return Err(Refusal::InInput {
                output,
                input: PathBuf::from(name),
            });
        }
    }
    Ok(())
}

/// Whether `path`, read from a manifest, names a file inside the site: relative, `/`-separated,
/// with no `..`, `.`, empty or drive-like part.
pub fn inside_site(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// What is in the output before a build: nothing (or no folder), a site chiso built (its
/// manifest's files), or somebody else's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// No folder, or an empty one.
    Empty,
    /// A site chiso built, its manifest's every path inside the site. (The paths are not kept:
    /// a national site lists tens of thousands, and only a full build needs them, at its end.)
    Chisos,
    /// Files chiso did not write, and no manifest: allowed only with `--force`, and then
    /// every one of them is kept.
    Others,
}

/// How many of a folder's entries a refusal names.
const NAMED: usize = 5;

/// Looks inside the output. `listed` is what its manifest lists (`None` when it has none that
/// chiso can read); each listed path must stay inside the site.
pub fn check_contents(
    output: &Path,
    listed: Option<Vec<String>>,
    force: bool,
) -> Result<Contents, Refusal> {
    let mut entries: Vec<String> = match std::fs::read_dir(output) {
        Ok(dir) => dir
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => return Ok(Contents::Empty),
    };
    if entries.is_empty() {
        return Ok(Contents::Empty);
    }
    if let Some(listed) = listed {
        if let Some(bad) = listed.iter().find(|p| !inside_site(p)) {
            return Err(Refusal::ManifestOutside {
                output: output.to_path_buf(),
                path: bad.clone(),
            });
        }
        return Ok(Contents::Chisos);
    }
    if force {
        return Ok(Contents::Others);
    }
    entries.sort();
    let more = entries.len().saturating_sub(NAMED);
    entries.truncate(NAMED);
    Err(Refusal::NotChisos {
        output: output.to_path_buf(),
        entries,
        more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_path_must_stay_inside_the_site() {
        for ok in [
            "index.html",
            "data/reports/tuan-giao.csv",
            "en/a-b/index.html",
        ] {
            assert!(inside_site(ok), "{ok}");
        }
        for bad in [
            "../../report.docx",
            "/etc/passwd",
            "a/../../b",
            "a//b",
            "./a",
            "C:/x",
            "a\\..\\b",
            "",
        ] {
            assert!(!inside_site(bad), "{bad}");
        }
    }

    #[test]
    fn the_project_and_its_inputs_are_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        for name in INPUTS {
            std::fs::create_dir_all(root.join(name)).unwrap();
        }
        for bad in [
            root.clone(),
            root.join("."),
            root.join("data"),
            root.join("content/x"),
            root.join("site/../templates"),
            dir.path().to_path_buf(),
        ] {
            assert!(
                matches!(
                    check_place(&root, &bad),
                    Err(Refusal::Project { .. }
                        | Refusal::InInput { .. }
                        | Refusal::HoldsProject { .. })
                ),
                "{}",
                bad.display()
            );
        }
        assert_eq!(check_place(&root, &root.join("site")), Ok(()));
        assert_eq!(check_place(&root, &dir.path().join("elsewhere")), Ok(()));
    }

    #[test]
    fn a_folder_of_other_files_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("Documents");
        std::fs::create_dir(&out).unwrap();
        assert_eq!(check_contents(&out, None, false), Ok(Contents::Empty));
        for n in 0..7 {
            std::fs::write(out.join(format!("letter-{n}.docx")), "x").unwrap();
        }
        match check_contents(&out, None, false) {
            Err(Refusal::NotChisos { entries, more, .. }) => {
                assert_eq!(entries.len(), 5);
                assert_eq!(more, 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(check_contents(&out, None, true), Ok(Contents::Others));
        let listed = vec!["../../report.docx".to_string()];
        assert!(matches!(
            check_contents(&out, Some(listed), true),
            Err(Refusal::ManifestOutside { .. })
        ));
    }
}
