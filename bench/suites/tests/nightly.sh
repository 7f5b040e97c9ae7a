#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/nightly on small nights: jobs round by round, the layout, the
# report, resuming after an interrupted round, shards (--list-jobs, --job
# in any order, the old "<variant> <suite>" line, --merge), a wrong variant
# failing its oracle pass once and every round of it skipped, --rounds=1,
# rounds 2.. on round 1's iteration counts, temporaries of killed runs,
# a results/latest that cannot be replaced, and bad arguments.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jget=$top/build/tests/json-get
n() { scripts/nightly --results="$tmp/r" --host=testhost --repetitions=3 --min-time=0 "$@"; }
sel=(--variants=baseline,pgt-prefill --suites=multi_guest,large_pages)
night=$tmp/r/2026-01-01/testhost
# job number and round of each progress line: "3 1" for job 3/12 in round 1/3
job_rounds() { sed -n 's/^job \([0-9]*\)\/[0-9]*  .*  round \([0-9]*\)\/.*/\1 \2/p' "$1" | uniq; }
# the benchmarks of a merged file: iteration rows and aggregates per name
rows() { "$jget" "$1" '.benchmarks[*].run_name .benchmarks[*].run_type' | sort | uniq -c; }

# --list-jobs: variant x suite x round, round by round, the same every time
n "${sel[@]}" --list-jobs --date=2026-01-01 > "$tmp/jobs1"
n "${sel[@]}" --list-jobs --date=2026-01-01 > "$tmp/jobs2"
[ "$(wc -l < "$tmp/jobs1")" -eq 12 ] && cmp -s "$tmp/jobs1" "$tmp/jobs2" &&
	grep -qx 'pgt-prefill large_pages 3' "$tmp/jobs1" &&
	ok "--list-jobs: 12 jobs '<variant> <suite> <round>', deterministic" || { not_ok "--list-jobs"; diag "$(cat "$tmp/jobs1")"; }
[ "$(cut -d' ' -f3 "$tmp/jobs1" | paste -sd' ')" = "1 1 1 1 2 2 2 2 3 3 3 3" ] &&
	ok "... round-major: all of round 1, then round 2, then round 3" || not_ok "... round order: $(cut -d' ' -f3 "$tmp/jobs1" | paste -sd' ')"
for r in 1 2 3; do sed -n "s/ $r\$//p" "$tmp/jobs1" | paste -sd, > "$tmp/order$r"; done
sets=$(for r in 1 2 3; do tr , '\n' < "$tmp/order$r" | sort | paste -sd,; done | sort -u | wc -l)
if [ "$sets" -eq 1 ] && [ "$(sort -u "$tmp/order1" "$tmp/order2" "$tmp/order3" | wc -l)" -ge 2 ]; then
	ok "... every round has every variant x suite, shuffled differently ($(cat "$tmp/order2"))"
else
	not_ok "... rounds and their order"
	cat "$tmp/order"[123] | sed 's/^/#   /'
fi
n "${sel[@]}" --list-jobs --date=2026-01-02 > "$tmp/jobs-other"
cmp -s "$tmp/jobs1" "$tmp/jobs-other" && not_ok "another date shuffles otherwise" || ok "another date shuffles otherwise"
n --variants baseline,pgt-prefill --suites multi_guest,large_pages --list-jobs --date 2026-01-01 > "$tmp/jobs3"
cmp -s "$tmp/jobs1" "$tmp/jobs3" && ok "--opt VALUE is --opt=VALUE" || not_ok "--opt VALUE is --opt=VALUE"
one=$(n --list-jobs --date=2026-01-01 --rounds=1 | wc -l)
all=$(scripts/nightly --list-jobs --date=2026-01-01 | wc -l)
[ "$one" -ge 35 ] && [ "$all" -eq $((9 * one)) ] &&
	ok "by default every variant x every suite ($one) x 9 rounds" || not_ok "default jobs: $all, with --rounds=1: $one"
[ "$(n --list-jobs --repetitions=6 --rounds=2 "${sel[@]}" | cut -d' ' -f3 | sort -u | paste -sd' ')" = "1 2" ] &&
	ok "--repetitions=6 --rounds=2: two rounds" || not_ok "--repetitions=6 --rounds=2"

# a whole night of two variants, two suites, three rounds
n --date=2026-01-01 "${sel[@]}" > "$tmp/out1" 2> "$tmp/err1"
rc=$?
[ $rc -eq 0 ] && ok "a normal night: exit 0 (pgt-prefill differs from baseline by design)" ||
	{ not_ok "night exit $rc, want 0"; sed 's/^/#   /' "$tmp/err1" | tail -20; }
# pgt-prefill changes counters against baseline by design: --exit-on decides
n --date=2026-01-01 "${sel[@]}" --merge --exit-on=all > /dev/null 2>&1
rc_all=$?
n --date=2026-01-01 "${sel[@]}" --merge > /dev/null 2>&1
rc_prev=$?
[ $rc_all -eq 1 ] && [ $rc_prev -eq 0 ] &&
	ok "exit 1 for pgt-prefill's behaviour changes against baseline with --exit-on=all, 0 by default (previous)" ||
	not_ok "--exit-on: exit $rc_all with --exit-on=all, $rc_prev by default"
[ -s "$night/tests/baseline.list" ] &&
	cmp -s "$night/tests/baseline.list" <("$top/build/bin/gmapbench-baseline" --benchmark_list_tests) &&
	ok "the test list of each binary is cached in tests/<variant>.list" || not_ok "test list cache"
for f in baseline.json pgt-prefill.json report.md report.html summary.txt verdict.json \
	state/baseline.multi_guest-r1.done state/pgt-prefill.large_pages-r3.done \
	state/baseline.large_pages-oracle.done logs/baseline.large_pages.oracle.log \
	logs/baseline.large_pages.r2.log parts/pgt-prefill/multi_guest.r3.json; do
	[ -s "$night/$f" ] || { not_ok "the night has $f"; continue; }
	ok "the night has $f"
done
[ "$(readlink "$tmp/r/latest")" = 2026-01-01/testhost ] && ok "results/latest points at the night" || not_ok "latest: $(readlink "$tmp/r/latest")"
grep -q 'round 3/3  run ' "$tmp/err1" && grep -q '^job 12/12 ' "$tmp/err1" && grep -q 'elapsed' "$tmp/err1" &&
	grep -q 'left [0-9]*s$' "$tmp/err1" &&
	ok "progress lines: job, variant, benchmark, round, elapsed, time left" || not_ok "no progress lines"
job_rounds "$tmp/err1" > "$tmp/jr1"
[ "$(cut -d' ' -f2 "$tmp/jr1" | paste -sd' ')" = "1 1 1 1 2 2 2 2 3 3 3 3" ] &&
	[ "$(cut -d' ' -f1 "$tmp/jr1" | paste -sd' ')" = "1 2 3 4 5 6 7 8 9 10 11 12" ] &&
	ok "the jobs ran round by round" || { not_ok "the jobs ran round by round"; diag "$(paste -sd, "$tmp/jr1")"; }
noracle=$(ls "$night"/logs/*.oracle.log | wc -l)
[ "$noracle" -eq 4 ] && ! grep -l 'oracle pass' "$night"/logs/*.r[0-9]*.log > /dev/null &&
	! grep -q '"gmap_check": "true"' "$night"/parts/*/*.json &&
	ok "one oracle pass per variant x suite, none in the timed rounds" || not_ok "oracle passes: $noracle logs"
rows "$night/baseline.json" > "$tmp/rows"
if [ "$(grep -c ' iteration$' "$tmp/rows")" -eq 3 ] && ! grep ' iteration$' "$tmp/rows" | grep -qv '^ *3 ' &&
	[ "$(grep -c ' aggregate$' "$tmp/rows")" -eq 3 ] && ! grep ' aggregate$' "$tmp/rows" | grep -qv '^ *4 '; then
	ok "baseline.json: each benchmark 3 repetitions from 3 rounds, and its 4 aggregates"
else
	not_ok "baseline.json rows"
	sed 's/^/#   /' "$tmp/rows"
fi
mg=$("$jget" "$night/baseline.json" '.benchmarks[*].name .benchmarks[*].repetition_index .benchmarks[*].repetitions .benchmarks[*].real_time' |
	grep '^multi_guest/[^ ]* [0-9]')
parts=$(for k in 1 2 3; do "$jget" "$night/parts/baseline/multi_guest.r$k.json" \
	'.benchmarks[*].name .benchmarks[*].real_time' | sed "s/ / $((k - 1)) 3 /"; done)
[ -n "$mg" ] && [ "$mg" = "$parts" ] && ok "... its repetition k is round k+1's row, renumbered" ||
	{ not_ok "... repetitions from the rounds"; diag "$mg" "--" "$parts"; }
grep -q '"nightly_rounds": "3"' "$night/baseline.json" && grep -q '"variant": "baseline"' "$night/baseline.json" &&
	ok "baseline.json: the variant and nightly_rounds in the context" || not_ok "baseline.json context"
"$top/build/bin/gmapbench-counters" "$night/pgt-prefill.json" > "$tmp/c" &&
	grep -q 'multi_guest/.* exits_l0 ' "$tmp/c" && ok "counters of every round agree" || not_ok "counters"
grep -q 'pgt-prefill' "$night/summary.txt" && ok "summary.txt names the variant" || not_ok "summary.txt"
# rounds 2..3 run round 1's iteration counts (--cbench_iterations_from)
from=$(for k in 1 2 3; do
	f=$("$jget" "$night/parts/baseline/multi_guest.r$k.json" .context.cbench_iterations_from 2> /dev/null) || f=-
	echo "$f"
done | paste -sd' ')
r1=$night/parts/baseline/multi_guest.r1.json
[ "$from" = "- $r1 $r1" ] && grep -q 'iterations of round 1' "$night/logs/baseline.multi_guest.r3.log" &&
	! grep -q 'iterations of round 1' "$night/logs/baseline.multi_guest.r1.log" &&
	ok "rounds 2 and 3 take round 1's iteration counts, named in their context" ||
	{ not_ok "--cbench_iterations_from in the rounds"; diag "$from"; }

# resume: a second run with the same date does nothing more
n --date=2026-01-01 "${sel[@]}" --no-report > /dev/null 2> "$tmp/err2"
! grep -q '^job ' "$tmp/err2" && ok "a finished night run again reruns nothing" || not_ok "reran jobs"

# one round lost its state: only that round runs again, without the oracle
ino=$(stat -c %i "$night/logs/pgt-prefill.large_pages.oracle.log")
rm "$night/state/pgt-prefill.large_pages-r2.done" "$night/parts/pgt-prefill/large_pages.r2.json"
n --date=2026-01-01 "${sel[@]}" --no-report > /dev/null 2> "$tmp/err3"
ran=$(sed -n 's/^job [0-9]*\/12  \([^ ]*\)  \([a-z_]*\)\/.*  round \([0-9]\)\/3 .*/\1 \2 \3/p' "$tmp/err3" | sort -u)
[ "$ran" = "pgt-prefill large_pages 2" ] && [ -s "$night/parts/pgt-prefill/large_pages.r2.json" ] &&
	[ "$(stat -c %i "$night/logs/pgt-prefill.large_pages.oracle.log")" = "$ino" ] &&
	ok "resume: only the missing round ran, the oracle verdict reused" || { not_ok "resume of one round"; diag "$ran"; }

# interrupted for real in the middle of the night, then resumed
inight=$tmp/r/2026-01-04/testhost
isel=(--date=2026-01-04 --variants=baseline,pgt-prefill --suites=multi_guest,prot_fault_storm --no-report)
setsid scripts/nightly --results="$tmp/r" --host=testhost --repetitions=3 --min-time=0.01 "${isel[@]}" \
	> /dev/null 2> "$tmp/err5" &
pid=$!
for ((i = 0; i < 600; i++)); do
	[ "$(ls "$inight"/state/*-r[0-9].done 2> /dev/null | wc -l)" -ge 3 ] && break
	sleep 0.05
done
[ "$(ps -o pgid= -p $pid | tr -d ' ')" = "$pid" ] && kill -TERM -- -"$pid" 2> /dev/null
wait $pid 2> /dev/null
before=$(ls "$inight"/state/*-r[0-9].done 2> /dev/null | wc -l)
if [ "$before" -ge 3 ] && [ "$before" -lt 12 ]; then
	ok "a night stopped after $before of 12 rounds"
else
	not_ok "a night stopped in the middle ($before of 12 rounds done)"
fi
left=$(cd "$inight" && find . -name '*.tmp.*' -o -name '.probe.*')
[ -z "$left" ] && ok "... and left no temporary behind (SIGTERM)" || { not_ok "temporaries left by SIGTERM"; diag "$left"; }
# what a SIGKILL leaves: removed when the night starts again
stale=("$inight/state/baseline.multi_guest-r2.done.tmp.99999"
	"$inight/parts/baseline/multi_guest.r2.json.tmp.99999.tmp.Ab12Cd" "$inight/.probe.99999")
mkdir -p "$inight/parts/baseline"
touch "${stale[@]}"
n "${isel[@]}" > /dev/null 2> "$tmp/err6"
left=$(ls "${stale[@]}" 2> /dev/null)
[ -z "$left" ] && ok "... the temporaries of a killed run are removed when the night starts again" ||
	{ not_ok "stale temporaries kept"; diag "$left"; }
# with estimation (--min-time=0.01), every round ran round 1's counts
neq=0
for k in 2 3; do
	cmp -s <("$jget" "$inight/parts/pgt-prefill/multi_guest.r1.json" '.benchmarks[*].run_name .benchmarks[*].iterations' | sort) \
		<("$jget" "$inight/parts/pgt-prefill/multi_guest.r$k.json" '.benchmarks[*].run_name .benchmarks[*].iterations' | sort) ||
		neq=$((neq + 1))
done
[ $neq -eq 0 ] && [ -s "$inight/parts/pgt-prefill/multi_guest.r3.json" ] &&
	ok "... each benchmark ran the same iteration count in rounds 1, 2 and 3" ||
	not_ok "iteration counts differ between rounds ($neq of 2 later rounds)"
again=$(job_rounds "$tmp/err6" | cut -d' ' -f1 | sort -u | wc -l)
done_now=$(ls "$inight"/state/*-r[0-9].done 2> /dev/null | wc -l)
rows "$inight/pgt-prefill.json" | grep ' iteration$' | grep -v '^ *3 ' > "$tmp/bad6"
[ "$again" -eq $((12 - before)) ] && [ "$done_now" -eq 12 ] && [ ! -s "$tmp/bad6" ] &&
	ok "... resumed: the other $again rounds ran, every benchmark has its 3 repetitions" ||
	{ not_ok "... resumed: $again rounds ran, $done_now of 12 done"; sed 's/^/#   /' "$tmp/bad6"; }

# a wrong variant: its oracle fails once, every round of it is skipped, the rest goes on
n --date=2026-01-02 --variants=baseline,stale-pgt --suites=pte_churn > "$tmp/out4" 2> "$tmp/err4"
rc=$?
wn=$tmp/r/2026-01-02/testhost
[ $rc -eq 1 ] && ok "a wrong variant: exit 1" || not_ok "wrong variant exit $rc"
head -n 1 "$wn/state/stale-pgt.pte_churn-oracle.wrong" 2>/dev/null | grep -q '^WRONG on pte_churn/.* mismatches' &&
	ok "stale-pgt's oracle verdict: wrong, headline 'WRONG on pte_churn/... (N mismatches ...)'" ||
	{ not_ok "stale-pgt oracle state"; ls "$wn/state" | sed 's/^/#   /'; }
bad=0
for r in 1 2 3; do grep -q '^WRONG on pte_churn/' "$wn/state/stale-pgt.pte_churn-r$r.wrong" 2> /dev/null || bad=$r; done
[ $bad -eq 0 ] && [ "$(grep -c 'oracle pass' "$wn/logs/stale-pgt.pte_churn.oracle.log")" -eq 1 ] &&
	! ls "$wn"/logs/stale-pgt.pte_churn.r*.log > /dev/null 2>&1 && ! ls "$wn"/parts/stale-pgt/* > /dev/null 2>&1 &&
	grep -q 'stale-pgt pte_churn round 3: skipped' "$tmp/err4" &&
	ok "... rounds 1-3 wrong with the oracle's words, no timed run, one oracle pass" ||
	{ not_ok "... rounds of stale-pgt (round $bad)"; ls "$wn/state" "$wn/logs" | sed 's/^/#   /'; }
[ -f "$wn/state/baseline.pte_churn-r3.done" ] && [ -s "$wn/baseline.json" ] &&
	ok "baseline still ran and was merged" || not_ok "baseline after a failure"
grep -q '^stale-pgt: WRONG on pte_churn/' "$wn/summary.txt" 2>/dev/null &&
	[ "$("$jget" "$wn/verdict.json" .variants.stale-pgt.status)" = wrong ] &&
	ok "summary.txt 'stale-pgt: WRONG on pte_churn/...', verdict.json wrong" || not_ok "summary of the wrong variant"

# shards in any order: a later round first runs the oracle itself
sn=$tmp/r/2026-01-03/testhost
n --date=2026-01-03 --job="stale-pgt pte_churn 2" > /dev/null 2> "$tmp/s1"
rc=$?
[ $rc -eq 1 ] && [ -f "$sn/state/stale-pgt.pte_churn-oracle.wrong" ] && [ -f "$sn/state/stale-pgt.pte_churn-r2.wrong" ] &&
	ok "--job 'stale-pgt pte_churn 2' alone: runs the oracle pass itself, wrong, exit 1" || { not_ok "stale round 2 alone (exit $rc)"; diag "$(cat "$tmp/s1")"; }
ino=$(stat -c %i "$sn/logs/stale-pgt.pte_churn.oracle.log")
n --date=2026-01-03 --job="stale-pgt pte_churn 3" > /dev/null 2> "$tmp/s2"
rc=$?
[ $rc -eq 1 ] && grep -q 'round 3: skipped, the oracle pass ended wrong' "$tmp/s2" &&
	[ "$(stat -c %i "$sn/logs/stale-pgt.pte_churn.oracle.log")" = "$ino" ] &&
	grep -q '^WRONG on' "$sn/state/stale-pgt.pte_churn-r3.wrong" &&
	ok "... then round 3: skipped on the verdict, marked wrong, no second oracle pass" || { not_ok "stale round 3 (exit $rc)"; diag "$(cat "$tmp/s2")"; }
n --date=2026-01-03 --job="baseline multi_guest 3" > /dev/null 2>&1 &&
	[ -f "$sn/state/baseline.multi_guest-oracle.done" ] && [ -s "$sn/parts/baseline/multi_guest.r3.json" ] &&
	ok "--job 'baseline multi_guest 3' before round 1: oracle pass, then the timed round" || not_ok "baseline round 3 first"
n --date=2026-01-03 --job="baseline large_pages" > /dev/null 2> "$tmp/s3" &&
	[ "$(ls "$sn"/parts/baseline/large_pages.r*.json | wc -l)" -eq 3 ] && grep -q 'round 3/3' "$tmp/s3" &&
	ok "the old job line 'baseline large_pages' runs its 3 rounds" || not_ok "old job line"
for r in 1 2; do n --date=2026-01-03 --job="baseline multi_guest $r" > /dev/null 2>&1; done
n --date=2026-01-03 --variants=baseline --merge 2> /dev/null
[ "$(grep -c '"run_type": "iteration"' "$sn/baseline.json" 2>/dev/null)" -eq $((3 * 3)) ] &&
	ok "--merge assembles the shards (3 benchmarks x 3 repetitions)" || not_ok "merge of shards: $(grep -c '"run_type": "iteration"' "$sn/baseline.json")"

# --rounds=1: one process takes all repetitions of a job (no count pass,
# whose kernel_bb* merge would add to the rows)
on=$tmp/r/2026-01-05/testhost
# and results/latest cannot be replaced (a directory): said so, no link left
mv "$tmp/r/latest" "$tmp/latest.saved" && mkdir -p "$tmp/r/latest/x"
n --date=2026-01-05 --rounds=1 --variants=baseline --suites=large_pages --no-report --no-cost > /dev/null 2> "$tmp/err7"
grep -q 'results/latest NOT updated' "$tmp/err7" && ! grep -q 'results/latest ->' "$tmp/err7" &&
	[ ! -e "$tmp/r/latest.tmp" ] && [ ! -L "$tmp/r/latest.tmp" ] && [ -d "$tmp/r/latest/x" ] &&
	ok "a results/latest that cannot be replaced: 'results/latest NOT updated', no latest.tmp left" ||
	{ not_ok "results/latest not replaceable"; grep latest "$tmp/err7" | sed 's/^/#   /'; }
rm -rf "$tmp/r/latest" && mv "$tmp/latest.saved" "$tmp/r/latest"
grep ' iteration$' <(rows "$on/parts/baseline/large_pages.r1.json") > "$tmp/r7"
grep -c 'round 1/1' "$tmp/err7" > /dev/null && [ "$(grep -c ' iteration$' <(rows "$on/baseline.json"))" -eq 2 ] &&
	! grep -qv '^ *3 ' "$tmp/r7" && [ -s "$tmp/r7" ] &&
	cmp -s <(grep '^      "' "$on/parts/baseline/large_pages.r1.json") <(grep '^      "' "$on/baseline.json") &&
	ok "--rounds=1: one part with the 3 repetitions and libcbench's aggregates, copied" || not_ok "--rounds=1"

# bad arguments name themselves
for a in --date=yesterday --repetitions=0 --rounds=0 --rounds=2 --variants=nosuch --frobnicate \
	"--job=baseline" "--job=baseline multi_guest 4" "--job=baseline multi_guest 1 x" --pin=x --pin=999 --exit-on=baseline --job-timeout=0 \
	--job-memory=lots; do
	out=$(n "$a" 2>&1 < /dev/null)
	[ $? -eq 2 ] && [[ $out == *"${a%%=*}"* ]] && ok "bad argument $a: exit 2, named" || { not_ok "bad argument $a"; diag "$out"; }
done
done_testing
