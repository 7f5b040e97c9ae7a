#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# side-by-side.sh CBENCH_BIN GBENCH_BIN: the same benchmarks built against
# libcbench and Google Benchmark 1.7.1 with the same flags, run alternately.
# Prints the per-iteration CPU time of each loop (median of the runs'
# medians) and the ratio libcbench / Google Benchmark, then the wall and CPU
# (user + sys) time of the whole suite at the same --benchmark_min_time and
# their ratios. Ratios <= 1: libcbench is no slower; the suite time target
# is 0.9 .. 1.1. On a loaded machine the wall time follows the load: the
# CPU time is the figure to trust there.
set -eu
cb=$1 gb=$2
runs=${LIBCBENCH_PERF_RUNS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cbench-perf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# cpu_time of each "<name>_median" entry of a JSON file: "name value" lines
medians() {
	awk -F'"' '/"name":/ { n = $4 } /"cpu_time":/ { split($0, a, ": "); sub(/,/, "", a[2]); if (n ~ /_median$/) { sub(/_median$/, "", n); print n, a[2] + 0 } }' "$1"
}

echo "libcbench perf: $runs alternating runs of each binary (same machine, same flags)"
for i in $(seq "$runs"); do
	for side in cb gb; do
		bin=$cb
		[ $side = gb ] && bin=$gb
		taskset -c 0 "$bin" --benchmark_repetitions=5 --benchmark_min_time=0.1 \
			--benchmark_report_aggregates_only=true --benchmark_format=json \
			--benchmark_filter='BM_(kr_)?(empty|dno)$' > "$tmp/$side.$i.json" 2>/dev/null
		medians "$tmp/$side.$i.json" >> "$tmp/$side.loop"
	done
done
echo "BM_empty/BM_dno: CBENCH_FOR vs the range-for, with an empty and a DoNotOptimize body;"
echo "BM_kr_*: while (cbench_keep_running(st)) vs while (state.KeepRunning())"
printf '%-12s %14s %14s %8s\n' loop "libcbench ns" "gbench ns" ratio
for b in BM_empty BM_dno BM_kr_empty BM_kr_dno; do
	c=$(awk -v b=$b '$1 == b { print $2 }' "$tmp/cb.loop" | median)
	g=$(awk -v b=$b '$1 == b { print $2 }' "$tmp/gb.loop" | median)
	# an empty range-for is deleted by both compilers: 0 ns, no ratio
	awk -v b=$b -v c="$c" -v g="$g" 'BEGIN { r = (g > 0.001) ? sprintf("%8.3f", c / g) : "       -"
		printf "%-12s %14.4f %14.4f %s\n", b, c, g, r }'
done

# The whole suite at the same min time, run by run: wall and user+sys ms.
suite() { # side
	local bin=$cb TIMEFORMAT='%R %U %S' t
	[ "$1" = gb ] && bin=$gb
	t=$({ time "$bin" --benchmark_min_time=0.05 > /dev/null 2>&1; } 2>&1)
	set -- $t
	awk -v r="$1" -v u="$2" -v s="$3" 'BEGIN { printf "%d %d\n", r * 1000, (u + s) * 1000 }'
}
for i in $(seq "$runs"); do
	for side in cb gb; do
		suite $side >> "$tmp/$side.suite"
	done
done
for col in 1 2; do
	c=$(cut -d' ' -f$col "$tmp/cb.suite" | median)
	g=$(cut -d' ' -f$col "$tmp/gb.suite" | median)
	what=wall
	[ $col = 2 ] && what="CPU (user+sys)"
	awk -v w="$what" -v c="$c" -v g="$g" 'BEGIN { printf "suite %s time at --benchmark_min_time=0.05: libcbench %d ms, gbench %d ms, ratio %.3f (target 0.90..1.10)\n", w, c, g, c / g }'
done
