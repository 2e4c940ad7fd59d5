#!/usr/bin/env python3
"""Times the commands a consultant runs, against the C reference and the machine's own limits.

Every figure comes from this one run, so ratios are taken under the same load. Each time is the
median of several whole-process runs of the real binary (`consult batch`, `consult run`, the shell
on a pseudo-terminal), never of a code path only a benchmark uses. Called by bench/run.sh.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def wall(argv, runs, cwd=None, before=None):
    """Median wall time of `argv` over `runs` runs; output discarded, failure fatal."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):   # batch exits 1 when a row fails; that is still a run
            sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def result(argv):
    """The `RESULT {...}` line that cbench prints."""
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def write_floor(total_bytes, directory, runs=3):
    """Median time to write `total_bytes` sequentially to one file and fdatasync it."""
    block = os.urandom(1 << 20)
    path = os.path.join(directory, "write-floor.bin")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        left = total_bytes
        while left > 0:
            left -= os.write(fd, block[:min(left, len(block))])
        os.fdatasync(fd)
        os.close(fd)
        times.append(time.perf_counter() - start)
        os.unlink(path)
    return statistics.median(times)


def tree_bytes(directory):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(directory) for f in files)


def real_portfolio(consult, rows, path):
    """JSON Lines of `rows` merchants for the bundled playbooks: the answers of every example
    (as `consult run --format json` reads them), repeated under new names."""
    answers = []
    for name in sorted(os.listdir("examples")):
        if not name.endswith(".yaml"):
            continue
        plan = json.loads(subprocess.run([consult, "run", "--answers", "examples/" + name, "--format", "json"],
                                         check=True, capture_output=True, text=True).stdout)
        answers.append(plan["facts"])
    with open(path, "w", encoding="utf-8") as out:
        for i in range(rows):
            row = {"店铺名称": f"商家{i + 1:05d}"}
            row.update(answers[i % len(answers)])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def shell_start(consult):
    """(exec to first prompt, exec to first question) in ms, from `consult bench-shell`."""
    out = subprocess.run([consult, "bench-shell", "--runs", "20"], check=True, capture_output=True, text=True).stdout
    figures = [float(line.split("median ")[1].split(" ms")[0]) for line in out.splitlines() if "median" in line]
    return figures[0], figures[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--consult", required=True)
    ap.add_argument("--cbench", required=True)
    ap.add_argument("--profiles", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--plans", type=int, default=5000, help="merchants in the portfolio written with plans")
    a = ap.parse_args()
    consult, cbench, work = a.consult, a.cbench, a.work
    rows = []   # (figure, consult, reference, ratio text)

    def add(figure, ours, reference, ratio):
        rows.append((figure, ours, reference, ratio))
        print(f"  {figure}: {ours} — {reference} — {ratio}", flush=True)

    # 1. Summary-only portfolio run on the reference workload, against cbench read + parse + evaluate.
    c = result([cbench, "throughput", a.profiles])
    n = c["n"]
    c_e2e = c["parse_s"] + c["eval_s"]
    out = os.path.join(work, "batch-summary")
    clear = lambda: shutil.rmtree(out, ignore_errors=True)
    for jobs in (1, 2):
        t = wall([consult, "batch", a.profiles, "--playbooks", "bench/playbooks", "--summary-only", "--jobs", str(jobs),
                  "--out", out], 3, before=clear)
        add(f"batch --summary-only, {n:,} profiles, --jobs {jobs}", f"{t:.2f} s ({n / t:,.0f}/s)",
            f"C {c_e2e:.3f} s ({n / c_e2e:,.0f}/s, one core)", f"{t / c_e2e:.1f}× C")
    # The same fires: summary.json's per-rule counts against cbench's.
    summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
    ours = {r["code"]: r["merchants"] for r in summary["rules"]}
    theirs = {f"BR-{i + 1:02d}": k for i, k in enumerate(c["counts"]) if k}
    if ours != theirs:
        sys.exit(f"fire counts differ from the C reference: {sorted(set(ours.items()) ^ set(theirs.items()))[:5]}")
    print(f"  check: fire counts of all {len(theirs)} rules equal the C reference's over {n:,} profiles")

    # 2. Plans written: a real-playbook portfolio, JSON plans, against writing the same bytes.
    portfolio = os.path.join(work, f"portfolio-{a.plans}.jsonl")
    real_portfolio(consult, a.plans, portfolio)
    out = os.path.join(work, "batch-plans")
    clear = lambda: shutil.rmtree(out, ignore_errors=True)
    t = wall([consult, "batch", portfolio, "--format", "json", "--out", out], 3, before=clear)
    plan_bytes = tree_bytes(os.path.join(out, "plans"))
    floor = write_floor(plan_bytes, work)
    add(f"batch, {a.plans:,} merchants, JSON plans ({plan_bytes / a.plans / 1024:.0f} KB each)",
        f"{t:.2f} s ({a.plans / t:,.0f}/s)", f"writing {plan_bytes / 1e6:.0f} MB + fdatasync {floor:.2f} s",
        f"{t / floor:.1f}× write")
    t = wall([consult, "batch", portfolio, "--summary-only", "--out", out], 3, before=clear)
    add(f"batch --summary-only, same {a.plans:,} merchants", f"{t:.2f} s ({a.plans / t:,.0f}/s)", "", "")

    # 3. One merchant, whole process, against cbench's whole process on one profile.
    one = os.path.join(work, "one.jsonl")
    with open(a.profiles, encoding="utf-8") as f, open(one, "w", encoding="utf-8") as o:
        first = f.readline()
        o.write(first)
    answers = os.path.join(work, "one.json")
    profile = json.loads(first)
    with open(answers, "w", encoding="utf-8") as o:
        json.dump({"merchant": {"name": profile.get("merchant_id", "M")},
                   "answers": {k: v for k, v in profile.items() if k != "merchant_id" and v is not None}}, o)
    c_first = wall([cbench, "first", one], 20)
    t = wall([consult, "run", "--answers", answers, "--playbooks", "bench/playbooks", "--format", "json"], 20)
    add("run, one merchant, bench playbooks, whole process", f"{t * 1000:.1f} ms",
        f"C first {c_first * 1000:.1f} ms", f"{t / c_first:.1f}× C")
    t = wall([consult, "run", "--answers", "examples/bag_stall.yaml", "--format", "json"], 20)
    add("run, one merchant, bundled playbooks, whole process", f"{t * 1000:.1f} ms", "target ≤ 25 ms",
        f"{t / c_first:.1f}× C first")

    # 4. The shell's start, against the same C process start.
    prompt, question = shell_start(consult)
    add("shell: exec to first prompt", f"{prompt:.1f} ms", f"C first {c_first * 1000:.1f} ms",
        f"{prompt / 1000 / c_first:.1f}× C")
    add("shell: exec to first question", f"{question:.1f} ms", "target ≤ 20 ms",
        f"{question / 1000 / c_first:.1f}× C")

    # 5. One merchant in process: diagnose + plan + JSON (consult bench), against cbench latency.
    lat = result([cbench, "latency", one])
    out_text = subprocess.run([consult, "bench", "--seconds", "1"], check=True, capture_output=True, text=True).stdout
    line = next(l for l in out_text.splitlines() if l.startswith("diagnose + plan + JSON"))
    per = float(line.split("median ")[1].split(" ms")[0]) / 1000
    add("diagnose + plan + JSON, one merchant, bundled playbooks (in process)", f"{per * 1e6:.0f} µs",
        f"C parse + evaluate {lat['incl_parse_s'] * 1e6:.2f} µs", f"{per / lat['incl_parse_s']:,.0f}× C (target ≤ 150 µs)")

    # 6. A 10,000-row .xlsx portfolio against the same rows as CSV: peak memory and time.
    rows_x = 10_000
    subprocess.run([sys.executable, "scripts/make-export-fixtures.py", "--portfolio", str(rows_x), work], check=True,
                   capture_output=True)
    peaks, times = {}, {}
    for ext in ("xlsx", "csv"):
        path = os.path.join(work, f"portfolio-{rows_x}.{ext}")
        out = os.path.join(work, f"batch-{ext}")
        shutil.rmtree(out, ignore_errors=True)
        r = subprocess.run(["/usr/bin/time", "-f", "%M %e", consult, "batch", path, "--summary-only", "--out", out],
                           capture_output=True, text=True)
        kb, seconds = r.stderr.strip().splitlines()[-1].split()
        peaks[ext], times[ext] = int(kb), float(seconds)
    add(f"batch --summary-only, {rows_x:,}-row .xlsx, peak memory", f"{peaks['xlsx'] / 1024:.0f} MB ({times['xlsx']:.2f} s)",
        f"same rows as CSV {peaks['csv'] / 1024:.0f} MB ({times['csv']:.2f} s)", f"{peaks['xlsx'] / peaks['csv']:.2f}× CSV memory")

    print()
    print("| figure | consult | reference | ratio |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
