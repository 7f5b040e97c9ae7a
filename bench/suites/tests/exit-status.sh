#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The exit statuses of a gmapbench binary (docs/verdicts.md): 0 for a clean
# run under --gmap_check, 1 for bad flags, a bad --benchmark_filter regex,
# an unwritable --benchmark_out and a --cbench_pin CPU that does not exist,
# each before any benchmark runs. (3 and 4, and the WRONG and HUNG lines,
# are tests/variants/caught.sh's.)
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
b=$top/build/bin/gmapbench-baseline
one=(--gmap_args=short_tables --benchmark_min_time=0)

expect() { # status name args...
	local want=$1 name=$2 rc
	shift 2
	"$b" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $rc, expected $want"
		tail -n 3 "$tmp/err" | sed 's/^/#   /'
	fi
}

expect 0 "a clean oracle pass" --gmap_check "${one[@]}"
grep -q '^gmapbench: \(WRONG\|HUNG\)' "$tmp/err" &&
	not_ok "... and no WRONG or HUNG line" || ok "... and no WRONG or HUNG line"
grep -q '^short_tables/' "$tmp/out" && ok "... the benchmark ran" ||
	not_ok "... the benchmark ran"
expect 1 "an unknown --gmap_ flag" --gmap_nonsense "${one[@]}"
expect 1 "a bad --gmap_args value" --gmap_args=short_tables/length:9
expect 1 "a regex that does not compile" --benchmark_filter='(' "${one[@]}"
grep -q 'benchmark_filter' "$tmp/err" && ok "... the message names the flag" ||
	not_ok "... the message names the flag"
expect 1 "an unwritable --benchmark_out" "${one[@]}" \
	--benchmark_out="$tmp/no/such/dir/out.json"
cpus=$(getconf _NPROCESSORS_CONF)
expect 1 "a --cbench_pin CPU that does not exist" "${one[@]}" \
	--cbench_pin=$((cpus + 64))
grep -q '^short_tables/' "$tmp/out" && not_ok "... nothing ran" ||
	ok "... nothing ran"
done_testing
