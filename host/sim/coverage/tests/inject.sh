#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The races scenario reaches the lines docs/coverage.md says only fault
# injection reaches, by gcov's own counts, and each kind reaches its own:
# allocation failures (kind 1) run the -ENOMEM returns and no race with a
# second vCPU; a second vCPU's fault (kind 4) runs "Race with shadow";
# a second vCPU's shadow (kind 5) finds a shadow not yet initialized and
# is "another one faster"; an L0 event inside the operation (kind 3) runs
# the fix-up paths and "Race with unshadow"; an event followed by an
# allocation failure (kind 6) runs the failed fix-ups. Every run: no
# oracle mismatch.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objdir=build/baseline/sim-cov
src=build/baseline/linux/arch/s390/mm/gmap.c

# coverage of the races benchmarks of kind $1 (their nightly arguments)
run_kind() {
	if ! scripts/coverage --variant=baseline --filter="^races/kind:$1/" \
		--out="$tmp/k$1" > "$tmp/k$1.log" 2>&1; then
		not_ok "scripts/coverage on races kind $1"
		sed 's/^/#   /' "$tmp/k$1.log" | tail -20
		return 1
	fi
	if grep -q 'oracle_mismatches=[1-9]' "$tmp/k$1/run.log"; then
		not_ok "races kind $1: oracle mismatches"
		return 1
	fi
	ok "races kind $1 ran with --gmap_check, no oracle mismatch"
	gcov -t -o "$objdir" "$objdir/gmap.o.gcda" 2> /dev/null |
		awk '/^ *-: *0:Source:/ { p = ($0 ~ /arch\/s390\/mm\/gmap.c$/) } p' \
			> "$tmp/k$1/gmap.c.gcov"
}

# the count gcov gives the nth line of FUNCTION whose text contains TEXT
# (0 for '#####'), after run_kind KIND
count() {
	local kind=$1 fn=$2 text=$3 nth=${4:-1} start line
	start=$(grep -n "^[a-z].*[ *]$fn(" "$src" | head -1 | cut -d: -f1)
	line=$(awk -v s="$start" -v t="$text" -v n="$nth" \
		'NR > s && index($0, t) && ++k == n { print NR; exit } NR > s && /^}/ { exit }' "$src")
	[ -n "$line" ] || { echo "none"; return; }
	awk -F: -v l="$line" '$2 + 0 == l { c = $1; gsub(/[ *]/, "", c); print (c == "#####" ? 0 : c); exit }' \
		"$tmp/k$kind/gmap.c.gcov"
}

ran() {
	local kind=$1 fn=$2 text=$3 nth=${4:-1} c
	c=$(count "$kind" "$fn" "$text" "$nth")
	[[ $c =~ ^[0-9]+$ ]] && [ "$c" -gt 0 ] &&
		ok "kind $kind runs $fn: '$text' ($c times)" ||
		not_ok "kind $kind: $fn: '$text' #$nth: count '$c'"
}

never() {
	local kind=$1 fn=$2 text=$3 nth=${4:-1} c
	c=$(count "$kind" "$fn" "$text" "$nth")
	[ "$c" = 0 ] && ok "kind $kind never runs $fn: '$text'" ||
		not_ok "kind $kind: $fn: '$text' #$nth: count '$c', expected 0"
}

if run_kind 1; then
	ran 1 gmap_shadow 'return ERR_PTR(-ENOMEM);'
	ran 1 gmap_shadow_r2t 'return -ENOMEM;'
	ran 1 gmap_shadow_pgt 'return -ENOMEM;'
	ran 1 gmap_shadow_page 'return -ENOMEM;'
	ran 1 gmap_protect_rmap 'return -ENOMEM;'
	never 1 gmap_shadow_sgt '/* Race with shadow */'
	never 1 gmap_find_shadow 'return ERR_PTR(-EAGAIN);'
fi
if run_kind 4; then
	ran 4 gmap_shadow_r3t '/* Race with shadow */'
	ran 4 gmap_shadow_sgt '/* Race with shadow */'
	ran 4 gmap_shadow_pgt '/* Race with shadow */'
	never 4 gmap_shadow_r2t 'return -ENOMEM;'
fi
if run_kind 5; then
	ran 5 gmap_find_shadow 'return ERR_PTR(-EAGAIN);'
	ran 5 gmap_shadow 'gmap_free(new);'
fi
if run_kind 3; then
	ran 3 gmap_table_walk 'return NULL;'
	ran 3 gmap_shadow_r2t '/* Race with unshadow */'
	ran 3 gmap_shadow_pgt '/* Race with unshadow */' 2
	ran 3 gmap_read_table 'rc = gmap_pte_op_fixup(gmap, gaddr, vmaddr, PROT_READ);'
	ran 3 gmap_protect_rmap 'continue;'
	ran 3 gmap_shadow_page 'radix_tree_preload_end();'
	ran 3 gmap_unshadow_sgt 'return;'
	never 3 gmap_shadow_page 'return -ENOMEM;'
fi
if run_kind 6; then
	ran 6 gmap_protect_rmap 'return rc;' 2
	ran 6 gmap_read_table 'break;' 3
fi
done_testing
