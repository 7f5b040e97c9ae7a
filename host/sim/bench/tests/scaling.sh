#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# sim-scaling on two tiny series. Timings are not checked (make perf
# measures them); what is: the counters in the table are the binary's own
# for those arguments, the growth exponents are the least-squares slopes
# of the printed numbers, a set that fails at a size is named, and a bad
# sets line is an error naming the file and line.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scaling=$top/build/bin/sim-scaling
bin=$top/build/bin/gmapbench-baseline

printf '%s\n' '# two series' 'pte_churn rewrites 4 16 64' \
	'multi_guest guests 1 2 4 | a note' > "$tmp/sets"
if ! "$scaling" --bin="$bin" --sets="$tmp/sets" --repetitions=1 > "$tmp/out" 2> "$tmp/err"; then
	not_ok "sim-scaling ran"
	sed 's/^/#   /' "$tmp/err" "$tmp/out" | tail -20
	done_testing
	exit
fi
ok "sim-scaling ran two series"

# rows: "  rewrites  4  1.234 ms  4.8 MiB  ACCESSES EXITS" and continuation rows
rows() { awk -v p="$1" '$1 == p { on = 1 } on && /growth exponent/ { exit } on' "$tmp/out"; }
for series in pte_churn:rewrites:4,16,64 multi_guest:guests:1,2,4; do
	s=${series%%:*} rest=${series#*:} p=${rest%%:*} sizes=${rest#*:}
	rows "$p" | awk '{ print $(NF - 1), $NF }' > "$tmp/got"
	: > "$tmp/want"
	for n in ${sizes//,/ }; do
		"$bin" --gmap_args="$s/$p:$n" --benchmark_min_time=0 --benchmark_format=json 2> /dev/null |
			awk -F'[:,]' '/"l2_accesses"/ { a = $2 + 0 } /"exits_l0"/ { e += $2 } /"exits_l1"/ { e += $2 }
				END { printf "%d %d\n", a, e }' >> "$tmp/want"
	done
	if [ "$(wc -l < "$tmp/got")" -eq 3 ] && diff -q "$tmp/want" "$tmp/got" > /dev/null; then
		ok "$s $p: the accesses and exits are the binary's own ($(tr '\n' ' ' < "$tmp/got"))"
	else
		not_ok "$s $p: table $(tr '\n' ' ' < "$tmp/got"), binary $(tr '\n' ' ' < "$tmp/want")"
	fi
	want=$(paste -d' ' <(echo "${sizes//,/$'\n'}") <(cut -d' ' -f1 "$tmp/want") |
		awk '{ x = log($1); y = log($2); sx += x; sy += y; sxx += x * x; sxy += x * y; n++ }
			END { printf "%.2f", (n * sxy - sx * sy) / (n * sxx - sx * sx) }')
	got=$(awk -v p="$p" '$1 == p { on = 1 } on && /growth exponent/ { print $5; exit }' "$tmp/out")
	[ -n "$got" ] && [ "$got" = "$want" ] && ok "$s $p: accesses exponent $got is the slope of log accesses" ||
		not_ok "$s $p: accesses exponent '$got', least squares gives $want"
done

printf 'pte_churn rewrites 4 16 64\nlarge_pages touches 64 128 256\n' > "$tmp/fail"
"$scaling" --bin="$bin" --sets="$tmp/fail" --repetitions=1 > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "touches .*FAILED at size 64 ($tmp/fail:2)" "$tmp/out" &&
	ok "a size the scenario refuses fails the set, named, and the exit status" ||
	not_ok "rc=$rc: $(tail -3 "$tmp/out") $(tail -3 "$tmp/err")"

printf '# comment\npte_churn rewrites 16 4 64\n' > "$tmp/bad"
"$scaling" --bin="$bin" --sets="$tmp/bad" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "$tmp/bad:2: expected" "$tmp/err" && ok "sizes not growing: an error naming the line" ||
	not_ok "rc=$rc: $(cat "$tmp/err")"
done_testing
