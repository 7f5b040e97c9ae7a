#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmapbench-merge -c/-F/-f: a count pass's kernel_bb* counters land on
# every row of their benchmark (iterations and aggregates, in the counters'
# sorted place; 0 in _stddev and _cv), and its functions are gathered.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
jget=$top/build/tests/json-get
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
f='^pte_churn/'

"$bin/gmapbench-baseline" --benchmark_filter="$f" --benchmark_min_time=0 \
	--benchmark_repetitions=2 --benchmark_out=t.json --benchmark_out_format=json > /dev/null 2>&1
"$bin/gmapbench-baseline" --gmap_cost_out=funcs.json --benchmark_filter="$f" \
	--benchmark_min_time=0 --benchmark_repetitions=1 --benchmark_out=cost.json \
	--benchmark_out_format=json > /dev/null 2>&1
check "a timed run and a count pass" test -s t.json -a -s cost.json -a -s funcs.json
check "split into rounds" "$bin/gmapbench-merge" -s -o t t.json
check "merge -c -F -f" "$bin/gmapbench-merge" -o m.json -c cost.json -F funcs.json \
	-f m.functions.json t.r1.json t.r2.json

# every row: the count pass's value (0 for stddev and cv)
want=$(awk -F'"' '/"name":/ {b = $4} /"kernel_bb":/ {v = $3; gsub(/[ :,]/, "", v); print b, v}' cost.json)
bad=0 rows=0
while read -r name agg bb; do
	rows=$((rows + 1))
	exp=$(awk -v b="${name%_*}" -v n="$name" '$1 == b || $1 == n {print $2 + 0}' <<< "$want")
	case $agg in stddev | cv) exp=0 ;; esac
	awk -v a="$bb" -v e="$exp" 'BEGIN {exit !(e != "" && a != "" && a + 0 == e + 0)}' ||
		{ bad=$((bad + 1)); diag "$name ($agg): kernel_bb '$bb', want $exp"; }
done < <(awk -F'"' '/^    \{/ {n = ""; a = "-"; k = ""} /^      "name":/ {n = $4}
	/^      "aggregate_name":/ {a = $4} /^      "kernel_bb":/ {k = $3; gsub(/[ :,]/, "", k)}
	/^    \}/ {print n, a, k}' m.json)
n=$(grep -c '"run_type"' m.json)
[ $bad -eq 0 ] && [ "$rows" -eq "$n" ] && [ "$n" -ge 12 ] &&
	ok "all $n rows carry the count pass's kernel_bb (0 in stddev and cv)" ||
	not_ok "kernel_bb on every row ($rows of $n rows, $bad wrong)"
[ "$(grep -c '"kernel_bb_gmap"' m.json)" -eq "$n" ] && ok "and kernel_bb_gmap" ||
	not_ok "kernel_bb_gmap on every row"
# counters stay sorted within each row
unsorted=$(awk '/^    \{/ {prev = ""; seen = 0} /^      "[a-z_]+": [-0-9.e+]+,?$/ {
	split($0, a, "\""); if (seen && prev != "" && a[2] < prev) print a[2] " after " prev;
	prev = a[2]} /"time_unit"/ {seen = 1; prev = ""}' m.json | head -n 3)
[ -z "$unsorted" ] && ok "the counters stay in sorted order" ||
	{ not_ok "the counters stay in sorted order"; diag "$unsorted"; }
b=$("$jget" funcs.json '.#')
cmp -s funcs.json m.functions.json && [ "$b" -ge 2 ] &&
	ok "-f gathers the functions of $b benchmarks, as written" ||
	{ not_ok "-f gathers the functions"; diff funcs.json m.functions.json | head | sed 's/^/#   /'; }
"$bin/gmapbench-merge" -o m0.json t.r1.json t.r2.json
! grep -q kernel_bb m0.json && ok "without -c: no kernel_bb" || not_ok "without -c: no kernel_bb"

# bad input
expect_fail() { # description regex args...
	local d=$1 re=$2 out rc
	shift 2
	out=$("$bin/gmapbench-merge" "$@" 2>&1)
	rc=$?
	[ $rc -ne 0 ] && grep -Eq -- "$re" <<< "$out" && ok "$d: $out" ||
		{ not_ok "$d (exit $rc)"; diag "$out"; }
}
expect_fail "-c of a run without --gmap_cost" 't.json: benchmarks\[0\]: no number "kernel_bb"' \
	-o x.json -c t.json t.r1.json
expect_fail "-F without -f" 'needs -f' -o x.json -F funcs.json t.r1.json
expect_fail "a benchmark in two -F files" 'is in .*funcs.json too' \
	-o x.json -F funcs.json -F funcs.json -f x.functions.json t.r1.json
echo '[1]' > arr.json
expect_fail "-F of something else" 'arr.json: not an object of benchmarks' \
	-o x.json -F arr.json -f x.functions.json t.r1.json
[ ! -e x.json ] && [ ! -e x.functions.json ] && [ -z "$(find . -maxdepth 1 -name '*.tmp.*')" ] &&
	ok "no output and no temporary file after an error" || not_ok "no output after an error"
done_testing
