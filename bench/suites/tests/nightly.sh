#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/nightly on a small night: layout, report, resume after an
# interruption, shards (--list-jobs, --job, --merge), a wrong variant
# reported as failed while the rest goes on, and bad arguments.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n() { scripts/nightly --results="$tmp/r" --host=testhost --repetitions=3 --min-time=0 "$@"; }
night=$tmp/r/2026-01-01/testhost

# --list-jobs: one line per variant x suite, the same order every time
n --variants=baseline,pgt-prefill --suites=multi_guest,large_pages --list-jobs --date=2026-01-01 > "$tmp/jobs1"
n --variants=baseline,pgt-prefill --suites=multi_guest,large_pages --list-jobs --date=2026-01-01 > "$tmp/jobs2"
[ "$(wc -l < "$tmp/jobs1")" -eq 4 ] && cmp -s "$tmp/jobs1" "$tmp/jobs2" &&
	grep -qx 'pgt-prefill large_pages' "$tmp/jobs1" &&
	ok "--list-jobs: 4 jobs, variant x suite, deterministic" || { not_ok "--list-jobs"; diag "$(cat "$tmp/jobs1")"; }
n --variants baseline,pgt-prefill --suites multi_guest,large_pages --list-jobs --date 2026-01-01 > "$tmp/jobs3"
cmp -s "$tmp/jobs1" "$tmp/jobs3" && ok "--opt VALUE is --opt=VALUE" || not_ok "--opt VALUE is --opt=VALUE"
all=$(n --list-jobs --date=2026-01-01 | wc -l)
[ "$all" -ge 35 ] && ok "--list-jobs by default: every variant x every suite ($all)" || not_ok "default jobs: $all"

# a whole night of two variants, two suites
n --date=2026-01-01 --variants=baseline,pgt-prefill --suites=multi_guest,large_pages > "$tmp/out1" 2> "$tmp/err1"
rc=$?
[ $rc -le 1 ] && ok "the night ran (exit $rc: 0 clean or 1 changes)" || { not_ok "night exit $rc"; sed 's/^/#   /' "$tmp/err1" | tail -20; }
for f in baseline.json pgt-prefill.json report.md report.html summary.txt verdict.json \
	state/baseline.multi_guest.done state/pgt-prefill.large_pages.done \
	logs/baseline.large_pages.log parts/pgt-prefill/multi_guest.json; do
	[ -s "$night/$f" ] || { not_ok "the night has $f"; continue; }
	ok "the night has $f"
done
[ "$(readlink "$tmp/r/latest")" = 2026-01-01/testhost ] && ok "results/latest points at the night" || not_ok "latest: $(readlink "$tmp/r/latest")"
grep -q 'run 3/3' "$tmp/err1" && grep -q 'elapsed' "$tmp/err1" && grep -q 'left' "$tmp/err1" &&
	ok "progress lines: benchmark, repetition, elapsed, time left" || not_ok "no progress lines"
grep -q '"repetition_index": 2' "$night/baseline.json" && grep -q '"variant": "baseline"' "$night/baseline.json" &&
	ok "baseline.json: 3 repetitions, variant in the context" || not_ok "baseline.json content"
"$top/build/bin/gmapbench-counters" "$night/pgt-prefill.json" > "$tmp/c" &&
	grep -q 'multi_guest/.* exits_l0 ' "$tmp/c" && ok "counters of every repetition agree" || not_ok "counters"
grep -q 'pgt-prefill' "$night/summary.txt" && ok "summary.txt names the variant" || not_ok "summary.txt"

# resume: a second run with the same date does nothing more
n --date=2026-01-01 --variants=baseline,pgt-prefill --suites=multi_guest,large_pages --no-report > /dev/null 2> "$tmp/err2"
! grep -q 'run [0-9]' "$tmp/err2" && ok "a finished night run again reruns nothing" || not_ok "reran jobs"

# interrupted: one job lost its state; only that job runs again
rm "$night/state/pgt-prefill.large_pages.done" "$night/parts/pgt-prefill/large_pages.json"
n --date=2026-01-01 --variants=baseline,pgt-prefill --suites=multi_guest,large_pages --no-report > /dev/null 2> "$tmp/err3"
jobs_run=$(grep -o 'run [0-9]*/[0-9]*' "$tmp/err3" | wc -l)
grep 'run [0-9]' "$tmp/err3" | grep -qv 'pgt-prefill  large_pages' && bad=1 || bad=0
[ -s "$night/parts/pgt-prefill/large_pages.json" ] && [ $bad -eq 0 ] && [ "$jobs_run" -gt 0 ] &&
	ok "resume: only the missing job ran ($jobs_run runs)" || { not_ok "resume"; diag "$(grep 'run ' "$tmp/err3" | head -5)"; }

# a wrong variant: marked failed with the oracle's words, the rest goes on
n --date=2026-01-02 --variants=baseline,stale-pgt --suites=pte_churn > "$tmp/out4" 2> "$tmp/err4"
rc=$?
wn=$tmp/r/2026-01-02/testhost
[ $rc -eq 2 ] && ok "a wrong variant: exit 2" || not_ok "wrong variant exit $rc"
grep -qi 'oracle' "$wn/state/stale-pgt.pte_churn.failed" 2>/dev/null &&
	ok "stale-pgt marked failed with the oracle's report" || not_ok "stale-pgt state"
[ -f "$wn/state/baseline.pte_churn.done" ] && [ -s "$wn/baseline.json" ] &&
	ok "baseline still ran and was merged" || not_ok "baseline after a failure"
grep -q 'stale-pgt' "$wn/summary.txt" 2>/dev/null && ok "the summary names the failed variant" || not_ok "summary of failure"

# shards: each job on its own, then the merge assembles the night
sn=$tmp/r/2026-01-03/testhost
while read -r j; do
	n --date=2026-01-03 --job="$j" > /dev/null 2>&1 || echo "$j" >> "$tmp/shardfail"
done < <(n --date=2026-01-03 --variants=baseline --suites=multi_guest,large_pages --list-jobs)
[ ! -e "$tmp/shardfail" ] && ok "every shard job ran" || not_ok "shard jobs failed: $(cat "$tmp/shardfail")"
n --date=2026-01-03 --variants=baseline --merge 2> /dev/null
[ "$(grep -c '"run_type": "iteration"' "$sn/baseline.json" 2>/dev/null)" -eq $((3 * 3)) ] &&
	ok "--merge assembles the shards (3 benchmarks x 3 repetitions)" || not_ok "merge of shards: $(grep -c '"run_type": "iteration"' "$sn/baseline.json")"

# bad arguments name themselves
for a in --date=yesterday --repetitions=0 --variants=nosuch --frobnicate "--job=baseline" --pin=x; do
	out=$(n "$a" 2>&1 < /dev/null)
	[ $? -eq 2 ] && [[ $out == *"${a%%=*}"* ]] && ok "bad argument $a: exit 2, named" || { not_ok "bad argument $a"; diag "$out"; }
done
done_testing
