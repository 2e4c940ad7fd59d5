#!/usr/bin/env bash
# The benchmark in one go: generate the reference workload, build the C reference and consult
# (release), check the translated playbooks are up to date, then time the commands users run
# (`consult batch`, `consult run`, the shell, one plan) against the C reference and the machine's
# write speed, all in this one run (bench/measure.py), and check the fires equal the reference's.
#
# usage: bench/run.sh [PROFILES] [PLANS]   (default 100000 profiles, 5000 merchants with plans)
# env:   BENCH_REF  reference directory (default ../shared/bench)
#        BENCH_WORK scratch directory   (default /tmp/consult-bench)
#        SWIFT_SCRATCH swift build --scratch-path (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100000}
plans=${2:-5000}
ref=${BENCH_REF:-../shared/bench}
work=${BENCH_WORK:-/tmp/consult-bench}
scratch=${SWIFT_SCRATCH:-.build}
mkdir -p "$work"
profiles="$work/profiles-$n.jsonl"

echo "== workload: $n profiles (gen.py, seed 20240601)"
[ -s "$profiles" ] || python3 "$ref/gen.py" "$n" --seed 20240601 --out "$profiles"

echo "== C reference"
python3 "$ref/cgen.py" "$ref/rules.json" "$work/rules_gen.h"
gcc -O2 -std=c11 -I"$work" -o "$work/cbench" "$ref/c/cbench.c"

echo "== translated playbooks up to date"
python3 bench/translate.py --ref "$ref" --out "$work/playbooks" > /dev/null
diff -r bench/playbooks "$work/playbooks" || { echo "bench/playbooks is stale: run bench/translate.py" >&2; exit 1; }

echo "== consult (release, as scripts/setup release builds it)"
swift build -c release --static-swift-stdlib --product consult --scratch-path "$scratch" 2>&1 \
  | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
consult="$scratch/release/consult"
"$consult" lint bench/playbooks | tail -1
"$consult" test bench/playbooks | tail -1

python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl   # the .xlsx portfolio of figure 6
echo "== figures (each a median of whole-process runs, ratios from this run)"
python3 bench/measure.py --consult "$consult" --cbench "$work/cbench" --profiles "$profiles" --work "$work" --plans "$plans"
