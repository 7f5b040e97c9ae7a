#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/profile on a tiny pte_churn: pgt-prefill against baseline. The
# function only pgt-prefill has (gmap_shadow_page_prefill) must show up as
# new with a positive delta, and kvm_s390_shadow_fault, which calls it,
# must grow; the parser's inclusive cost of scenario_run must equal
# callgrind's own total; --dry-run prints the commands and runs nothing.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench=pte_churn/ws_pages:32/interval:8/rewrites:8

if ! command -v valgrind > /dev/null; then
	skip "valgrind is not installed (scripts/deps installs it)"
	done_testing
	exit
fi
"$top/scripts/profile" --dry-run pgt-prefill "$bench" --vs baseline --out="$tmp/dry" > "$tmp/dry.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^valgrind --tool=callgrind --toggle-collect=scenario_run ' "$tmp/dry.txt")" -eq 2 ] &&
	grep -q "gmapbench-pgt-prefill --gmap_args=$bench " "$tmp/dry.txt" &&
	grep -q "gmapbench-baseline --gmap_args=$bench " "$tmp/dry.txt" &&
	ok "--dry-run prints the two callgrind commands" || { not_ok "--dry-run (rc=$rc)"; sed 's/^/#   /' "$tmp/dry.txt"; }
[ ! -e "$tmp/dry" ] && ok "--dry-run ran nothing" || not_ok "--dry-run created $tmp/dry"

if ! "$top/scripts/profile" pgt-prefill "$bench" --vs baseline --top=400 --out="$tmp/p" > "$tmp/out" 2> "$tmp/err"; then
	not_ok "scripts/profile pgt-prefill $bench --vs baseline"
	sed 's/^/#   /' "$tmp/err" | tail -20
	done_testing
	exit
fi
ok "scripts/profile pgt-prefill $bench --vs baseline"

row() { awk -v f="$1" '$1 == f' "$tmp/out"; }
r=$(row gmap_shadow_page_prefill)
read -r _ old _ delta ratio <<< "$(echo "$r" | sed 's/ \([kMG]\)\b/\1/g')"
[ "$old" = 0 ] && [ "${delta:0:1}" = + ] && [ "$ratio" = new ] &&
	ok "gmap_shadow_page_prefill: new in pgt-prefill, delta $delta" ||
	{ not_ok "gmap_shadow_page_prefill row: '$r'"; head -5 "$tmp/out" | sed 's/^/#   /'; }
r=$(row kvm_s390_shadow_fault)
[[ $r == *" +"*" x"* ]] && ok "kvm_s390_shadow_fault grows: $r" || not_ok "kvm_s390_shadow_fault row: '$r'"
grep -q '^gmap_shadow_page_prefill' "$tmp/p/functions.old" &&
	not_ok "baseline has gmap_shadow_page_prefill" || ok "baseline has no gmap_shadow_page_prefill"

for side in old:baseline new:pgt-prefill; do
	v=${side#*:} side=${side%%:*}
	total=$(awk '/^(totals|summary):/ { print $2; exit }' "$tmp/p/callgrind.out.$side")
	incl=$(awk -F '\t' '$1 == "scenario_run" { print $2 }' "$tmp/p/functions.$side")
	[ -n "$total" ] && [ "$total" = "$incl" ] &&
		ok "$v: scenario_run's inclusive cost is callgrind's total ($total Ir)" ||
		not_ok "$v: scenario_run $incl, callgrind total $total"
done

"$top/scripts/profile" baseline no_such_scenario > /dev/null 2> "$tmp/e"
[ $? -eq 1 ] && ok "an unknown scenario fails the run" || not_ok "unknown scenario: $(cat "$tmp/e")"
"$top/scripts/profile" baseline 'pte_churn/interval:x' > /dev/null 2> "$tmp/e"
[ $? -eq 2 ] && grep -q "pte_churn/interval:x" "$tmp/e" && ok "a malformed benchmark is named" ||
	not_ok "malformed: $(cat "$tmp/e")"
done_testing
