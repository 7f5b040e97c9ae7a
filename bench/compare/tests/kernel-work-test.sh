#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmapbench-compare on kernel work (docs/verdicts.md): two small nights of
# baseline and pgt-prefill with their count passes merged in. kernel_bb*
# are judged exactly, more kernel work is a regression and less an
# improvement, and the functions that moved are named. Three repetitions
# cannot make a timing significant (the U test's smallest p is 0.1), so
# the verdicts here come from the counters alone.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
cmp=$top/build/tests/gmapbench-compare-san
jget=$top/build/tests/json-get
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
night=$tmp/2026-12-01/h
mkdir -p "$night"
f='^pte_churn/'

for v in baseline pgt-prefill; do
	"$bin/gmapbench-$v" --benchmark_filter="$f" --benchmark_min_time=0 \
		--benchmark_repetitions=3 --benchmark_out="$tmp/$v.t.json" \
		--benchmark_out_format=json > /dev/null 2>&1
	"$bin/gmapbench-$v" --gmap_cost_out="$tmp/$v.f.json" --benchmark_filter="$f" \
		--benchmark_min_time=0 --benchmark_out="$tmp/$v.c.json" \
		--benchmark_out_format=json > /dev/null 2>&1
	check "$v: a night with its count pass merged in" "$bin/gmapbench-merge" \
		-o "$night/$v.json" -c "$tmp/$v.c.json" -F "$tmp/$v.f.json" \
		-f "$night/$v.functions.json" "$tmp/$v.t.json"
done

"$cmp" "$night/baseline.json" "$night/pgt-prefill.json" > "$tmp/fwd.out" 2> "$tmp/fwd.err"
rc=$?
[ $rc -eq 1 ] && ok "baseline -> pgt-prefill: exit 1" || not_ok "baseline -> pgt-prefill: exit $rc, want 1"
has "$tmp/fwd.out" '^pte_churn/[^ ]*interval:8[^ ]* +kernel_bb +[0-9]+ -> [0-9]+ .*BEHAVIOUR' \
	"kernel_bb's change is listed exactly, old -> new"
has "$tmp/fwd.out" '^pte_churn/[^ ]* +kernel_bb_gmap +[0-9]+ -> [0-9]+ .*BEHAVIOUR' \
	"and kernel_bb_gmap's"
has "$tmp/fwd.out" '^pgt-prefill: kernel work ×[0-9.]+ on pte_churn/[^ ]*interval:8[^ ]*: __gmap_shadow_page \+[0-9.]+ M, ' \
	"the headline names the benchmark that moved and its top function"
has "$tmp/fwd.out" 'geometric mean ×[0-9.]+ over 2 benchmarks' "and the geometric mean over both"
has "$tmp/fwd.out" '^status: regressed \(2 regressions' "more kernel work on both: 2 regressions, status regressed"

"$cmp" "$night/pgt-prefill.json" "$night/baseline.json" > "$tmp/rev.out" 2>&1
has "$tmp/rev.out" '^status: improved \(0 regressions, 2 improvements' "less kernel work: improved"
has "$tmp/rev.out" '^baseline: kernel work ×0\.0[0-9]+ on ' "its ratio below 1"

"$cmp" "$night/baseline.json" "$night/baseline.json" > "$tmp/same.out" 2>&1
rc=$?
[ $rc -eq 0 ] && ! grep -q 'kernel_bb' "$tmp/same.out" &&
	grep -q ': kernel work unchanged on 2 benchmarks$' "$tmp/same.out" &&
	ok "a night against itself: no kernel_bb change, kernel work unchanged, exit 0" ||
	{ not_ok "a night against itself"; sed 's/^/#   /' "$tmp/same.out" | tail -n 5; }

"$cmp" --format=json -o "$tmp/fwd.json" "$night/baseline.json" "$night/pgt-prefill.json" 2> /dev/null
kw=$("$jget" "$tmp/fwd.json" '.comparisons[0].kernel_work.benchmarks .comparisons[0].kernel_work.moved .comparisons[0].kernel_work.functions[0].function .comparisons[0].kernel_work.functions[0].old')
[ "$(cut -d' ' -f1,3,4 <<< "$kw")" = "2 __gmap_shadow_page 0" ] && grep -q 'interval:8' <<< "$kw" &&
	ok "JSON: kernel_work names the moved benchmark and its top function ($kw)" ||
	not_ok "JSON: kernel_work ($kw)"
geo=$("$jget" "$tmp/fwd.json" .comparisons[0].kernel_work.geomean)
want=$(awk '/^pte_churn.* kernel_bb / {r[++n] = $5 / $3} END {printf "%.6f", sqrt(r[1] * r[2])}' "$tmp/fwd.out")
awk -v g="$geo" -v w="$want" 'BEGIN {exit !(w > 1 && g - w < 1e-5 && w - g < 1e-5)}' &&
	ok "JSON: geomean $geo is that of the two kernel_bb ratios" ||
	not_ok "JSON: geomean $geo, want $want"

# a side without its count pass (--no-cost): nothing to judge, no change
"$bin/gmapbench-merge" -o "$tmp/nocost.json" "$tmp/baseline.t.json"
"$cmp" "$night/baseline.json" "$tmp/nocost.json" > "$tmp/nocost.out" 2>&1
rc=$?
[ $rc -eq 0 ] && ! grep -q 'kernel_bb' "$tmp/nocost.out" && ! grep -q 'kernel work' "$tmp/nocost.out" &&
	ok "against a night without the count pass: no kernel_bb row, exit 0" ||
	{ not_ok "against a night without the count pass (exit $rc)"; grep kernel "$tmp/nocost.out" | head -n 5 | sed 's/^/#   /'; }

# a night directory: <variant>.functions.json is not a variant
"$cmp" --baseline=baseline "$night" > "$tmp/night.out" 2> "$tmp/night.err"
! grep -q 'functions' "$tmp/night.err" && grep -q '^baseline -> pgt-prefill' "$tmp/night.out" &&
	! grep -q -- '-> pgt-prefill.functions\|-> baseline.functions' "$tmp/night.out" &&
	has "$tmp/night.out" '^pgt-prefill: kernel work ×' "a night: the functions files are read beside the variants, not as variants" ||
	{ not_ok "a night: functions files not taken for variants"; sed 's/^/#   /' "$tmp/night.err" | head -n 5; }
echo '[' > "$night/pgt-prefill.functions.json"
"$cmp" "$night/baseline.json" "$night/pgt-prefill.json" > /dev/null 2> "$tmp/bad.err"
grep -q 'pgt-prefill.functions.json' "$tmp/bad.err" && ok "a broken functions file is named: $(head -n 1 "$tmp/bad.err")" ||
	{ not_ok "a broken functions file is named"; sed 's/^/#   /' "$tmp/bad.err"; }
done_testing
