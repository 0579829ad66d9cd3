#!/usr/bin/env bash
# The one command that runs every test of chiso, as CI does (.ci/run calls it on a fresh machine):
#
#   bash scripts/test.sh
#
# It first installs what is missing (Chromium, Java, nginx, the browser tests' node modules,
# LibreOffice and python-docx for the Word report), then
# runs every step even after one fails, so that a single run shows all that is wrong; it exits
# non-zero if any step failed. The browser tests and site checks need the site, so they are
# skipped when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==== %s ====\n' "$*"; }

passed=()
failed=()
step() {
  local name=$1
  shift
  section "$name"
  local start=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "== $name: ok ($((SECONDS - start)) s)"
  else
    failed+=("$name")
    echo "== $name: FAILED ($((SECONDS - start)) s)"
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

section "Installing what is missing"
bash scripts/install-browser-deps.sh
bash scripts/install-docx-deps.sh
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
echo "node: $(node --version), cargo: $(cargo --version)"

step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --all-targets -- -D warnings
step "cargo test" cargo test --all-targets
step "browser checks self-test" node --test tests/browser/selftest.test.mjs
# The fuzz targets of fuzz/ without libFuzzer (stable toolchain, no C++): every saved input, then
# random mutations for a bounded time. `cargo fuzz` runs the same targets with coverage guidance.
step "fuzz targets (replay, 60 s)" cargo run --release --quiet --manifest-path fuzz/Cargo.toml \
  --target-dir target --no-default-features --bin replay -- --seconds 60
step "build the sample site" cargo run --release -- build --root . --output "$tmp/site"
if [ -f "$tmp/site/index.html" ]; then
  step "browser tests" node tests/browser/run.mjs "$tmp/site"
  step "site checks" node tests/site_checks/run.mjs "$tmp/site"
  # The open data as the Frictionless tools read it (installs the pinned validator on first use).
  step "open data package (frictionless)" bash scripts/validate-open-data.sh "$tmp/site"
  # Tuần Giáo's 2024-H1 report as Word: opened with python-docx, rendered to PDF by LibreOffice.
  step "Word report checks" target/docx-venv/bin/python tests/docx/check_report.py "$tmp/site"
else
  section "browser tests"
  echo "skipped: the sample site was not built"
  failed+=("browser tests (not run)" "site checks (not run)" "open data package (not run)"
          "Word report checks (not run)")
fi
# A province of 166 communes (Thanh Hóa, with its former districts), with illustrative figures:
# its home page has the longest charts a province makes. Only that page, in both languages, to
# keep the run short.
many() {
  cargo run --release --quiet -- new "$tmp/th" --province 38 --history >/dev/null &&
    node scripts/fill-values.mjs "$tmp/th" &&
    cargo run --release --quiet -- build --root "$tmp/th" --output "$tmp/th-site"
}
step "build a 166-commune province" many
if [ -f "$tmp/th-site/index.html" ]; then
  step "browser tests, 166 communes" node tests/browser/run.mjs "$tmp/th-site" --pages=index.html,en/index.html
else
  failed+=("browser tests, 166 communes (not run)")
fi

section "Summary"
for s in "${passed[@]}"; do echo "ok      $s"; done
for s in "${failed[@]}"; do echo "FAILED  $s"; done
echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
