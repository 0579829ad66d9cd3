//! The command line: the only place that turns errors into exit codes and text.

use std::path::PathBuf;
use std::process::ExitCode;

use chiso::build::{self, BuildError};
use chiso::lang::Lang;
use chiso::render::Options;
use clap::{Parser, Subcommand, ValueEnum};

/// A build allocates millions of short strings from every thread; mimalloc's per-thread heaps
/// took a tenth of a national build's time off what the system allocator spent. Without
/// transparent huge pages (`no_thp`): with them, each fresh 2 MiB of heap was zeroed whole by
/// the kernel, a fifth of a one-commune build's time, and a national build peaked 40 MiB higher.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// chiso: a provincial ICT indicator dashboard from CSV files and Markdown narratives.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Language of messages: vi (default) or en.
    #[arg(long, value_enum, global = true, default_value = "vi")]
    lang: MessageLang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum MessageLang {
    Vi,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site.
    Build {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/site).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The published address, for the canonical link, sitemap and feed.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check the input and write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site on this computer; pages reload by themselves when a file is saved.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Start a new province's project in an empty folder.
    New {
        /// The folder to create.
        #[arg(required_unless_present = "list")]
        dir: Option<PathBuf>,
        /// The province: its code (`08`) or name (`Tuyên Quang`, `tuyen quang`), as it is since
        /// 1 July 2025 (with `--before-2025`: as it was before).
        #[arg(long, required_unless_present = "list")]
        province: Option<String>,
        /// Also the province's former districts (until the first half of 2025, for a merged
        /// province those of every province it absorbed), each commune formed from them.
        #[arg(long, conflicts_with = "before_2025")]
        history: bool,
        /// The province and its districts as they were before 1 July 2025.
        #[arg(long = "before-2025")]
        before_2025: bool,
        /// List the provinces and their codes (with `--before-2025`: the former list).
        #[arg(long, conflicts_with_all = ["dir", "province", "history"])]
        list: bool,
    },
}

/// How many messages of one kind per file before the rest are summarised.
const CAP: usize = 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        MessageLang::Vi => Lang::Vi,
        MessageLang::En => Lang::En,
    };
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e:#}", lang.pick("lỗi", "error"));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, lang: Lang) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
        } => {
            let output = output.unwrap_or_else(|| root.join("site"));
            if let Some(b) = base_url
                .as_deref()
                .filter(|b| !chiso::load::config::is_base_url(b))
            {
                anyhow::bail!(
                    "{}",
                    lang.pick(
                        &format!("--base-url `{b}` phải là địa chỉ http:// hoặc https://"),
                        &format!("--base-url `{b}` must be an http:// or https:// address"),
                    )
                );
            }
            let started = std::time::Instant::now();
            match build::build(
                &root,
                &output,
                &Options {
                    base_url,
                    ..Default::default()
                },
            ) {
                Ok(built) => {
                    let (written, diags) = (built.written, built.diags);
                    if !diags.items.is_empty() {
                        eprint!("{}", diags.report(lang, CAP));
                    }
                    let ms = started.elapsed().as_millis();
                    let out = output.display();
                    let (files, changed) = (written.files, written.changed);
                    eprintln!(
                        "{}",
                        match (built.how, lang) {
                            (build::How::UpToDate, Lang::Vi) => format!(
                                "{out} đã mới nhất: dữ liệu đầu vào không đổi từ lần dựng \
                                 trước, không ghi lại tệp nào ({ms} ms)."
                            ),
                            (build::How::UpToDate, Lang::En) => format!(
                                "{out} is up to date: no input changed since the last build; \
                                 nothing was written ({ms} ms)."
                            ),
                            (build::How::Partial { rendered, kept }, Lang::Vi) => format!(
                                "Đã dựng {files} tệp ({changed} tệp thay đổi) vào {out} trong \
                                 {ms} ms: chỉ số liệu đổi, dựng lại {rendered} trang, giữ \
                                 nguyên {kept} trang."
                            ),
                            (build::How::Partial { rendered, kept }, Lang::En) => format!(
                                "Built {files} files ({changed} changed) into {out} in {ms} \
                                 ms: only figures changed; {rendered} pages rendered again, \
                                 {kept} kept as they were."
                            ),
                            (build::How::Full, Lang::Vi) => format!(
                                "Đã dựng {files} tệp ({changed} tệp thay đổi) vào {out} trong \
                                 {ms} ms."
                            ),
                            (build::How::Full, Lang::En) => format!(
                                "Built {files} files ({changed} changed) into {out} in {ms} ms."
                            ),
                        }
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report_failure(e, lang, Some(&output)),
            }
        }
        Command::Check { root } => match build::check_all(&root) {
            Ok(diags) => {
                eprint!("{}", diags.report(lang, CAP));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => report_failure(e, lang, None),
        },
        Command::Serve { root, port } => {
            if let Err(e) = build::require_project(&root) {
                return report_failure(e, lang, None);
            }
            chiso::serve::run(&chiso::serve::ServeOptions { root, port, lang })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            dir,
            province,
            history,
            before_2025,
            list,
        } => {
            let map = if before_2025 {
                chiso::new::Map::Before2025
            } else {
                chiso::new::Map::Current { history }
            };
            if list {
                match chiso::new::list(lang, map) {
                    Ok(text) => {
                        print!("{text}");
                        return Ok(ExitCode::SUCCESS);
                    }
                    Err(e) => {
                        eprintln!("{}: {}", lang.pick("lỗi", "error"), e.describe(lang));
                        return Ok(ExitCode::FAILURE);
                    }
                }
            }
            let (Some(dir), Some(province)) = (dir, province) else {
                anyhow::bail!("chiso new DIR --province CODE");
            };
            match chiso::new::create(&dir, &province, map) {
                Ok(created) => {
                    eprint!("{}", created.summary(lang));
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{}: {}", lang.pick("lỗi", "error"), e.describe(lang));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

fn report_failure(e: BuildError, lang: Lang, output: Option<&PathBuf>) -> anyhow::Result<ExitCode> {
    match e {
        BuildError::Input(diags) => {
            eprint!("{}", diags.report(lang, CAP));
            // "unchanged" only of a site that is there.
            match output {
                Some(out) if out.exists() => eprintln!(
                    "{}",
                    match lang {
                        Lang::Vi =>
                            format!("Chưa dựng trang; {} vẫn giữ nguyên như cũ.", out.display()),
                        Lang::En => format!("Nothing was built; {} is unchanged.", out.display()),
                    }
                ),
                Some(_) => eprintln!("{}", lang.pick("Chưa dựng trang.", "Nothing was built.")),
                None => {}
            }
            Ok(ExitCode::FAILURE)
        }
        not_a_project @ BuildError::NotAProject { .. } => {
            eprintln!(
                "{}: {}",
                lang.pick("lỗi", "error"),
                not_a_project.describe(lang)
            );
            Ok(ExitCode::FAILURE)
        }
        other => {
            // The operating system's account of a failed write rarely names the file: say
            // which folder the site was going to.
            let failed = match output {
                Some(out) => lang
                    .pick(
                        &format!("không dựng được trang vào {}", out.display()),
                        &format!("the build into {} failed", out.display()),
                    )
                    .to_string(),
                None => lang
                    .pick("không dựng được trang", "the build failed")
                    .to_string(),
            };
            eprintln!(
                "{}: {failed}: {}",
                lang.pick("lỗi", "error"),
                other.describe(lang)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
