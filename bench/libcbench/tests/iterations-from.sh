#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# --cbench_iterations_from=FILE: the counts of an earlier result reused
# exactly in every repetition, with no estimation run (the benchmarks
# count every iteration they run), a benchmark the file lacks estimated,
# the file named in the context, bad files rejected with file:line.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cb=$top/build/libcbench/tests/iterations-from
work=$(mktemp -d "$top/build/libcbench/tests/iterfrom.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mt=--benchmark_min_time=0.01

# "run_name repetition_index iterations" of every iteration row of FILE
rows() {
	awk -F': ' '
		/"run_name"/ { gsub(/[",]/, "", $2); name = $2 }
		/"run_type"/ { gsub(/[",]/, "", $2); type = $2 }
		/"repetition_index"/ { gsub(/,/, "", $2); rep = $2 }
		/"iterations"/ && type == "iteration" {
			gsub(/,/, "", $2); print name, rep, $2 }' "$1"
}
# iterations NAME FILE: the first repetition's count
iterations() { rows "$2" | awk -v n="$1" '$1 == n && $2 == 0 { print $3 }'; }
# ran NAME ERRFILE: every iteration the benchmark ran, estimation included
ran() { awk -v n="$1" '$1 == "ran" && $2 == n { print $3 }' "$2"; }

# round 1: estimated as usual; the counting itself is checked (it sees
# the estimation runs)
"$cb" $mt --benchmark_filter='spin|threads' --benchmark_out=r1.json \
	> r1.out 2> r1.err
spin=$(iterations BM_spin r1.json)
thr=$(iterations BM_threads/threads:2 r1.json)
if [ -n "$spin" ] && [ "$(ran BM_spin r1.err)" -gt "$spin" ]; then
	ok "without the flag the count is estimated: ran $(ran BM_spin r1.err), reported $spin"
else
	not_ok "round 1: reported '$spin', ran '$(ran BM_spin r1.err)'"
fi

# round 2: 3 repetitions from round 1's file, BM_other not in it
"$cb" $mt --benchmark_repetitions=3 --cbench_iterations_from=r1.json \
	--benchmark_out=r2.json > r2.out 2> r2.err
rc=$?
[ $rc -eq 0 ] && ok "a run from r1.json exits 0" || not_ok "exit $rc: $(head -n 3 r2.err)"
for b in "BM_spin $spin" "BM_threads/threads:2 $thr"; do
	read -r name want <<< "$b"
	got=$(rows r2.json | awk -v n="$name" '$1 == n { printf "%s ", $3 }')
	if [ "$got" = "$want $want $want " ]; then
		ok "$name: every repetition runs r1.json's $want iterations"
	else
		not_ok "$name: repetitions ran '$got', r1.json has $want"
	fi
done
# nothing but the reported iterations: no estimation run
[ "$(ran BM_spin r2.err)" = $((3 * spin)) ] &&
	ok "BM_spin: no estimation, ran exactly 3 x $spin" ||
	not_ok "BM_spin ran $(ran BM_spin r2.err), expected $((3 * spin))"
[ "$(ran BM_threads/threads:2 r2.err)" = $((3 * thr)) ] &&
	ok "BM_threads/threads:2: no estimation, ran exactly 3 x $thr (summed over threads)" ||
	not_ok "BM_threads/threads:2 ran $(ran BM_threads/threads:2 r2.err), expected $((3 * thr))"
other=$(rows r2.json | awk '$1 == "BM_other" { s += $3 } END { print s + 0 }')
if [ "$other" -gt 3 ] && [ "$(ran BM_other r2.err)" -gt "$other" ]; then
	ok "BM_other, missing from r1.json, is estimated: ran $(ran BM_other r2.err), reported $other"
else
	not_ok "BM_other: reported $other, ran $(ran BM_other r2.err)"
fi
has r2.json '^    "cbench_iterations_from": "r1.json",?$' "the JSON context names the file"
has r2.err '^Iterations from: r1.json$' "the console context (stderr) names it too"
has r1.json '"run_name"' "(r1.json has rows)"
if ! grep -q cbench_iterations_from r1.json; then
	ok "without the flag the context has no cbench_iterations_from"
else
	not_ok "r1.json names cbench_iterations_from"
fi

# the environment variable, as every flag; a file of several repetitions
# gives its first one's count
CBENCH_ITERATIONS_FROM=r2.json "$cb" $mt --benchmark_filter=spin \
	--benchmark_out=r3.json > /dev/null 2> r3.err
[ "$(iterations BM_spin r3.json)" = "$spin" ] && [ "$(ran BM_spin r3.err)" = "$spin" ] &&
	ok "CBENCH_ITERATIONS_FROM, a file of 3 repetitions: $spin, once" ||
	not_ok "CBENCH_ITERATIONS_FROM: reported $(iterations BM_spin r3.json), ran $(ran BM_spin r3.err)"

# bad files: exit 1, file:line:col, nothing run and no output written
expect_bad() { # name pattern file
	rm -f bad.out.json
	"$cb" $mt --cbench_iterations_from="$3" --benchmark_out=bad.out.json \
		> bad.out 2> bad.err
	local rc=$?
	if [ $rc -eq 1 ] && grep -qE -- "$2" bad.err && ! grep -q '^BM_' bad.out &&
		[ ! -e bad.out.json ]; then
		ok "$1: exit 1, $(head -n 1 bad.err | cut -c1-110)"
	else
		not_ok "$1 (rc $rc)"
		head -n 3 bad.err | sed 's/^/#   /'
	fi
}
expect_bad "a missing file" 'iterations_from: nope.json: .*No such file' nope.json
printf '{\n  "benchmarks": [\n    {"run_name": "BM_spin",\n' > cut.json
expect_bad "a truncated file" 'iterations_from: cut.json:[0-9]+:[0-9]+: ' cut.json
printf '{\n  "context": {}\n}\n' > nobench.json
expect_bad "no benchmarks array" 'iterations_from: nobench.json:1:1: expected a Google Benchmark JSON' nobench.json
printf '{"benchmarks": [\n  {"run_name": "BM_spin", "run_type": "iteration",\n   "iterations": 2.5}\n]}\n' > frac.json
expect_bad "fractional iterations" 'iterations_from: frac.json:3:18: expected "iterations"' frac.json
printf '{"benchmarks": [\n  {"run_name": "BM_spin", "iterations": 0}\n]}\n' > zero.json
expect_bad "0 iterations" 'zero.json:2:41: expected "iterations"' zero.json
printf '{"benchmarks": [\n  {"iterations": 10}\n]}\n' > noname.json
expect_bad "no run_name" 'noname.json:2:3: expected a string "run_name"' noname.json
printf '{"benchmarks": [\n  {"run_name": "BM_threads/threads:2", "threads": 2, "iterations": 7}\n]}\n' > odd.json
expect_bad "iterations not a multiple of threads" 'odd.json:2:[0-9]+: "iterations" is not a multiple' odd.json
printf '{"benchmarks": [\n  {"run_name": "BM_spin", "iterations": 7},\n  {"run_name": "BM_spin", "iterations": 8}\n]}\n' > twice.json
expect_bad "two first repetitions of one benchmark" 'twice.json: two first repetitions of BM_spin' twice.json

done_testing
