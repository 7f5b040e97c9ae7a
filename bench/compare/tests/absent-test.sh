#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A variant absent on the night's kernel base (state/<variant>.base.absent,
# written by scripts/nightly-bases; docs/bases.md) is listed as absent with
# its reason by gmapbench-compare (its ASan/UBSan build), in the text and
# in the report's Runs section, and is no failure: the exit status stays 0.
top=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

cmp=build/tests/gmapbench-compare-san
fx=bench/compare/tests/fixtures/results/2026-11-24/zsim1
tmp=$(mktemp -d build/tests/absent-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

night=$tmp/r/2026-11-24/zsim1
mkdir -p "$night/state"
cp "$fx/baseline.json" "$night/"
echo "the code it changes moved (test)" > "$night/state/gone.base.absent"

"$cmp" "$night" > "$tmp/out.txt" 2> "$tmp/err.txt"
rc=$?
[ $rc -eq 0 ] && ok "a night with an absent variant: exit 0" ||
	{ not_ok "absent variant: exit $rc (want 0)"; sed 's/^/#   /' "$tmp/err.txt"; }
grep -qx "gone: absent on this base: the code it changes moved (test)" "$tmp/out.txt" &&
	ok "the text names it absent, with its reason" ||
	{ not_ok "text: no absent line"; head -n 20 "$tmp/out.txt" | sed 's/^/#   /'; }
grep -qi "gone.*fail\|fail.*gone" "$tmp/out.txt" && not_ok "the absent variant is reported as failed" ||
	ok "the absent variant is not reported as failed"
"$cmp" --format=markdown "$night" > "$tmp/out.md" 2> "$tmp/err.md"
grep -q "gone: absent on this base: the code it changes moved (test)" "$tmp/out.md" &&
	ok "the report names it absent in its Runs section" ||
	not_ok "markdown: no absent line"
done_testing
