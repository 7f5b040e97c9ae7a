#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every variant's claims hold on host/sim (scripts/check-claims), and the
# checker fails claims that are false.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The checker on claims that must not hold: it fails each, and says why.
cat > "$tmp/false" <<'CLAIMS'
pte_churn  exits_l0  >  1000000000
table_creation span_gib=4  exits_l0  <=  0.5 * baseline
multi_guest guests=2  shadow_create  !=  baseline
CLAIMS
"$top/scripts/check-claims" --claims "$tmp/false" baseline > "$tmp/false.out" 2>&1
rc=$?
[ $rc -eq 1 ] && ok "false claims: exit 1" || not_ok "false claims: exit 1 (got $rc)"
n=$(grep -c '^FAIL' "$tmp/false.out")
[ "$n" -eq 3 ] && ok "... each of the 3 is reported as failing" ||
	{ not_ok "... each of the 3 is reported as failing ($n)"; sed 's/^/#   /' "$tmp/false.out"; }
has "$tmp/false.out" '^FAIL baseline: table_creation span_gib=4 exits_l0 <= 0.5 \* baseline: [0-9]+ <= [0-9.]+ \(baseline [0-9]+\) does not hold' \
	"... with the values compared"

# A variant with stale shadow entries breaks "oracle_mismatches == 0".
printf '*  oracle_mismatches  ==  0\n' > "$tmp/oracle"
if [ -x "$top/build/bin/gmapbench-stale-pgt" ]; then
	"$top/scripts/check-claims" --claims "$tmp/oracle" stale-pgt > "$tmp/stale.out" 2>&1
	grep -q '^FAIL stale-pgt: pte_churn oracle_mismatches == 0' "$tmp/stale.out" &&
		ok "tests/variants/stale-pgt: the oracle claim fails on pte_churn" ||
		{ not_ok "tests/variants/stale-pgt: the oracle claim fails on pte_churn"; sed 's/^/#   /' "$tmp/stale.out"; }
else
	not_ok "build/bin/gmapbench-stale-pgt exists (make check-build)"
fi

# Bad claims files stop before anything runs (exit 2), naming file:line.
printf 'pte_churn exits_l0 == 0\ntable_creation span_gib=x exits_l0 == 0\n' > "$tmp/bad"
"$top/scripts/check-claims" --claims "$tmp/bad" baseline > "$tmp/bad.out" 2>&1
rc=$?
[ $rc -eq 2 ] && ok "malformed claims: exit 2" || not_ok "malformed claims: exit 2 (got $rc)"
has "$tmp/bad.out" "bad:2: argument span_gib: 'x' is not an integer" "... naming file and line"

# The claims of every variant in kernel-patches/.
"$top/scripts/check-claims" --tap > "$tmp/all.tap" 2>&1
rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	*) echo "$line" ;;
	esac
done < <(grep -v '^1\.\.' "$tmp/all.tap")
[ $rc -eq 0 ] && ok "scripts/check-claims: every variant's claims hold (exit 0)" ||
	not_ok "scripts/check-claims: every variant's claims hold (exit $rc)"
done_testing
