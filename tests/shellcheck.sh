#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every shell file of the tree (scripts/, the tests/ directories, the glue;
# found by shebang or shell directive) is clean under Debian's shellcheck at
# warning level. .shellcheckrc names the checks left off, and why.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. tests/lib/tap.sh
. tests/lib/tree.sh

if ! command -v git > /dev/null || ! git rev-parse --git-dir > /dev/null 2>&1; then
	skip "not a git checkout: no list of the tree's files"
	done_testing
	exit 0
fi
if ! command -v shellcheck > /dev/null; then
	not_ok "shellcheck is missing: run scripts/deps (package shellcheck)"
	done_testing
	exit 0
fi

# The check must be able to fail: a known warning is reported.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/bash\nfor f in $(ls | grep x); do echo "$f"; done\n' > "$tmp/bad.sh"
if shellcheck -S warning -f gcc "$tmp/bad.sh" | grep -q 'SC2010'; then
	ok "shellcheck -S warning reports ls | grep"
else
	not_ok "shellcheck did not report ls | grep"
fi

# A file sourced without a shebang is checked only if it names its shell.
mapfile -t unnamed < <(tree_files '*.sh' | while IFS= read -r f; do
	is_shell "$f" || printf '%s\n' "$f"
done)
if [ ${#unnamed[@]} -eq 0 ]; then
	ok "every .sh file has a shebang or a '# shellcheck shell=' directive"
else
	not_ok "${#unnamed[@]} .sh file(s) without a shebang or shell directive"
	diag "${unnamed[@]}"
fi

mapfile -t files < <(shell_files)
if [ ${#files[@]} -eq 0 ]; then
	not_ok "no shell file found"
elif out=$(shellcheck -x -S warning -f gcc "${files[@]}" 2>&1); then
	ok "all ${#files[@]} shell files are shellcheck-clean at warning level"
else
	not_ok "shellcheck warnings in the tree's shell files"
	printf '%s\n' "$out" | head -n 40 | sed 's/^/#   /'
fi
done_testing
