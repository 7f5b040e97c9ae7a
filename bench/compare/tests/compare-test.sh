#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# gmapbench-compare (its ASan/UBSan build) on the fixtures: the modes, the
# verdicts and exit statuses, bad input, and Google Benchmark's compare.py.
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

cmp=build/tests/gmapbench-compare-san
get=build/tests/json-get
fx=bench/compare/tests/fixtures/results
night=$fx/2026-11-24/zsim1
tmp=$(mktemp -d build/tests/compare-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME-OF-OUTPUT ARGS...: output in $tmp/NAME.out/.err, status in $rc
	local name=$1
	shift
	"$cmp" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	rc=$?
}
expect_rc() { # expect_rc WANT NAME DESCRIPTION
	if [ "$rc" -eq "$1" ]; then ok "$3 (exit $rc)"; else
		not_ok "$3 (exit $rc, want $1)"
		sed 's/^/#   /' "$tmp/$2.err" | head -n 20
	fi
}

# ---- two files ----
run files "$night/baseline.json" "$night/pgt-prefill.json"
expect_rc 1 files "baseline -> pgt-prefill: behaviour changes give exit 1"
has "$tmp/files.out" '^table_creation/span_gib:64 +real_time .*-39\.[0-9]+% \* ' \
	"the 40% faster table creation is marked significant (*)"
has "$tmp/files.out" '^table_creation/span_gib:64 +exits_l0 +16384 -> 1024 +-93\.75% +BEHAVIOUR' \
	"exits_l0 16384 -> 1024 is a behaviour change with old and new values"
has "$tmp/files.out" '^pte_churn/interval:16 +real_time .*%   +[0-9.e-]+$' \
	"an unchanged benchmark has no *"
has "$tmp/files.out" '^status: improved' "status improved: faster, and counters changed (improved outranks changed)"

run same "$night/baseline.json" "$night/baseline.json"
expect_rc 0 same "a file against itself: nothing significant"
has "$tmp/same.out" '^status: ok' "status ok"
run noop "$night/baseline.json" "$night/noop-cleanup.json"
expect_rc 0 noop "baseline -> noop-cleanup: noise only"

run lazy --format=json -o "$tmp/lazy.json" "$night/baseline.json" "$night/lazy-unshadow.json"
expect_rc 1 lazy "baseline -> lazy-unshadow: a regression gives exit 1"
check "-o wrote valid JSON" "$get" "$tmp/lazy.json" .comparisons
[ -z "$(find "$tmp" -maxdepth 1 -name '*.tmp.*')" ] && ok "-o left no temporary file" || not_ok "-o left a temporary file"
[ "$("$get" "$tmp/lazy.json" .comparisons[0].status)" = regressed ] &&
	ok "JSON: status regressed" || not_ok "JSON: status regressed"
reg=$("$get" "$tmp/lazy.json" '.comparisons[0].timings[*].benchmark .comparisons[0].timings[*].metric .comparisons[0].timings[*].verdict' | grep regression)
[ "$reg" = "pte_churn/interval:16 real_time regression
pte_churn/interval:16 cpu_time regression" ] && ok "JSON: exactly pte_churn real and cpu time regressed" ||
	{ not_ok "JSON: exactly pte_churn real and cpu time regressed"; diag "$reg"; }
[ "$("$get" "$tmp/lazy.json" .comparisons[0].counters#)" = 2 ] &&
	[ "$("$get" "$tmp/lazy.json" .comparisons[0].counters[1].counter)" = unshadow_pgt ] &&
	[ "$("$get" "$tmp/lazy.json" .comparisons[0].counters[1].new)" = 64 ] &&
	ok "JSON: two counter changes, unshadow_pgt 0 -> 64" || not_ok "JSON: counter changes"

run wrong "$night/baseline.json" "$night/broken-flush.json"
expect_rc 1 wrong "baseline -> broken-flush"
has "$tmp/wrong.out" 'oracle_mismatches = 3 in broken-flush +WRONG' "oracle_mismatches > 0 is WRONG"
has "$tmp/wrong.out" '^status: wrong' "status wrong"

# ---- one night against its baseline, with history ----
run night --format=verdict --history="$fx" --until=2026-11-24 --host=zsim1 \
	--write=summary:"$tmp/summary.txt" "$night"
expect_rc 1 night "the night: exit 1"
v=$tmp/night.out
st=""
for x in baseline pgt-prefill lazy-unshadow broken-flush noop-cleanup edat-shadow; do
	st="$st $x=$("$get" "$v" ".variants.$x.status")"
done
[ "$st" = " baseline= pgt-prefill=improved lazy-unshadow=regressed broken-flush=wrong noop-cleanup=ok edat-shadow=failed" ] &&
	ok "verdict per variant:$st" || not_ok "verdict per variant:$st"
[ "$("$get" "$v" .variants.edat-shadow.failed.what)" = build ] &&
	"$get" "$v" .variants.edat-shadow.failed.log_tail | grep -q 'Hunk #3 FAILED' &&
	ok "the failed variant carries the tail of its log" || not_ok "failed variant log tail"
has "$tmp/summary.txt" '^broken-flush: WRONG' "summary: the wrong variant comes first"
grep -qx 'pgt-prefill: -93.8% exits_l0 on table_creation/span_gib:64 vs baseline' "$tmp/summary.txt" &&
	ok "summary: pgt-prefill: -93.8% exits_l0 on table_creation/span_gib:64 vs baseline" ||
	{ not_ok "summary headline of pgt-prefill"; head -n 6 "$tmp/summary.txt" | sed 's/^/#   /'; }
has "$tmp/summary.txt" '^Jobs that did not end done:' "summary: the jobs that did not end done"
cps=$("$get" "$v" '.change_points[*].night .change_points[*].variant .change_points[*].benchmark .change_points[*].metric')
echo "$cps" | grep -qx '2026-11-21 baseline table_creation/span_gib:512 real_time' &&
	ok "history: the +15% step of 2026-11-21 is a change point" ||
	{ not_ok "history: step change point"; diag "$cps"; }
echo "$cps" | grep -q ' baseline region_rewrite/levels:3 real_time' &&
	ok "history: the slow drift of region_rewrite is found" || not_ok "history: drift"
echo "$cps" | grep -q 'table_creation/span_gib:64' &&
	not_ok "history: no change point where there is none (span_gib:64)" ||
	ok "history: no change point where there is none (span_gib:64)"
run night2 --format=verdict --history="$fx" --until=2026-11-24 --host=zsim1 "$night"
cmp -s "$tmp/night.out" "$tmp/night2.out" && ok "the whole verdict is deterministic" ||
	not_ok "the whole verdict is deterministic"
run floor --noise-floor=10 --history="$fx"
expect_rc 0 floor "history alone with --noise-floor=10"
! grep -q 'region_rewrite' "$tmp/floor.out" && grep -q 'baseline table_creation/span_gib:512 real_time: .* (+14\.' "$tmp/floor.out" &&
	ok "--noise-floor=10 drops the 8% drift, keeps the 15% step" || { not_ok "--noise-floor=10 in the history"; sed 's/^/#   /' "$tmp/floor.out"; }
run early --format=json --history="$fx" --until=2026-11-20 --host=zsim1
expect_rc 0 early "history alone until 2026-11-20"
[ "$("$get" "$tmp/early.out" .history_nights)" = 4 ] && ok "--until keeps 4 nights" || not_ok "--until keeps 4 nights"

# ---- two nights: each variant against itself ----
run nights "$fx/2026-11-23/zsim1" "$night"
expect_rc 0 nights "2026-11-23 -> 2026-11-24 for the common variants: nothing significant"
has "$tmp/nights.out" '^2026-11-23 -> pgt-prefill \(vs previous\)' "previous-night comparison of pgt-prefill"
run nights2 "$fx/2026-11-20/zsim1" "$fx/2026-11-21/zsim1"
expect_rc 1 nights2 "2026-11-20 -> 2026-11-21: the step is a regression"
has "$tmp/nights2.out" '^table_creation/span_gib:512 +real_time .*\+1[0-9]\.[0-9]+% \*' "the +15% step is significant"

# ---- --exit-on: whether differences from the baseline make the exit 1 ----
cp -r "$night" "$tmp/clean-night"
rm -f "$tmp/clean-night/broken-flush.json" "$tmp/clean-night"/state/edat-shadow.*
run clean_all --exit-on=all "$tmp/clean-night"
expect_rc 1 clean_all "a night whose lazy-unshadow regressed against baseline: exit 1 with --exit-on=all"
run clean_prev --format=verdict "$tmp/clean-night"
expect_rc 0 clean_prev "... 0 by default, --exit-on=previous (no wrong or failed variant, no previous night)"
[ "$("$get" "$tmp/clean_prev.out" .exit_status)" = 0 ] &&
	"$get" "$tmp/clean_prev.out" '.exit_status_meaning.1' | grep -q 'against the previous night' &&
	[ "$("$get" "$tmp/clean_prev.out" .variants.lazy-unshadow.status)" = regressed ] &&
	ok "... and its verdict says so, still naming lazy-unshadow regressed" ||
	not_ok "verdict of --exit-on=previous"
run night_prev --exit-on=previous "$night"
expect_rc 1 night_prev "--exit-on=previous: a wrong and a failed variant still make it 1"
run nights2_prev --exit-on=previous "$fx/2026-11-20/zsim1" "$fx/2026-11-21/zsim1"
expect_rc 1 nights2_prev "--exit-on=previous: the step between two nights still makes it 1"
run exit_bad --exit-on=baseline "$night"
expect_rc 2 exit_bad "--exit-on=baseline: bad input"
has "$tmp/exit_bad.err" "--exit-on=baseline: expected 'all' or 'previous'" "... and the error names the flag"

# ---- a night whose baseline failed still reports ----
cp -r "$night" "$tmp/nobase-night"
mv "$tmp/nobase-night/baseline.json" "$tmp/nobase-night/state/"
echo "Segmentation fault in table_creation" > "$tmp/nobase-night/state/baseline.table_creation.failed"
run basefail --format=summary --previous="$fx/2026-11-23/zsim1" "$tmp/nobase-night"
expect_rc 1 basefail "a night whose baseline failed: exit 1, not bad input"
has "$tmp/basefail.out" '^baseline: FAILED \(table_creation\)' "... and the summary says the baseline failed"
has "$tmp/basefail.out" 'Segmentation fault in table_creation' "... with the tail of its log"
seq -f 'log line %g' 25 > "$tmp/nobase-night/state/baseline.table_creation.failed"
run basefail25 --format=summary "$tmp/nobase-night"
tail_shown=$(awk '/^  baseline \(/ { on = 1; next } on && sub(/^    \| /, "") { print; next } { on = 0 }' "$tmp/basefail25.out")
[ "$tail_shown" = "$(seq -f 'log line %g' 16 25)" ] &&
	ok "a 25-line log: the summary shows its last 10 lines, no empty one" ||
	{ not_ok "summary log tail"; diag "$tail_shown"; }

# ---- an unreadable variant file in a night fails that variant only ----
cp -r "$night" "$tmp/corrupt-night"
head -c 2000 "$night/noop-cleanup.json" > "$tmp/corrupt-night/noop-cleanup.json"
run corrupt --format=verdict "$tmp/corrupt-night"
expect_rc 1 corrupt "a truncated variant file in a night: exit 1"
[ "$("$get" "$tmp/corrupt.out" .variants.noop-cleanup.status .variants.noop-cleanup.failed.what .variants.pgt-prefill.status)" = "failed
results
improved" ] && ok "... that variant failed (results), the others are judged" || not_ok "truncated variant in a night"
has "$tmp/corrupt.err" 'noop-cleanup\.json:[0-9]+:[0-9]+: ' "... and the error names file, line and column"

# ---- a benchmark that the new file lacks ----
printf '{"context": {}, "benchmarks": [\n  {"name": "a/1", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns"},\n  {"name": "b/1", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns"}\n]}\n' > "$tmp/ab.json"
printf '{"context": {}, "benchmarks": [\n  {"name": "a/1", "run_type": "iteration", "real_time": 1, "cpu_time": 1, "time_unit": "ns"},\n  {"name": "b/1", "error_occurred": true, "error_message": "setup failed"}\n]}\n' > "$tmp/aerr.json"
run lost "$tmp/ab.json" "$tmp/aerr.json"
expect_rc 1 lost "a benchmark that errored in the new file: exit 1"
has "$tmp/lost.out" '^only in ab: b/1' "... and it is named"
run gained "$tmp/aerr.json" "$tmp/ab.json"
expect_rc 0 gained "a benchmark that works again: exit 0"

# ---- the noise floor is max(5%, 2 x CV of the old sample) ----
cvfile() { # cvfile FACTOR: 20 repetitions alternating 960/1040 (CV 4.1%) x FACTOR
	printf '{"context": {}, "benchmarks": [\n'
	for r in $(seq 0 19); do
		v=$(awk -v r="$r" -v f="$1" 'BEGIN { printf "%.6f", (r % 2 ? 1040 : 960) * f }')
		printf '  {"name": "a/1", "run_type": "iteration", "repetition_index": %d, "real_time": %s, "cpu_time": %s, "time_unit": "ns"}%s\n' \
			"$r" "$v" "$v" "$([ "$r" = 19 ] || echo ,)"
	done
	echo ']}'
}
cvfile 1 > "$tmp/cv-old.json"
cvfile 1.06 > "$tmp/cv-six.json"
cvfile 1.10 > "$tmp/cv-ten.json"
run cvsix "$tmp/cv-old.json" "$tmp/cv-six.json"
expect_rc 0 cvsix "+6% at p < 0.05 in a sample with CV 4.1%: below 2 x CV, not significant"
has "$tmp/cvsix.out" '^a/1 +real_time .*\+6\.00%   +0\.00[0-9]+$' "... the row has p < 0.05 and no *"
run cvten "$tmp/cv-old.json" "$tmp/cv-ten.json"
expect_rc 1 cvten "+10% in the same noise: above 2 x CV, a regression"
has "$tmp/cvten.out" '^a/1 +real_time .*\+10\.00% \* ' "... marked *"

# ---- the headline weighs a drop like a rise; warnings from the context ----
wfile() { # wfile CONTEXT EXITS_L0 SHADOW_PTE: five repetitions of a/1
	printf '{"context": {"num_cpus": 2, "load_avg": [0.1, 0.1, 0.1], "library_build_type": "release", %s},\n "benchmarks": [\n' "$1"
	for r in 0 1 2 3 4; do
		printf '  {"name": "a/1", "run_type": "iteration", "repetition_index": %d, "real_time": %d, "cpu_time": %d, "time_unit": "ns", "exits_l0": %s, "shadow_pte": %s}%s\n' \
			$r $((1000 + r)) $((1000 + r)) "$2" "$3" "$([ $r = 4 ] || echo ,)"
	done
	echo ']}'
}
wfile '"variant": "old", "cbench_pin": "PU L#1 (OS CPU 1)", "gmapbench_commit": "abc1234"' 100 100 > "$tmp/w-old.json"
wfile '"variant": "new", "kernel_base": "linux-source-6.1 6.1.192", "kernel_release": "6.8.0-kvm", "cbench_pin": "PU L#1 (OS CPU 1)", "gmapbench_commit": "abc1234-dirty", "sanitizers": "address,undefined", "gmap_check": "true"' 1 250 > "$tmp/w-new.json"
run headline --format=summary "$tmp/w-old.json" "$tmp/w-new.json"
grep -qx 'new: -99.0% exits_l0 on a/1 vs old' "$tmp/headline.out" &&
	ok "headline: a 100-fold drop outweighs a 2.5-fold rise" ||
	{ not_ok "headline: a 100-fold drop outweighs a 2.5-fold rise"; head -n 1 "$tmp/headline.out" | sed 's/^/#   /'; }
run warnings --format=markdown "$tmp/w-old.json" "$tmp/w-new.json"
has "$tmp/warnings.out" '^> \*\*Warning\*\* \(new\): built with sanitizers \(address,undefined\)' "warning: a sanitizer build"
has "$tmp/warnings.out" '^> \*\*Warning\*\* \(new\): the oracle was on' "warning: the oracle on during the timed run"
has "$tmp/warnings.out" '^> \*\*Warning\*\* \(new\): built from a tree with uncommitted changes \(abc1234-dirty\)' "warning: a -dirty commit"
grep -q 'Warning\*\* (old)' "$tmp/warnings.out" && { not_ok "no warning for a clean, pinned run"; grep 'Warning' "$tmp/warnings.out" | sed 's/^/#   /'; } ||
	ok "no warning for a clean, pinned run"
has "$tmp/warnings.out" '^\| old \|.*\| PU L#1 \(OS CPU 1\) \|' "libcbench's cbench_pin is the pinning"
has "$tmp/warnings.out" '^\| new \| linux-source-6\.1 6\.1\.192 \(running 6\.8\.0-kvm\) \| abc1234-dirty \|' "the running kernel (host/kvm) beside the kernel base"

# ---- bad input: exit 2 and a message naming the file and the problem ----
printf '{"context": {}, "benchmarks": [\n  {"name": "a", "run_type": "iteration", "real_time": 1,\n   "time_unit": "ns"}\n]}\n' > "$tmp/nocpu.json"
printf '{"context": {},\n "benchmarks": [1, 2,]}\n' > "$tmp/broken.json"
printf '{"benchmark": []}\n' > "$tmp/other.json"
run missing "$tmp/nope.json" "$night/baseline.json"
expect_rc 2 missing "a missing file"
has "$tmp/missing.err" 'nope\.json: No such file' "... is named"
run broken "$tmp/broken.json" "$night/baseline.json"
expect_rc 2 broken "malformed JSON"
has "$tmp/broken.err" 'broken\.json:2:22: .*unexpected' "... named with line and column"
run other "$night/baseline.json" "$tmp/other.json"
expect_rc 2 other "JSON that is not Google Benchmark's"
has "$tmp/other.err" 'other\.json: not Google Benchmark JSON \(no "benchmarks" array\)' "... says so"
run nocpu "$tmp/nocpu.json" "$night/baseline.json"
expect_rc 2 nocpu "an entry without cpu_time"
has "$tmp/nocpu.err" 'nocpu\.json:2: benchmarks\[0\] \(a\): missing key "cpu_time"' "... names file, line and key"
run nobase --baseline=nosuch "$night"
expect_rc 2 nobase "--baseline of a variant that is not there"
has "$tmp/nobase.err" "no results of the baseline variant 'nosuch'" "... says which"
run badopt --alpha=2 "$night"
expect_rc 2 badopt "--alpha=2"
has "$tmp/badopt.err" '--alpha=2: expected a number' "... names the flag"
run badfmt --format=xml "$night"
expect_rc 2 badfmt "--format=xml"

# ---- JSON written by Google Benchmark 1.7.1 itself ----
if g++ -O1 -o "$tmp/gb" bench/compare/tests/gbench_format.cc -lbenchmark -lpthread 2> "$tmp/gb.err"; then
	gbrun() { "$tmp/gb" --benchmark_repetitions=5 --benchmark_min_time=0.001 \
		--benchmark_out="$tmp/$1.json" --benchmark_out_format=json \
		--benchmark_context=variant="$1" > /dev/null 2>&1; }
	gbrun gb-a && gbrun gb-b && GBENCH_EXITS_SHIFT=1 gbrun gb-c
	run gbsame "$tmp/gb-a.json" "$tmp/gb-b.json"
	[ "$rc" -ne 2 ] && grep -Eq '^table_creation/span_gib:512 +real_time' "$tmp/gbsame.out" &&
		! grep -q BEHAVIOUR "$tmp/gbsame.out" &&
		ok "Google Benchmark 1.7.1 JSON is read (exit $rc), equal counters are no change" ||
		{ not_ok "Google Benchmark 1.7.1 JSON (exit $rc)"; sed 's/^/#   /' "$tmp/gbsame.err"; }
	run gbexits "$tmp/gb-a.json" "$tmp/gb-c.json"
	expect_rc 1 gbexits "Google Benchmark 1.7.1 JSON: a changed exits_l0 is found"
	has "$tmp/gbexits.out" '^table_creation/span_gib:64 +exits_l0 +16384 -> 1024 ' "... as 16384 -> 1024 between variants gb-a and gb-c"
else
	not_ok "cannot build a Google Benchmark program (libbenchmark-dev)"
	sed 's/^/#   /' "$tmp/gb.err" | head -n 10
fi

# ---- Google Benchmark's own compare.py reads our files ----
cpy=$(dpkg -L libbenchmark-tools 2> /dev/null | grep -m 1 '/compare\.py$')
cpy=${cpy:-/usr/share/benchmark/compare.py}
py=$(/usr/bin/python3 "$cpy" benchmarks "$night/baseline.json" "$night/pgt-prefill.json" 2>&1)
rc=$?
[ $rc -eq 0 ] && ok "compare.py benchmarks A B succeeds" || { not_ok "compare.py benchmarks A B (exit $rc)"; echo "$py" | tail -n 5 | sed 's/^/#   /'; }
n=0
for b in table_creation/span_gib:64 table_creation/span_gib:512 pte_churn/interval:16 region_rewrite/levels:3; do
	echo "$py" | grep -q "${b}_pvalue" && n=$((n + 1))
done
[ $n -eq 4 ] && ok "compare.py lists all 4 benchmarks with a U test p-value" || not_ok "compare.py lists the benchmarks ($n of 4)"
# ... and agrees with us: its U test p-values (scipy) and its change of the
# means, per benchmark, real and CPU time, to 1e-9
for v in pgt-prefill lazy-unshadow; do
	/usr/bin/python3 "$cpy" --no-color -d "$tmp/cpy-$v.json" \
		benchmarks "$night/baseline.json" "$night/$v.json" > /dev/null 2>&1
	run "our-$v" --format=json "$night/baseline.json" "$night/$v.json"
	{
		"$get" "$tmp/cpy-$v.json" '[*].name [*].utest.time_pvalue [*].utest.cpu_pvalue' |
			awk 'NF == 3 { print "p", $1, "real_time", $2; print "p", $1, "cpu_time", $3 }'
		"$get" "$tmp/cpy-$v.json" '[*].name [*].measurements[0].time [*].measurements[0].cpu' |
			awk '$1 ~ /_mean$/ { sub(/_mean$/, "", $1); printf "c %s real_time %.17g\nc %s cpu_time %.17g\n", $1, $2 * 100, $1, $3 * 100 }'
	} | sort > "$tmp/cpy-$v.tsv"
	"$get" "$tmp/our-$v.out" '.comparisons[0].timings[*].benchmark .comparisons[0].timings[*].metric .comparisons[0].timings[*].p .comparisons[0].timings[*].change_pct' |
		awk '{ print "p", $1, $2, $3; print "c", $1, $2, $4 }' | sort > "$tmp/our-$v.tsv"
	diffs=$(join -j1 <(awk '{ print $1 "/" $2 "/" $3, $4 }' "$tmp/cpy-$v.tsv") \
		<(awk '{ print $1 "/" $2 "/" $3, $4 }' "$tmp/our-$v.tsv") |
		awk '{ d = $2 - $3; if (d < 0) d = -d; if (d > 1e-9) print; n++ } END { print "rows", n + 0 }')
	[ "$diffs" = "rows 16" ] &&
		ok "compare.py and we agree on $v: 8 p-values and 8 changes of the mean to 1e-9" ||
		{ not_ok "compare.py and we disagree on $v"; diag "$diffs"; }
done

# ---- files the gmapbench binaries write (libcbench), not fixtures ----
gm() { # gm VARIANT RUN: multi_guest, 5 repetitions
	build/bin/gmapbench-"$1" --benchmark_filter=multi_guest --benchmark_repetitions=5 \
		--benchmark_min_time=0.001 --benchmark_out="$tmp/gm-$2.json" \
		--benchmark_out_format=json > /dev/null 2>> "$tmp/gm.err"
}
if gm baseline a && gm baseline b && gm pgt-prefill c; then
	run gmsame "$tmp/gm-a.json" "$tmp/gm-b.json"
	[ "$rc" -ne 2 ] && grep -Eq '^multi_guest/.* +real_time ' "$tmp/gmsame.out" && ! grep -q BEHAVIOUR "$tmp/gmsame.out" &&
		ok "two runs of gmapbench-baseline: read (exit $rc), the counters are the same" ||
		{ not_ok "two runs of gmapbench-baseline (exit $rc)"; sed 's/^/#   /' "$tmp/gmsame.err" "$tmp/gmsame.out" | head -n 20; }
	run gmvar "$tmp/gm-a.json" "$tmp/gm-c.json"
	[ "$rc" -eq 1 ] && grep -Eq '^multi_guest/.* +exits_l0 +[0-9]+ -> [0-9]+ .*BEHAVIOUR' "$tmp/gmvar.out" &&
		ok "gmapbench-baseline -> gmapbench-pgt-prefill: the exits_l0 change is found" ||
		{ not_ok "baseline -> pgt-prefill on real files (exit $rc)"; head -n 20 "$tmp/gmvar.out" | sed 's/^/#   /'; }
	out=$(/usr/bin/python3 "$cpy" --no-color benchmarks "$tmp/gm-a.json" "$tmp/gm-c.json" 2>&1)
	[ $? -eq 0 ] && echo "$out" | grep -Eq '^multi_guest/[^ ]*_pvalue +[0-9.]+ +[0-9.]+ +U Test, Repetitions: 5 vs 5' &&
		ok "compare.py reads what gmapbench writes, with its U test" ||
		{ not_ok "compare.py on gmapbench's own files"; echo "$out" | tail -n 5 | sed 's/^/#   /'; }
else
	not_ok "gmapbench-baseline/pgt-prefill did not run (make check builds them)"
	tail -n 5 "$tmp/gm.err" | sed 's/^/#   /'
fi

done_testing
