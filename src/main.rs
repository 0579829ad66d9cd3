//! The command line: reads what the editor typed, runs the command, and says what happened in
//! the language asked for (`--lang`). The only place that turns errors into exit codes:
//! 0 done (warnings allowed), 1 the project's input has errors, 2 the command could not run.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use chiso::build::{self, BuildError};
use chiso::lang::Lang;
use chiso::render::Options;
use chiso::words::{self, Message};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// A build allocates millions of short strings from every thread; mimalloc's per-thread heaps
/// took a tenth of a national build's time off what the system allocator spent. Without
/// transparent huge pages (`no_thp`): with them, each fresh 2 MiB of heap was zeroed whole by
/// the kernel, a fifth of a one-commune build's time, and a national build peaked 40 MiB higher.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The project's input has errors: the editor has something to fix.
const INPUT_ERRORS: u8 = 1;
/// The command could not run: wrong arguments, no such folder, not a project, a failed write.
const COULD_NOT_RUN: u8 = 2;

// The arguments' help, the commands' about lines and the headings are the words table's, in
// the language asked for (`command`), not doc comments here.
#[derive(Parser)]
#[command(version)]
struct Cli {
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
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        force: bool,
    },
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    New {
        #[arg(required_unless_present = "list")]
        dir: Option<PathBuf>,
        #[arg(long, required_unless_present = "list")]
        province: Option<String>,
        #[arg(long, conflicts_with = "before_2025")]
        history: bool,
        #[arg(long = "before-2025")]
        before_2025: bool,
        #[arg(long, conflicts_with_all = ["dir", "province", "history"])]
        list: bool,
    },
}

/// The language of the messages, read before clap parses the line: clap's own help and errors
/// must already be in it. `--lang en` or `--lang=en` anywhere before a `--`; the last one
/// counts. A value that is neither is clap's to refuse, in Vietnamese.
fn lang_asked(args: &[OsString]) -> Lang {
    let mut lang = Lang::Vi;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            rest.next().and_then(|v| v.to_str())
        } else {
            arg.to_str().and_then(|a| a.strip_prefix("--lang="))
        };
        match value {
            Some("en") => lang = Lang::En,
            Some("vi") => lang = Lang::Vi,
            _ => {}
        }
    }
    lang
}

/// The command line's grammar (from the derive above), worded in `lang`.
fn command(lang: Lang) -> clap::Command {
    let t = |m: &Message| m.text(lang);
    let cmd = Cli::command()
        // clap's own `-h`, `-V` and `help` subcommand cannot be reworded: ours replace them.
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help(t(&words::CLI_HELP_HELP)),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(&words::CLI_VERSION_HELP)),
        )
        .mut_arg("lang", |a| {
            // "[default: vi] [possible values: vi, en]" is clap's English: the help says it.
            a.help(t(&words::CLI_LANG_HELP))
                .value_name(t(&words::CLI_VALUE_LANG))
                .hide_default_value(true)
                .hide_possible_values(true)
        })
        .subcommand_help_heading(t(&words::CLI_COMMANDS))
        .subcommand_value_name(t(&words::CLI_COMMAND_VALUE))
        .mut_subcommand("build", |c| {
            c.about(t(&words::CLI_BUILD_ABOUT))
                .mut_arg("root", |a| root_arg(a, lang))
                .mut_arg("output", |a| {
                    a.help(t(&words::CLI_OUTPUT_HELP))
                        .value_name(t(&words::CLI_VALUE_OUTPUT))
                })
                .mut_arg("base_url", |a| {
                    a.help(t(&words::CLI_BASE_URL_HELP))
                        .value_name(t(&words::CLI_VALUE_BASE_URL))
                })
                .mut_arg("force", |a| a.help(t(&words::CLI_FORCE_HELP)))
        })
        .mut_subcommand("check", |c| {
            c.about(t(&words::CLI_CHECK_ABOUT))
                .mut_arg("root", |a| root_arg(a, lang))
        })
        .mut_subcommand("serve", |c| {
            c.about(t(&words::CLI_SERVE_ABOUT))
                .mut_arg("root", |a| root_arg(a, lang))
                .mut_arg("port", |a| {
                    a.help(t(&words::CLI_PORT_HELP))
                        .value_name(t(&words::CLI_VALUE_PORT))
                        .hide_default_value(true)
                })
        })
        .mut_subcommand("new", |c| {
            c.about(t(&words::CLI_NEW_ABOUT))
                .mut_arg("dir", |a| {
                    a.help(t(&words::CLI_NEW_DIR_HELP))
                        .value_name(t(&words::CLI_VALUE_DIR))
                })
                .mut_arg("province", |a| {
                    a.help(t(&words::CLI_PROVINCE_HELP))
                        .value_name(t(&words::CLI_VALUE_PROVINCE))
                })
                .mut_arg("history", |a| a.help(t(&words::CLI_HISTORY_HELP)))
                .mut_arg("before_2025", |a| a.help(t(&words::CLI_BEFORE_2025_HELP)))
                .mut_arg("list", |a| a.help(t(&words::CLI_LIST_HELP)))
        })
        .mut_subcommands(|c| localise(c.disable_help_flag(true), lang));
    localise(cmd, lang).about(t(&words::CLI_ABOUT))
}

/// `--root`, which `build`, `check` and `serve` share; its default, `.`, is said in words.
fn root_arg(arg: Arg, lang: Lang) -> Arg {
    arg.help(words::CLI_ROOT_HELP.text(lang))
        .value_name(words::CLI_VALUE_ROOT.text(lang))
        .hide_default_value(true)
}

/// What every command's help shares: the headings and the exit codes.
fn localise(cmd: clap::Command, lang: Lang) -> clap::Command {
    let t = |m: &Message| m.text(lang);
    // Clap's default template but for its English "Usage:".
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t(&words::CLI_USAGE)
    );
    let (options, arguments) = (t(&words::CLI_OPTIONS), t(&words::CLI_ARGUMENTS));
    cmd.help_template(template)
        .after_help(t(&words::CLI_EXIT_CODES))
        .mut_args(move |a| {
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            a.help_heading(heading)
        })
}

/// Parses the line, or prints the help, the version or what is wrong with the line and says
/// with which exit code to end.
fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    let help_of = command_named(&args);
    let refused = |e: clap::Error| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print_help(&e, lang);
            ExitCode::SUCCESS
        }
        // `chiso` alone: the help, as an answer to a mistake.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print_help(&e, lang);
            ExitCode::from(COULD_NOT_RUN)
        }
        _ => {
            eprint!("{}", clap_error(&e, lang, &help_of));
            ExitCode::from(COULD_NOT_RUN)
        }
    };
    let matches = command(lang).try_get_matches_from(args).map_err(refused)?;
    Cli::from_arg_matches(&matches).map_err(refused)
}

/// The command the line names, as typed: `chiso build` (or `chiso.exe build`), for "see
/// `chiso build --help`".
fn command_named(args: &[OsString]) -> String {
    let bin = args
        .first()
        .and_then(|a| std::path::Path::new(a).file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("chiso");
    let sub = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .find(|name| args.iter().skip(1).any(|a| a == name.as_str()));
    match sub {
        Some(sub) => format!("{bin} {sub}"),
        None => bin.to_string(),
    }
}

/// clap's help (or version), with its usage line's `[OPTIONS]` in `lang`, in colour only on a
/// terminal as clap would.
fn print_help(e: &clap::Error, lang: Lang) {
    use std::io::{IsTerminal, Write};
    let styled = e.render();
    let to_terminal = if e.use_stderr() {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let text = if to_terminal {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = usage_words(&text, lang);
    // Printing to a closed pipe (`chiso --help | more`, left early) is no failure of chiso's.
    let _ = if e.use_stderr() {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
}

/// clap writes `[OPTIONS]` into every usage line and has no setting for it.
fn usage_words(text: &str, lang: Lang) -> String {
    text.replacen(
        "[OPTIONS]",
        &format!("[{}]", words::CLI_OPTIONS_VALUE.text(lang)),
        1,
    )
}

/// clap's error, in `lang`: what is wrong, what clap suggests, the usage and where to read
/// more.
fn clap_error(e: &clap::Error, lang: Lang, help_of: &str) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let backticked = |v: &[String]| {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let mut tips: Vec<String> = Vec::new();
    let did_you_mean = |suggestion: String| {
        words::fill(
            lang,
            &words::CLI_DID_YOU_MEAN,
            &[("suggestion", &suggestion)],
        )
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => {
            if let Some(s) = text(ContextKind::SuggestedArg) {
                tips.push(did_you_mean(s));
            } else if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                tips.push(did_you_mean(s));
            } else if e.get(ContextKind::Suggested).is_some() && arg.starts_with('-') {
                tips.push(words::fill(lang, &words::CLI_AS_A_VALUE, &[("arg", &arg)]));
            }
            let message = if arg.starts_with('-') {
                &words::CLI_UNKNOWN_ARGUMENT
            } else {
                &words::CLI_UNEXPECTED_ARGUMENT
            };
            words::fill(lang, message, &[("arg", &arg)])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            if value.is_empty() {
                words::fill(lang, &words::CLI_MISSING_VALUE, &[("arg", &arg)])
            } else {
                if let Some(s) = text(ContextKind::SuggestedValue) {
                    tips.push(did_you_mean(s));
                }
                let valid = list(ContextKind::ValidValue);
                if !valid.is_empty() {
                    tips.push(words::fill(
                        lang,
                        &words::CLI_POSSIBLE_VALUES,
                        &[("values", &backticked(&valid))],
                    ));
                }
                words::fill(
                    lang,
                    &words::CLI_INVALID_VALUE,
                    &[("value", &value), ("arg", &arg)],
                )
            }
        }
        ErrorKind::MissingRequiredArgument => words::fill(
            lang,
            &words::CLI_MISSING_REQUIRED,
            &[("args", &backticked(&list(ContextKind::InvalidArg)))],
        ),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(other) if other != arg => words::fill(
                lang,
                &words::CLI_CONFLICT,
                &[("arg", &arg), ("other", &other)],
            ),
            _ => words::fill(lang, &words::CLI_REPEATED, &[("arg", &arg)]),
        },
        ErrorKind::InvalidSubcommand => {
            if let Some(s) = text(ContextKind::SuggestedSubcommand) {
                tips.push(did_you_mean(s));
            }
            let command = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            words::fill(lang, &words::CLI_UNKNOWN_COMMAND, &[("command", &command)])
        }
        ErrorKind::MissingSubcommand => words::CLI_MISSING_COMMAND.text(lang).to_string(),
        ErrorKind::InvalidUtf8 => words::CLI_NOT_UTF8.text(lang).to_string(),
        // Mistakes this line's arguments cannot make (a missing `=`, a count of values):
        // clap's own words, after ours.
        other => words::fill(lang, &words::CLI_OTHER, &[("details", &other)]),
    };
    let mut out = format!("{}: {what}\n", words::ERROR.text(lang));
    for tip in &tips {
        out.push_str(&format!("  {tip}\n"));
    }
    // clap's usage comes with its English heading: ours replaces it.
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!(
            "\n{}: {}\n",
            words::CLI_USAGE.text(lang),
            usage_words(usage, lang)
        ));
    }
    out.push_str(&words::fill(
        lang,
        &words::CLI_TRY_HELP,
        &[("command", &help_of)],
    ));
    out.push('\n');
    out
}

/// How many messages of one kind per file before the rest are summarised.
const CAP: usize = 20;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = lang_asked(&args);
    let cli = match parse(args, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // The pre-scan and clap agree but for a `--lang` after `--`; clap's reading is the rule.
    let lang = match cli.lang {
        MessageLang::Vi => Lang::Vi,
        MessageLang::En => Lang::En,
    };
    match run(cli.command, lang) {
        Ok(code) => code,
        // What is left is the system's (a folder that cannot be read, a port, Ctrl+C): the
        // command could not run.
        Err(e) => {
            eprintln!("{}: {e:#}", words::ERROR.text(lang));
            ExitCode::from(COULD_NOT_RUN)
        }
    }
}

fn run(command: Command, lang: Lang) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            force,
        } => {
            let output = output.unwrap_or_else(|| root.join("site"));
            if let Some(b) = base_url
                .as_deref()
                .filter(|b| !chiso::load::config::is_base_url(b))
            {
                // A wrong argument: the command could not run (2), as for clap's refusals.
                anyhow::bail!(
                    "{}",
                    words::fill(lang, &words::BASE_URL_NOT_HTTP, &[("url", &b)])
                );
            }
            let started = std::time::Instant::now();
            let waiting = || {
                eprintln!(
                    "{}",
                    words::fill(lang, &words::BUILD_WAITING, &[("out", &output.display())])
                )
            };
            let options = Options {
                base_url,
                force,
                ..Default::default()
            };
            match build::build_waiting(&root, &output, &options, waiting) {
                Ok(built) => {
                    let (written, diags) = (built.written, built.diags);
                    if !diags.items.is_empty() {
                        eprint!("{}", diags.report(lang, CAP));
                    }
                    let ms = started.elapsed().as_millis();
                    let out = output.display();
                    let (files, changed) = (written.files, written.changed);
                    let message = match built.how {
                        build::How::UpToDate => words::fill(
                            lang,
                            &words::BUILD_UP_TO_DATE,
                            &[("out", &out), ("ms", &ms)],
                        ),
                        build::How::Partial { rendered, kept } => words::fill(
                            lang,
                            &words::BUILD_PARTIAL,
                            &[
                                ("files", &files),
                                ("changed", &changed),
                                ("out", &out),
                                ("ms", &ms),
                                ("rendered", &rendered),
                                ("kept", &kept),
                            ],
                        ),
                        build::How::Full => words::fill(
                            lang,
                            &words::BUILD_FULL,
                            &[
                                ("files", &files),
                                ("changed", &changed),
                                ("out", &out),
                                ("ms", &ms),
                            ],
                        ),
                    };
                    eprintln!("{message}");
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
                        eprintln!("{}: {}", words::ERROR.text(lang), e.describe(lang));
                        return Ok(ExitCode::from(COULD_NOT_RUN));
                    }
                }
            }
            let (Some(dir), Some(province)) = (dir, province) else {
                // clap requires both unless `--list`: this is for a grammar that changed.
                anyhow::bail!("{}", words::CLI_NEW_USAGE.text(lang));
            };
            match chiso::new::create(&dir, &province, map) {
                Ok(created) => {
                    eprint!("{}", created.summary(lang));
                    Ok(ExitCode::SUCCESS)
                }
                // A folder that is not empty, a province that is not (or no longer) one, a
                // file that cannot be written: nothing was made, the command could not run.
                Err(e) => {
                    eprintln!("{}: {}", words::ERROR.text(lang), e.describe(lang));
                    Ok(ExitCode::from(COULD_NOT_RUN))
                }
            }
        }
    }
}

/// A build or check that failed: the input's errors (1), or why it could not run (2).
fn report_failure(e: BuildError, lang: Lang, output: Option<&PathBuf>) -> anyhow::Result<ExitCode> {
    match e {
        BuildError::Input(diags) => {
            eprint!("{}", diags.report(lang, CAP));
            // "unchanged" only of a site that is there.
            match output {
                Some(out) if out.exists() => eprintln!(
                    "{}",
                    words::fill(lang, &words::NOTHING_BUILT_KEPT, &[("out", &out.display())])
                ),
                Some(_) => eprintln!("{}", words::NOTHING_BUILT.text(lang)),
                None => {}
            }
            Ok(ExitCode::from(INPUT_ERRORS))
        }
        not_a_project @ (BuildError::NotAProject { .. } | BuildError::Output(_)) => {
            eprintln!(
                "{}: {}",
                words::ERROR.text(lang),
                not_a_project.describe(lang)
            );
            Ok(ExitCode::from(COULD_NOT_RUN))
        }
        other => {
            // The operating system's account of a failed write rarely names the file: say
            // which folder the site was going to.
            let failed = match output {
                Some(out) => {
                    words::fill(lang, &words::BUILD_INTO_FAILED, &[("out", &out.display())])
                }
                None => words::BUILD_FAILED.text(lang).to_string(),
            };
            eprintln!(
                "{}: {failed}: {}",
                words::ERROR.text(lang),
                other.describe(lang)
            );
            Ok(ExitCode::from(COULD_NOT_RUN))
        }
    }
}
