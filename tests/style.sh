#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every C file of the tree is as the kernel-style .clang-format writes it
# (make format). The deliberately broken variants under tests/variants are
# patches, not C, and are left out like in make format.
#
# The formatter is pinned: clang-format-14, the one Debian 12 ships and
# scripts/deps installs. Another version formats some constructs otherwise,
# so a different one would make this test's verdict depend on the machine.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh
. tests/lib/tree.sh

fmt=${CLANG_FORMAT:-clang-format-14}

if ! command -v git > /dev/null || ! git rev-parse --git-dir > /dev/null 2>&1; then
	skip "not a git checkout: no list of the tree's files"
	done_testing
	exit 0
fi
if ! command -v "$fmt" > /dev/null; then
	not_ok "$fmt is missing: run scripts/deps (package clang-format-14)"
	done_testing
	exit 0
fi

# The check must be able to fail: a file it would rewrite is reported.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp .clang-format "$tmp/"
printf 'int f(int a){\n  if(a) return 1;\n  return 0;}\n' > "$tmp/bad.c"
if "$fmt" --dry-run "$tmp/bad.c" 2>&1 | grep -q 'warning: code should be clang-formatted'; then
	ok "$fmt --dry-run reports a file that is not kernel-formatted"
else
	not_ok "$fmt --dry-run did not report a mis-formatted file"
fi

mapfile -t files < <(tree_files '*.c' '*.h')
mapfile -t bad < <("$fmt" --dry-run "${files[@]}" 2>&1 |
	sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: .*/\1/p' | uniq)
if [ ${#bad[@]} -eq 0 ]; then
	ok "all ${#files[@]} C files are clang-formatted"
else
	not_ok "${#bad[@]} C file(s) not clang-formatted (make format)"
	for f in "${bad[@]}"; do
		diag "$f:"
		"$fmt" "$f" | diff "$f" - | head -n 6 | sed 's/^/#     /'
	done
fi
done_testing
