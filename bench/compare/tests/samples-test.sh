#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A sample counts once (issue 14, item 6): gmapbench-compare and
# gmapbench-merge refuse duplicate rows, times that are not > 0 and finite,
# iteration counts that are not integers > 0, duplicate JSON keys, and
# merge a part given twice, each with the exact message naming file and
# line. What a real night writes (rounds, aggregates, count passes) is
# still accepted: a small night is run and its files read again.
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

cmp=$top/build/tests/gmapbench-compare-san
merge=$top/build/bin/gmapbench-merge
tmp=$(mktemp -d build/tests/samples-test.XXXXXX)
tmp=$top/$tmp
trap 'rm -rf "$tmp"' EXIT

# expect WANT-RC WANT-STDERR DESCRIPTION COMMAND...: the exact message
expect() {
	local rc=$1 want=$2 what=$3 out got
	shift 3
	out=$(cd "$tmp" && "$@" 2>&1 > /dev/null)
	got=$?
	if [ "$got" -eq "$rc" ] && [ "$out" = "$want" ]; then
		ok "$what"
	else
		not_ok "$what"
		diag "exit $got (want $rc)" "got:  $out" "want: $want"
	fi
}

# no_tmp: merge left no OUT.tmp.PID in $tmp
no_tmp() {
	local f
	for f in "$tmp"/*.tmp.*; do
		[ -e "$f" ] && return 1
	done
	return 0
}

# mk VARIANT ROW...: a file of a/1's iteration rows, ROW = index:time[:iterations]
mk() {
	local v=$1 sep='' r t it
	shift
	printf '{"context": {"variant": "%s"},\n "benchmarks": [\n' "$v"
	for r in "$@"; do
		IFS=: read -r r t it <<< "$r"
		printf '%s  {"name": "a/1", "run_name": "a/1", "run_type": "iteration", "family_index": 0, "per_family_instance_index": 0, "repetitions": 3, "repetition_index": %s, "threads": 1, "iterations": %s, "real_time": %s, "cpu_time": %s, "time_unit": "ns"}' \
			"$sep" "$r" "${it:-1000}" "$t" "$t"
		sep=$',\n'
	done
	printf '\n]}\n'
}

# ---- a small night: what it writes is accepted ----
night=$tmp/r/2026-12-05/testhost
scripts/nightly --results="$tmp/r" --host=testhost --date=2026-12-05 \
	--variants=baseline,pgt-prefill --suites=multi_guest,pte_churn \
	--repetitions=3 --rounds=3 --min-time=0 > "$tmp/night.log" 2>&1
rc=$?
if [ "$rc" -le 1 ] && [ -s "$night/baseline.json" ] && [ -s "$night/pgt-prefill.json" ]; then
	ok "a night of 2 variants, 2 suites, 3 rounds (exit $rc)"
else
	not_ok "the night (exit $rc)"
	tail -n 20 "$tmp/night.log" | sed 's/^/#   /'
fi
parts=("$night"/parts/baseline/*.r[0-9].json)
expect 0 "" "merge takes its ${#parts[@]} round parts again" "$merge" -o again.json "${parts[@]}"
bad=
for p in "$night"/parts/*/*.json "$night"/*.json; do
	case $p in *functions.json | */verdict.json | */compare*.json) continue ;; esac
	"$merge" -o "$tmp/one.json" "$p" 2> "$tmp/one.err" || bad="$bad ${p#"$night"/}: $(cat "$tmp/one.err")"
done
[ -z "$bad" ] && ok "every result file of the night is a valid part (rounds, count passes, merged files)" ||
	{ not_ok "files of the night refused"; diag "$bad"; }
"$cmp" "$night/baseline.json" "$night/pgt-prefill.json" > "$tmp/c.out" 2> "$tmp/c.err"
rc=$?
[ "$rc" -le 1 ] && [ ! -s "$tmp/c.err" ] && grep -q "^status: " "$tmp/c.out" &&
	ok "compare reads the night's two variants (exit $rc)" ||
	{ not_ok "compare on the night (exit $rc)"; sed 's/^/#   /' "$tmp/c.err"; }
expect 0 "" "compare reads the merge of the parts" "$cmp" -o "$tmp/c2.txt" "$tmp/again.json" "$night/baseline.json"
grep -q '"aggregate_name": "stddev"' "$tmp/again.json" && grep -q '"repetition_index": 2' "$tmp/again.json" &&
	ok "... which has the rounds renumbered and aggregates" || not_ok "merge of the night's parts: no aggregates or rounds"

# ---- a tripled sample is refused, not made significant ----
mk old 0:100 1:101 2:102 > "$tmp/old.json"
mk new 0:110 1:111 2:112 > "$tmp/new.json"
mk new 0:110 1:111 2:112 0:110 1:111 2:112 0:110 1:111 2:112 > "$tmp/new3.json"
mk new 0:110 1:111 2:112 3:110 4:111 5:112 6:110 7:111 8:112 > "$tmp/new9.json"
"$cmp" "$tmp/old.json" "$tmp/new.json" > "$tmp/p.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] && grep -Eq '^a/1 +real_time .*\+9\.90% +0\.1$' "$tmp/p.out" &&
	ok "3 against 3 samples, +9.9%: p = 0.1, not significant (exit 0)" ||
	{ not_ok "3 against 3 samples (exit $rc)"; sed 's/^/#   /' "$tmp/p.out"; }
"$cmp" "$tmp/old.json" "$tmp/new9.json" > "$tmp/p9.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q 'regressed' "$tmp/p9.out" &&
	ok "the same 3 values as 9 repetitions would be a regression (exit 1): why duplicates matter" ||
	{ not_ok "9 repetitions (exit $rc)"; sed 's/^/#   /' "$tmp/p9.out"; }
expect 2 "gmapbench-compare: new3.json:6:3: benchmarks[3] (a/1): a second sample of repetition_index 0 (the first is benchmarks[0], line 3)" \
	"compare refuses the rows tripled, naming file and line" "$cmp" old.json new3.json
expect 2 "gmapbench-merge: new3.json:6:3: benchmarks[3] (a/1): a second sample of repetition_index 0 (the first is benchmarks[0], line 3)" \
	"merge refuses the rows tripled" "$merge" -o m.json new3.json
if [ ! -e "$tmp/m.json" ] && no_tmp; then ok "... and writes nothing"; else not_ok "merge wrote an output or left a temporary"; fi

# ---- times and iteration counts ----
i=0
while IFS='|' read -r row col what; do
	i=$((i + 1))
	mk new 0:100 "$row" > "$tmp/t$i.json"
	for tool in compare merge; do
		if [ $tool = compare ]; then run=("$cmp" old.json "t$i.json"); else run=("$merge" -o m.json "t$i.json"); fi
		expect 2 "gmapbench-$tool: t$i.json:$col: benchmarks[1] (a/1): $what" "$tool refuses $what" "${run[@]}"
	done
done << 'ROWS'
1:0|4:202|real_time 0 is not a time > 0
1:-2.5|4:202|real_time -2.5 is not a time > 0
1:NaN|4:202|real_time NaN is not a time > 0
1:-Infinity|4:202|real_time -Infinity is not a time > 0
1:Infinity|4:202|real_time Infinity is not a time > 0
1:100:0|4:183|iterations 0 is not an integer > 0
1:100:-5|4:183|iterations -5 is not an integer > 0
1:100:2.5|4:183|iterations 2.5 is not an integer > 0
1:100:"7"|4:183|iterations string is not an integer > 0
ROWS
printf '{"context": {"variant": "new"},\n "benchmarks": [{"name": "a/1",\n  "real_time": 1, "cpu_time": 1, "real_time": 2}]}\n' > "$tmp/key.json"
expect 2 "gmapbench-compare: key.json:3:34: duplicate key \"real_time\" (its first value is at 3:16)" \
	"compare refuses a duplicate key" "$cmp" old.json key.json
expect 2 "gmapbench-merge: key.json:3:34: duplicate key \"real_time\" (its first value is at 3:16)" \
	"merge refuses a duplicate key" "$merge" -o m.json key.json

# ---- merge: the same part twice ----
cp "${parts[0]}" "$tmp/p1.json"
cp "${parts[1]}" "$tmp/p2.json"
cp "$tmp/p1.json" "$tmp/copy.json"
ln "$tmp/p1.json" "$tmp/hard.json"
ln -s p1.json "$tmp/sym.json"
expect 0 "" "two rounds merge" "$merge" -o m.json p1.json p2.json
expect 2 "gmapbench-merge: p1.json: given twice (parts 1 and 3)" \
	"a part given twice by path is refused" "$merge" -o m.json p1.json p2.json p1.json
expect 2 "gmapbench-merge: hard.json: the same file as p1.json (a link to it)" \
	"a hard link to a part is refused" "$merge" -o m.json p1.json p2.json hard.json
expect 2 "gmapbench-merge: sym.json: the same file as p1.json (a link to it)" \
	"a symbolic link to a part is refused" "$merge" -o m.json p1.json sym.json
expect 2 "gmapbench-merge: copy.json: the same content as p1.json (a part given twice)" \
	"a copy of a part is refused" "$merge" -o m.json p2.json p1.json copy.json
no_tmp && ok "no temporary left behind" || not_ok "a temporary was left"
done_testing
