#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmapbench-merge: the parts of one variant (one per suite, or per suite
# and round) become one Google Benchmark file. Rounds are checked against
# Google Benchmark 1.7.1 itself (merge-ref.cc): its file of 3 repetitions,
# split into 3 rounds and merged again, must come back byte for byte, and
# rounds run as separate processes must give its aggregates.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
ref=$top/build/bench/tests/merge-ref
jget=$top/build/tests/json-get
cpy=/usr/share/benchmark/compare.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
merge() { "$bin/gmapbench-merge" "$@"; }
run() { # suite out [reps]
	"$bin/gmapbench-baseline" --benchmark_filter="^$1/" --benchmark_min_time=0 \
		--benchmark_repetitions="${3:-2}" --benchmark_out="$2" \
		--benchmark_out_format=json > /dev/null 2>&1
}
# the numbers of a JSON file's benchmarks blurred, its layout kept
shape() { sed -n '/"benchmarks": \[/,$p' "$1" | sed -E 's/(": )-?[0-9][0-9.e+-]*/\1N/'; }

# ---- parts of different suites: concatenated ----
run multi_guest a.json && run large_pages b.json
check "two parts written" test -s a.json -a -s b.json
check "merge succeeds" merge -o m.json a.json b.json
na=$(grep -c '"run_type"' a.json) nb=$(grep -c '"run_type"' b.json) nm=$(grep -c '"run_type"' m.json)
[ "$nm" -eq $((na + nb)) ] && ok "every entry kept ($na + $nb)" || not_ok "merged $nm entries of $na + $nb"
cat a.json b.json | grep -v '"family_index"' | grep '^      "' > ab.rows
grep -v '"family_index"' m.json | grep '^      "' > m.rows
cmp -s ab.rows m.rows && ok "a benchmark of one part is copied as written, aggregates too" ||
	{ not_ok "a benchmark of one part is copied as written"; diff ab.rows m.rows | head -n 6 | sed 's/^/#   /'; }
"$bin/gmapbench-counters" a.json > ca
"$bin/gmapbench-counters" b.json > cb
"$bin/gmapbench-counters" m.json > cm
sort ca cb | diff -q - <(sort cm) > /dev/null &&
	ok "counters of the merge are the parts' counters" || not_ok "counters changed in the merge"
# each part has one family (index 0); in the merge they are 0 and 1
fams=$(grep -o '"family_index": [0-9]*' m.json | sort -u | tr -dc '0-9\n' | paste -sd,)
[ "$fams" = 0,1 ] && ok "family_index renumbered (families $fams)" || not_ok "family_index: $fams"
check "compare.py reads the merged file" /usr/bin/python3 "$cpy" benchmarks m.json m.json

# ---- rounds against Google Benchmark 1.7.1 ----
"$ref" --benchmark_repetitions=3 --benchmark_filter='BM_[ab]/' --benchmark_format=json > gb.json 2> /dev/null
grep -q '"error_occurred": true' gb.json && grep -q '"aggregate_name": "cv"' gb.json &&
	grep -q ': NaN' gb.json && grep -q '"label": "two"' gb.json &&
	ok "Google Benchmark's file: 4 benchmarks x 3 repetitions, a failed one, labels, a NaN cv" ||
	not_ok "merge-ref output: $(head -c 300 gb.json)"
check "-s splits it into one file per repetition" merge -s -o sp gb.json
if [ -s sp.r3.json ] && [ ! -e sp.r4.json ] &&
	[ "$(grep -c '"run_type": "iteration"' sp.r2.json)" -eq 4 ] &&
	! grep -q '"run_type": "aggregate"' sp.r2.json &&
	! grep -qv '"repetitions": 1,' <(grep '"repetitions"' sp.r1.json sp.r2.json sp.r3.json | sed 's/^[^:]*://; s/^ *//'); then
	ok "... sp.r1..r3.json: 4 benchmarks each, one repetition, no aggregates"
else
	not_ok "... split files"
	ls sp.* | sed 's/^/#   /'
fi
check "the 3 rounds merge" merge -o gbm.json sp.r1.json sp.r2.json sp.r3.json
if cmp -s gb.json gbm.json; then
	ok "... byte for byte Google Benchmark's own file: rows renumbered, aggregates, keys, order, digits"
else
	not_ok "... byte for byte Google Benchmark's own file"
	diff gb.json gbm.json | head -n 20 | sed 's/^/#   /'
fi
merge -o rev.json sp.r3.json sp.r1.json sp.r2.json
if [ "$("$jget" rev.json '.benchmarks[0].real_time')" = "$("$jget" sp.r3.json '.benchmarks[0].real_time')" ] &&
	[ "$("$jget" rev.json '.benchmarks[2].repetition_index')" = 2 ]; then
	ok "the rows follow the order of the parts on the command line"
else
	not_ok "row order of rev.json"
fi

# rounds as processes of their own, which predict other iteration counts
"$ref" --benchmark_repetitions=3 --benchmark_format=json > gb3.json 2> /dev/null
for k in 1 2 3; do
	MERGE_REF_ROUND=$k "$ref" --benchmark_format=json > round$k.json 2> /dev/null
done
check "3 rounds run as separate processes merge" merge -o rounds.json round1.json round2.json round3.json
its=$("$jget" rounds.json '.benchmarks[*].name .benchmarks[*].iterations' | grep '^BM_auto/5/manual_time ' | sort -u | wc -l)
[ "$its" -eq 3 ] && ok "... BM_auto ran a different iteration count in each round" ||
	not_ok "... BM_auto's iteration counts: $its different"
sel='.benchmarks[*].name .benchmarks[*].family_index .benchmarks[*].repetitions .benchmarks[*].real_time .benchmarks[*].plain .benchmarks[*].zero .benchmarks[*].label'
"$jget" gb3.json "$sel" > gb3.sel 2>&1
"$jget" rounds.json "$sel" > rounds.sel 2>&1
if [ "$(wc -l < gb3.sel)" -eq 35 ] && cmp -s gb3.sel rounds.sel; then
	ok "... names, families, real times and counters of every row, aggregates included, equal Google Benchmark's for the same samples"
else
	not_ok "... equal Google Benchmark's for the same samples"
	diff gb3.sel rounds.sel | head -n 20 | sed 's/^/#   /'
fi
shape gb3.json | grep -vE '"(iterations|cpu_time|rate)"' > gb3.shape
shape rounds.json | grep -vE '"(iterations|cpu_time|rate)"' > rounds.shape
cmp -s gb3.shape rounds.shape && ok "... the same keys in the same order in every row" ||
	{ not_ok "... the same keys in the same order"; diff gb3.shape rounds.shape | head | sed 's/^/#   /'; }

# ---- rounds of a gmapbench binary (libcbench) ----
run "(multi_guest|large_pages|prot_fault_storm)" lc.json 3
merge -s -o lcs lc.json && merge -o lcm.json lcs.r1.json lcs.r2.json lcs.r3.json
nagg=$(grep -c '"run_type": "aggregate"' lcm.json)
blur() { sed -E 's/"(real_time|cpu_time)": .*/"\1": T/' "$1"; }
if [ "$nagg" -eq 16 ] && cmp -s <(blur lc.json) <(blur lcm.json); then
	ok "libcbench's 3 repetitions split and merged: the same file, times aside ($nagg aggregates)"
else
	not_ok "libcbench's 3 repetitions split and merged ($nagg aggregates)"
	diff <(blur lc.json) <(blur lcm.json) | head -n 10 | sed 's/^/#   /'
fi
# The accumulated times come back from real_time * iterations / unit, so a
# digit or two at the 17th place may differ from the ones the binary had.
# A standard deviation or CV of nearly equal samples magnifies that by the
# cancellation: those rows are measured against the mean's scale.
field() { "$jget" "$1" ".benchmarks[*].$2" | tr ' ' '\n'; }
worst=$(for t in real_time cpu_time; do
	paste <(field lc.json name | sed "s/^/$t /") <(field lc.json $t) <(field lcm.json $t)
done | awk '{ n = $1 " " $2; v[NR] = n; a[NR] = $3; b[NR] = $4 }
	n ~ /_mean$/ { mean[substr(n, 1, length(n) - 5)] = $3 < 0 ? -$3 : $3 }
	END { for (i = 1; i <= NR; i++) {
		d = a[i] - b[i]; if (d < 0) d = -d; s = a[i] < 0 ? -a[i] : a[i]
		k = v[i]; if (sub(/_stddev$/, "", k)) s = mean[k]; else if (sub(/_cv$/, "", k)) s = 1
		r = s == 0 ? d : d / s; if (r > w) w = r }
		printf "%.1e", w }')
awk -v w="$worst" 'BEGIN { exit !(w <= 1e-12) }' && ok "... and their times agree to 12 digits (worst relative difference $worst)" ||
	not_ok "... times differ by $worst"
check "compare.py reads merged rounds" /usr/bin/python3 "$cpy" benchmarks lc.json lcm.json

# ---- bad input names the file ----
echo '{"context": {}}' > bad.json
out=$(merge -o x.json a.json bad.json 2>&1)
[ $? -eq 2 ] && [[ $out == *bad.json*"not Google Benchmark JSON"* ]] && [ ! -e x.json ] &&
	ok "a part that is not Google Benchmark JSON: error naming it, no output" ||
	{ not_ok "bad part"; diag "$out"; }
printf '{"context": {"variant": "x"},\n "benchmarks": [' > trunc.json
out=$(merge -o x.json trunc.json 2>&1)
[ $? -eq 2 ] && [[ $out == *trunc.json:2:* ]] && ok "a truncated part: error with file:line" || { not_ok "truncated part"; diag "$out"; }
sed 's/"variant": "baseline"/"variant": "other"/' b.json > o.json
out=$(merge -o x.json a.json o.json 2>&1)
[ $? -eq 2 ] && [[ $out == *o.json*"variant 'other' differs"* ]] && ok "parts of different variants are refused" || { not_ok "variant mix"; diag "$out"; }
sed 's/"time_unit": "ms"/"time_unit": "us"/' lcs.r2.json > unit.json
out=$(merge -o x.json lcs.r1.json unit.json 2>&1)
[ $? -eq 2 ] && [[ $out == *unit.json*"in us, but in ms"* ]] && [ ! -e x.json ] &&
	ok "rounds of one benchmark in different time units: error naming the file, no output" ||
	{ not_ok "time units"; diag "$out"; }
sed 's/"real_time": /"real_time": "/; s/"real_time": "\(.*\),$/"real_time": "\1",/' lcs.r2.json > str.json
l=$(grep -n -m1 '"real_time": "' str.json | cut -d: -f1)
out=$(merge -o x.json lcs.r1.json str.json 2>&1)
[ $? -eq 2 ] && [[ $out == "gmapbench-merge: str.json:$l:20: benchmarks[0] (prot_fault_storm/pages:2048/pages_per_segment:256/write:1): real_time is not a number" ]] && [ ! -e x.json ] &&
	ok "a row without a numeric real_time: error naming file and row" || { not_ok "bad real_time"; diag "$out"; }
"$bin/gmapbench-baseline" --benchmark_filter='^multi_guest/' --benchmark_min_time=0 \
	--benchmark_repetitions=2 --benchmark_report_aggregates_only=true \
	--benchmark_out=aggonly.json --benchmark_out_format=json > /dev/null 2>&1
out=$(merge -o x.json aggonly.json a.json 2>&1)
[ $? -eq 2 ] && [[ $out == *aggonly.json*"aggregates without their repetitions"* ]] &&
	ok "aggregates only (--benchmark_report_aggregates_only) cannot be merged with rounds" ||
	{ not_ok "aggregates only"; diag "$out"; }
out=$(merge -s -o y aggonly.json 2>&1)
[ $? -eq 2 ] && [[ $out == *aggonly.json*"no iteration rows"* ]] && ok "-s on a file without repetitions says so" ||
	{ not_ok "-s without repetitions"; diag "$out"; }
out=$(merge -s -o y a.json b.json 2>&1)
[ $? -eq 2 ] && [[ $out == *"-s splits one file"* ]] && ok "-s with two files is refused" || { not_ok "-s two files"; diag "$out"; }
done_testing
