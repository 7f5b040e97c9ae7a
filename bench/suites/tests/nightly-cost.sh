#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The nightly's count pass (docs/verdicts.md, "Kernel work"): once per
# variant and suite next to the oracle pass, its state file with wall_s=
# and peak_rss_kib=, its parts, kernel_bb* on the merged rows and
# <variant>.functions.json; done once, redone when its state is gone, and
# skipped with --no-cost.
top=$(cd "$(dirname "$0")/../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n() { scripts/nightly --results="$tmp/r" --host=h --repetitions=1 --min-time=0 \
	--variants=baseline,pgt-prefill --suites=pte_churn --no-report "$@"; }
night=$tmp/r/2026-03-01/h

n --date=2026-03-01 > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok "a night with count passes (exit 0)" ||
	{ not_ok "a night with count passes (exit $rc)"; tail -n 5 "$tmp/err" | sed 's/^/#   /'; }
for v in baseline pgt-prefill; do
	st=$night/state/$v.pte_churn-cost.done
	grep -Eq '^wall_s=[0-9]+\.[0-9]{3}$' "$st" 2> /dev/null && grep -Eq '^peak_rss_kib=[1-9][0-9]*$' "$st" &&
		[ ! -e "$night/state/$v.pte_churn-cost.failed" ] &&
		ok "$v: state/$v.pte_churn-cost.done with wall_s= and peak_rss_kib=" ||
		{ not_ok "$v: the count pass's state"; ls "$night/state" | sed 's/^/#   /'; }
	[ -s "$night/parts/$v/pte_churn.cost.json" ] && [ -s "$night/parts/$v/pte_churn.functions.json" ] &&
		ok "$v: parts/$v/pte_churn.cost.json and .functions.json" || not_ok "$v: the count pass's parts"
	rows=$(grep -c '"run_type"' "$night/$v.json" 2> /dev/null)
	[ "${rows:-0}" -gt 0 ] && [ "$(grep -c '"kernel_bb":' "$night/$v.json")" -eq "$rows" ] &&
		ok "$v.json: kernel_bb on all $rows rows" || not_ok "$v.json: kernel_bb on every row"
	cmp -s "$night/parts/$v/pte_churn.functions.json" "$night/$v.functions.json" &&
		ok "$v.functions.json gathered" || not_ok "$v.functions.json gathered"
done
[ -n "$(find "$night/state" -maxdepth 1 \( -name '*.tmp.*' -o -name '*.rss.*' \))" ] && not_ok "no temporary file left in state/" ||
	ok "no temporary file left in state/"
[ -z "$(find "$night/logs" -maxdepth 1 \( -name '*.rss.*' -o -name '*.tmp.*' \))" ] && ok "nor in logs/" || not_ok "a temporary file left in logs/"

# resumable: a done count pass is not run again, a missing one is
before=$(cat "$night/state/baseline.pte_churn-cost.done")
touch -d '2000-01-01' "$night/parts/baseline/pte_churn.cost.json"
rm "$night/state/pgt-prefill.pte_churn-cost.done" "$night/state/pgt-prefill.pte_churn-r1.done" \
	"$night/parts/pgt-prefill/pte_churn.cost.json"
n --date=2026-03-01 > /dev/null 2>&1
[ "$(find "$night/parts/baseline/pte_churn.cost.json" -newermt '2001-01-01' | wc -l)" -eq 0 ] &&
	[ "$(cat "$night/state/baseline.pte_churn-cost.done")" = "$before" ] &&
	ok "resumed: baseline's done count pass is not run again" ||
	not_ok "resumed: baseline's done count pass ran again"
[ -f "$night/state/pgt-prefill.pte_churn-cost.done" ] && [ -s "$night/parts/pgt-prefill/pte_churn.cost.json" ] &&
	ok "resumed: pgt-prefill's count pass, its state gone, runs again" ||
	not_ok "resumed: pgt-prefill's count pass runs again"

# --no-cost
n --date=2026-03-02 --no-cost > /dev/null 2>&1
nc=$tmp/r/2026-03-02/h
[ -s "$nc/baseline.json" ] && [ -z "$(find "$nc/state" -maxdepth 1 -name '*-cost.*' 2> /dev/null)" ] && ! grep -q kernel_bb "$nc/baseline.json" &&
	[ ! -e "$nc/baseline.functions.json" ] &&
	ok "--no-cost: no count pass, no kernel_bb" || not_ok "--no-cost: no count pass, no kernel_bb"
done_testing
