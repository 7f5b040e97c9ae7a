#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/kernel-tree on a variant that does not apply names the patch and
# the failed hunk; one that does apply gives a patched tree.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
tmp=$top/build/tests/kernel-tree-broken
rm -rf "$tmp"
mkdir -p "$tmp/good" "$tmp/broken" "$tmp/missing"
good=$top/kernel-patches/batched-flush/0001-s390-mm-flush-a-removed-shadow-gmap-once.patch
cp "$good" "$tmp/good/" && basename "$good" > "$tmp/good/series"
# The same patch with the context of its first hunk changed.
sed "s/^-\tunsigned long asce, \*r2t;/-\tunsigned long asce, *r3t;/" "$good" > "$tmp/broken/0001-broken.patch"
printf '0001-broken.patch\n' > "$tmp/broken/series"
printf 'nosuch.patch\n' > "$tmp/missing/series"

if tree=$("$top/scripts/kernel-tree" "$tmp/good" "$tmp/out-good" 2> "$tmp/good.err") &&
	! grep -q 'gmap_idte_one(asce, raddr)' "$tree/arch/s390/mm/gmap.c"; then
	ok "a patch that applies gives the patched tree"
else
	not_ok "a patch that applies gives the patched tree"; sed 's/^/#   /' "$tmp/good.err"
fi
if "$top/scripts/kernel-tree" "$tmp/broken" "$tmp/out-broken" > /dev/null 2> "$tmp/broken.err"; then
	not_ok "a broken patch fails"
else
	ok "a broken patch fails"
fi
sed 's/^/#   /' "$tmp/broken.err"
grep -q '0001-broken.patch does not apply' "$tmp/broken.err" && ok "the message names the patch" || not_ok "the message names the patch"
grep -q 'file: arch/s390/mm/gmap.c' "$tmp/broken.err" && ok "the message names the file" || not_ok "the message names the file"
grep -q 'hunk #1 FAILED at line [0-9]' "$tmp/broken.err" && ok "the message names the hunk" || not_ok "the message names the hunk"
[ ! -e "$tmp/out-broken/linux" ] && ok "no half-patched tree is left" || not_ok "no half-patched tree is left"
if "$top/scripts/kernel-tree" "$tmp/missing" "$tmp/out-missing" > /dev/null 2> "$tmp/missing.err"; then
	not_ok "a missing patch fails"
else
	grep -q "patch 'nosuch.patch' does not exist" "$tmp/missing.err" && ok "a missing patch is named" || not_ok "a missing patch is named"
fi
rm -rf "$tmp"
done_testing
