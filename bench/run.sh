#!/usr/bin/env bash
# The benchmark in one go: generate the reference workload, build the C reference and consult
# (release), check the translated playbooks are up to date, then run `consult bench-rules`, which
# compares the fired rules of every profile with the C program's and times both in the same run.
#
# usage: bench/run.sh [PROFILES]        (default 100000)
# env:   BENCH_REF  reference directory (default ../shared/bench)
#        BENCH_WORK scratch directory   (default /tmp/consult-bench)
#        SWIFT_SCRATCH swift build --scratch-path (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-100000}
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
"$work/cbench" eval "$profiles" > "$work/c-fired-$n.txt"

echo "== translated playbooks up to date"
python3 bench/translate.py --ref "$ref" --out "$work/playbooks" > /dev/null
diff -r bench/playbooks "$work/playbooks" || { echo "bench/playbooks is stale: run bench/translate.py" >&2; exit 1; }

echo "== consult (release)"
swift build -c release --scratch-path "$scratch" 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
consult="$scratch/release/consult"
"$consult" lint bench/playbooks | tail -1
"$consult" test bench/playbooks | tail -1

echo "== bench-rules"
"$consult" bench-rules --profiles "$profiles" --playbooks bench/playbooks \
  --cbench "$work/cbench" --c-results "$work/c-fired-$n.txt"
