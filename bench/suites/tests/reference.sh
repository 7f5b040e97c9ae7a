#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The baseline's counters on every benchmark, with the oracle on,
# against the committed reference night (results/reference/). Counters on
# host/sim are deterministic: any difference is an unintended change of
# behaviour in host/sim, the guests or the scenarios, shown as a diff.
# After an intended change: make reference, and commit the new file.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
ref=$top/results/reference/baseline.counters
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$bin/gmapbench-baseline" --gmap_check \
	--benchmark_min_time=0 --benchmark_repetitions=2 \
	--benchmark_out="$tmp/run.json" --benchmark_out_format=json \
	> "$tmp/console" 2>&1; then
	not_ok "gmapbench-baseline ran the nightly set"
	sed 's/^/#   /' "$tmp/console" | tail -20
	done_testing
	exit
fi
ok "gmapbench-baseline ran every benchmark with --gmap_check"

check "counters agree between repetitions and no benchmark failed" \
	sh -c "'$bin/gmapbench-counters' '$tmp/run.json' > '$tmp/new'"
n=$(wc -l < "$tmp/new")
[ "$n" -gt 100 ] && ok "counters of every benchmark ($n values)" || not_ok "only $n counter values"
bad=$(awk '$2 == "oracle_mismatches" && $3 != 0' "$tmp/new")
[ -z "$bad" ] && ok "the oracle found 0 mismatches on baseline" || { not_ok "oracle mismatches on baseline"; diag "$bad"; }
if diff -u "$ref" "$tmp/new" > "$tmp/diff"; then
	ok "counters equal the reference night (results/reference/baseline.counters)"
else
	not_ok "counters differ from the reference night; if intended: make reference"
	sed 's/^/#   /' "$tmp/diff" | head -60
fi
done_testing
