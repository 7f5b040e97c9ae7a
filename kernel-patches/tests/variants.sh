#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every variant is complete (series, patches in format-patch form, README,
# claims), touches only what host/sim compiles, and its claims parse.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
allowed='^(arch/s390/mm/gmap\.c|arch/s390/mm/pgtable\.c|arch/s390/kvm/gaccess\.c|arch/s390/kvm/vsie\.c|arch/s390/include/asm/gmap\.h)$'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# claim_error LINE: why the claim is malformed (scripts/check-claims --lint)
claim_error() {
	printf '%s\n' "$1" > "$tmp/claim"
	"$top/scripts/check-claims" --lint "$tmp/claim" 2>&1 | sed "s|^$tmp/claim:1: ||"
}

# The checker checks itself on claims that must fail.
for bad in "nosuch exits_l0 == 0" "table_creation nosuch=1 exits_l0 == 0" \
	"table_creation exits_l1x == 0" "pte_churn exits_l0 =< 0" \
	"pte_churn exits_l0 < 0.1*base" "* span_gib=4 exits_l0 == 0" "pte_churn exits_l0"; do
	[ -n "$(claim_error "$bad")" ] && ok "claims: rejects '$bad'" || not_ok "claims: rejects '$bad'"
done
[ -z "$(claim_error 'table_creation span_gib=4  exits_l0  <=  0.1 * baseline')" ] &&
	ok "claims: accepts the README example" || not_ok "claims: accepts the README example"

for d in "$top"/kernel-patches/*/; do
	v=$(basename "$d")
	[ "$v" = tests ] && continue
	errs=()
	[ -f "$d/series" ] || errs+=("no series")
	[ -s "$d/README.md" ] || errs+=("no README.md")
	[ -s "$d/claims" ] || errs+=("no claims")
	listed=()
	while read -r p _; do
		p=${p%%#*}
		[ -n "$p" ] || continue
		listed+=("$p")
		f=$d/$p
		[ -f "$f" ] || { errs+=("$p: listed in series, missing"); continue; }
		head -n1 "$f" | grep -q '^From [0-9a-f]\{40\} ' || errs+=("$p: not in git format-patch form")
		grep -q '^From: gmapbench developers <gmapbench@localhost>$' "$f" || errs+=("$p: From: line")
		grep -q '^Subject: \[PATCH' "$f" || errs+=("$p: Subject: line")
		grep -q '^Signed-off-by: gmapbench developers <gmapbench@localhost>$' "$f" || errs+=("$p: Signed-off-by")
		while read -r t; do
			[[ $t =~ $allowed ]] || errs+=("$p: touches $t (host/sim does not compile it)")
		done < <(sed -n 's|^+++ b/||p' "$f")
	done < "$d/series" 2>/dev/null
	for f in "$d"/*.patch; do
		[ -e "$f" ] || continue
		printf '%s\n' "${listed[@]}" | grep -qx "$(basename "$f")" || errs+=("$(basename "$f"): not in series")
	done
	if [ -f "$d/claims" ]; then
		e=$("$top/scripts/check-claims" --lint "$d/claims" 2>&1) || errs+=("$e")
	fi
	if [ ${#errs[@]} -eq 0 ]; then ok "$v: complete, claims parse"; else
		not_ok "$v: complete, claims parse"; printf '#   %s\n' "${errs[@]}"; fi
done
done_testing
