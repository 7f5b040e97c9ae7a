#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The deliberately broken variants are caught, and the correct ones are not:
# - every tests/variants/<v>/expect line "<status> <gmap_args>" runs
#   build/bin/gmapbench-<v> --gmap_check on that scenario: it must exit
#   with <status> (3 wrong, 4 hung; docs/verdicts.md) and print the
#   "gmapbench: WRONG <benchmark>" or "gmapbench: HUNG <benchmark>" line;
# - every variant of kernel-patches/ runs all nightly sets with
#   --gmap_check and exits 0 with no WRONG or HUNG line and no mismatch.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$top/build/bin

run() { # binary args... -> $tmp/out, $tmp/err; returns the exit status
	"$@" --gmap_check --benchmark_min_time=0 --benchmark_format=csv \
		> "$tmp/out" 2> "$tmp/err"
}

for exp in "$top"/tests/variants/*/expect; do
	v=$(basename "$(dirname "$exp")")
	b=$bin/gmapbench-$v
	if [ ! -x "$b" ]; then
		not_ok "$v: $b is not built (make $b)"
		continue
	fi
	while read -r status args; do
		case $status in
		'' | '#'*) continue ;;
		3) what=WRONG ;;
		4) what=HUNG ;;
		*)
			not_ok "$exp: status '$status' is not 3 or 4"
			continue
			;;
		esac
		run "$b" --gmap_args="$args"
		rc=$?
		scn=${args%%/*}
		if [ $rc -eq "$status" ] &&
			grep -Eq "^gmapbench: $what $scn/[^ ]*: " "$tmp/err"; then
			ok "$v: $what on $args (exit $rc): $(grep -m1 "^gmapbench: $what" "$tmp/err" | cut -c1-160)"
		else
			not_ok "$v: $args: expected exit $status and a '$what $scn/...' line, got exit $rc"
			tail -n 5 "$tmp/err" | sed 's/^/#   /'
		fi
	done < "$exp"
done

suites=$("$bin/gmapbench-baseline" --gmap_list_suites | paste -sd '|')
for d in "$top"/kernel-patches/*/; do
	v=$(basename "$d")
	[ -f "$d/series" ] || continue
	b=$bin/gmapbench-$v
	if [ ! -x "$b" ]; then
		not_ok "$v: $b is not built"
		continue
	fi
	run "$b" --benchmark_filter="^($suites)/"
	rc=$?
	n=$(grep -c '' "$tmp/out")
	if [ $rc -eq 0 ] && ! grep -q '^gmapbench: \(WRONG\|HUNG\)' "$tmp/err" &&
		[ "$n" -gt 20 ]; then
		ok "$v: every nightly set checked, no mismatch (exit 0, $n lines)"
	else
		not_ok "$v: the nightly sets under --gmap_check: exit $rc"
		grep -m3 '^gmapbench' "$tmp/err" | cut -c1-300 | sed 's/^/#   /'
	fi
done
done_testing
