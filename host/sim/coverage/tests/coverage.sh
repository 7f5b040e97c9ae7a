#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/coverage on one small benchmark (pte_churn, interval 8), checked
# against what gcov itself and the benchmark's own counters say: a shadow
# function the counters show running is covered, one they show idle is
# not; a function's numbers equal gcov's function summary; a line listed
# as never run is gcov's '#####'; the totals are the sum of the functions.
# Then covreport on bad rules and a wrong unreachable entry.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jget=build/tests/json-get
objdir=build/baseline/sim-cov
bench='^pte_churn/ws_pages:256/interval:8/'

if ! scripts/coverage --variant=baseline --filter="$bench" --out="$tmp/out" > "$tmp/log" 2>&1; then
	not_ok "scripts/coverage ran on $bench"
	sed 's/^/#   /' "$tmp/log" | tail -20
	done_testing
	exit
fi
ok "scripts/coverage ran on $bench"
json=$tmp/out/coverage.json txt=$tmp/out/coverage.txt
check "coverage.json is valid JSON with totals" $jget "$json" .totals.lines_pct

counter() { $jget "$tmp/out/run.json" ".benchmarks[0].$1"; }
fn() { $jget "$json" ".functions.$1.$2"; }

# the counters say what ran: shadow page tables were made and unshadowed,
# no region-second table was shadowed, no segment table unshadowed
for c in shadow_pgt:gmap_shadow_pgt unshadow_pgt:gmap_unshadow_pgt \
	shadow_pte:gmap_shadow_page shadow_r2t:gmap_shadow_r2t \
	unshadow_sgt:gmap_unshadow_sgt; do
	n=$(counter "${c%%:*}") run=$(fn "${c#*:}" lines_run)
	if [ -z "$n" ] || [ -z "$run" ]; then
		not_ok "${c#*:}: counter ${c%%:*} and coverage both present"
	elif [ "${n%%.*}" -gt 0 ] && [ "$run" -gt 0 ]; then
		ok "${c#*:} covered ($run lines), as ${c%%:*}=$n says"
	elif [ "${n%%.*}" -eq 0 ] && [ "$run" -eq 0 ]; then
		ok "${c#*:} not covered, as ${c%%:*}=0 says"
	else
		not_ok "${c#*:}: $run lines run, but ${c%%:*}=$n"
	fi
done

# gcov's own function summary: "Lines executed:78.05% of 41"
(cd "$tmp" && gcov -f -n -o "$top/$objdir" "$top/$objdir/gmap.o.gcda") > "$tmp/summary" 2>&1
for f in gmap_shadow_page gmap_shadow_pgt gmap_protect_rmap; do
	want=$(awk -v f="Function '$f'" '$0 == f { getline; print; exit }' "$tmp/summary")
	total=$(fn $f lines) run=$(fn $f lines_run)
	pct=${want#Lines executed:}
	pct=${pct%% *}
	n=${want##* of }
	exp=$(awk -v p="${pct%\%}" -v n="$n" 'BEGIN { printf "%d", p * n / 100 + 0.5 }')
	if [ -n "$want" ] && [ "$total" = "$n" ] && [ "$run" = "$exp" ]; then
		ok "$f: $run/$total lines, as gcov -f says ($want)"
	else
		not_ok "$f: $run/$total lines, gcov -f says '$want'"
	fi
done

# the first line of gmap.c listed as never run is '#####' in gcov's listing
line=$(grep -m1 '^arch/s390/mm/gmap.c:[0-9]*: ' "$txt" | cut -d: -f2)
gcov -t -o "$objdir" "$objdir/gmap.o.gcda" 2> /dev/null |
	awk '/^ *-: *0:Source:/ { p = ($0 ~ /arch\/s390\/mm\/gmap.c$/) } p' > "$tmp/gmap.c.gcov"
if [ -n "$line" ] && grep -Eq "^ *#####: *$line:" "$tmp/gmap.c.gcov"; then
	ok "gmap.c:$line, listed as never run, is ##### in gcov's listing"
else
	not_ok "gmap.c:$line listed as never run; gcov: $(grep -E "^ *[^:]*: *$line:" "$tmp/gmap.c.gcov")"
fi
# and a line gcov shows run is not listed
ran=$(awk -F: '$1 ~ /^ *[0-9]+\*?$/ && $1 + 0 > 0 { print $2 + 0 }' "$tmp/gmap.c.gcov" | shuf -n 1 --random-source=<(yes))
[ -z "$ran" ] || grep -q "^arch/s390/mm/gmap.c:$ran: " "$txt" && not_ok "gmap.c:$ran ran but is listed as never run" ||
	ok "gmap.c:$ran, which gcov shows run, is not listed as never run"

# the totals are the sums of the table's rows
sums=$(awk '/^total, / { exit } $3 ~ /^[0-9]+\/[0-9]+$/ { split($3, l, "/"); lr += l[1]; lt += l[2] }
	$5 ~ /^[0-9]+\/[0-9]+$/ { split($5, b, "/"); br += b[1]; bt += b[2] }
	$3 ~ /^[0-9]+\/[0-9]+$/ || $3 == "-" { n++ }
	END { printf "%d functions: lines %d/%d %s branches %d/%d", n, lr, lt, "", br, bt }' "$txt")
tot=$(grep '^total, ' "$txt")
read -r n lr lt br bt <<< "$(echo "$sums" | tr -c '0-9\n' ' ')"
if [[ $tot == "total, $n functions: lines $lr/$lt "*"branches $br/$bt "* ]]; then
	ok "the totals are the sums of the $n functions"
else
	not_ok "totals '$tot' vs sums '$sums'"
fi
[ "$($jget "$json" .totals.lines)" = "$lt" ] && ok "coverage.json has the same total" ||
	not_ok "coverage.json total lines $($jget "$json" .totals.lines), text $lt"

# bad inputs are named
cov() { build/coverage/covreport "$@" "$tmp"/out/gcov/*.json > "$tmp/o" 2> "$tmp/e"; }
cp host/sim/coverage/functions "$tmp/functions"
echo "add no_such_function because" >> "$tmp/functions"
n=$(wc -l < "$tmp/functions")
cov --functions="$tmp/functions" --unreachable=host/sim/coverage/unreachable
rc=$?
[ $rc -eq 1 ] && grep -q "$tmp/functions:$n: add no_such_function: no such function" "$tmp/e" &&
	ok "an added function that does not exist is an error naming the line" ||
	not_ok "rc=$rc: $(cat "$tmp/e")"
printf 'file arch/s390/mm/gmap.c\nmatch (\n' > "$tmp/badre"
cov --functions="$tmp/badre" --unreachable=host/sim/coverage/unreachable
[ $? -eq 1 ] && grep -q "$tmp/badre:2: match (" "$tmp/e" && ok "a bad regular expression is named" ||
	not_ok "bad regex: $(cat "$tmp/e")"
start=$(fn gmap_shadow_page line)
echo "gmap_shadow_page+1 | this is not the source | a test" > "$tmp/stale"
cov --functions=host/sim/coverage/functions --unreachable="$tmp/stale"
[ $? -eq 1 ] && grep -q "$tmp/stale:1: gmap_shadow_page+1 .*stale entry ignored" "$tmp/e" &&
	ok "an unreachable entry whose source text moved is stale, named" ||
	not_ok "stale entry: $(cat "$tmp/e")"
# a line of gmap_shadow_page that the run certainly took: its PTE walk
run_line=$(awk -v s="$start" 'NR > s && /gmap_pte_op_walk\(/ { print NR - s; exit }' \
	build/baseline/linux/arch/s390/mm/gmap.c)
body=$(sed -n "$((start + run_line))p" build/baseline/linux/arch/s390/mm/gmap.c)
echo "gmap_shadow_page+$run_line | $body | a test" > "$tmp/ran"
cov --functions=host/sim/coverage/functions --unreachable="$tmp/ran"
[ $? -eq 1 ] && grep -q "$tmp/ran:1: .*ran [0-9]* times: it is not unreachable" "$tmp/e" &&
	ok "a listed unreachable line that ran is an error ($body)" ||
	not_ok "ran: rc, $(cat "$tmp/e")"
done_testing
