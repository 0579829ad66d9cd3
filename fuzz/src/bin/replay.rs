//! The fuzz targets without libFuzzer, for a stable toolchain and for CI:
//!
//!   cargo run --release --no-default-features --bin replay -- [--seconds N] [--seed S] [TARGET…]
//!
//! For each target (all by default) it runs every file of `seeds/<target>/`, `corpus/<target>/`
//! and `artifacts/<target>/` (what libFuzzer saved), then mutates those inputs at random (bit
//! flips, inserted, deleted, repeated and spliced bytes, hostile tokens) for its share of the
//! time. A failing input is saved to `artifacts/<target>/replay-<hash>` and reported; the exit
//! status is 1 when any input failed. Coverage-blind, so weaker than libFuzzer, but it needs
//! neither nightly nor a C++ compiler.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::panic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chiso_fuzz::TARGETS;

/// Tokens the mutator splices in: the syntax of each input format and hostile HTML.
const TOKENS: &[&str] = &[
    "+++\n",
    "\n",
    "\r\n",
    ",",
    ";",
    "\"",
    "'",
    "..",
    ".",
    "-",
    "-H1",
    "2024",
    "1900",
    "2199",
    "9999",
    "{{",
    "}}",
    "(",
    ")",
    "=",
    "value(",
    "chart(",
    "indicator=\"",
    "period=\"",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "data:text/html,",
    "[x](",
    "](",
    "![i](",
    "<a href=\"",
    "&#106;",
    "&colon;",
    "<svg onload=alert(1)>",
    "<iframe>",
    "<style>",
    " style=\"",
    "|-|",
    "```",
    "title = \"",
    "weight = ",
    "subscribers",
    "per_100",
    "actual",
    "estimate",
    "target",
    "1.234,5",
    "87,7",
    "54.748",
    "1e308",
    "\u{feff}",
    "\u{0}",
    "ệ",
    "đ",
    "indicator,period,kind,value,source,note\n",
    "indicator;period;kind;value;source;note\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, pool: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(16));
                input.drain(i..i + n);
            }
            3 | 4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let i = rng.below(len + 1);
                input.splice(i..i, t.iter().copied());
            }
            5 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(32));
                let chunk: Vec<u8> = input[i..i + n].to_vec();
                let at = rng.below(input.len() + 1);
                input.splice(at..at, chunk);
            }
            6 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = 1 + rng.below((other.len() - i).min(64));
                    let at = rng.below(input.len() + 1);
                    input.splice(at..at, other[i..i + n].iter().copied());
                }
            }
            _ => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
        }
    }
    input.truncate(4096);
}

fn inputs(dir: &Path, target: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for sub in ["seeds", "corpus", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub).join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        out.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    out
}

fn save(dir: &Path, target: &str, input: &[u8]) -> PathBuf {
    let mut h = DefaultHasher::new();
    input.hash(&mut h);
    let folder = dir.join("artifacts").join(target);
    let _ = std::fs::create_dir_all(&folder);
    let path = folder.join(format!("replay-{:016x}", h.finish()));
    let _ = std::fs::write(&path, input);
    path
}

fn main() {
    let mut seconds = 10.0f64;
    let mut seed = 0x5EED_C415_0000_0001_u64;
    let mut wanted: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--seconds N")
            }
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "-h" | "--help" => {
                println!(
                    "replay [--seconds N] [--seed S] [TARGET…]; targets: {}",
                    TARGETS.iter().map(|t| t.0).collect::<Vec<_>>().join(", ")
                );
                return;
            }
            t => wanted.push(t.to_string()),
        }
    }
    let targets: Vec<_> = TARGETS
        .iter()
        .filter(|(n, _)| wanted.is_empty() || wanted.iter().any(|w| w == n))
        .collect();
    if targets.is_empty() {
        eprintln!("no such target: {wanted:?}");
        std::process::exit(2);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Failures are reported once, below, with the saved input, rather than by the panic hook.
    panic::set_hook(Box::new(|_| {}));
    let share = Duration::from_secs_f64(seconds / targets.len() as f64);
    let mut failed = 0;
    for (name, check) in targets {
        let mut pool = inputs(dir, name);
        let given = pool.len();
        if pool.is_empty() {
            pool.push(Vec::new());
        }
        let mut h = DefaultHasher::new();
        name.hash(&mut h);
        let mut rng = Rng((seed ^ h.finish()) | 1);
        let start = Instant::now();
        let mut runs = 0u64;
        let mut failures = 0;
        let mut next = 0usize;
        loop {
            let input = if next < pool.len() {
                next += 1;
                pool[next - 1].clone()
            } else {
                if start.elapsed() >= share {
                    break;
                }
                let mut input = pool[rng.below(pool.len())].clone();
                mutate(&mut rng, &pool, &mut input);
                input
            };
            runs += 1;
            let result = panic::catch_unwind(|| check(&input));
            if let Err(e) = result {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let path = save(dir, name, &input);
                println!(
                    "FAILED  {name}: {message}\n        input: {:?}\n        saved: {}",
                    String::from_utf8_lossy(&input),
                    path.display()
                );
                failures += 1;
                if failures >= 5 {
                    break;
                }
            } else if pool.len() < 10_000 && rng.below(64) == 0 {
                // Keep some mutants as parents: a cheap stand-in for coverage guidance.
                pool.push(input);
            }
        }
        failed += failures;
        println!(
            "{:<7} {name}: {runs} inputs ({given} saved) in {:.1} s",
            if failures == 0 { "ok" } else { "FAILED" },
            start.elapsed().as_secs_f64()
        );
    }
    if failed > 0 {
        std::process::exit(1);
    }
}
