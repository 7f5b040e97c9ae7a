#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every C file of the tree is as the kernel-style .clang-format writes it
# (make format). The deliberately broken variants under tests/variants are
# patches, not C, and are left out like in make format.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh

if ! command -v git > /dev/null || ! git rev-parse --git-dir > /dev/null 2>&1; then
	skip "not a git checkout: no list of the tree's files"
	done_testing
	exit 0
fi
mapfile -t files < <(git ls-files '*.c' '*.h' | grep -v '^tests/variants/')
[ ${#files[@]} -gt 100 ] && ok "${#files[@]} C files in the tree" ||
	not_ok "only ${#files[@]} C files found"
mapfile -t bad < <(clang-format --dry-run "${files[@]}" 2>&1 |
	sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: .*/\1/p' | uniq)
if [ ${#bad[@]} -eq 0 ]; then
	ok "every C file is clang-formatted"
else
	not_ok "${#bad[@]} C file(s) not clang-formatted (make format)"
	for f in "${bad[@]}"; do
		diag "$f:"
		clang-format "$f" | diff "$f" - | head -n 6 | sed 's/^/#     /'
	done
fi
done_testing
