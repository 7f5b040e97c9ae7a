#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# gmapbench-merge: parts of one variant become one Google Benchmark file.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
bin=$top/build/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # suite out
	"$bin/gmapbench-baseline" --benchmark_filter="^$1/" --benchmark_min_time=0 \
		--benchmark_repetitions=2 --benchmark_out="$2" \
		--benchmark_out_format=json > /dev/null 2>&1
}
run multi_guest "$tmp/a.json" && run large_pages "$tmp/b.json"
check "two parts written" test -s "$tmp/a.json" -a -s "$tmp/b.json"
check "merge succeeds" "$bin/gmapbench-merge" -o "$tmp/m.json" "$tmp/a.json" "$tmp/b.json"
na=$(grep -c '"run_type"' "$tmp/a.json") nb=$(grep -c '"run_type"' "$tmp/b.json")
nm=$(grep -c '"run_type"' "$tmp/m.json")
[ "$nm" -eq $((na + nb)) ] && ok "every entry kept ($na + $nb)" || not_ok "merged $nm entries of $na + $nb"
cat "$tmp/a.json" "$tmp/b.json" > /dev/null
"$bin/gmapbench-counters" "$tmp/a.json" > "$tmp/ca"
"$bin/gmapbench-counters" "$tmp/b.json" > "$tmp/cb"
"$bin/gmapbench-counters" "$tmp/m.json" > "$tmp/cm"
sort "$tmp/ca" "$tmp/cb" | diff -q - <(sort "$tmp/cm") > /dev/null &&
	ok "counters of the merge are the parts' counters" || not_ok "counters changed in the merge"
# each part has one family (index 0); in the merge they are 0 and 1
fams=$(grep -o '"family_index": [0-9]*' "$tmp/m.json" | sort -u | tr -dc '0-9\n' | paste -sd,)
[ "$fams" = 0,1 ] && ok "family_index renumbered (families $fams)" || not_ok "family_index: $fams"
check "compare.py reads the merged file" /usr/bin/python3 /usr/share/benchmark/compare.py \
	benchmarks "$tmp/m.json" "$tmp/m.json"
echo '{"context": {}}' > "$tmp/bad.json"
out=$("$bin/gmapbench-merge" -o "$tmp/x.json" "$tmp/a.json" "$tmp/bad.json" 2>&1)
[ $? -eq 2 ] && [[ $out == *bad.json*"not Google Benchmark JSON"* ]] && [ ! -e "$tmp/x.json" ] &&
	ok "a part that is not Google Benchmark JSON: error naming it, no output" ||
	{ not_ok "bad part"; diag "$out"; }
printf '{"context": {"variant": "x"},\n "benchmarks": [' > "$tmp/trunc.json"
out=$("$bin/gmapbench-merge" -o "$tmp/x.json" "$tmp/trunc.json" 2>&1)
[ $? -eq 2 ] && [[ $out == *trunc.json:2:* ]] && ok "a truncated part: error with file:line" || { not_ok "truncated part"; diag "$out"; }
sed 's/"variant": "baseline"/"variant": "other"/' "$tmp/b.json" > "$tmp/o.json"
out=$("$bin/gmapbench-merge" -o "$tmp/x.json" "$tmp/a.json" "$tmp/o.json" 2>&1)
[ $? -eq 2 ] && [[ $out == *"variant 'other' differs"* ]] && ok "parts of different variants are refused" || { not_ok "variant mix"; diag "$out"; }
done_testing
