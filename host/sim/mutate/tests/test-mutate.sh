#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/mutate end to end on baseline, quick: the calls gmap_shadow_pgt()
# makes that drop-call removes. Dropping the protection of the shadow page
# table's origin in L1 (rc = gmap_protect_rmap(...) -> rc = 0) must be
# killed by the oracle and reported so; the unshadow on its error path,
# which the scenarios of the filter (table_creation, pte_churn) never take
# (dat_exceptions kind:7 does), is unreachable: listed apart, out of the
# score, exit 1. The equivalent file
# takes mutants out of the score and its stale entries are reported. A
# mutant of the shadow walk (gaccess_shadow.c) is built from the mutant.
top=$(cd "$(dirname "$0")/../../../.." && pwd)
. "$top/tests/lib/tap.sh"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME ARGS...: $tmp/NAME.out, $tmp/NAME.rc
	local name=$1
	shift
	scripts/mutate --work="$tmp/work" "$@" > "$tmp/$name.out" 2>&1
	echo $? > "$tmp/$name.rc"
}

run list --list --ops=drop-call gmap_shadow_pgt
protect=$(grep -F 'rc = gmap_protect_rmap(sg, raddr, origin, PAGE_SIZE);' "$tmp/list.out" | cut -f1)
unshadow=$(grep -F 'gmap_unshadow_pgt(sg, raddr);' "$tmp/list.out" | cut -f1)
if [ "$(cut -f1 "$tmp/list.out" | grep -c .)" -eq 2 ] && [ -n "$protect" ] && [ -n "$unshadow" ]; then
	ok "--list: the two dropped calls of gmap_shadow_pgt ($protect, $unshadow)"
else
	not_ok "--list: the two dropped calls of gmap_shadow_pgt"
	sed 's/^/#   /' "$tmp/list.out"
fi

printf '# for the test\ngmap_shadow_pgt:drop-call:1:1 a mutant that does not exist\n' > "$tmp/equivalent"
run one --ops=drop-call --filter='(span_gib|interval)' --equivalent="$tmp/equivalent" --out="$tmp/results.tsv" gmap_shadow_pgt
[ "$(cat "$tmp/one.rc")" = 1 ] && ok "exit 1: a mutant unreachable" ||
	{ not_ok "exit 1: a mutant unreachable (got $(cat "$tmp/one.rc"))"; sed 's/^/#   /' "$tmp/one.out"; }
has "$tmp/results.tsv" "^$protect	killed	wrong: " "dropping the protection of the shadow pgt's origin is killed as wrong"
has "$tmp/results.tsv" "^$unshadow	unreachable	not reached: " "the unshadow on the error path is unreachable"
has "$tmp/one.out" "^mutation score: 1/1 = 100.0%" "the score: killed / non-equivalent, the unreachable apart"
has "$tmp/one.out" "^mutation score, the unreachable as survivors: 1/2 = 50.0%" "and with the unreachable as survivors"
has "$tmp/one.out" "^  $unshadow  arch/s390/mm/gmap.c:[0-9]+$" "the unreachable mutant is printed with file:line"
has "$tmp/one.out" "^   -> ;$" "and its mutated line"
has "$tmp/one.out" "^stale equivalent entry \(no such mutant\): gmap_shadow_pgt:drop-call:1:1$" \
	"a stale equivalent entry is reported"
has "$tmp/one.out" "^cost of one mutant .*: mean [0-9.]+ s" "the cost of one mutant is measured"
[ -z "$(ls "$tmp"/results.tsv.tmp.* 2> /dev/null)" ] && ok "no temporary result file left" ||
	not_ok "no temporary result file left"

run report --report --ops=drop-call --filter='(span_gib|interval)' --equivalent="$tmp/equivalent" gmap_shadow_pgt
has "$tmp/report.out" "^mutation score: 1/1 = 100.0%" "--report: the same score from the last run, nothing rebuilt"
run report-other --report --ops=negate gmap_shadow_pgt
[ "$(cat "$tmp/report-other.rc")" = 2 ] && ok "--report of mutants that were not run exits 2" ||
	not_ok "--report of mutants that were not run exits 2"

printf '%s dropped on purpose\n%s also\n' "$protect" "$unshadow" > "$tmp/equivalent"
run two --ops=drop-call --filter='(span_gib|interval)' --equivalent="$tmp/equivalent" gmap_shadow_pgt
[ "$(cat "$tmp/two.rc")" = 0 ] && ok "exit 0 when every mutant is listed equivalent" ||
	{ not_ok "exit 0 when every mutant is listed equivalent"; sed 's/^/#   /' "$tmp/two.out"; }
has "$tmp/two.out" "0 killed, 0 survived, 2 listed equivalent" "listed mutants are out of the score"

# a mutant of gaccess_shadow.c, whose compile command make -n prints with
# two spaces before the source: the mutant is compiled, not the original
run walk --ops=negate --filter='kind:' --out="$tmp/walk.tsv" kvm_s390_shadow_fault
if grep -q "	killed	" "$tmp/walk.tsv" && ! grep -q "	identical	" "$tmp/walk.tsv"; then
	ok "the negated conditions of kvm_s390_shadow_fault are built and killed, none identical"
else
	not_ok "the negated conditions of kvm_s390_shadow_fault are built and killed, none identical"
	sed 's/^/#   /' "$tmp/walk.tsv"
fi

run bad --jobs=0 gmap_shadow_pgt
[ "$(cat "$tmp/bad.rc")" = 2 ] && grep -q -- '--jobs=0' "$tmp/bad.out" &&
	ok "a bad option exits 2 naming it" || not_ok "a bad option exits 2 naming it"
run nofn no_such_function
[ "$(cat "$tmp/nofn.rc")" = 2 ] && grep -q 'no_such_function: no such function' "$tmp/nofn.out" &&
	ok "an unknown function exits 2 naming it" || not_ok "an unknown function exits 2 naming it"
done_testing
