#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bad input and bad benchmarks: malformed and unknown flags, a filter that
# does not compile, an unwritable --benchmark_out, skip_with_error, a crash
# under --benchmark_repetitions (the output file is never half-written),
# perf counters that exist and that do not, --cbench_pin.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
cb=$top/build/libcbench/tests/fixture-cb
ex=$top/build/libcbench/tests/example-san
work=$(mktemp -d "$top/build/libcbench/tests/robust.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mt=--benchmark_min_time=0.002

# expect_fail NAME PATTERN ARGS...: exit 1, stderr matches, nothing run
expect_fail() {
	local name=$1 pat=$2
	shift 2
	"$cb" "$@" > out.txt 2> err.txt
	local rc=$?
	if [ $rc -eq 1 ] && grep -qE -- "$pat" err.txt && ! grep -q '^BM_' out.txt; then
		ok "$name: exit 1, $(head -n 1 err.txt | cut -c1-100)"
	else
		not_ok "$name (rc $rc)"
		head -n 3 err.txt | sed 's/^/#   /'
	fi
}

expect_fail "unknown --benchmark_ flag" 'unrecognized command-line flag: --benchmark_bogus=1' --benchmark_bogus=1
expect_fail "unknown --cbench_ flag" 'unrecognized command-line flag: --cbench_nope' --cbench_nope
expect_fail "malformed --benchmark_min_time" 'benchmark_min_time: expected a number, got "abc"' --benchmark_min_time=abc
expect_fail "malformed --benchmark_repetitions" 'benchmark_repetitions: expected an integer, got "3x"' --benchmark_repetitions=3x
expect_fail "--benchmark_repetitions=0" 'benchmark_repetitions: must be at least 1' --benchmark_repetitions=0
expect_fail "bad --benchmark_format" 'benchmark_format: expected console, json or csv, got "xml"' --benchmark_format=xml
expect_fail "bad --benchmark_out_format" 'benchmark_out_format' --benchmark_out_format=yaml
expect_fail "bad --benchmark_time_unit" 'benchmark_time_unit: expected ns, us, ms or s' --benchmark_time_unit=ps
expect_fail "malformed --benchmark_context" 'benchmark_context: expected key=value' --benchmark_context=novalue
expect_fail "--benchmark_context with two '=' (1.7.1 rejects it too)" 'benchmark_context: expected key=value, got "a=b=c"' \
	--benchmark_context=x=1,a=b=c
expect_fail "--benchmark_context with an empty element" 'benchmark_context: expected key=value, got ""' \
	--benchmark_context=a=1,,b=2
for k in date host_name cpu_model library_build_type cbench_pin; do
	expect_fail "--benchmark_context=$k=... (a key the library writes)" \
		"benchmark_context: key \"$k\" is one the library writes itself" \
		--benchmark_context=x=1,"$k"=mine
done
"$cb" --benchmark_context=dates=1,cpu_models=2 $mt '--benchmark_filter=BM_sum/8$' \
	--benchmark_format=json > ctx.json 2> ctx.err
if grep -q '"dates": "1"' ctx.json && grep -q '"cpu_models": "2"' ctx.json &&
	[ "$(grep -c '"date":' ctx.json)" = 1 ] && [ "$(grep -c '"cpu_model":' ctx.json)" -le 1 ]; then
	ok "keys that only start like built-in ones are kept, and the built-in ones stay single"
else
	not_ok "keys that only start like built-in ones"; head -n 3 ctx.err | sed 's/^/#   /'
fi
BENCHMARK_MIN_TIME=fast "$cb" > out.txt 2> err.txt
rc=$?
[ $rc -eq 1 ] && grep -q 'BENCHMARK_MIN_TIME: expected a number' err.txt &&
	ok "malformed BENCHMARK_MIN_TIME in the environment names the variable" ||
	not_ok "malformed environment variable (rc $rc)"
expect_fail "a filter that does not compile" 'benchmark_filter: could not compile regular expression "\("' '--benchmark_filter=('
expect_fail "an argument the program does not know" 'unrecognized command-line flag: --frobnicate' --frobnicate
expect_fail "unwritable --benchmark_out" "benchmark_out=$work/no/such/dir/o.json: cannot write" \
	--benchmark_out="$work/no/such/dir/o.json"
"$cb" --benchmark_filter=nothing_matches > out.txt 2> err.txt
rc=$?
[ $rc -eq 0 ] && grep -q 'Failed to match any benchmarks against regex: nothing_matches' err.txt &&
	ok "no match: 1.7.1's message, exit 0" || not_ok "no match (rc $rc)"

# skip_with_error: reported, the rest of the run goes on
"$cb" $mt --benchmark_filter='BM_sum/8$|BM_err|BM_neg/0' --benchmark_out=skip.json > out.txt 2> err.txt
rc=$?
if [ $rc -eq 0 ] && grep -q "^BM_err  *ERROR OCCURRED: 'boom \"quoted\"'" out.txt &&
	grep -q '^BM_neg/0/' out.txt && grep -q '"error_occurred": true' skip.json; then
	ok "skip_with_error: reported, later benchmarks still run"
else
	not_ok "skip_with_error (rc $rc)"
fi

# a crash under --benchmark_repetitions: a clear message, no half file
echo '{"previous": "run"}' > crash.json
cp crash.json before.json
FIXTURE_CRASH=2 "$cb" $mt --benchmark_filter=BM_crash --benchmark_repetitions=3 \
	--benchmark_out=crash.json > out.txt 2> err.txt
rc=$?
if [ $rc -ne 0 ] && grep -q 'BM_crash/iterations:10 crashed (Segmentation fault) in repetition 2 of 3; --benchmark_out file not written' err.txt; then
	ok "crash: names the benchmark and repetition, exits non-zero"
else
	not_ok "crash message (rc $rc)"
	head -n 5 err.txt | sed 's/^/#   /'
fi
cmp -s crash.json before.json && ok "crash: the old --benchmark_out file is untouched" ||
	not_ok "crash: --benchmark_out file changed"
ls crash.json.tmp.* > /dev/null 2>&1 && not_ok "crash: temporary file left behind" ||
	ok "crash: no temporary file left behind"

# SIGTERM and SIGINT in the middle of a run: named, old file kept, no temporary
for sig in TERM INT; do
	cp before.json crash.json
	set -m # a background job of a script ignores SIGINT otherwise
	"$cb" --benchmark_filter='BM_sum/512$' --benchmark_min_time=30 --benchmark_repetitions=2 \
		--benchmark_out=crash.json > out.txt 2> err.txt &
	pid=$!
	set +m
	for _ in $(seq 100); do # until it runs the benchmark (its context is out)
		grep -q '^Load Average' err.txt 2> /dev/null && break
		sleep 0.1
	done
	sleep 0.3
	kill -$sig $pid
	wait $pid
	rc=$?
	name=Terminated
	[ $sig = INT ] && name=Interrupt
	if [ $rc -eq $((128 + $(kill -l $sig))) ] &&
		grep -q "BM_sum/512 stopped ($name) in repetition 1 of 2; --benchmark_out file not written" err.txt &&
		cmp -s crash.json before.json && ! ls crash.json.tmp.* > /dev/null 2>&1; then
		ok "SIG$sig during a run: named, exit status of the signal, old out file kept, no temporary file"
	else
		not_ok "SIG$sig during a run (rc $rc)"
		tail -n 2 err.txt | sed 's/^/#   /'
	fi
done

# a fatal misuse in a benchmark: named, and still no half file
cp before.json crash.json
FIXTURE_BAD_RANGE=1 "$cb" $mt --benchmark_filter=BM_neg/8/ --benchmark_out=crash.json > out.txt 2> err.txt
rc=$?
if [ $rc -eq 1 ] && grep -q 'BM_neg/8/iterations:10: cbench_range(st, 1) but the instance has 1 argument' err.txt &&
	cmp -s crash.json before.json && ! ls crash.json.tmp.* > /dev/null 2>&1; then
	ok "cbench_range past the arguments: error naming the instance, out file untouched"
else
	not_ok "cbench_range misuse (rc $rc)"
	head -n 3 err.txt | sed 's/^/#   /'
fi

# the out file appears whole, only at the end
"$cb" $mt --benchmark_filter='BM_sum/8$' --benchmark_out=whole.json > /dev/null 2>&1
tail -n 1 whole.json | grep -q '^}$' && ! ls whole.json.tmp.* > /dev/null 2>&1 &&
	ok "--benchmark_out written whole and renamed" || not_ok "--benchmark_out whole"

# perf counters: software events measured, unavailable ones a warning
"$cb" $mt --benchmark_filter='BM_sum/512$' --benchmark_format=json \
	--benchmark_perf_counters=task-clock,page-faults,context-switches > perf.json 2> err.txt
rc=$?
tc=$(grep '"task-clock"' perf.json | grep -oE '[0-9.]+e[+-][0-9]+' | head -n 1)
if [ $rc -eq 0 ] && grep -q '"page-faults"' perf.json && grep -q '"context-switches"' perf.json &&
	awk -v v="$tc" 'BEGIN { exit !(v > 10 && v < 1e6) }'; then
	ok "perf counters task-clock ($tc ns per iteration), page-faults, context-switches"
else
	not_ok "software perf counters (rc $rc, task-clock '$tc')"
	head -n 3 err.txt | sed 's/^/#   /'
fi
"$cb" $mt --benchmark_filter='BM_sum/8$' --benchmark_format=json \
	--benchmark_perf_counters=bogus-event,task-clock,nopmu/X/ > perf2.json 2> err.txt
rc=$?
if [ $rc -eq 0 ] && grep -q "bogus-event: unknown event" err.txt && grep -q 'nopmu/X/: no PMU "nopmu"' err.txt &&
	grep -q '"task-clock"' perf2.json && ! grep -q '"bogus-event"' perf2.json; then
	ok "unknown perf events: a warning each, the rest measured"
else
	not_ok "unknown perf events (rc $rc)"
	head -n 3 err.txt | sed 's/^/#   /'
fi
"$cb" $mt --benchmark_filter='BM_sum/8$' --benchmark_perf_counters=cycles > out.txt 2> err.txt
rc=$?
if [ $rc -eq 0 ] && grep -q '^BM_sum/8 ' out.txt; then
	if grep -q 'cycles: .*not measured' err.txt; then
		ok "hardware 'cycles' unavailable here: a warning, the run goes on"
	elif grep -q 'cycles=' out.txt; then
		ok "hardware 'cycles' measured on this machine"
	else
		not_ok "cycles: neither measured nor warned"
	fi
else
	not_ok "perf counter cycles (rc $rc)"
fi

# pinning through hwloc, recorded in the context
"$cb" $mt --benchmark_filter='BM_sum/8$' --benchmark_format=json --cbench_pin=0 > pin.json 2> err.txt
rc=$?
[ $rc -eq 0 ] && grep -q '"cbench_pin": "PU L#[0-9]* (OS CPU 0)"' pin.json &&
	ok "--cbench_pin=0 binds and is recorded in the context" || not_ok "--cbench_pin=0 (rc $rc)"
expect_fail "--cbench_pin to a CPU that does not exist" 'cbench_pin=4096: no such CPU' --cbench_pin=4096

# threads and counters on the example suite (sanitized), briefly
"$ex" --benchmark_min_time=0.002 --benchmark_format=json > ex.json 2> err.txt
rc=$?
n=$(grep -c '"run_type": "iteration"' ex.json)
if [ $rc -eq 0 ] && [ "$n" -ge 13 ] && grep -q '"name": "BM_walk/page"' ex.json &&
	grep -q '"suite": "cbench-example"' ex.json && grep -q '"threads": 2' ex.json; then
	ok "cbench-example runs: $n entries, run-time families, threads, custom context"
else
	not_ok "cbench-example (rc $rc, $n entries)"
fi

done_testing
